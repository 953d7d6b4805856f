/**
 * Closing all of Avenida Ipiranga (Porto Alegre, real OSM streets, AM peak), named by street in
 * scenarios/porto-alegre/avenida-ipiranga-fechada.json, against its baseline. Closing a road
 * must not make the city look better: the zones on the avenue reconnect to the nearest open
 * street (no trips stranded and dropped from the totals), vehicle-hours and delay rise, and the
 * report names the streets that get worse. About 50 s on 2 cores (two runs).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../engine/scenario/parse-scenario.ts';
import { compareRunDirs, type CompareOutcome } from './compare-runs.ts';
import { runScenario, type RunOutcome } from './run-scenario.ts';

const FILE = fileURLToPath(new URL('../scenarios/porto-alegre/avenida-ipiranga-fechada.json', import.meta.url));
const runsDir = mkdtempSync(join(tmpdir(), 'gemeo-ipiranga-'));
afterAll(() => rmSync(runsDir, { recursive: true, force: true }));

let base: RunOutcome;
let closed: RunOutcome;
let compared: CompareOutcome;

beforeAll(async () => {
  const scenario = parseScenario(readFileSync(FILE, 'utf8'), FILE);
  base = await runScenario({ ...scenario, name: 'Linha de base', interventions: [] }, { runsDir, scenarioFile: 'baseline.json' });
  closed = await runScenario(scenario, { runsDir, scenarioFile: FILE });
  compared = compareRunDirs(base.runDir, closed.runDir);
}, 300_000);

describe('Porto Alegre: Avenida Ipiranga closed all day', () => {
  it('closes every edge of the avenue, found by its name', () => {
    const log = closed.result.interventions[0]!;
    expect(log.label).toBe('Avenida Ipiranga');
    expect(log.edges).toBeGreaterThan(150);
    expect(closed.result.edges.count).toBe(base.result.edges.count - log.edges);
  });

  it('strands no trip: every zone reaches the open network, and both runs total the same trips', () => {
    expect(base.result.totals.unreachableTrips).toBe(0);
    expect(closed.result.totals.unreachableTrips).toBe(0);
    expect(closed.result.totals.trips).toBeCloseTo(base.result.totals.trips, 6);
    expect(compared.comparison.sameTrips).toBe(true);
    expect(compared.json.trips.unreachable).toMatchObject({ a: 0, b: 0 });
    const summary = JSON.parse(readFileSync(join(closed.runDir, 'summary.json'), 'utf8'));
    expect(summary.unreachableTrips).toBe(0);
    expect(readFileSync(join(closed.runDir, 'run.log'), 'utf8')).toMatch(/zones: \d+ reconnected to the nearest open street, 0 with no open street within reach; 1 open piece/);
  });

  it('makes vehicle-hours, delay and the mean trip rise, and the report rates them worse', () => {
    const t = compared.comparison.totals;
    expect(t.vht.delta).toBeGreaterThan(0.02 * t.vht.a);
    expect(t.delayVh.delta).toBeGreaterThan(0.2 * t.delayVh.a);
    expect(t.meanTripMin.delta).toBeGreaterThan(0);
    const html = readFileSync(compared.reportPath, 'utf8');
    const figures = html.slice(html.indexOf('<table class="figures">'), html.indexOf('</table>', html.indexOf('<table class="figures">')));
    for (const label of ['Veículos-hora percorridos (VHT)', 'Atraso (veículos-hora)', 'Tempo médio de viagem (min)']) {
      const row = figures.slice(figures.indexOf(label), figures.indexOf('</tr>', figures.indexOf(label)));
      expect(row, label).toContain('▲ pior');
    }
  });

  it('names the streets that get worse, with the direction and the way id second', () => {
    const named = compared.json.topWorse.filter((l) => l.name);
    expect(named.length).toBeGreaterThanOrEqual(5);
    const html = readFileSync(compared.reportPath, 'utf8');
    const worse = html.slice(html.indexOf('<h2>Vias que mais pioram</h2>'), html.indexOf('<h2>Vias que mais melhoram</h2>'));
    const first = named[0]!;
    expect(worse).toMatch(new RegExp(`${first.name}, sentido (norte|nordeste|leste|sudeste|sul|sudoeste|oeste|noroeste) \\(via OSM ${first.way}\\)`));
    // the closed avenue is not in B, so never among the improved
    expect(compared.json.topBetter.some((l) => l.name === 'Avenida Ipiranga')).toBe(false);
    const csv = readFileSync(join(closed.runDir, 'links.csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^edge,name,ref,name_synthetic,way,/);
    expect(csv).toContain(',Avenida Bento Gonçalves,');
  });

  it('names the zone pairs by their streets, never by raw H3 cell ids', () => {
    const pairs = [...compared.json.zones.topSlower, ...compared.json.zones.topFaster];
    expect(pairs.length).toBeGreaterThan(0);
    for (const p of pairs) {
      expect(p.from).not.toMatch(/^8[0-9a-f]{14}$/);
      expect(p.to).not.toMatch(/^8[0-9a-f]{14}$/);
      expect(p.fromId).toMatch(/^8[0-9a-f]{14}$/);
    }
    const html = readFileSync(compared.reportPath, 'utf8');
    const zonesSection = html.slice(html.indexOf('<h2>Mudança no tempo de viagem entre zonas</h2>'));
    expect(zonesSection.slice(0, zonesSection.indexOf('</section>'))).not.toMatch(/>8[0-9a-f]{14}</);
  });
});
