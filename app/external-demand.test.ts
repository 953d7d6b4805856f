/**
 * External and through traffic on the real Rondonópolis stand-in (DNIT highways, IBGE
 * polygon) with the ANTT plazas of 2023. Measured when written, whole day (capacities × 10, the
 * day against its design hour; trucks at 2.0 passenger-car equivalents): without it the model
 * carries 63 % of the vehicles counted at the Rondonópolis plaza (CRO P2); with it 136 % —
 * trucks 81 % of the counted commercial vehicles, the other vehicles 207 % (the plaza is placed
 * approximately, at the point of BR-364 nearest the seat, where town traffic uses the highway).
 * The plaza counts are inputs here, so this checks consistency, not the model. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../engine/scenario/parse-scenario.ts';
import { cityBySlug, loadCityGraph } from './city-graphs.ts';
import { EXTERNAL_COUNTS_FILE, externalGateways } from './external-demand.ts';
import { runScenario } from './run-scenario.ts';
import { validateRunDir } from './validate-run.ts';
import { readClassFlows } from './truck-class.ts';
import { readResultFile } from '../engine/metrics/result-file.ts';

const tmp = mkdtempSync(join(tmpdir(), 'gemeo-external-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('external traffic of Rondonópolis', () => {
  const city = cityBySlug('rondonopolis');

  it('gives each highway gateway the volumes of the nearest plaza on its highway, the direction into the city entering', () => {
    const { gateways, notes } = externalGateways(city, loadCityGraph(city).graph);
    expect(gateways.map((g) => g.id)).toEqual(['BR-364-1', 'BR-163/BR-364-2', 'BR-163-3']);
    // BR-364 south-east of the town: traffic towards increasing km (north-west, CRO-P2-C) comes in
    expect(notes[0]).toMatch(/^gateway BR-364 at .*: volumes of CRO-P2-C \(in\) and CRO-P2-D \(out\)/);
    // BR-163/364 north-west of it: the decreasing direction comes in
    expect(notes[1]).toMatch(/volumes of CRO-P2-D \(in\) and CRO-P2-C \(out\)/);
    expect(notes[2]).toMatch(/volumes of CRO-P1-C \(in\) and CRO-P1-D \(out\)/);
    const se = gateways[0]!;
    // the average day of 2023 at P2, crescente: cars 2,757.8 and commercial 3,489.7 (data/counts/antt-mt-2023.csv)
    expect(se.inCars).toBeCloseTo(2757.8, 1);
    expect(se.inTrucks).toBeCloseTo(3489.7, 1);
  });

  it('is switched on by demand.external in a scenario, a boolean', () => {
    const head = '{"city": "rondonopolis", "name": "x", "interventions": [], "demand": {"external": ';
    expect(parseScenario(`${head}true}}`, 's.json').demand.external).toBe(true);
    expect(() => parseScenario(`${head}"yes"}}`, 's.json')).toThrow(/demand\.external/);
  });

  it('a day run with "external": true carries the through traffic past the Rondonópolis plaza', async () => {
    const run = async (external: boolean) => {
      const scenario = parseScenario(JSON.stringify({ city: 'rondonopolis', name: `dia ${external}`, period: 'day', ...(external ? { demand: { external: true } } : {}), interventions: [] }), `dia-${external}.json`);
      const r = await runScenario(scenario, { runsDir: join(tmp, 'runs'), scenarioFile: `dia-${external}.json` });
      return { ...r, v: validateRunDir(r.runDir, EXTERNAL_COUNTS_FILE, { out: join(tmp, `v-${external}`) }).json };
    };
    const without = await run(false);
    const withExt = await run(true);
    expect(without.v.compared).toBe(2);
    expect(withExt.v.compared).toBe(2);
    expect(without.v.modelToCount!).toBeLessThan(0.7);
    expect(withExt.v.modelToCount!).toBeGreaterThan(1.2);
    expect(withExt.v.modelToCount!).toBeLessThan(1.5);
    // trucks their own class: result.fb's trucks column, compared with the plaza's commercial vehicles apart from the others
    const classes = withExt.v.classes!;
    expect(classes.trucks.compared).toBe(2);
    expect(classes.trucks.countTotal).toBeCloseTo(3489.7 + 3681.6, 1);
    expect(classes.trucks.modelToCount!).toBeGreaterThan(0.7);
    expect(classes.trucks.modelToCount!).toBeLessThan(0.95);
    expect(classes.others.modelToCount!).toBeGreaterThan(1.7);
    expect(classes.trucks.modelTotal + classes.others.modelTotal).toBeCloseTo(withExt.v.modelTotal, 0);
    expect(without.v.classes).toBeUndefined();
    // the trucks per link are in result.fb (for the viewer) and links.csv, as in class-flows.csv
    const trucksFb = readResultFile(join(withExt.runDir, 'result.fb')).edges.trucksVph!;
    const trucksCsv = readClassFlows(withExt.runDir, trucksFb.length)!;
    expect(Math.max(...trucksFb)).toBeGreaterThan(100);
    for (let e = 0; e < trucksFb.length; e++) expect(Math.abs(trucksFb[e]! - trucksCsv[e]!)).toBeLessThan(1e-3);
    expect(readFileSync(join(withExt.runDir, 'links.csv'), 'utf8').split('\n')[0]).toMatch(/,changed,trucks_vph$/);
    expect(readResultFile(join(without.runDir, 'result.fb')).edges.trucksVph).toBeUndefined();
    const log = readFileSync(join(withExt.runDir, 'run.log'), 'utf8');
    expect(log).toMatch(/external traffic: 3 gateways; trips of the day: \d+ through, \d+ in, \d+ out, \d+ of them trucks/);
    expect(log).toMatch(/trucks: \d+ truck trips of the period assigned at 2 passenger-car equivalents each/);
    expect(log).toContain('link capacities × 10');
    expect(readFileSync(join(without.runDir, 'run.log'), 'utf8')).not.toContain('external traffic');
  });
});
