import { AwsServiceError } from "./aws-error";
import type { FakeClock } from "./clock";
import type { JsonOperationHandler } from "./json-protocol-server";

interface EventRecord {
  timestamp: number;
  message: string;
  /** Order of writing inside the stream, for stable event ids. */
  seq: number;
}

interface StreamRecord {
  name: string;
  events: EventRecord[];
  /** Nothing after this time is ever written (the job stopped or failed). */
  cutAt?: number;
}

interface GroupRecord {
  name: string;
  creationTime: number;
  streams: Map<string, StreamRecord>;
}

/**
 * CloudWatch Logs for the fakes. Writers plan events ahead with future timestamps (a training job
 * knows what its container will print); an event becomes visible when the clock reaches it, and
 * a stream exists only once its first event is visible, as streams appear when a container first
 * writes.
 */
export interface FakeLogStore {
  createGroup(name: string): void;
  write(group: string, stream: string, events: Array<{ timestamp: number; message: string }>): void;
  /** Drops every event after `at` and accepts no later ones (the writer died or was stopped). */
  cut(group: string, stream: string, at: number): void;
  /** Visible events of a stream, oldest first (for assertions). */
  events(group: string, stream: string): Array<{ timestamp: number; message: string }>;
  streams(group: string): string[];
  /** Max events per GetLogEvents / FilterLogEvents page, like the service's 1 MB cap (default 10,000). */
  pageLimit: number;
}

export function createLogStore(clock: FakeClock): FakeLogStore & { handlers(where: { region: string; accountId: string }): Record<string, JsonOperationHandler> } {
  const groups = new Map<string, GroupRecord>();
  let seq = 0;

  const visible = (stream: StreamRecord, now = clock.now()) => {
    const limit = Math.min(now, stream.cutAt ?? Infinity);
    let count = 0;
    while (count < stream.events.length && stream.events[count]!.timestamp <= limit) count++;
    return stream.events.slice(0, count);
  };
  const group = (name: string) => {
    const found = groups.get(name);
    if (!found) throw new AwsServiceError("ResourceNotFoundException", "The specified log group does not exist.");
    return found;
  };
  const groupOf = (input: Record<string, unknown>) => {
    const name = input.logGroupName as string | undefined;
    const identifier = input.logGroupIdentifier as string | undefined;
    if (name && identifier) {
      throw new AwsServiceError("InvalidParameterException", "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
    }
    if (!name && !identifier) throw new AwsServiceError("InvalidParameterException", "Either logGroupName or logGroupIdentifier is required.");
    return group(name ?? identifier!.replace(/^arn:aws[a-z-]*:logs:[^:]+:\d{12}:log-group:/, "").replace(/:\*$/, ""));
  };

  const store: FakeLogStore = {
    pageLimit: 10_000,
    createGroup(name) {
      if (!groups.has(name)) groups.set(name, { name, creationTime: clock.now(), streams: new Map() });
    },
    write(groupName, streamName, events) {
      store.createGroup(groupName);
      const target = groups.get(groupName)!;
      let stream = target.streams.get(streamName);
      if (!stream) target.streams.set(streamName, (stream = { name: streamName, events: [] }));
      for (const event of events) {
        if (stream.cutAt !== undefined && event.timestamp > stream.cutAt) continue;
        stream.events.push({ ...event, seq: seq++ });
      }
      stream.events.sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
    },
    cut(groupName, streamName, at) {
      const stream = groups.get(groupName)?.streams.get(streamName);
      if (!stream) return;
      stream.cutAt = Math.min(at, stream.cutAt ?? Infinity);
      stream.events = stream.events.filter((event) => event.timestamp <= at);
    },
    events(groupName, streamName) {
      const stream = groups.get(groupName)?.streams.get(streamName);
      return stream ? visible(stream).map(({ timestamp, message }) => ({ timestamp, message })) : [];
    },
    streams(groupName) {
      return [...(groups.get(groupName)?.streams.values() ?? [])].filter((stream) => visible(stream).length > 0).map((stream) => stream.name);
    },
  };

  function handlers(where: { region: string; accountId: string }): Record<string, JsonOperationHandler> {
    const streamArn = (groupName: string, streamName: string) =>
      `arn:aws:logs:${where.region}:${where.accountId}:log-group:${groupName}:log-stream:${streamName}`;
    return {
      DescribeLogGroups(input) {
        const prefix = input.logGroupNamePrefix as string | undefined;
        const matching = [...groups.values()].filter((g) => !prefix || g.name.startsWith(prefix)).sort((a, b) => compare(a.name, b.name));
        const { page, next } = paginate(matching, input.nextToken, (input.limit as number | undefined) ?? 50);
        return {
          logGroups: page.map((g) => ({
            logGroupName: g.name,
            creationTime: g.creationTime,
            arn: `arn:aws:logs:${where.region}:${where.accountId}:log-group:${g.name}:*`,
          })),
          ...(next ? { nextToken: next } : {}),
        };
      },

      DescribeLogStreams(input) {
        const target = groupOf(input);
        const prefix = input.logStreamNamePrefix as string | undefined;
        const orderBy = (input.orderBy as string | undefined) ?? "LogStreamName";
        if (prefix !== undefined && orderBy === "LastEventTime") {
          throw new AwsServiceError("InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        const now = clock.now();
        const listed = [...target.streams.values()]
          .map((stream) => ({ stream, events: visible(stream, now) }))
          .filter(({ stream, events }) => events.length > 0 && (prefix === undefined || stream.name.startsWith(prefix)));
        const key = (entry: (typeof listed)[number]) => (orderBy === "LastEventTime" ? entry.events.at(-1)!.timestamp : entry.stream.name);
        listed.sort((a, b) => (input.descending ? -1 : 1) * compare(key(a), key(b)));
        const { page, next } = paginate(listed, input.nextToken, (input.limit as number | undefined) ?? 50);
        return {
          logStreams: page.map(({ stream, events }) => ({
            logStreamName: stream.name,
            creationTime: events[0]!.timestamp,
            firstEventTimestamp: events[0]!.timestamp,
            lastEventTimestamp: events.at(-1)!.timestamp,
            lastIngestionTime: events.at(-1)!.timestamp + 5,
            arn: streamArn(target.name, stream.name),
          })),
          ...(next ? { nextToken: next } : {}),
        };
      },

      GetLogEvents(input) {
        const target = groupOf(input);
        const stream = target.streams.get(input.logStreamName as string);
        if (!stream || visible(stream).length === 0) throw new AwsServiceError("ResourceNotFoundException", "The specified log stream does not exist.");
        const start = input.startTime as number | undefined;
        const end = input.endTime as number | undefined;
        const inRange = visible(stream).filter((e) => (start === undefined || e.timestamp >= start) && (end === undefined || e.timestamp < end));
        const limit = Math.min((input.limit as number | undefined) ?? 10_000, store.pageLimit);
        const token = input.nextToken === undefined ? undefined : parseStreamToken(input.nextToken as string);
        let from: number;
        let to: number;
        if (token?.direction === "b") {
          to = Math.min(token.position, inRange.length);
          from = Math.max(0, to - limit);
        } else if (token || input.startFromHead) {
          from = Math.min(token?.position ?? 0, inRange.length);
          to = Math.min(inRange.length, from + limit);
        } else {
          // Without a token or startFromHead the service answers the newest events.
          to = inRange.length;
          from = Math.max(0, to - limit);
        }
        return {
          events: inRange.slice(from, to).map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.timestamp + 5 })),
          nextForwardToken: streamToken("f", to),
          nextBackwardToken: streamToken("b", from),
        };
      },

      FilterLogEvents(input) {
        const target = groupOf(input);
        const names = input.logStreamNames as string[] | undefined;
        const prefix = input.logStreamNamePrefix as string | undefined;
        if (names && prefix !== undefined) {
          throw new AwsServiceError("InvalidParameterException", "You cannot specify both logStreamNames and logStreamNamePrefix.");
        }
        const now = clock.now();
        const streams = [...target.streams.values()].filter(
          (stream) => visible(stream, now).length > 0 && (names ? names.includes(stream.name) : prefix === undefined || stream.name.startsWith(prefix)),
        );
        const start = input.startTime as number | undefined;
        const end = input.endTime as number | undefined;
        const matches = filterPattern(input.filterPattern as string | undefined);
        const events = streams
          .flatMap((stream) => visible(stream, now).map((event) => ({ stream: stream.name, event })))
          .filter(({ event }) => (start === undefined || event.timestamp >= start) && (end === undefined || event.timestamp <= end) && matches(event.message))
          .sort((a, b) => a.event.timestamp - b.event.timestamp || a.event.seq - b.event.seq);
        const limit = Math.min((input.limit as number | undefined) ?? 10_000, store.pageLimit);
        const { page, next } = paginate(events, input.nextToken, limit);
        return {
          events: page.map(({ stream, event }) => ({
            logStreamName: stream,
            timestamp: event.timestamp,
            message: event.message,
            ingestionTime: event.timestamp + 5,
            eventId: String(event.seq).padStart(56, "0"),
          })),
          searchedLogStreams: streams.map((stream) => ({ logStreamName: stream.name, searchedCompletely: next === undefined })),
          ...(next ? { nextToken: next } : {}),
        };
      },
    };
  }

  return Object.assign(store, { handlers });
}

