/**
 * The fakes' sense of time. Jobs and endpoints move through their lifecycles by comparing the
 * clock with when things were asked for, so a test can use real time with short steps, or a
 * manual clock it advances itself for exact, instant transitions.
 */
export interface FakeClock {
  now(): number;
}

export const realClock: FakeClock = { now: () => Date.now() };

export interface ManualClock extends FakeClock {
  advance(ms: number): void;
  set(epochMs: number): void;
}

export function manualClock(start = Date.parse("2026-11-24T09:00:00Z")): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
    set(epochMs) {
      current = epochMs;
    },
  };
}

/**
 * How long things take in the fakes. AWS durations given in requests (wait intervals, max runtime)
 * are seconds scaled by `secondMs`; the rest are fixed so a job or endpoint finishes quickly.
 */
export interface FakeTiming {
  /** Milliseconds one AWS second lasts in the fake (WaitIntervalInSeconds, MaxRuntimeInSeconds …). */
  secondMs: number;
  /** Starting, Downloading and Uploading each last this long. */
  trainingStepMs: number;
  /** The Training step. */
  trainingMs: number;
  /** Creating an endpoint fleet (new endpoint, or the green fleet of an update). */
  endpointProvisionMs: number;
}

/** Slow enough for a person (or an e2e test polling every second or two) to watch each step. */
export const E2E_TIMING: FakeTiming = { secondMs: 20, trainingStepMs: 2_000, trainingMs: 12_000, endpointProvisionMs: 4_000 };

/** Fast enough for integration tests; every step still takes a visible slice of time. */
export const TEST_TIMING: FakeTiming = { secondMs: 1, trainingStepMs: 40, trainingMs: 300, endpointProvisionMs: 80 };
