/**
 * A sweep's figures, pure: for each varied parameter and each metric, the mean and the band
 * (lowest to highest) over the variants that share each value — over the seeds and the other
 * parameters; the parameter combinations (seeds pooled) ranked by the objective's mean; the best
 * variant. Lower is better for every objective (vehicle-hours, delay, CO2…).
 */
import type { VaryEntry } from './variants.ts';
import type { VariantResult } from './job.ts';

export const METRICS = ['vht', 'vkt', 'meanTripMin', 'delayVh', 'co2Kg'] as const;
export type Metric = (typeof METRICS)[number];

export interface SweepRow {
  index: number;
  label: string;
  params: { path: string; value: unknown }[];
  result?: VariantResult;
  error?: string;
}

export interface Band {
  value: unknown;
  n: number;
  mean: number;
  min: number;
  max: number;
}

export interface Aggregate {
  /** series[path][metric]: one band per value of the parameter, in the order of the sweep file. */
  series: Record<string, Record<Metric, Band[]>>;
  /** Combinations of the parameters other than `seed`, seeds pooled, best first. */
  combos: { label: string; params: { path: string; value: unknown }[]; n: number; mean: number; min: number; max: number }[];
  best?: { index: number; label: string; value: number; runDir: string };
  bestCombo?: { label: string; mean: number; n: number };
}

export function aggregate(rows: SweepRow[], vary: VaryEntry[], objective: string): Aggregate {
  const done = rows.filter((r) => r.result);
  const metric = (r: SweepRow, m: string) => (r.result!.metrics as Record<string, number>)[m];
  const band = (value: unknown, xs: number[]): Band => ({ value, n: xs.length, mean: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN, min: Math.min(...xs), max: Math.max(...xs) });
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const series: Aggregate['series'] = {};
  for (const entry of vary) {
    series[entry.path] = Object.fromEntries(
      METRICS.map((m) => [m, entry.values.map((value) => band(value, done.filter((r) => same(r.params.find((p) => p.path === entry.path)?.value, value)).map((r) => metric(r, m))))]),
    ) as Record<Metric, Band[]>;
  }
  const groups = new Map<string, { params: SweepRow['params']; xs: number[] }>();
  for (const r of done) {
    const params = r.params.filter((p) => p.path !== 'seed');
    const key = JSON.stringify(params);
    const g = groups.get(key) ?? { params, xs: [] };
    g.xs.push(metric(r, objective));
    groups.set(key, g);
  }
  const combos = [...groups.values()]
    .map((g) => ({ label: g.params.map((p) => `${p.path}=${JSON.stringify(p.value)}`).join(', ') || '—', params: g.params, ...band(null, g.xs) }))
    .map(({ value: _v, ...c }) => c)
    .sort((a, b) => a.mean - b.mean);
  let best: Aggregate['best'];
  for (const r of done) if (!best || metric(r, objective) < best.value) best = { index: r.index, label: r.label, value: metric(r, objective), runDir: r.result!.runDir };
  return { series, combos, ...(best ? { best } : {}), ...(combos.length ? { bestCombo: { label: combos[0].label, mean: combos[0].mean, n: combos[0].n } } : {}) };
}
