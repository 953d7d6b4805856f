/**
 * Runs with transit on Nobres (a small synthetic stand-in with no bus feed: a stand-in bus on
 * every pair, engine/transit/background-bus.ts): the baseline reproduces the target mode shares;
 * a transit line adds riders and takes trips from the car; a bus lane on that line's streets
 * speeds its buses, raises the bus share and lowers bus hours; compare's transit block carries
 * these with the right signs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError, type LonLat, type Scenario } from '../engine/scenario/scenario.ts';
import { loadModeShares } from '../engine/transit/mode-choice.ts';
import { lineOnGraph } from '../engine/transit/transit-line.ts';
import { nearestNode } from '../engine/scenario/graph-lookup.ts';
import type { TransitSummary } from '../engine/transit/transit-summary.ts';
import { cityBySlug, loadCityGraph } from './city-graphs.ts';
import { cityDemand } from './city-demand.ts';
import { compareRunDirs } from './compare-runs.ts';
import { runScenario } from './run-scenario.ts';

const runsDir = mkdtempSync(join(tmpdir(), 'gemeo-transit-'));
afterAll(() => rmSync(runsDir, { recursive: true, force: true }));

const { graph } = loadCityGraph(cityBySlug('nobres'));
// a line through the six most populous zones, west to east, a stop at the street node nearest each centre
const { zones } = cityDemand('nobres', { seed: 1 }).demand;
const busiest = [...zones.population.keys()].filter((z) => zones.kind[z] === 0).sort((p, q) => zones.population[q] - zones.population[p] || p - q).slice(0, 6).sort((p, q) => zones.lon[p] - zones.lon[q]);
const stops: LonLat[] = busiest.map((z) => {
  const n = nearestNode(graph, zones.lon[z], zones.lat[z]).node;
  return [graph.nodeLon[n], graph.nodeLat[n]];
});
const [x0, y0] = stops[0];
const line = { type: 'transit-line' as const, name: 'T1', stops, headwayMin: 4, kmh: 60, dedicated: false };
const onGraph = lineOnGraph(graph, line, 'test');
const lineWays = [...new Set([...onGraph.dir[0].edges, ...onGraph.dir[1].edges].map((e) => graph.osmWayId[e]))];

const scenario = (name: string, interventions: Scenario['interventions']): Scenario => ({ city: 'nobres', name, model: 'static', period: 'am-peak', seed: 1, demand: { scale: 1, tourists: true }, transit: {}, interventions });
const transitOf = (runDir: string) => JSON.parse(readFileSync(join(runDir, 'transit.json'), 'utf8')) as TransitSummary;

describe('runs with transit', () => {
  it('a baseline calibrates the mode choice to the published shares', async () => {
    const base = await runScenario(scenario('Base', []), { runsDir, scenarioFile: 'scenarios/nobres/base-onibus.json', catalogue: false });
    const t = transitOf(base.runDir);
    const target = loadModeShares().shares;
    expect(t.modeChoice.calibrated).toBe(true);
    expect(Math.abs(t.shares.car - target[0])).toBeLessThan(1e-3);
    expect(Math.abs(t.shares.bus - target[1])).toBeLessThan(1e-3);
    expect(Math.abs(t.shares.walk - target[2])).toBeLessThan(1e-3);
    expect(t.busModel).toBe('stand-in');
    // how far from a fixed point of mode choice and assignment the last round left the split
    expect(t.modeChoice.gap).toHaveLength(t.modeChoice.rounds - 1);
    // Nobres is uncongested: the second round's car times hardly differ from the first's
    expect(t.modeChoice.gap[0]).toBeGreaterThanOrEqual(0);
    expect(t.modeChoice.gap[0]).toBeLessThan(1e-3);
    // rounds 1 and 2 assign again from the round before, not from scratch
    const log = readFileSync(join(base.runDir, 'run.log'), 'utf8');
    expect(log.match(/warm start from the transit round before: \d+ origins/g)?.length).toBe(2);
  });

  it('a transit line adds riders and takes trips from the car; a bus lane on its streets speeds it, raises the bus share and lowers bus hours', async () => {
    const base = await runScenario(scenario('Base', []), { runsDir, scenarioFile: 'scenarios/nobres/base-onibus.json', catalogue: false });
    const withLine = await runScenario(scenario('Linha', [line]), { runsDir, scenarioFile: 'scenarios/nobres/linha.json', catalogue: false });
    const withLane = await runScenario(scenario('Linha e faixa', [line, { type: 'bus-lane', ways: lineWays }]), { runsDir, scenarioFile: 'scenarios/nobres/linha-faixa.json', catalogue: false });
    const a = transitOf(withLine.runDir);
    expect(a.modeChoice.calibrated).toBe(false);
    expect(a.modeChoice.asc).toEqual(transitOf(base.runDir).modeChoice.asc);
    const t1 = a.routes.find((r) => r.line === 'T1')!;
    expect(t1.added).toBe(true);
    expect(t1.riders).toBeGreaterThan(0);

    const added = compareRunDirs(base.runDir, withLine.runDir, { out: join(runsDir, 'cmp1') }).json.transit!;
    expect(added.ridersChange).toBeGreaterThan(0);
    expect(added.modeShift).toBeGreaterThan(0);
    expect(added.busHoursChange).toBeGreaterThan(0); // a new line's buses
    expect(added.routes.find((r) => r.line === 'T1')).toMatchObject({ added: true, runMinA: null });

    const lane = compareRunDirs(withLine.runDir, withLane.runDir, { out: join(runsDir, 'cmp2') });
    const x = lane.json.transit!;
    for (const key of ['riderHoursA', 'riderHoursB', 'riderHoursChange', 'busHoursChange', 'modeShift', 'routes'] as const) expect(x).toHaveProperty(key);
    expect(x.sharesB.bus).toBeGreaterThan(x.sharesA.bus);
    expect(x.busHoursChange).toBeLessThan(0);
    expect(x.modeShift).toBeGreaterThan(0);
    expect(x.riderHoursChange).toBeCloseTo(x.riderHoursB - x.riderHoursA, 2);
    expect(x.routes.find((r) => r.line === 'T1')!.runMinChange!).toBeLessThan(0);
    const html = readFileSync(lane.reportPath, 'utf8');
    expect(html).toContain('Ônibus e escolha modal');
    expect(html).toContain('Horas dos passageiros de ônibus');
    expect(x.modeGapB).toBe(transitOf(withLane.runDir).modeChoice.gap.at(-1));
    expect(html).toContain('Viagens que ainda mudariam de modo na última rodada');
  });

  it('a line stop far from the streets is a one-line error naming the field', () => {
    expect(() => lineOnGraph(graph, { ...line, stops: [[x0 - 0.5, y0], stops[1]] }, 'linha.json: interventions[0]')).toThrow(ScenarioError);
    expect(() => lineOnGraph(graph, { ...line, stops: [[x0 - 0.5, y0], stops[1]] }, 'linha.json: interventions[0]')).toThrow(/^linha\.json: interventions\[0\]\.stops\[0\]: the nearest street node is \d+ m away, expected a stop within 300 m of the road graph$/);
    expect(() => lineOnGraph(graph, { type: 'transit-line', name: 'W', ways: [123456789, -1], headwayMin: 5, kmh: 30 }, 'w.json: interventions[1]')).toThrow(/^w\.json: interventions\[1\]\.ways\[0\]: way 123456789 is not in the road graph/);
  });
});
