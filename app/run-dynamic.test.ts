import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compareRuns, CompareError } from '../engine/metrics/compare.ts';
import { readResultFile } from '../engine/metrics/result-file.ts';
import type { RunResult } from '../engine/metrics/run-result.ts';
import { parseScenario } from '../engine/scenario/parse-scenario.ts';
import type { Scenario } from '../engine/scenario/scenario.ts';
import { compareRunDirs } from './compare-runs.ts';
import { DYNAMIC_DEFAULTS, runScenario } from './run-scenario.ts';

// Nobres runs on a small stand-in network: a dynamic run takes well under a second.
const runsDir = mkdtempSync(join(tmpdir(), 'gemeo-dyn-runs-'));
afterAll(() => rmSync(runsDir, { recursive: true, force: true }));
const LIBRARY = fileURLToPath(new URL('../scenarios/nobres/acidente-br-163-dinamico.json', import.meta.url));

const scenario = (model: Scenario['model'], name = 'Linha de base'): Scenario => ({ city: 'nobres', name, model, period: 'am-peak', seed: 1, demand: { scale: 1, tourists: true }, interventions: [] });

let baseline: { runDir: string; result: RunResult } | undefined;
async function dynamicBaseline() {
  baseline ??= await runScenario(scenario('dynamic'), { runsDir, scenarioFile: 'baseline-dinamico.json' });
  return baseline;
}

