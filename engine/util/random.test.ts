import { describe, expect, it } from 'vitest';
import { mulberry32, randomIn, randomInt } from './random.ts';

describe('mulberry32', () => {
  it('matches the reference implementation', () => {
    // First output of the canonical mulberry32 for seed 1, as published with the algorithm.
    expect(mulberry32(1)()).toBe(0.6270739405881613);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const sa = Array.from({ length: 100 }, a);
    expect(Array.from({ length: 100 }, b)).toEqual(sa);
    expect(Array.from({ length: 100 }, c)).not.toEqual(sa);
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const r = mulberry32(7);
    const bins = new Uint32Array(10);
    for (let i = 0; i < 100_000; i++) {
      const v = r();
      expect(v >= 0 && v < 1).toBe(true);
      bins[Math.floor(v * 10)]++;
    }
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('draws integers and ranges within bounds', () => {
    const r = mulberry32(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const k = randomInt(r, 5);
      seen.add(k);
      const x = randomIn(r, -2, 3);
      expect(x >= -2 && x < 3).toBe(true);
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
