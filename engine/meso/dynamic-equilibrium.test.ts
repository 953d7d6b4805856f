import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { simulate } from './simulate.ts';
import { tripSet } from './trips.ts';

/** Synthetic: 0 → 1 → 2 straight (2 × 500 m) and 0 → 3 → 2 round (2 × 900 m), 36 km/h, `capacityVph` each. */
function square(capacityVph: number) {
  const b = new GraphBuilder({ name: 'square (synthetic)', source: 'test', synthetic: true });
  for (let i = 0; i < 4; i++) b.addNode(-51 + i * 0.01, -30);
  const edge = (tail: number, head: number, lengthM: number) => b.addEdge({ tail, head, lengthM, capacityVph, speedKmh: 36, lanes: 1, roadClass: 11 });
  edge(0, 1, 500);
  edge(1, 2, 500);
  edge(0, 3, 900);
  edge(3, 2, 900);
  return b.finish();
}

describe('dynamic user equilibrium (synthetic two-route network)', () => {
  // 400 vehicles over 20 min, 1,200 veh/h, on two 720 veh/h routes: all on the short one, it jams
  const g = square(720);
  const n = 400;
  const trips = tripSet(Array.from({ length: n }, (_, i) => Math.floor((i * 1200) / n)), new Array(n).fill(0), new Array(n).fill(2));

  it('the relative gap of all vehicles falls run by run to the stop rule', async () => {
    const r = await simulate(g, trips, { horizonS: 3600, trajectoryEvery: 0, equilibrium: { maxRuns: 30, gap: 0.02 } });
    const gaps = r.summary.history.map((h) => h.gap);
    console.log(gaps.map((x) => x.toFixed(3)).join(' '), r.summary.history.map((h) => h.moved).join(' '));
    expect(gaps[0]).toBeGreaterThan(0.2);
    expect(r.summary.relativeGap).toBeLessThanOrEqual(0.02);
    expect(r.summary.iterations).toBeLessThan(30);
    expect(r.summary.arrived).toBe(n);
  });
});
