import { apiRoute, searchParamsObject } from "@/lib/api/api-route";
import { logLinesAsEvents, logLinesAsText } from "@/lib/runs/log-streams";
import { runLogs } from "@/lib/runs/run-logs";

// GET /api/v1/runs/{id}/logs?follow=true&since=&stream= – the run's log. `Accept: text/event-stream`
// gets Server-Sent Events (`data: {"stream","text","at"}` per line, `event: end` when the log ends);
// anything else gets the lines as chunked text/plain. With follow the response lasts until the run ends.
export const GET = apiRoute<{ id: string }>("GET /api/v1/runs/{id}/logs", async ({ request, prisma, actor, params }) => {
  const lines = await runLogs(prisma, actor, decodeURIComponent(params.id), searchParamsObject(request), request.signal);
  const sse = (request.headers.get("accept") ?? "").includes("text/event-stream");
  return new Response(sse ? logLinesAsEvents(lines) : logLinesAsText(lines), {
    headers: {
      "Content-Type": sse ? "text/event-stream; charset=utf-8" : "text/plain; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
});
