/**
 * gemeo calibrate on São Paulo with its cordon traffic (scenarios/sao-paulo/baseline-external.json:
 * 60 cordon gateways with assumed volumes, app/cordon-gateways.ts), against the CET 2012 counts;
 * the same split as app/calibrate.test.ts (the 5 held out are every third station, CET018 first).
 * Measured when this was written (2 shared cores, load average 3.5), with the defaults (10 outer
 * iterations, the calibrated run from the loop's last equilibrium):
 *  - all 14 used (13 placed, CET090 unmatched): GEH < 5 at 8 % → 100 % of the station-hours,
 *    modelled 83 % → 101 % of the counted vehicles, 29 s;
 *  - 9 used (8 placed): 100 % under GEH 5, the total within 0.5 %; the 5 held out: none under
 *    GEH 5 (with 6 outer iterations: CET066, the Radial Leste, at one time), modelled 79 % of their
 *    counted vehicles (33 % without cordon traffic). The total is nearer the aim (within 15 %) but
 *    not in it, and the share under GEH 5 is below the 20 % without cordon traffic.
 * With the scaling step by blocks (internal, inbound, outbound, through: `--scale gateway`, the
 * default since; measured 2026-12-03, load 3.3): 9 used, 100 % under GEH 5, the total within
 * 0.5 %; the 5 held out 1 under GEH 5 (CET031, Av. do Estado), modelled 105 % of their counted
 * vehicles — the total within the 15 % aimed at, the share under GEH 5 (60 %) not.
 * With the gateways found past a way's end (60 instead of 44; measured 2026-12-03, load 1.4):
 * all 14, 103 % → 100 % of the counted vehicles, 13 of 13 under GEH 5, 18 s; 9 used, 100 % under
 * GEH 5, 102 %; the 5 held out none under GEH 5, modelled 72 % of their counted vehicles.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../cli/run-cli.ts';

const repo = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const CET = repo('data/counts/cet-sao-paulo-2012-dev.csv');
const SCENARIO = repo('scenarios/sao-paulo/baseline-external.json');
const HELD_OUT = ['CET018', 'CET031', 'CET066', 'CET082', 'CET103'];
const USED = ['CET019', 'CET026', 'CET056', 'CET060', 'CET068', 'CET069', 'CET090', 'CET095', 'CET113'];
type Fit = { n: number; gehUnder5Share: number; countTotal: number; modelTotal: number };
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gemeo-calibrate-cordon-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gemeo calibrate with cordon traffic (São Paulo)', () => {
  it('fits the 14 CET stations: GEH < 5 at ≥ 85 % of the station-hours, the total within 5 %', async () => {
    const r = await runCliInProcess(['calibrate', SCENARIO, '--counts', CET, '--out', join(tmp, 'all.calibration.json'), '--runs', join(tmp, 'runs'), '--json']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as { fit: Record<'before' | 'after', Fit>; seconds: number };
    expect(c.fit.before.n).toBe(13);
    // the cordon traffic lifts the prior from 15 % of the counted vehicles to 103 % (measured; 83 % before the gateways past a way's end)
    expect(c.fit.before.modelTotal / c.fit.before.countTotal).toBeGreaterThan(0.7);
    // measured 13 of 13 (the run gives the loop's fit: app/calibrate.test.ts)
    expect(c.fit.after.gehUnder5Share).toBeGreaterThanOrEqual(0.85);
    expect(Math.abs(c.fit.after.modelTotal / c.fit.after.countTotal - 1)).toBeLessThan(0.05); // measured about 1 % over
    expect(c.seconds).toBeLessThan(180);
  }, 420_000);

  it('held out: calibrated on 9 stations, the 5 others are validation — figures reported whatever they are', async () => {
    const r = await runCliInProcess(['calibrate', SCENARIO, '--counts', CET, '--stations', USED.join(','), '--out', join(tmp, 'split.calibration.json'), '--runs', join(tmp, 'runs'), '--json']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as { runDir: string; fit: Record<'before' | 'after', Fit> };
    // measured 8 of 8
    expect(c.fit.after.gehUnder5Share).toBeGreaterThanOrEqual(0.85);
    expect(Math.abs(c.fit.after.modelTotal / c.fit.after.countTotal - 1)).toBeLessThan(0.05); // measured within 0.5 %
    const v = JSON.parse((await runCliInProcess(['validate', c.runDir, '--counts', CET, '--out', join(tmp, 'v-split'), '--json'])).stdout);
    expect(v.calibration.heldOut.compared).toBe(5);
    const rows = v.rows.filter((x: { station: string }) => HELD_OUT.includes(x.station));
    expect(rows).toHaveLength(5);
    // measured 72 % of the held-out vehicles (105 % before the gateways past a way's end were found, 32 % without
    // cordon traffic): the aim, within 15 %, is not met; the band guards against a worse prior or method
    expect(v.calibration.heldOut.modelToCount).toBeGreaterThan(0.6);
    expect(v.calibration.heldOut.modelToCount).toBeLessThan(1.15);
    // under GEH 5: 0 of 5 (the aim of 60 % is not reached: say so if this ever fails)
    expect(v.calibration.heldOut.gehUnder5Share).toBeLessThan(0.6);
  }, 420_000);
});
