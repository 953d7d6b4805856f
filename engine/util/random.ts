/**
 * Seeded pseudo-random numbers. Every random choice in gemeo takes one of these generators
 * as an argument, so the same seed always gives the same result.
 *
 * mulberry32 is Tommy Ettinger's 32-bit generator (period 2^32, passes gjrand/PractRand for
 * this use): tiny, fast, and good enough for sampling, test fixtures and benchmarks. Not for
 * cryptography.
 */

/** Returns a generator of floats in [0, 1) determined by a 32-bit `seed`. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n) drawn from `rand`. */
export function randomInt(rand: () => number, n: number): number {
  return Math.floor(rand() * n);
}

/** A float in [min, max) drawn from `rand`. */
export function randomIn(rand: () => number, min: number, max: number): number {
  return min + rand() * (max - min);
}
