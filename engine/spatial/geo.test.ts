import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random.ts';
import { boxDistance2, haversineM, M_PER_DEG, metresPerDegreeLon, nearestParam, segmentIntersectsBox, segmentsIntersect } from './geo.ts';
import { MinQueue } from './min-queue.ts';

describe('geo', () => {
  it('measures degrees on the mean-radius sphere (IUGG R1 = 6,371,008.8 m)', () => {
    expect(M_PER_DEG).toBeCloseTo(111_195.08, 2);
    expect(haversineM(0, 0, 0, 1)).toBeCloseTo(111_195.08, 2);
    expect(metresPerDegreeLon(60)).toBeCloseTo(M_PER_DEG / 2, 6);
    // two points ~6 km apart around Cuiabá: the local projection is within 0.1 % of the great circle
    const [x1, y1, x2, y2] = [-56.0967, -15.601, -56.1324, -15.6467];
    const gc = haversineM(x1, y1, x2, y2);
    const local = Math.hypot((x2 - x1) * metresPerDegreeLon(y1), (y2 - y1) * M_PER_DEG);
    expect(Math.abs(local - gc) / gc).toBeLessThan(1e-3);
  });

  it('projects onto segments and boxes', () => {
    expect(nearestParam(-1, 1, 1, 1)).toBe(0.5);
    expect(nearestParam(1, 1, 2, 1)).toBe(0);
    expect(nearestParam(-2, 1, -1, 1)).toBe(1);
    expect(nearestParam(3, 3, 3, 3)).toBe(0);
    expect(boxDistance2(0, 0, 2, 1, 1, 1, 2, 2)).toBe(4 + 1);
    expect(boxDistance2(1.5, 1.5, 2, 1, 1, 1, 2, 2)).toBe(0);
  });

  it('tests segments against boxes and segments, edges included', () => {
    expect(segmentIntersectsBox(-1, 0.5, 2, 0.5, 0, 0, 1, 1)).toBe(true); // through
    expect(segmentIntersectsBox(-0.5, 0.8, 0.3, 1.6, 0, 0, 1, 1)).toBe(false); // boxes overlap, segment passes the corner
    expect(segmentIntersectsBox(-1, 1, 0, 1, 0, 0, 1, 1)).toBe(true); // touches a corner
    expect(segmentIntersectsBox(0.2, 0.2, 0.3, 0.3, 0, 0, 1, 1)).toBe(true); // inside
    expect(segmentIntersectsBox(2, 2, 2, 2, 0, 0, 1, 1)).toBe(false); // a point outside
    expect(segmentsIntersect(0, 0, 2, 2, 0, 2, 2, 0)).toBe(true);
    expect(segmentsIntersect(0, 0, 1, 1, 2, 2, 3, 3)).toBe(false); // collinear, apart
    expect(segmentsIntersect(0, 0, 2, 2, 1, 1, 3, 3)).toBe(true); // collinear overlap
    expect(segmentsIntersect(0, 0, 1, 0, 1, 0, 1, 5)).toBe(true); // shared end
    expect(segmentsIntersect(0, 0, 1, 0, 0, 0.1, 1, 0.1)).toBe(false); // parallel
  });
});

describe('MinQueue', () => {
  it('pops by (key, tie) whatever the push order, growing as needed', () => {
    const q = new MinQueue<string>(2);
    const rand = mulberry32(4);
    const entries = Array.from({ length: 500 }, (_, i) => ({ key: Math.floor(rand() * 50), tie: i % 7 === 0 ? -1 - i : i, ref: `r${i}` }));
    for (const e of entries) q.push(e.key, e.tie, e.ref);
    entries.sort((a, b) => a.key - b.key || a.tie - b.tie);
    const popped: [number, number, string][] = [];
    while (q.size) {
      const key = q.peekKey();
      const tie = q.peekTie();
      popped.push([key, tie, q.pop()!]);
    }
    expect(popped).toEqual(entries.map((e) => [e.key, e.tie, e.ref]));
    expect(q.peekKey()).toBe(Infinity);
  });
});