/** Forward and backward tokens look like the service's: a direction and 56 digits. */
function streamToken(direction: "f" | "b", position: number): string {
  return `${direction}/${String(position).padStart(56, "0")}`;
}

function parseStreamToken(token: string): { direction: "f" | "b"; position: number } {
  const match = /^([fb])\/(\d{56})$/.exec(token);
  if (!match) throw new AwsServiceError("InvalidParameterException", "The specified nextToken is invalid.");
  return { direction: match[1] as "f" | "b", position: Number(match[2]) };
}

/** The filter syntax the console and tests use: space-separated terms that must all occur, or one "quoted phrase". */
function filterPattern(pattern: string | undefined): (message: string) => boolean {
  if (!pattern || pattern.trim() === "") return () => true;
  const phrase = /^"(.*)"$/.exec(pattern.trim());
  const terms = phrase ? [phrase[1]!] : pattern.trim().split(/\s+/);
  return (message) => terms.every((term) => message.includes(term));
}

function paginate<T>(items: T[], token: unknown, limit: number): { page: T[]; next?: string } {
  let offset = 0;
  if (token !== undefined) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(String(token), "base64url").toString("utf8"));
    if (!decoded) throw new AwsServiceError("InvalidParameterException", "The specified nextToken is invalid.");
    offset = Number(decoded[1]);
  }
  const page = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? Buffer.from(`o${offset + limit}`, "utf8").toString("base64url") : undefined;
  return next ? { page, next } : { page };
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
