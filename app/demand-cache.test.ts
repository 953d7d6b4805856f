import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeResult } from '../engine/metrics/result-file.ts';
import type { RunResult } from '../engine/metrics/run-result.ts';
import type { Scenario } from '../engine/scenario/scenario.ts';
import { decodeDemandCache, demandCacheKey, encodeDemandCache, type CachedDemand } from './demand-cache.ts';
import { runScenario } from './run-scenario.ts';

const dir = mkdtempSync(join(tmpdir(), 'gemeo-demand-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenario = (name: string, seed = 1): Scenario => ({ city: 'nobres', name, model: 'static', period: 'am-peak', seed, demand: { scale: 1, tourists: true }, interventions: [] });
const timeless = (r: RunResult) => encodeResult({ ...r, meta: { ...r.meta, createdAt: '' }, assignment: { ...r.assignment, seconds: 0 }, convergence: r.convergence.map((c) => ({ ...c, seconds: 0 })) });
const logOf = (runDir: string) => readFileSync(join(runDir, 'run.log'), 'utf8');
const cacheFiles = () => readdirSync(join(dir, 'nobres', '_demand')).filter((f) => f.endsWith('.bin'));

describe('demand cache', () => {
  it('a run of the same demand takes it from the cache and gives the same result bytes; another seed builds its own', async () => {
    const first = await runScenario(scenario('Linha de base'), { runsDir: dir, scenarioFile: 'baseline.json', catalogue: false });
    expect(logOf(first.runDir)).not.toMatch(/demand from the cache/);
    expect(cacheFiles()).toHaveLength(1);
    const again = await runScenario(scenario('Linha de base'), { runsDir: dir, scenarioFile: 'baseline.json', catalogue: false, force: true });
    expect(logOf(again.runDir)).toMatch(/demand from the cache/);
    expect(timeless(again.result)).toEqual(timeless(first.result));

    // a closure keeps the baseline's demand: it reads the same cache
    const closure: Scenario = { ...scenario('Interdição'), interventions: [{ type: 'close', ways: [-1] }] as Scenario['interventions'] };
    const closed = await runScenario(closure, { runsDir: dir, scenarioFile: 'interdicao.json', catalogue: false });
    expect(logOf(closed.runDir)).toMatch(/demand from the cache/);
    expect(Array.from(closed.result.zones.trips)).toEqual(Array.from(first.result.zones.trips));

    const other = await runScenario(scenario('Linha de base', 2), { runsDir: dir, scenarioFile: 'baseline.json', catalogue: false });
    expect(logOf(other.runDir)).not.toMatch(/demand from the cache/);
    expect(cacheFiles()).toHaveLength(2);
  });

  it('a cache file that does not decode is named in the log, rebuilt and rewritten', async () => {
    const file = join(dir, 'nobres', '_demand', cacheFiles()[0]);
    const good = readFileSync(file);
    writeFileSync(file, good.subarray(0, good.length >> 1));
    const runs = [scenario('Linha de base'), scenario('Linha de base', 2)];
    let log = '';
    for (const s of runs) log += logOf((await runScenario(s, { runsDir: dir, scenarioFile: 'baseline.json', catalogue: false, force: true })).runDir);
    expect(log).toMatch(/demand cache .* unreadable \(demand cache .*cut short\); building the demand/);
    expect(readFileSync(file).equals(good)).toBe(true);
  });

  it('keys on city, period, seed, demand settings, events, version and file contents', () => {
    const files = join(dir, 'file.txt');
    writeFileSync(files, 'a');
    const s = { city: 'nobres', period: 'am-peak', seed: 1, demand: { scale: 1, tourists: true } };
    const key = demandCacheKey(s, [], '1.0.0', { calibration: files });
    expect(demandCacheKey({ ...s }, [], '1.0.0', { calibration: files })).toBe(key);
    const others = [
      demandCacheKey({ ...s, city: 'sinop' }, [], '1.0.0', { calibration: files }),
      demandCacheKey({ ...s, period: 'pm-peak' }, [], '1.0.0', { calibration: files }),
      demandCacheKey({ ...s, seed: 2 }, [], '1.0.0', { calibration: files }),
      demandCacheKey({ ...s, demand: { scale: 1.1, tourists: true } }, [], '1.0.0', { calibration: files }),
      demandCacheKey({ ...s, demand: { scale: 1, tourists: true, external: true } }, [], '1.0.0', { calibration: files }),
      demandCacheKey(s, [{ lon: 1, lat: 2, visitors: 100 }], '1.0.0', { calibration: files }),
      demandCacheKey(s, [], '1.0.1', { calibration: files }),
      demandCacheKey(s, [], '1.0.0', {}),
    ];
    writeFileSync(files, 'b');
    others.push(demandCacheKey(s, [], '1.0.0', { calibration: files }));
    for (const k of others) expect(k).not.toBe(key);
    expect(new Set(others).size).toBe(others.length);
  });

  it('round-trips every value exactly and refuses what is not a cache', () => {
    const od = { zoneCount: 2, rowStart: Uint32Array.of(0, 1, 2), dest: Uint32Array.of(1, 0), flow: Float64Array.of(0.1 + 0.2, 1 / 3), total: 0.1 + 0.2 + 1 / 3 };
    const d: CachedDemand = {
      zones: { count: 2, id: ['88a', 'gateway:x'], kind: Uint8Array.of(0, 1), lon: Float64Array.of(-56.1, -56.2), lat: Float64Array.of(-14.6, -14.7), population: Float64Array.of(1.5, 0), jobs: Float64Array.of(2, 0), node: Uint32Array.of(3, 4), edge: Int32Array.of(7, -1), snapM: Float64Array.of(12.25, 0), resolution: 8, estimated: true, unconnected: [{ id: '88b', population: 3, jobs: 1 }] },
      zoneNode: Uint32Array.of(3, 4),
      od,
      trucks: { ...od, flow: Float64Array.of(0, 1e-9), total: 1e-9 },
      summary: { city: 'nobres' } as CachedDemand['summary'],
      names: ['Centro', 'BR-163 norte'],
    };
    // as read from a file: a Buffer over a larger pool
    const back = decodeDemandCache(Buffer.concat([Buffer.from('pad'), Buffer.from(encodeDemandCache(d))]).subarray(3));
    expect(back).toEqual(d);
    expect(Array.from(back.od.flow)).toEqual(Array.from(od.flow));
    expect(() => decodeDemandCache(new Uint8Array(16))).toThrow(/bad magic/);
    expect(() => decodeDemandCache(encodeDemandCache(d).subarray(0, 40))).toThrow(/cut short/);
  });
});
