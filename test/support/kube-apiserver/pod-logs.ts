/** One line a container wrote, with the kubelet's timestamp. */
export interface LogEntry {
  at: Date;
  text: string;
}

interface ContainerLog {
  current: LogEntry[];
  /** The log of the container instance before the last restart (`kubectl logs --previous`). */
  previous: LogEntry[] | null;
  /** The container exited: a following reader gets EOF after the last line. */
  finished: boolean;
  followers: Set<(entry: LogEntry | null) => void>;
}

/**
 * What the kubelets of the fake cluster hold: each container's output, its previous instance's
 * output after a restart, and readers following it. Fed by the simulated operator (or a test).
 */
export class PodLogs {
  private readonly logs = new Map<string, ContainerLog>();

  append(namespace: string, pod: string, container: string, text: string, at = new Date()): void {
    const log = this.entry(namespace, pod, container);
    for (const line of text.split("\n")) {
      const entry = { at, text: line };
      log.current.push(entry);
      for (const follower of log.followers) follower(entry);
    }
  }

  /** The container restarted: what it wrote becomes the previous log, the new instance starts empty. */
  restart(namespace: string, pod: string, container: string): void {
    const log = this.entry(namespace, pod, container);
    log.previous = log.current;
    log.current = [];
    log.finished = false;
  }

  /** The container exited; followers reach the end of the stream. */
  finish(namespace: string, pod: string, container: string): void {
    const log = this.entry(namespace, pod, container);
    log.finished = true;
    for (const follower of log.followers) follower(null);
    log.followers.clear();
  }

  /** Forgets a pod's logs (the pod was deleted). */
  forget(namespace: string, pod: string): void {
    for (const key of [...this.logs.keys()]) if (key.startsWith(`${namespace}/${pod}/`)) this.logs.delete(key);
  }

  read(namespace: string, pod: string, container: string, previous: boolean): LogEntry[] | null {
    const log = this.logs.get(key(namespace, pod, container));
    if (previous) return log?.previous ?? null;
    return log ? [...log.current] : [];
  }

  isFinished(namespace: string, pod: string, container: string): boolean {
    return this.logs.get(key(namespace, pod, container))?.finished ?? false;
  }

  /** Calls `onEntry` for each new line, then with null once the container exits. Returns the unsubscribe. */
  follow(namespace: string, pod: string, container: string, onEntry: (entry: LogEntry | null) => void): () => void {
    const log = this.entry(namespace, pod, container);
    if (log.finished) {
      onEntry(null);
      return () => {};
    }
    log.followers.add(onEntry);
    return () => log.followers.delete(onEntry);
  }

  private entry(namespace: string, pod: string, container: string): ContainerLog {
    const k = key(namespace, pod, container);
    let log = this.logs.get(k);
    if (!log) {
      log = { current: [], previous: null, finished: false, followers: new Set() };
      this.logs.set(k, log);
    }
    return log;
  }
}

function key(namespace: string, pod: string, container: string): string {
  return `${namespace}/${pod}/${container}`;
}
