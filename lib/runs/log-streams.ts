import type { LogLine } from "@/lib/providers/training";

// A run's log lines as bytes for a response body: plain text, or Server-Sent Events for live views.

const encoder = new TextEncoder();

/** One line per chunk, so a followed log shows each line as soon as it is written. */
export function logLinesAsText(lines: AsyncIterable<LogLine>): ReadableStream<Uint8Array> {
  const iterator = lines[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(`${next.value.text}\n`));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/**
 * `data: {"stream","text","at"}` per line, `event: end` when the log ends (the run finished),
 * `event: error` with a message if reading fails, and a comment every 15 s so proxies keep a quiet
 * follow open.
 */
export function logLinesAsEvents(lines: AsyncIterable<LogLine>, keepAliveMs = 15_000): ReadableStream<Uint8Array> {
  const iterator = lines[Symbol.asyncIterator]();
  let ping: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  return new ReadableStream({
    async start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      ping = setInterval(() => send(": keep-alive\n\n"), keepAliveMs);
      try {
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
          const { stream, text, at } = next.value;
          send(`data: ${JSON.stringify({ stream, text, at: at?.toISOString() ?? null })}\n\n`);
        }
        send("event: end\ndata: {}\n\n");
      } catch (error) {
        send(`event: error\ndata: ${JSON.stringify({ message: error instanceof Error ? error.message : String(error) })}\n\n`);
      } finally {
        clearInterval(ping);
        if (!closed) {
          closed = true;
          controller.close();
        }
      }
    },
    async cancel() {
      closed = true;
      clearInterval(ping);
      await iterator.return?.();
    },
  });
}
