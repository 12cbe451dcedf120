import { describe, expect, it } from "vitest";
import { filterLines, lineSplitter, logText, parseLogLine, sseParser } from "./log-stream";

describe("reading a run's log stream", () => {
  it("reads NDJSON log lines and plain text alike", () => {
    expect(parseLogLine('{"stream":"train.log","text":"epoch: [1/10], loss: 1.2","at":"2026-01-01T00:00:00.000Z"}')).toEqual({
      stream: "train.log",
      text: "epoch: [1/10], loss: 1.2",
      at: "2026-01-01T00:00:00.000Z",
    });
    expect(parseLogLine("[2026/01/01 00:00:00] ppocr INFO: epoch: [1/10]")).toEqual({ stream: null, text: "[2026/01/01 00:00:00] ppocr INFO: epoch: [1/10]", at: null });
    expect(parseLogLine("{not json")).toEqual({ stream: null, text: "{not json", at: null });
  });

  it("reads the endpoint's Server-Sent Events, however the chunks are cut, skipping keep-alives", () => {
    const sse = sseParser();
    const body = 'data: {"stream":"train.log","text":"a","at":null}\n\n: keep-alive\n\ndata: {"stream":"train.log","text":"b","at":null}\n\nevent: end\ndata: {}\n\n';
    const events = [...sse.push(body.slice(0, 17)), ...sse.push(body.slice(17, 60)), ...sse.push(body.slice(60)), ...sse.end()];
    expect(events).toEqual([
      { event: "message", data: '{"stream":"train.log","text":"a","at":null}' },
      { event: "message", data: '{"stream":"train.log","text":"b","at":null}' },
      { event: "end", data: "{}" },
    ]);
    expect(parseLogLine(events[0]!.data)).toEqual({ stream: "train.log", text: "a", at: null });
  });

  it("keeps a line cut between two chunks whole", () => {
    const split = lineSplitter();
    expect(split.push("first\nsec")).toEqual(["first"]);
    expect(split.push("ond\r\nthird")).toEqual(["second"]);
    expect(split.end()).toEqual(["third"]);
  });

  it("filters without case and downloads with stream names when streams are mixed", () => {
    const lines = [
      { stream: "worker-0", text: "loss: 1.0", at: null },
      { stream: "worker-1", text: "ERROR out of memory", at: null },
    ];
    expect(filterLines(lines, "error").map((l) => l.text)).toEqual(["ERROR out of memory"]);
    expect(filterLines(lines, "  ")).toHaveLength(2);
    expect(logText(lines, true)).toBe("[worker-0] loss: 1.0\n[worker-1] ERROR out of memory\n");
    expect(logText(lines, false)).toBe("loss: 1.0\nERROR out of memory\n");
  });
});
