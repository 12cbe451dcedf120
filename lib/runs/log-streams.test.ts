import { describe, expect, it } from "vitest";
import type { LogLine } from "@/lib/providers/training";
import { logLinesAsEvents, logLinesAsText } from "./log-streams";

async function* lines(...texts: string[]): AsyncGenerator<LogLine> {
  for (const text of texts) yield { stream: "train.log", text, at: new Date(Date.UTC(2026, 0, 1)) };
}

describe("log streams", () => {
  it("sends plain lines", async () => {
    expect(await new Response(logLinesAsText(lines("a", "b"))).text()).toBe("a\nb\n");
  });

  it("sends events, then the end", async () => {
    expect(await new Response(logLinesAsEvents(lines("epoch: [1/2]"))).text()).toBe(
      'data: {"stream":"train.log","text":"epoch: [1/2]","at":"2026-01-01T00:00:00.000Z"}\n\nevent: end\ndata: {}\n\n',
    );
  });

  it("reports a read that fails as an error event", async () => {
    async function* broken(): AsyncGenerator<LogLine> {
      yield { stream: "s", text: "one", at: null };
      throw new Error("pod gone");
    }
    const text = await new Response(logLinesAsEvents(broken())).text();
    expect(text).toContain('"text":"one"');
    expect(text).toContain('event: error\ndata: {"message":"pod gone"}');
  });

  it("lets go of the log when the reader goes away", async () => {
    let finished = false;
    async function* endless(): AsyncGenerator<LogLine> {
      try {
        for (;;) {
          yield { stream: "s", text: "tick", at: null };
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      } finally {
        finished = true;
      }
    }
    const reader = logLinesAsText(endless()).getReader();
    await reader.read();
    await reader.cancel();
    expect(finished).toBe(true);
  });
});
