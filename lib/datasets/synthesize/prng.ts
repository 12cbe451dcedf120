/**
 * A small seeded generator (mulberry32): the same seed draws the same sequence on every machine and
 * Node version, which Math.random cannot promise. 32 bits of state are plenty for picking fonts,
 * words and pixel noise; this is not for anything secret.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform 32-bit unsigned integer: the raw draw, for hot loops that split it into smaller numbers. */
  uint32(): number;
  /** Uniform float in [min, max). */
  float(min: number, max: number): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Standard normal (mean 0, sd 1), by Box–Muller. */
  gaussian(): number;
  /** A new independent generator seeded from this one, so work done out of order stays reproducible. */
  fork(): Prng;
}

export function mulberry32(seed: number): Prng {
  let state = seed >>> 0;
  let spare: number | null = null;
  const uint32 = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = () => uint32() / 4294967296;
  const prng: Prng = {
    next,
    uint32,
    float: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error("cannot pick from an empty list");
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    gaussian: () => {
      if (spare !== null) {
        const value = spare;
        spare = null;
        return value;
      }
      // 1 - next() is in (0, 1], so the logarithm is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      const angle = 2 * Math.PI * next();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
    fork: () => mulberry32(Math.floor(next() * 4294967296)),
  };
  return prng;
}

/** A fresh seed for requests that give none; reported back so the run can be repeated. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 4294967296);
}
