import { describe, expect, it } from 'vitest';
import { aggregate, type SweepRow } from './aggregate.ts';

const row = (index: number, scale: number, seed: number, vht: number): SweepRow => ({
  index,
  label: `demand.scale=${scale}, seed=${seed}`,
  params: [{ path: 'demand.scale', value: scale }, { path: 'seed', value: seed }],
  result: { runDir: `r${index}`, inputHash: `h${index}`, cached: false, seconds: 0, metrics: { vht, vkt: 2 * vht, meanTripMin: 1, delayVh: 0, co2Kg: 0, trips: 1, unreachableTrips: 0 }, assignment: { iterations: 1, relativeGap: 0 } },
});
const vary = [{ path: 'demand.scale', values: [0.9, 1.1] }, { path: 'seed', values: [1, 2] }];

describe('sweep aggregate', () => {
  it('bands each metric over the seeds for each value of a parameter, and ranks the combinations by the objective', () => {
    const rows = [row(0, 0.9, 1, 10), row(1, 0.9, 2, 14), row(2, 1.1, 1, 20), row(3, 1.1, 2, 9), { index: 4, label: 'x', params: [], error: 'failed' }];
    const a = aggregate(rows, vary, 'vht');
    expect(a.series['demand.scale'].vht).toEqual([
      { value: 0.9, n: 2, mean: 12, min: 10, max: 14 },
      { value: 1.1, n: 2, mean: 14.5, min: 9, max: 20 },
    ]);
    expect(a.series['demand.scale'].vkt[0].mean).toBe(24);
    expect(a.series.seed.vht.map((b) => b.mean)).toEqual([15, 11.5]);
    expect(a.combos.map((c) => [c.label, c.mean])).toEqual([['demand.scale=0.9', 12], ['demand.scale=1.1', 14.5]]);
    expect(a.bestCombo).toEqual({ label: 'demand.scale=0.9', mean: 12, n: 2 });
    expect(a.best).toMatchObject({ index: 3, value: 9, runDir: 'r3' });
  });

  it('has no best when nothing completed', () => {
    const a = aggregate([{ index: 0, label: 'x', params: [], error: 'e' }], vary, 'vht');
    expect(a.best).toBeUndefined();
    expect(a.series.seed.vht[0].n).toBe(0);
  });
});
