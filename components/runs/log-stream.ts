// Reading the run's log endpoint as it streams. Asked for `text/event-stream`, it sends one event
// per log line (`data: {"stream","text","at"}`), `event: end` when the log ends and `event: error`
// with a message when reading failed; a data line that is not JSON is taken as plain text.

export interface LogEntry {
  stream: string | null;
  text: string;
  at: string | null;
}

export function parseLogLine(line: string): LogEntry {
  if (line.startsWith("{")) {
    try {
      const value = JSON.parse(line) as { stream?: unknown; text?: unknown; at?: unknown };
      if (typeof value.text === "string") {
        return { stream: typeof value.stream === "string" ? value.stream : null, text: value.text, at: typeof value.at === "string" ? value.at : null };
      }
    } catch {
      // Not JSON after all: a log line that starts with "{".
    }
  }
  return { stream: null, text: line, at: null };
}

export interface ServerSentEvent {
  event: string;
  data: string;
}

/** Server-Sent Events from a growing text: complete events only, comments (keep-alives) dropped. */
export function sseParser() {
  const lines = lineSplitter({ keepEmpty: true });
  let event = "message";
  let data: string[] = [];
  const take = (line: string, out: ServerSentEvent[]) => {
    if (line === "") {
      if (data.length > 0) out.push({ event, data: data.join("\n") });
      event = "message";
      data = [];
    } else if (line.startsWith(":")) {
      // a comment: the server's keep-alive
    } else if (line.startsWith("data:")) data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
    else if (line.startsWith("event:")) event = line.slice(6).trim();
  };
  return {
    push(chunk: string): ServerSentEvent[] {
      const out: ServerSentEvent[] = [];
      for (const line of lines.push(chunk)) take(line, out);
      return out;
    },
    end(): ServerSentEvent[] {
      const out: ServerSentEvent[] = [];
      for (const line of [...lines.end(), ""]) take(line, out);
      return out;
    },
  };
}

/** Splits a growing text into complete lines, keeping the unfinished tail for the next chunk. */
export function lineSplitter({ keepEmpty = false } = {}) {
  let tail = "";
  return {
    push(chunk: string): string[] {
      const lines = (tail + chunk).split("\n");
      tail = lines.pop() ?? "";
      const clean = lines.map((line) => line.replace(/\r$/, ""));
      return keepEmpty ? clean : clean.filter((line) => line.length > 0);
    },
    end(): string[] {
      const rest = tail.replace(/\r$/, "");
      tail = "";
      return rest ? [rest] : [];
    },
  };
}

/** Case-insensitive substring filter; an empty query keeps everything. */
export function filterLines(lines: readonly LogEntry[], query: string): LogEntry[] {
  const needle = query.trim().toLowerCase();
  return needle ? lines.filter((line) => line.text.toLowerCase().includes(needle)) : [...lines];
}

/** A download of what is loaded: `[stream] text` per line when several streams are mixed. */
export function logText(lines: readonly LogEntry[], withStream: boolean): string {
  return lines.map((line) => (withStream && line.stream ? `[${line.stream}] ${line.text}` : line.text)).join("\n") + (lines.length ? "\n" : "");
}
