/**
 * Golden summary of one whole Porto Alegre scenario (real OSM streets, IPEA hexgrid zones):
 * any change to import, demand, interventions, assignment or metrics that moves these numbers
 * shows up here. After an intended change, refresh it with `npm run update-golden` and say
 * why in the commit. A missing golden file fails the test (it is never written during a run).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../engine/scenario/parse-scenario.ts';
import { runScenario } from './run-scenario.ts';

const repo = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const SCENARIO = repo('scenarios/porto-alegre/borges-de-medeiros-faixa-onibus.json');
const GOLDEN = repo('data/fixtures/golden/porto-alegre-borges-de-medeiros-faixa-onibus.summary.json');
const tmp = mkdtempSync(join(tmpdir(), 'gemeo-golden-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('golden summary: Porto Alegre, bus lane on Av. Borges de Medeiros', () => {
  it('reproduces the recorded totals', { timeout: 300_000 }, async () => {
    const scenario = parseScenario(readFileSync(SCENARIO, 'utf8'), SCENARIO);
    const { result } = await runScenario(scenario, { runsDir: tmp, scenarioFile: SCENARIO });
    const summary = {
      vkt: result.totals.vkt,
      vht: result.totals.vht,
      delayVh: result.totals.delayVh,
      meanTripMin: result.totals.meanTripMin,
      trips: result.totals.trips,
      unreachableTrips: result.totals.unreachableTrips,
      co2Kg: result.totals.co2Kg,
      edges: result.edges.count,
      zones: result.zones.count,
      iterations: result.assignment.iterations,
      relativeGap: result.assignment.relativeGap,
      interventions: result.interventions,
    };
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(summary, null, 2)}\n`);
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: run npm run update-golden`).toBe(true);
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as typeof summary;
    expect(summary.edges).toBe(golden.edges);
    expect(summary.zones).toBe(golden.zones);
    expect(summary.iterations).toBe(golden.iterations);
    expect(summary.interventions).toEqual(golden.interventions);
    for (const key of ['vkt', 'vht', 'delayVh', 'meanTripMin', 'trips', 'unreachableTrips', 'co2Kg', 'relativeGap'] as const) {
      expect(summary[key], key).toBeCloseTo(golden[key], Math.max(0, 6 - Math.ceil(Math.log10(Math.abs(golden[key]) + 1))));
    }
    expect(result.assignment.relativeGap).toBeLessThanOrEqual(1e-4);
    expect(summary.unreachableTrips).toBe(0);
  });
});
