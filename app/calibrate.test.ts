/**
 * gemeo calibrate on the real São Paulo extract (am-peak) against the CET 2012 counts of the 14
 * development stations, and the held-out check: calibrated on 9 stations, validated on the other
 * 5 (every third station of the file, CET018 first: a fixed split, not a chosen one). Measured
 * when this was written (2 shared cores, load average 3.5–4), with the defaults (10 assignments,
 * the last to gap 1e-5; after each, a least-squares scaling, up to 20 steps of whole rows and
 * columns while each lowers the objective by ≥ 5 %, then 20 cell steps; GEH weights 1/count; the
 * calibrated baseline run starts at the loop's last equilibrium, so its fit is the loop's, station
 * by station):
 *  - all 14 used (13 placed: CET090, the Elevado Costa e Silva, has one carriageway of two in the
 *    extract and is listed as unmatched): GEH < 5 at 15 % → 92 % of the station-hours (2 → 12 of
 *    13) in the calibrated baseline run, the 12 all under GEH 1, modelled 15 % → 99 % of the
 *    counted vehicles, 24 s. Both targets on the counts used are met; CET026 (Av. Cruzeiro do Sul)
 *    stays 20 % short (GEH 16). Before the run started at the loop's equilibrium, a cold start at
 *    gap 1e-4 moved CET018 from 1,269 to 1,074 veh/h (GEH 0.05 → 5.8): the fit lost a station to
 *    the assignment's tolerance (bench/RESULTS.md);
 *  - 9 used: GEH < 5 at 12 % → 88 % of them (7 of 8); the 5 held out: GEH < 5 at 0 % → 20 %
 *    (CET082; CET018 at GEH 5.8, the same at gap 1e-6), modelled 11 % → 33 % of their counted
 *    vehicles. The held-out aim (60 %, the total within 15 %) is not met: the big held-out
 *    corridors, Radial Leste (CET066, 15,191 veh/h) and Av. do Estado (CET031, 6,733), carry
 *    traffic from beyond the extract, which this scenario's prior does not hold
 *    (app/calibrate-cordon.test.ts: the same with cordon gateways where the extract cuts major roads).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../cli/run-cli.ts';

const repo = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const CET = repo('data/counts/cet-sao-paulo-2012-dev.csv');
const HELD_OUT = ['CET018', 'CET031', 'CET066', 'CET082', 'CET103'];
const USED = ['CET019', 'CET026', 'CET056', 'CET060', 'CET068', 'CET069', 'CET090', 'CET095', 'CET113'];
let tmp: string;
let all: { runDir: string; calibration: string; stations: string[]; unmatched: { station: string; reason: string }[]; fit: Record<'before' | 'after', { n: number; gehUnder5Share: number; countTotal: number; modelTotal: number }>; history: { iteration: number; objective: number; gehUnder5Share: number }[]; seconds: number };

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'gemeo-calibrate-'));
  const r = await runCliInProcess(['calibrate', repo('scenarios/sao-paulo/baseline.json'), '--counts', CET, '--out', join(tmp, 'sp.calibration.json'), '--runs', join(tmp, 'runs'), '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  all = JSON.parse(r.stdout);
}, 420_000); // the calibration plus its baseline run; a shared machine under load needs the margin (the time itself is checked below)
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gemeo calibrate', () => {
  it('fits the 14 CET stations: GEH < 5 at ≥ 85 % of the station-hours (from 15 %), the total within 5 %', () => {
    const { before, after } = all.fit;
    // 13 of the 14 are placed: CET090 is listed as unmatched (one carriageway of two in the extract)
    expect(before.n).toBe(13);
    expect(before.countTotal).toBe(67_821);
    expect(all.unmatched).toEqual([expect.objectContaining({ station: 'CET090' })]);
    expect(before.gehUnder5Share).toBeLessThan(0.3);
    // measured 12 of 13, the 12 under GEH 1 (only CET026 above 5): the run gives the loop's fit, so no station sits at the edge
    expect(after.gehUnder5Share).toBeGreaterThanOrEqual(0.85);
    // the calibrated run starts at the kept iterate's equilibrium: its fit is the one the loop kept
    const kept = all.history.reduce((a, b) => (b.objective < a.objective ? b : a));
    expect(after.gehUnder5Share).toBe(kept.gehUnder5Share);
    expect(Math.abs(after.modelTotal / after.countTotal - 1)).toBeLessThan(0.04); // measured 1.5 % short
    // the convergence history: the prior's assignment, then one per outer iteration; the objective falls overall
    expect(all.history.map((h) => h.iteration)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(all.history.at(-1)!.objective).toBeLessThan(0.2 * all.history[0]!.objective);
    expect(all.seconds).toBeLessThan(180);
  });

  it('writes a calibration file of the demand it fitted, with its stations, method and history; the calibrated run says so', () => {
    const c = JSON.parse(readFileSync(all.calibration, 'utf8'));
    expect(c).toMatchObject({ format: 'gemeo-calibration/1', city: 'sao-paulo', period: 'am-peak', seed: 1, counts: { file: 'cet-sao-paulo-2012-dev.csv' } });
    expect(c.counts.stations).toHaveLength(13);
    expect(c.counts.unmatched).toEqual([{ station: 'CET090', reason: expect.stringContaining('the network holds only the carriageway') }]);
    expect(c.method.name).toBe('spiess-1990');
    expect(c.method.regularisation).toContain('[1/50, 50]');
    expect(c.method).toMatchObject({ endsSteps: 20, endsMinDecrease: 0.05 });
    expect(c.method.regularisation).toContain('whole origin rows and destination columns');
    expect(c.cells.length).toBeGreaterThan(1000);
    const bad = c.cells.filter(([o, d, f]: number[]) => !(o! < c.zones && d! < c.zones && f! >= 1 / 50 - 1e-9 && f! <= 50 + 1e-9 && f !== 1));
    expect(bad).toEqual([]);
    const summary = JSON.parse(readFileSync(join(all.runDir, 'summary.json'), 'utf8'));
    expect(summary.calibration).toMatchObject({ file: all.calibration, stations: c.counts.stations });
    expect(summary.trips).toBeCloseTo(c.trips.calibrated, 0);
  });

  it('validate on the same counts says every compared count was used to calibrate, and leaves nothing as held out', async () => {
    const r = await runCliInProcess(['validate', all.runDir, '--counts', CET, '--out', join(tmp, 'v-all'), '--json']);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v.calibration).toMatchObject({ usedCompared: 13, heldOut: null });
    const text = await runCliInProcess(['validate', all.runDir, '--counts', CET, '--out', join(tmp, 'v-all-text')]);
    expect(text.stdout).toMatch(/calibrated on\s+13 of the compared counts .* were used to calibrate this run: their fit is not validation/);
    expect(readFileSync(join(tmp, 'v-all-text', 'report.html'), 'utf8')).toContain('serviram à calibração, e seu ajuste não é validação');
    expect(readFileSync(join(tmp, 'v-all-text', 'report.en.html'), 'utf8')).toContain('their fit is not validation');
  });

  it('a scenario naming the calibration file runs on the calibrated demand; another seed or a missing file is refused in one line', async () => {
    const scenario = (extra: object, calibration: string) => {
      const file = join(tmp, `s-${Object.keys(extra).join('-') || 'same'}-${calibration.length}.json`);
      writeFileSync(file, JSON.stringify({ city: 'sao-paulo', name: 'calibrada', period: 'am-peak', ...extra, demand: { calibration }, interventions: [] }));
      return file;
    };
    const ok = await runCliInProcess(['run', scenario({}, 'sp.calibration.json'), '--out', join(tmp, 'runs'), '--json']);
    expect(ok.code).toBe(0);
    const run = JSON.parse(ok.stdout);
    expect(run.trips).toBeCloseTo(JSON.parse(readFileSync(join(all.runDir, 'summary.json'), 'utf8')).trips, 0);
    const seed = await runCliInProcess(['run', scenario({ seed: 2 }, 'sp.calibration.json'), '--out', join(tmp, 'runs')]);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toMatch(/^gemeo: .*sp\.calibration\.json: demand\.calibration: made for seed 1, the scenario has 2\n$/);
    const missing = await runCliInProcess(['run', scenario({}, 'none.json'), '--out', join(tmp, 'runs')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^gemeo: .*none\.json: demand\.calibration: no such file\n$/);
  });

  it('held out: calibrated on 9 stations, the 5 others are validation — figures reported whatever they are', async () => {
    const r = await runCliInProcess(['calibrate', repo('scenarios/sao-paulo/baseline.json'), '--counts', CET, '--stations', USED.join(','), '--out', join(tmp, 'split.calibration.json'), '--runs', join(tmp, 'runs'), '--json']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    // CET090 is in the split but cannot be placed: 8 stations are fitted
    expect(c.stations).toEqual(USED.filter((id) => id !== 'CET090'));
    expect(c.fit.after.gehUnder5Share).toBeGreaterThanOrEqual(0.85); // measured 7 of 8
    expect(Math.abs(c.fit.after.modelTotal / c.fit.after.countTotal - 1)).toBeLessThan(0.04); // measured about 2 % short
    const v = JSON.parse((await runCliInProcess(['validate', c.runDir, '--counts', CET, '--out', join(tmp, 'v-split'), '--json'])).stdout);
    expect(v.calibration.usedCompared).toBe(8);
    expect(v.calibration.heldOut.compared).toBe(5);
    const heldRows = v.rows.filter((x: { station: string }) => HELD_OUT.includes(x.station));
    expect(heldRows).toHaveLength(5);
    // the uncalibrated prior carries 11 % of the held-out stations' vehicles; the calibration raises that to 33 % (measured)
    expect(v.calibration.heldOut.modelToCount).toBeGreaterThan(0.28);
    expect(v.calibration.heldOut.modelToCount).toBeLessThan(0.85); // the aim, within 15 %, is not reached: say so if this ever fails
    // 1 of the 5 under GEH 5, CET082 (cells only: none); with 6 outer iterations CET018 was a second, at GEH 4.8
    expect(v.calibration.heldOut.gehUnder5Share).toBeGreaterThanOrEqual(0.2);
    expect(v.calibration.heldOut.gehUnder5Share).toBeLessThan(0.6); // the aim of 60 % is not reached: say so if this ever fails
  }, 180_000);

  it('refuses an unknown station, writing nothing, and explains itself in --help', async () => {
    const bad = await runCliInProcess(['calibrate', repo('scenarios/sao-paulo/baseline.json'), '--counts', CET, '--stations', 'CET999', '--out', join(tmp, 'x.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--stations: no station "CET999"/);
    expect(existsSync(join(tmp, 'x.json'))).toBe(false);
    const help = await runCliInProcess(['calibrate', '--help']);
    expect(help.stdout).toContain('--counts <file>');
    expect(help.stdout).toContain('"demand": {"calibration": "<file>"}');
  });
});
