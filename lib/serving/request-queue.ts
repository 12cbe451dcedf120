/**
 * Runs OCR jobs one at a time (the ONNX sessions already use every core they are given) with a
 * bounded wait list: past it, callers are told to come back (429) rather than piling up memory.
 */
export class RequestQueue {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  get stats() {
    return { active: this.active, waiting: this.waiting.length, maxWaiting: this.maxWaiting };
  }

  /** Null when the queue is full; otherwise the job's result. */
  async run<T>(job: () => Promise<T>): Promise<{ value: T } | null> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) return null;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return { value: await job() };
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // hand the slot over without releasing it
      else this.active -= 1;
    }
  }
}
