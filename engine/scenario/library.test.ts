import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FEDERAL_HIGHWAYS_FILE, loadCityGraph, STAND_IN_SEED } from '../../app/city-graphs.ts';
import { findCity, loadCities, pointInCityPolygon, type City } from '../city/registry.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { readGeojsonLines } from '../osm/read-geojson-lines.ts';
import { loadRoadClassDefaults } from '../osm/road-class-defaults.ts';
import { buildStandIn } from '../standin/generate-stand-in.ts';
import { applyScenario } from './apply-scenario.ts';
import { checkScenario, scenarioCity } from './check-scenario.ts';
import { parseScenario } from './parse-scenario.ts';

const ROOT = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const files = readdirSync(ROOT)
  .filter((d) => statSync(join(ROOT, d)).isDirectory())
  .flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.json')).map((f) => `${d}/${f}`))
  .sort();

const highways = readGeojsonLines(FEDERAL_HIGHWAYS_FILE, { lanesPerDirection: 1 });
const defaults = loadRoadClassDefaults();
const graphs = new Map<string, RoadGraph>();
/** The graph a run uses: a stand-in built now (so generator changes that shift way ids show here), or the city's OSM import. */
function graphOf(city: City): RoadGraph {
  let g = graphs.get(city.slug);
  if (!g) {
    g = city.network.source === 'stand-in' ? buildStandIn(city, highways, { seed: STAND_IN_SEED }).graph : loadCityGraph(city).graph;
    graphs.set(city.slug, g);
  }
  return g;
}

describe('the scenario library (scenarios/)', () => {
  it('has at least two scenarios per Mato Grosso city and one per reference city', () => {
    for (const city of loadCities()) {
      const count = files.filter((f) => f.startsWith(`${city.slug}/`)).length;
      expect(count, city.slug).toBeGreaterThanOrEqual(city.role === 'reference' ? 1 : 2);
    }
  });

  it.each(files)('%s parses, fits its city and graph, and every intervention acts', (name) => {
    const shown = `scenarios/${name}`;
    const s = parseScenario(readFileSync(join(ROOT, name), 'utf8'), shown);
    expect(`${s.city}/`).toBe(name.slice(0, name.indexOf('/') + 1));
    const city = scenarioCity(s, shown);
    const graph = graphOf(city);
    checkScenario(s, shown, { city, graph });
    expect(s.description, 'a description says why it matters there').toBeTruthy();
    if (graph.meta.synthetic) expect(s.description).toMatch(/sintétic|synthetic|stand-in/i);
    const applied = applyScenario(graph, s, { city, defaults });
    for (const entry of applied.log) {
      // events and transit lines change no road (a line's stops and paths were checked by checkScenario)
      if (entry.type !== 'event' && entry.type !== 'transit-line') expect(entry.edges, `${name} interventions[${entry.intervention}]: ${entry.note}`).toBeGreaterThan(0);
    }
    expect(applied.events.length).toBe(s.interventions.filter((iv) => iv.type === 'event').length);
  });

  it('the Arena Pantanal event lies in Cuiabá at its real place', () => {
    const s = parseScenario(readFileSync(join(ROOT, 'cuiaba/jogo-arena-pantanal.json'), 'utf8'), 'x');
    const ev = s.interventions.find((iv) => iv.type === 'event');
    expect(ev && 'at' in ev ? ev.at : null).toEqual([-56.1186, -15.604]);
    expect(pointInCityPolygon([-56.1186, -15.604], findCity('cuiaba').polygon)).toBe(true);
  });
});
