import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { findCity } from '../city/registry.ts';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { buildRoadGraph } from '../osm/build-road-graph.ts';
import { readGeojsonLines } from '../osm/read-geojson-lines.ts';
import { readPbf } from '../osm/read-pbf.ts';
import { buildStandIn } from '../standin/generate-stand-in.ts';
import { TripKind } from './agents.ts';
import { buildDemand } from './demand.ts';
import { readHexgrid } from './hexgrid.ts';
import { ZoneKind } from './zones.ts';

const path = (p: string) => new URL(`../../${p}`, import.meta.url).pathname;

describe('Cuiabá (stand-in network)', () => {
  const cuiaba = findCity('cuiaba');
  const graph = buildStandIn(cuiaba, readGeojsonLines(path('data/mt/federal-highways-51.geojson')), { seed: 7 }).graph;
  const d = buildDemand(cuiaba, graph, { seed: 1 });

  it('zones cover the network: every edge lies in a zone cell (res 8)', () => {
    const cells = new Set(d.zones.id);
    const unconnected = new Set(d.zones.unconnected.map((u) => u.id));
    let outside = 0;
    for (let e = 0; e < graph.edgeCount; e++) {
      if (graph.flags[e] & EdgeFlag.Reverse) continue;
      const t = graph.tail[e];
      const h = graph.head[e];
      const cell = latLngToCell((graph.nodeLat[t] + graph.nodeLat[h]) / 2, (graph.nodeLon[t] + graph.nodeLon[h]) / 2, 8);
      if (!cells.has(cell) && !unconnected.has(cell)) outside++;
    }
    expect(outside).toBe(0);
    expect(d.zones.unconnected.length).toBeLessThan(0.02 * d.zones.count);
  });

  it('spreads the IBGE population over the zones and marks it estimated', () => {
    const lost = d.zones.unconnected.reduce((s, u) => s + u.population, 0);
    expect(d.summary.population + Math.round(lost)).toBeGreaterThanOrEqual(623_614 - 1);
    expect(d.summary.estimated).toBe(true);
    expect(d.summary.syntheticNetwork).toBe(true);
  });

  it('sends day trips to Chapada dos Guimarães, Poconé and Nobres through gateways', () => {
    const gateways = d.zones.id.filter((id) => id.startsWith('gateway:'));
    expect(gateways.sort()).toEqual(['gateway:chapada-dos-guimaraes', 'gateway:nobres', 'gateway:pocone']);
    const chapada = d.zones.id.indexOf('gateway:chapada-dos-guimaraes');
    let out = 0;
    for (let t = 0; t < d.agents.count; t++) if (d.agents.kind[t] === TripKind.Tourist && d.agents.destZone[t] === chapada) out++;
    const lodged = 31_657 + 665;
    const expected = ((183_675 - lodged) / 365) * 0.4;
    expect(Math.abs(out - expected)).toBeLessThan(4 * Math.sqrt(expected) + 1);
    expect(d.zones.kind[chapada]).toBe(ZoneKind.Gateway);
    expect(d.summary.touristVisitorsPerDay).toBeCloseTo((1_099_626 + 22_923) / 365, 6);
  });

  it('hits its target mean commute length with a balanced matrix', () => {
    expect(d.summary.gravity.reachable).toBe(true);
    expect(d.summary.gravity.maxRelError).toBeLessThan(1e-6);
    expect(Math.abs(d.summary.gravity.meanTripKm - d.summary.gravity.targetMeanTripKm) / d.summary.gravity.targetMeanTripKm).toBeLessThan(1e-3);
    expect(d.summary.periods['am-peak']).toBeGreaterThan(0);
  });
});

describe('Porto Alegre (real OSM extract and hexgrid)', () => {
  const extract = readPbf(path('data/osm/porto-alegre/poa_osm.pbf'));
  const { graph } = buildRoadGraph(extract);
  const d = buildDemand(findCity('porto-alegre'), graph, { seed: 1, pois: extract.pois });
  const grid = readHexgrid(path('data/osm/porto-alegre/poa_hexgrid.csv'));

  it('uses the real H3 res-9 cells; population and jobs add up to the file (connected + unconnected)', () => {
    expect(d.zones.resolution).toBe(9);
    expect(d.zones.estimated).toBe(false);
    const popFile = grid.population.reduce((a, b) => a + b, 0);
    const jobsFile = grid.jobs.reduce((a, b) => a + b, 0);
    expect(Math.round(popFile)).toBe(812_935); // data/SOURCES.md
    const lostPop = d.zones.unconnected.reduce((s, u) => s + u.population, 0);
    const lostJobs = d.zones.unconnected.reduce((s, u) => s + u.jobs, 0);
    expect(d.summary.population + lostPop).toBeCloseTo(popFile, -1);
    expect(d.summary.jobs + lostJobs).toBeCloseTo(jobsFile, -1);
    expect(d.zones.unconnected.length).toBeLessThan(0.02 * grid.id.length);
  });

  it('zones cover the network: most edges lie in a hexgrid cell with a zone', () => {
    const cells = new Set(d.zones.id);
    let inside = 0;
    for (let e = 0; e < graph.edgeCount; e++) if (cells.has(latLngToCell(graph.nodeLat[graph.tail[e]], graph.nodeLon[graph.tail[e]], 9))) inside++;
    expect(inside / graph.edgeCount).toBeGreaterThan(0.9);
  });

  it('gives an am-peak matrix in the assignment layout', () => {
    const m = d.matrices['am-peak'];
    expect(m.zoneCount).toBe(d.zones.count);
    expect(m.rowStart[m.zoneCount]).toBe(m.dest.length);
    expect(m.total).toBeGreaterThan(10_000);
    expect(Math.max(...m.dest.subarray(0, 100_000))).toBeLessThan(m.zoneCount);
    expect(m.dest.every((z) => z < m.zoneCount)).toBe(true);
  });
});
