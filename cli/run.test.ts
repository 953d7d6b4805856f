import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliInProcess } from './run-cli.ts';

const repo = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const BAD = repo('data/fixtures/scenarios-bad');
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gemeo-run-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gemeo run refuses every malformed scenario of the corpus', () => {
  const expected = JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as Record<string, string>;
  const files = readdirSync(BAD).filter((f) => f.endsWith('.json') && f !== 'expected.json').sort();

  it('has at least 30 files, each with its expected message', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(expected).sort()).toEqual(files);
  });

  for (const name of files) {
    it(name, async () => {
      const file = join(BAD, name);
      const out = join(tmp, `out-${name}`);
      const r = await runCliInProcess(['run', file, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      const prefix = `gemeo: ${file}: `;
      expect(lines[0].startsWith(prefix)).toBe(true);
      expect(lines[0].slice(prefix.length)).toMatch(new RegExp(expected[name]));
      expect(existsSync(out)).toBe(false);
    });
  }
});

describe('gemeo run', () => {
  it('runs a scenario into a run directory and serves the rerun from the cache', async () => {
    const scenario = repo('scenarios/nobres/baseline.json');
    const out = join(tmp, 'runs');
    const first = await runCli(['run', scenario, '--out', out, '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const a = JSON.parse(first.stdout);
    expect(a).toMatchObject({ city: 'nobres', model: 'static', synthetic: true, cached: false });
    expect(a.vkt).toBeGreaterThan(0);
    expect(a.vht).toBeGreaterThan(0);
    for (const f of ['result.fb', 'summary.json', 'links.geojson', 'links.csv', 'convergence.csv', 'run.log']) expect(existsSync(join(a.runDir, f))).toBe(true);
    const summary = JSON.parse(readFileSync(join(a.runDir, 'summary.json'), 'utf8'));
    expect(summary.vkt).toBeCloseTo(a.vkt, 6);
    const second = JSON.parse((await runCli(['run', scenario, '--out', out, '--json'])).stdout);
    expect(second).toMatchObject({ runDir: a.runDir, cached: true, vkt: a.vkt });
  });

  it('prints the dynamic figures of a dynamic scenario: vehicles, arrived, stuck, the simulated mean trip, the trips left out', async () => {
    const scenario = repo('scenarios/nobres/acidente-br-163-dinamico.json');
    const out = join(tmp, 'runs-dynamic');
    const text = await runCliInProcess(['run', scenario, '--out', out]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^vehicles +\d+ departed: \d+ arrived, \d+ stuck or unfinished \(departed = arrived \+ stuck: holds\)$/m);
    expect(text.stdout).toMatch(/^mean trip \(sim\.\) +\d+\.\d\d min over the arrived trips; \d+ squeezes onto full links; \d+ queue-model runs, relative gap of all vehicles -?\d\.\d{4}$/m);
    expect(text.stdout).toMatch(/^not simulated +\d+ trips \(\d+ start and end on one node, \d+ with no route\)$/m);
    expect(text.stdout).toMatch(/^trips +\d+, of which 0 with no route/m);
    const json = JSON.parse((await runCliInProcess(['run', scenario, '--out', out, '--json'])).stdout);
    expect(json.dynamic).toMatchObject({ conserved: true, vehicles: expect.any(Number), arrived: expect.any(Number), stuck: expect.any(Number) });
    expect(json.dynamic.arrived + json.dynamic.stuck).toBe(json.dynamic.vehicles);
  });
});
