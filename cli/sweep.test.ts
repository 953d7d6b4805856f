import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './run-cli.ts';

// A real local sweep on Nobres (a small stand-in network: a whole run takes well under a second).
const dir = mkdtempSync(join(tmpdir(), 'gemeo-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sweepFile = (name: string, doc: unknown) => {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(doc));
  return f;
};

describe('gemeo sweep', () => {
  it('runs every variant on two worker threads, records them and writes the report (pt/en)', async () => {
    const runs = join(dir, 'runs');
    const r = await runCliInProcess(['sweep', 'sweeps/nobres-escala.json', '--out', runs, '--workers', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ variants: 9, completed: 9, failed: 0 });
    expect(out.report).toMatch(/_sweeps[\\/]nobres-escala-da-demanda[\\/]report\.html$/);
    const pt = readFileSync(out.report, 'utf8');
    expect(pt).toContain('Melhor combinação');
    expect(pt).toContain('<svg');
    expect(readFileSync(out.reportEn, 'utf8')).toContain('Best combination');
    expect(out.best.label).toMatch(/^demand\.scale=0\.9, seed=\d$/);
    const csv = readFileSync(join(out.report, '..', 'variants.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(10);
    expect(csv[0]).toBe('variant,demand.scale,seed,status,vht,vkt,meanTripMin,delayVh,co2Kg,run_dir,error');
    // a higher demand costs more vehicle-hours, seed by seed
    const vht = (scale: number, seed: number) => out.results.find((x: { label: string }) => x.label === `demand.scale=${scale}, seed=${seed}`).vht;
    for (const seed of [1, 2, 3]) expect(vht(1.1, seed)).toBeGreaterThan(vht(0.9, seed));
    const db = new Database(join(runs, 'catalogue.sqlite'), { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM runs WHERE status = 'complete'").get()).toEqual({ n: 9 });
    expect(db.prepare('SELECT variants, completed, failed FROM sweeps').all()).toEqual([{ variants: 9, completed: 9, failed: 0 }]);
    expect(db.prepare('SELECT count(*) AS n FROM sweep_variants WHERE run_id IS NOT NULL').get()).toEqual({ n: 9 });
    db.close();
    // the same sweep again: every variant from the cache
    const again = JSON.parse((await runCliInProcess(['sweep', 'sweeps/nobres-escala.json', '--out', runs, '--json'])).stdout);
    expect(again.results.every((x: { cached: boolean }) => x.cached)).toBe(true);
  }, 120_000);

  it('runs the baseline first where the variants can start warm from it', async () => {
    const f = sweepFile('warm.json', { name: 'Interdição', base: 'scenarios/nobres/acidente-br-163-interdicao.json', vary: [{ path: 'seed', values: [1, 2] }], objective: 'delayVh' });
    const out = JSON.parse((await runCliInProcess(['sweep', f, '--out', join(dir, 'warm'), '--json'])).stdout);
    expect(out).toMatchObject({ variants: 2, completed: 2, baselines: 2 });
    for (const r of out.results) expect(readFileSync(join(r.runDir, 'run.log'), 'utf8')).toMatch(/warm start from the baseline run/);
  }, 60_000);

  it('refuses a bad sweep with one line naming the file, the vary entry and the field, and exit 2, before running anything', async () => {
    const cases: [unknown, RegExp][] = [
      [{ name: 'x', base: 'scenarios/nobres/baseline.json', vary: [{ path: 'demand.scale', values: [1, -1] }], objective: 'vht' }, /bad1\.json: vary\[0\] \(demand\.scale = -1\): demand\.scale: /],
      [{ name: 'x', base: 'scenarios/nobres/baseline.json', vary: [{ path: 'seed', values: [1] }, { path: 'interventions[0].lanes', values: [2] }], objective: 'vht' }, /bad2\.json: vary\[1\] \(interventions\[0\]\.lanes = 2\): interventions\[0\]\.lanes: interventions has 0 element/],
      [{ name: 'x', base: 'scenarios/nobres/baseline.json', vary: [{ path: 'seed', values: [1] }], objective: 'speed' }, /bad3\.json: objective: expected one of vht/],
      [{ name: 'x', base: 'scenarios/nobres/baseline.json', vary: [{ path: 'demand.colour', values: [1] }], objective: 'vht' }, /bad4\.json: vary\[0\] \(demand\.colour = 1\): demand\.colour: /],
      [{ name: 'x', base: 'scenarios/nobres/missing.json', vary: [{ path: 'seed', values: [1] }], objective: 'vht' }, /bad5\.json: base: no scenario file/],
    ];
    for (const [i, [doc, message]] of cases.entries()) {
      const f = sweepFile(`bad${i + 1}.json`, doc);
      const r = await runCliInProcess(['sweep', f, '--out', join(dir, 'bad-runs'), '--json']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(join(dir, 'bad-runs'))).toBe(false);
  });
});
