import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeResult } from '../engine/metrics/result-file.ts';
import { parseScenario } from '../engine/scenario/parse-scenario.ts';
import type { RunResult } from '../engine/metrics/run-result.ts';
import type { Scenario } from '../engine/scenario/scenario.ts';
import { RUN_FILES } from './run-dir.ts';
import { runScenario } from './run-scenario.ts';

// Nobres runs on a small stand-in network: a whole run takes well under a second.
const runsDir = mkdtempSync(join(tmpdir(), 'gemeo-runs-'));
afterAll(() => rmSync(runsDir, { recursive: true, force: true }));

const scenario = (name: string, seed = 1): Scenario => ({
  city: 'nobres',
  name,
  model: 'static',
  period: 'am-peak',
  seed,
  demand: { scale: 1, tourists: true },
  interventions: [],
});

/** The bytes of a result with its wall-clock parts (createdAt, timings) set to fixed values. */
function timeless(r: RunResult): Uint8Array {
  return encodeResult({
    ...r,
    meta: { ...r.meta, createdAt: '' },
    assignment: { ...r.assignment, seconds: 0 },
    convergence: r.convergence.map((c) => ({ ...c, seconds: 0 })),
  });
}

describe('runScenario', () => {
  it('writes a complete run directory and serves a rerun from the cache', async () => {
    const first = await runScenario(scenario('Linha de base'), { runsDir, scenarioFile: 'scenarios/nobres/baseline.json' });
    expect(first.cached).toBe(false);
    expect(first.runDir).toMatch(/nobres[\\/]baseline[\\/][0-9a-f]{16}$/);
    for (const f of RUN_FILES) expect(existsSync(join(first.runDir, f)), f).toBe(true);

    const summary = JSON.parse(readFileSync(join(first.runDir, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ city: 'nobres', scenario: 'baseline', model: 'static', period: 'am-peak', seed: 1, synthetic: true, version: expect.any(String) });
    expect(summary.vkt).toBeCloseTo(first.result.totals.vkt, 9);
    expect(summary.vkt).toBeGreaterThan(0);
    expect(summary.trips).toBeGreaterThan(0);
    expect(summary.assignment.method).toBe('algb');
    expect(summary.assignment.relativeGap).toBeLessThanOrEqual(1e-4);

    const geo = JSON.parse(readFileSync(join(first.runDir, 'links.geojson'), 'utf8'));
    expect(geo.features).toHaveLength(first.result.edges.count);
    expect(geo.synthetic).toBe(true);
    expect(geo.features[0].geometry.type).toBe('LineString');
    expect(Object.keys(geo.features[0].properties)).toEqual(expect.arrayContaining(['way', 'dir', 'class', 'lanes', 'flow', 'vc', 'speed', 'time']));
    const csv = readFileSync(join(first.runDir, 'links.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(first.result.edges.count + 1);
    // streets by name: the stand-in's generated names, marked synthetic, before the way id
    const named = geo.features.filter((f: { properties: { name?: string } }) => f.properties.name);
    expect(named.length).toBeGreaterThan(geo.features.length / 2);
    expect(named.every((f: { properties: { nameSynthetic?: boolean } }) => f.properties.nameSynthetic === true)).toBe(true);
    expect(Object.keys(named[0].properties).slice(0, 4)).toEqual(['name', 'ref', 'nameSynthetic', 'way']);
    expect(csv[0]).toBe('edge,name,ref,name_synthetic,way,dir,class,lanes,length_m,capacity_vph,free_flow_s,flow_vph,time_s,vc,speed_kmh,changed');
    expect(csv.slice(1).filter((row) => /^\d+,[^,]+,[^,]*,1,-\d+,/.test(row)).length).toBeGreaterThan(csv.length / 2);
    expect(readFileSync(join(first.runDir, 'convergence.csv'), 'utf8').split('\n')[0]).toBe('iteration,gap,step,objective,seconds');

    // Link flows agree with VKT: the totals come from the per-edge columns.
    const e = first.result.edges;
    let vkt = 0;
    for (let k = 0; k < e.count; k++) vkt += (e.flowVph[k] * e.lengthM[k]) / 1000;
    expect(first.result.totals.vkt).toBeCloseTo(vkt, 6);

    const again = await runScenario(scenario('Linha de base'), { runsDir, scenarioFile: 'scenarios/nobres/baseline.json', onProgress: (stage) => expect(stage).toBe('graph') });
    expect(again.cached).toBe(true);
    expect(again.runDir).toBe(first.runDir);
    expect(timeless(again.result)).toEqual(timeless(first.result));
  });

  it('is deterministic: the same scenario gives the same result bytes (apart from wall-clock fields)', async () => {
    const a = await runScenario(scenario('determinism'), { runsDir, force: true });
    const b = await runScenario(scenario('determinism'), { runsDir, force: true });
    expect(b.runDir).toBe(a.runDir);
    expect(timeless(b.result)).toEqual(timeless(a.result));
    const other = await runScenario(scenario('determinism', 2), { runsDir });
    expect(other.runDir).not.toBe(a.runDir);
    expect(timeless(other.result)).not.toEqual(timeless(a.result));
  });

  it('leaves no run directory behind when a run fails', async () => {
    const s = scenario('falha injetada');
    await expect(
      runScenario(s, {
        runsDir,
        onProgress: (stage, done) => {
          if (stage === 'write' && done === 1) throw new Error('injected failure while writing');
        },
      }),
    ).rejects.toThrow(/injected failure/);
    const folder = join(runsDir, 'nobres', 'falha-injetada');
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
  });

  it('keeps the baseline demand and connects every zone when a closure removes roads', async () => {
    const file = new URL('../scenarios/nobres/acidente-br-163-interdicao.json', import.meta.url);
    const closure = parseScenario(readFileSync(file, 'utf8'), 'scenarios/nobres/acidente-br-163-interdicao.json');
    const base = await runScenario({ ...closure, interventions: [] }, { runsDir, scenarioFile: 'baseline.json' });
    const run = await runScenario(closure, { runsDir, scenarioFile: 'acidente-br-163-interdicao.json' });
    expect(run.result.interventions[0]).toMatchObject({ type: 'close' });
    expect(run.result.interventions[0].edges).toBeGreaterThan(0);
    expect(run.result.edges.count).toBe(base.result.edges.count - run.result.interventions[0].edges);
    expect(Array.from(run.result.edges.osmWayId)).not.toContain(-1);
    // same zones and trips as the baseline, so compare can join zone pairs
    expect(run.result.zones.ids).toEqual(base.result.zones.ids);
    expect(Array.from(run.result.zones.trips)).toEqual(Array.from(base.result.zones.trips));
    expect(run.result.totals.unreachableTrips).toBe(0);
    expect(run.result.totals.vkt).toBeGreaterThanOrEqual(base.result.totals.vkt);
  });
});

describe('runScenario warm start', () => {
  it('a baseline leaves its equilibrium; a closure scenario after it starts there and ends where a cold start ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gemeo-warm-'));
    try {
      const base = await runScenario(scenario('Linha de base'), { runsDir: dir, scenarioFile: 'scenarios/nobres/baseline.json' });
      expect(readdirSync(base.runDir).filter((f) => f.startsWith('warm-start-'))).toHaveLength(1);
      const closure: Scenario = { ...scenario('Interdição'), interventions: [{ type: 'close', ways: [-1] }] as Scenario['interventions'] };
      const warm = await runScenario(closure, { runsDir: dir, scenarioFile: 'interdicao.json' });
      const log = readFileSync(join(warm.runDir, 'run.log'), 'utf8');
      expect(log).toMatch(/warm start from the baseline run .*: [1-9]\d* origins started from its equilibrium/);
      expect(readdirSync(warm.runDir).some((f) => f.startsWith('warm-start-'))).toBe(false);
      // the same scenario cold, in a runs folder without the baseline
      const coldDir = mkdtempSync(join(tmpdir(), 'gemeo-cold-'));
      try {
        const cold = await runScenario(closure, { runsDir: coldDir, scenarioFile: 'interdicao.json' });
        expect(readFileSync(join(cold.runDir, 'run.log'), 'utf8')).not.toMatch(/warm start/);
        expect(warm.result.assignment.relativeGap).toBeLessThanOrEqual(1e-4);
        expect(cold.result.assignment.relativeGap).toBeLessThanOrEqual(1e-4);
        // totals agree within what a gap of 1e-4 leaves open
        expect(Math.abs(warm.result.totals.vht - cold.result.totals.vht) / cold.result.totals.vht).toBeLessThan(1e-3);
      } finally {
        rmSync(coldDir, { recursive: true, force: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
