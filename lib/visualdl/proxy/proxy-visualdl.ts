import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { runVisualDl } from "../curves/run-visualdl-source";

/** The path prefix the run's VisualDL server is started with (`visualdl --public-path …`). */
export function visualDlPublicPath(runId: string): string {
  return `/api/v1/runs/${runId}/visualdl`;
}

// Hop-by-hop headers and the console's own credentials never cross the proxy.
const DROPPED_REQUEST_HEADERS = ["host", "connection", "keep-alive", "transfer-encoding", "upgrade", "cookie", "authorization", "proxy-authorization", "te", "trailer"];
const DROPPED_RESPONSE_HEADERS = ["connection", "keep-alive", "transfer-encoding", "set-cookie", "content-encoding", "content-length"];

/**
 * Forwards one browser request to the run's VisualDL server through the target (e.g. the API server's
 * service proxy). Only signed-in team members reach it; the cluster address stays on the server.
 */
export async function proxyVisualDl(prisma: PrismaClient, actor: Actor, runId: string, request: Request): Promise<Response> {
  const { run, proxy } = await runVisualDl(prisma, actor, runId);
  const upstream = await proxy();
  if (!upstream) throw new ConsoleError("not_found", `Run ${run.name} has no VisualDL server (turn VisualDL on when launching on a Kubernetes target).`);
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  for (const name of DROPPED_REQUEST_HEADERS) headers.delete(name);
  let answer: Response;
  try {
    answer = await upstream.fetch(url.pathname + url.search, {
      method: request.method,
      headers,
      body: request.method === "GET" || request.method === "HEAD" ? null : request.body,
      signal: request.signal,
    });
  } catch (error) {
    throw new ConsoleError("unavailable", `VisualDL of run ${run.name} did not answer: ${(error as Error).message}`);
  }
  const out = new Headers(answer.headers);
  for (const name of DROPPED_RESPONSE_HEADERS) out.delete(name);
  // Shown in the console's own frame only.
  out.set("Content-Security-Policy", "frame-ancestors 'self'");
  out.set("X-Frame-Options", "SAMEORIGIN");
  return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: out });
}
