import { DescribeLogStreamsCommand, GetLogEventsCommand, type CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { LogLine, LogOptions } from "../training";
import { sleep } from "@/lib/async/sleep";

export const TRAINING_LOG_GROUP = "/aws/sagemaker/TrainingJobs";

/** A job's log streams (`<job>/algo-<n>-<epoch seconds>`, one per instance), by their short names. */
export async function trainingLogStreams(logs: CloudWatchLogsClient, jobName: string, signal?: AbortSignal): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await logs.send(
        new DescribeLogStreamsCommand({ logGroupName: TRAINING_LOG_GROUP, logStreamNamePrefix: `${jobName}/`, nextToken }),
        signal ? { abortSignal: signal } : {},
      );
      for (const stream of page.logStreams ?? []) if (stream.logStreamName) names.push(stream.logStreamName.slice(jobName.length + 1));
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (error) {
    // The group appears with the account's first training job's first line; until then, no streams.
    if ((error as Error).name !== "ResourceNotFoundException") throw error;
  }
  return names.sort(byHost);
}

export interface FollowOptions extends LogOptions {
  /** Whether the job has finished (no more lines will come); asked between passes when following. */
  finished?: () => Promise<boolean>;
  /** Pause between passes while following. */
  pollMs?: number;
}

/**
 * A job's log lines from CloudWatch Logs, every stream of it (or one), oldest first. Each stream is
 * read forward with GetLogEvents from its head, then from the nextForwardToken the last page gave,
 * until the same token comes back (caught up): tokens, not timestamps, so no line is read twice or
 * skipped however the pages fall. Following, new streams are picked up as instances start writing,
 * and it ends one pass after the job has finished. Each pass's lines are merged across streams by time.
 */
export async function* trainingJobLogs(logs: CloudWatchLogsClient, jobName: string, options: FollowOptions = {}): AsyncGenerator<LogLine> {
  try {
    yield* readLogs(logs, jobName, options);
  } catch (error) {
    // A caller that stops listening aborts its signal; that ends the lines, it is not a failure.
    if (!options.signal?.aborted) throw error;
  }
}

async function* readLogs(logs: CloudWatchLogsClient, jobName: string, options: FollowOptions): AsyncGenerator<LogLine> {
  const tokens = new Map<string, string | undefined>();
  const wanted = options.stream?.replace(`${jobName}/`, "");
  const startTime = options.since?.getTime();
  const pollMs = options.pollMs ?? 2_000;
  const send = { ...(options.signal ? { abortSignal: options.signal } : {}) };
  let lastPass = false;

  while (!options.signal?.aborted) {
    const batch: Array<LogLine & { order: number }> = [];
    const streams = (await trainingLogStreams(logs, jobName, options.signal)).filter((name) => wanted === undefined || name === wanted);
    for (const [order, stream] of streams.entries()) {
      let token = tokens.get(stream);
      for (;;) {
        const page = await logs.send(
          new GetLogEventsCommand({
            logGroupName: TRAINING_LOG_GROUP,
            logStreamName: `${jobName}/${stream}`,
            startFromHead: true,
            ...(token ? { nextToken: token } : {}),
            ...(startTime !== undefined ? { startTime } : {}),
          }),
          send,
        );
        for (const event of page.events ?? []) {
          batch.push({ stream, text: event.message ?? "", at: event.timestamp === undefined ? null : new Date(event.timestamp), order });
        }
        const next = page.nextForwardToken;
        if (!next || next === token) break;
        token = next;
        if ((page.events ?? []).length === 0) break;
      }
      tokens.set(stream, token);
    }
    batch.sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0) || a.order - b.order);
    for (const { order: _order, ...line } of batch) {
      void _order;
      yield line;
    }
    if (!options.follow || lastPass) return;
    if (options.finished && (await options.finished())) {
      lastPass = true; // one more pass for what was written just before the end
      continue;
    }
    await sleep(pollMs, options.signal);
  }
}

function byHost(a: string, b: string): number {
  const host = (name: string) => Number(/algo-(\d+)/.exec(name)?.[1] ?? 0);
  return host(a) - host(b) || (a < b ? -1 : a > b ? 1 : 0);
}

