/**
 * Mato Grosso's through traffic at the CRO toll plazas, whole day (the ANTT 2023 average day:
 * monthly totals over the days of the month, so every day of the week — ANTT publishes no
 * weekday figure). The three plazas that lie on a modelled network — P2 Rondonópolis, P8 Lucas
 * do Rio Verde, P9 Sorriso, positions approximate — are fitted by `gemeo calibrate --cells all
 * --max-factor 3` on the plaza counts, trucks and other vehicles apart. Those counts then drive
 * the demand: the fit below is a CALIBRATION FIT, not validation. Measured when written (day
 * capacities × 10, trucks 2.0 PCE):
 *
 * | plaza | ANTT 2023 veh/day | prior | calibrated | trips prior → calibrated |
 * |---|---:|---:|---:|---:|
 * | P2 Rondonópolis | 12,752 | 136 % | 100.2 % | 157,414 → 96,316 |
 * | P8 Lucas do Rio Verde | 7,339 | 106 % | 100.0 % | 47,221 → 44,296 |
 * | P9 Sorriso | 9,487 | 88 % | 100.0 % | 64,602 → 73,419 |
 *
 * Cuiabá, Várzea Grande and Sinop take their gateway volumes from plazas outside their networks
 * (P4, P5; P9 and Via Brasil P1), so no plaza lies on their streets to fit or compare.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../cli/run-cli.ts';
import { matchStations } from '../engine/counts/match-stations.ts';
import { readCounts } from '../engine/counts/read-counts.ts';
import { EdgeFlag } from '../engine/graph/edge-flags.ts';
import { cityBySlug, loadCityGraph } from './city-graphs.ts';
import { EXTERNAL_COUNTS_FILE } from './external-demand.ts';

const repo = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'gemeo-mt-plazas-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PLAZAS = [
  { city: 'rondonopolis', stations: ['CRO-P2-C', 'CRO-P2-D'], counted: 12_751.8 },
  { city: 'lucas-do-rio-verde', stations: ['CRO-P8-C', 'CRO-P8-D'], counted: 7_338.6 },
  { city: 'sorriso', stations: ['CRO-P9-C', 'CRO-P9-D'], counted: 9_486.8 },
];

describe('CRO plazas, calibrated whole days (a calibration fit, not validation)', () => {
  for (const p of PLAZAS) {
    it(`${p.city}: the plaza's modelled day within 10 % of ANTT 2023, trucks and other vehicles each within 10 %`, async () => {
      const scenario = repo(`scenarios/${p.city}/dia-trafego-externo.json`);
      const cal = await runCliInProcess(['calibrate', scenario, '--counts', EXTERNAL_COUNTS_FILE, '--cells', 'all', '--max-factor', '3', '--out', join(tmp, `${p.city}.calibration.json`), '--runs', join(tmp, 'runs'), '--json']);
      expect(cal.stderr).toBe('');
      const c = JSON.parse(cal.stdout);
      expect(c.stations).toEqual(p.stations);
      expect(c.fit.after.countTotal).toBeCloseTo(p.counted, 1);
      expect(Math.abs(c.fit.after.modelTotal / c.fit.after.countTotal - 1)).toBeLessThan(0.1);
      const v = JSON.parse((await runCliInProcess(['validate', c.runDir, '--counts', EXTERNAL_COUNTS_FILE, '--out', join(tmp, `v-${p.city}`), '--json'])).stdout);
      // validate says these counts were used: their fit is not validation
      expect(v.calibration.usedCompared).toBe(2);
      expect(v.calibration.heldOut).toBeNull();
      for (const k of ['trucks', 'others'] as const) expect(Math.abs(v.classes[k].modelToCount - 1)).toBeLessThan(0.1);
    }, 120_000);
  }

  it('Cuiabá, Várzea Grande and Sinop have no ANTT plaza on their networks', () => {
    const counts = readCounts(EXTERNAL_COUNTS_FILE);
    for (const slug of ['cuiaba', 'varzea-grande', 'sinop']) {
      const { graph } = loadCityGraph(cityBySlug(slug));
      const m = matchStations(counts, { count: graph.edgeCount, osmWayId: graph.osmWayId, dir: Uint8Array.from(graph.flags, (f) => (f & EdgeFlag.Reverse ? 1 : 0)), roadClass: graph.roadClass, geometryOffsets: graph.geometry.offsets, geometryCoords: graph.geometry.coords });
      expect(m.matched, slug).toHaveLength(0);
    }
  }, 120_000);
});