describe('dynamic runs', () => {
  it('simulate the period, conserve vehicles, write their outputs and round-trip result.fb', async () => {
    const { runDir, result } = await dynamicBaseline();
    const d = result.dynamic!;
    expect(result.meta.model).toBe('dynamic');
    expect(d.summary.vehicles).toBeGreaterThan(500);
    expect(d.summary.arrived + d.summary.stuck).toBe(d.summary.vehicles);
    expect(d.summary.conserved).toBe(true);
    // the window is the period widened by an hour on each side
    expect([d.summary.windowStartS, d.summary.windowEndS]).toEqual([6 * 3600, 9 * 3600]);
    for (let i = 0; i < d.trips.count; i++) expect(d.trips.departS[i] >= 6 * 3600 && d.trips.departS[i] < 9 * 3600).toBe(true);
    // travel time of an arrived trip is at least its free-flow time: delay ≥ 0
    for (let i = 0; i < d.trips.count; i++) if (d.trips.status[i] === 2) expect(d.trips.delayS[i]).toBeGreaterThanOrEqual(0);
    expect(new Set(d.trips.id).size).toBe(d.trips.count);
    expect(d.trajectories.count).toBeGreaterThan(0);
    expect(d.series.binCount * result.edges.count).toBe(d.series.queueVeh.length);
    // nearly every trip took a path drawn from the equilibrium (the rest: OD pairs the period's flows do not join); then the default re-routings ran
    expect(d.summary.routesDrawn).toBeGreaterThan(0.95 * d.summary.vehicles);
    expect(d.summary.routesDrawn).toBeLessThanOrEqual(d.summary.vehicles);
    expect(d.summary.history.length).toBeGreaterThanOrEqual(1);
    expect(d.summary.history.length).toBeLessThanOrEqual(1 + DYNAMIC_DEFAULTS.reroute);
    expect(d.summary.iterations).toBe(d.summary.history.length);
    // the relative gap of all vehicles, run by run; the loop stops at the target or the run limit
    for (const h of d.summary.history) expect(Number.isFinite(h.gap)).toBe(true);
    expect(d.summary.relativeGap).toBe(d.summary.history.at(-1)!.gap);
    expect(d.summary.relativeGap <= DYNAMIC_DEFAULTS.gap || d.summary.iterations === 1 + DYNAMIC_DEFAULTS.reroute).toBe(true);
    expect(d.summary.history.at(-1)!.arrived).toBe(d.summary.arrived);

    for (const f of ['result.fb', 'summary.json', 'links.csv', 'trips.csv', 'link-series.csv', 'run.log']) expect(existsSync(join(runDir, f)), f).toBe(true);
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8'));
    expect(summary.model).toBe('dynamic');
    expect(summary.dynamic).toMatchObject({ vehicles: d.summary.vehicles, arrived: d.summary.arrived, stuck: d.summary.stuck, conserved: true });
    expect(summary.dynamic.meanTravelTimeS).toBeCloseTo(d.summary.meanTravelTimeS, 9);
    expect(summary.dynamic.iterations).toHaveLength(d.summary.history.length);
    expect(summary.dynamic.relativeGap).toBeCloseTo(d.summary.relativeGap, 12);
    expect(summary.dynamic.iterations.at(-1).relativeGap).toBeCloseTo(d.summary.relativeGap, 12);
    expect(summary.dynamic.squeezed).toBe(d.summary.squeezed);
    const trips = readFileSync(join(runDir, 'trips.csv'), 'utf8').trim().split('\n');
    expect(trips[0]).toBe('id,kind,status,depart_s,arrive_s,travel_s,distance_m,delay_s');
    expect(trips.length - 1).toBe(d.trips.count);
    expect(readFileSync(join(runDir, 'run.log'), 'utf8')).toMatch(/conservation: departed \d+ = arrived \d+ \+ stuck \d+: holds/);
    expect(readFileSync(join(runDir, 'run.log'), 'utf8')).toMatch(/queue model run (\d+)\/\1: \d+ vehicles moved before it, \d+ arrived.*relative gap of all vehicles -?\d\.\d{4}/);
    expect(readFileSync(join(runDir, 'run.log'), 'utf8')).toMatch(/dynamic equilibrium \(capacity\): relative gap -?\d\.\d{4} after \d+ queue-model runs/);

    const back = readResultFile(join(runDir, 'result.fb'));
    expect(back.dynamic!.summary).toEqual(d.summary);
    for (const k of ['id', 'kind', 'status', 'departS', 'arriveS', 'distanceM', 'delayS'] as const) expect(Array.from(back.dynamic!.trips[k]), k).toEqual(Array.from(d.trips[k]));
    for (const k of ['flowVph', 'speedKmh', 'densityVpkm', 'queueVeh'] as const) expect(Array.from(back.dynamic!.series[k]), k).toEqual(Array.from(d.series[k]));
    expect(Array.from(back.dynamic!.trajectories.timestamps)).toEqual(Array.from(d.trajectories.timestamps));
    expect(Array.from(back.dynamic!.trajectories.startIndices)).toEqual(Array.from(d.trajectories.startIndices));
    // the per-edge columns hold period averages, so static readers still work
    expect(Array.from(back.edges.flowVph)).toEqual(Array.from(result.edges.flowVph));
    expect(result.edges.flowVph.some((f) => f > 0)).toBe(true);
    expect(result.totals.vkt).toBeGreaterThan(0);
  });

  it('a timed closure stops its links only inside its window', async () => {
    const s = parseScenario(readFileSync(LIBRARY, 'utf8'), 'acidente-br-163-dinamico.json');
    const { result } = await runScenario(s, { runsDir, scenarioFile: LIBRARY });
    const { result: base } = await dynamicBaseline();
    const closed: number[] = [];
    for (let e = 0; e < result.edges.count; e++) if (result.edges.osmWayId[e] === -1) closed.push(e);
    expect(closed.length).toBeGreaterThan(0);
    expect(result.edges.count).toBe(base.edges.count); // nothing removed from the graph
    expect(result.interventions[0]!.note).toMatch(/07:15–07:45/);
    const sr = result.dynamic!.series;
    const flowAt = (r: RunResult, clockS: number) => {
      const q = r.dynamic!.series;
      const b = (clockS - q.startS) / q.binS;
      return closed.reduce((sum, e) => sum + q.flowVph[b * r.edges.count + e]!, 0);
    };
    // 07:15–07:30 and 07:30–07:45 lie inside the window: nothing leaves a closed link
    expect(flowAt(result, 7.25 * 3600)).toBe(0);
    expect(flowAt(result, 7.5 * 3600)).toBe(0);
    // before the window the road carries traffic, as in the baseline
    expect(flowAt(base, 7 * 3600)).toBeGreaterThan(0);
    expect(flowAt(result, 7 * 3600)).toBeGreaterThan(0);
    expect(flowAt(base, 7.25 * 3600)).toBeGreaterThan(0);
    expect(sr.binS).toBe(900);
    expect(result.dynamic!.summary.conserved).toBe(true);
  });

  it('says in its description what the showcase shows: a queue only when one forms', async () => {
    const s = parseScenario(readFileSync(LIBRARY, 'utf8'), 'acidente-br-163-dinamico.json');
    const { result } = await runScenario(s, { runsDir, scenarioFile: LIBRARY });
    const d = result.dynamic!.summary;
    const promisesQueue = /mostra a fila que se forma|fila que se forma/.test(s.description ?? '');
    if (d.stuck === 0 && d.squeezed === 0) expect(promisesQueue).toBe(false);
    // the share of trips left out as same-node is said, not hidden
    const share = d.rejected.sameNode / (d.vehicles + d.rejected.sameNode + d.rejected.unreachable);
    if (share > 0.1) expect(s.description).toMatch(/mesmo nó/);
    // the closure's link window and its street's name reach the result
    expect(result.interventions[0]).toMatchObject({ label: 'BR-163/BR-364', from: '07:15', to: '07:45' });
  });

  it('runs the equilibrium loop as the scenario asks (scheme, run limit), as a run of its own', async () => {
    const { runDir } = await dynamicBaseline();
    const s: Scenario = { ...scenario('dynamic'), dynamic: { reroute: 1, share: 0.5, gap: 0, scheme: 'sample' } };
    const r = await runScenario(s, { runsDir, scenarioFile: 'baseline-dinamico.json' });
    expect(r.runDir).not.toBe(runDir);
    expect(r.result.dynamic!.summary.iterations).toBe(2); // the first run and one iteration
    expect(r.result.dynamic!.summary.history[1].moved).toBeGreaterThan(0);
    expect(r.result.dynamic!.summary.conserved).toBe(true);
    expect(r.result.dynamic!.summary.vehicles).toBe(baseline!.result.dynamic!.summary.vehicles);
  });

  it('compares a dynamic run with itself as all zeros', async () => {
    const { runDir, result } = await dynamicBaseline();
    const c = compareRuns(result, result);
    const d = c.dynamic!;
    expect(d.trips.matched).toBe(result.dynamic!.trips.count);
    expect(d.trips.compared).toBe(result.dynamic!.summary.arrived);
    expect([d.trips.onlyA, d.trips.onlyB, d.trips.meanChangeS, d.trips.shareFaster, d.trips.shareSlower, d.stuck.delta, d.meanTravelTimeS.delta]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(d.topQueueWorse).toEqual([]);
    expect(d.topQueueBetter).toEqual([]);
    expect(d.queueByTime.a).toEqual(d.queueByTime.b);
    const out = compareRunDirs(runDir, runDir, { out: join(runsDir, '_cmp') });
    const html = readFileSync(out.reportPath, 'utf8');
    expect(html).toContain('Modelo dinâmico: tempos de viagem por viagem');
    expect(html).toMatch(/Gap relativo de todos os veículos na última simulação/);
    expect(html).toContain('Modelo dinâmico: filas ao longo do dia');
  });

  it('refuses to compare a static run with a dynamic one, in one line', async () => {
    const { result } = await dynamicBaseline();
    const { result: stat } = await runScenario(scenario('static'), { runsDir, scenarioFile: 'baseline.json' });
    expect(() => compareRuns(stat, result)).toThrow(CompareError);
    expect(() => compareRuns(stat, result)).toThrow(/^runs "Linha de base" \(static\) and "Linha de base" \(dynamic\) cannot be compared: one is static and one dynamic/);
    expect(() => compareRuns(result, stat)).toThrow(/one is static and one dynamic/);
  });
});
