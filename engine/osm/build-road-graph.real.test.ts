/**
 * buildRoadGraph on the real OSM extracts of Porto Alegre and São Paulo (data/osm/, ODbL).
 * Reference counts come from the data's source (data SOURCES: 12,281 and 4,644 drivable ways)
 * and from an independent count over osmium's XML dump of the same files.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { ROAD_CLASSES } from '../graph/road-class.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { buildRoadGraph } from './build-road-graph.ts';
import type { OsmExtract } from './osm-extract.ts';
import { readPbf } from './read-pbf.ts';

const file = (rel: string) => fileURLToPath(new URL(`../../${rel}`, import.meta.url));
const STREET_CLASSES = new Set<string>(ROAD_CLASSES.filter((c) => c !== 'connector' && c !== 'abstract'));

/** Counts of broken values (all should be 0) and of zero-length edges. */
function checkValid(g: RoadGraph) {
  let bad = 0;
  let zero = 0;
  let noWayOut = 0;
  for (let e = 0; e < g.edgeCount; e++) {
    if (!(Number.isFinite(g.lengthM[e]) && g.lengthM[e] >= 0)) bad++;
    if (g.lengthM[e] === 0) zero++;
    if (!(Number.isFinite(g.freeFlowS[e]) && g.freeFlowS[e] >= 0)) bad++;
    if (!(g.speedKmh[e] > 0 && g.capacityVph[e] > 0 && g.lanes[e] >= 1)) bad++;
    if (g.tail[e] === g.head[e]) bad++;
  }
  for (let v = 0; v < g.nodeCount; v++) {
    if (!(Number.isFinite(g.nodeLon[v]) && Number.isFinite(g.nodeLat[v]))) bad++;
    // Strongly connected: every node has a way out.
    if (g.firstOut[v + 1] === g.firstOut[v]) noWayOut++;
  }
  expect({ bad, noWayOut }).toEqual({ bad: 0, noWayOut: 0 });
  return zero;
}

const classWays = (x: OsmExtract) => x.ways.filter((w) => STREET_CLASSES.has(w.tags.highway));

describe('Porto Alegre (data/osm/porto-alegre/poa_osm.pbf)', () => {
  const x = readPbf(file('data/osm/porto-alegre/poa_osm.pbf'));
  const { graph: g, report } = buildRoadGraph(x);
  const edgesByWay = new Map<number, number[]>();
  for (let e = 0; e < g.edgeCount; e++) edgesByWay.set(g.osmWayId[e], [...(edgesByWay.get(g.osmWayId[e]) ?? []), e]);

  it('keeps the drivable ways: 12,283 in drivable classes, 10,817 open to cars', () => {
    // The data's source counts 12,281 drivable ways. The 15 street classes give 12,283 here and
    // exactly the source's 4,644 in São Paulo, which has no highway=road; the 2 extra here are
    // the 2 highway=road ways, so the source's filter leaves out `road` and we keep it.
    const inClasses = classWays(x);
    expect(inClasses).toHaveLength(12_283);
    expect(inClasses.filter((w) => w.tags.highway === 'road')).toHaveLength(2);
    // Our rules then drop 1,054 ways closed to cars (access/motor_vehicle/motorcar) and 412
    // parking aisles, drive-throughs and emergency accesses: 10,817 (checked independently
    // against osmium's XML dump).
    expect(report.excludedWays.access).toBe(1_054);
    expect(report.excludedWays['service-type']).toBe(412);
    expect(report.excludedWays.area + report.excludedWays.reversible).toBe(0);
    expect(report.drivableWays).toBe(10_817);
    expect(report.drivableWays + report.excludedWays.access + report.excludedWays['service-type']).toBe(inClasses.length);
    expect(report.missingNodeRefs).toBe(0);
  });

  it('validates: finite positive values, no self-loops, strongly connected', () => {
    const zero = checkValid(g);
    expect(zero).toBe(0);
    expect(g.meta).toMatchObject({ source: 'osm', synthetic: false });
  });

  it('keeps the large majority of nodes in the largest strongly connected component', () => {
    expect(report.nodesKept / report.nodesIn).toBeGreaterThan(0.95);
    expect(report.edgesKept / report.edgesIn).toBeGreaterThan(0.95);
    expect(report.droppedNodes).toBe(report.nodesIn - g.nodeCount);
    expect(report.components).toBeGreaterThan(1);
  });

  it('flags the edges through the 1,662 signal nodes', () => {
    // measured: 2,208 of the 29,385 kept edges (a signal flags every edge arriving at it: two
    // at a two-way street, more at a junction of several ways; none on a way cars may not use)
    expect(report.signalNodes).toBe(1_662);
    expect(report.signalEdges).toBeGreaterThan(1_800);
    expect(report.signalEdges).toBeLessThan(2_600);
    let flagged = 0;
    for (let e = 0; e < g.edgeCount; e++) if (g.flags[e] & EdgeFlag.Signal) flagged++;
    expect(flagged).toBe(report.signalEdges);
  });

  it('drives named one-way avenues only along their drawing direction', () => {
    const names = new Set(['Avenida Ipiranga', 'Avenida Borges de Medeiros', 'Avenida Protásio Alves', 'Avenida Bento Gonçalves', 'Avenida João Pessoa']);
    const oneWays = x.ways.filter((w) => w.tags.oneway === 'yes' && names.has(w.tags.name) && STREET_CLASSES.has(w.tags.highway) && w.tags.access === undefined);
    expect(oneWays.length).toBeGreaterThan(200);
    let present = 0;
    for (const w of oneWays) {
      const es = edgesByWay.get(w.id) ?? [];
      if (es.length) present++;
      for (const e of es) expect(g.flags[e] & EdgeFlag.Reverse, `way ${w.id}`).toBe(0);
    }
    expect(present / oneWays.length).toBeGreaterThan(0.95);
    // Av. Ipiranga, way 126775090: oneway=yes, lanes=4, maxspeed=60, secondary (900 veh/h/lane).
    const es = edgesByWay.get(126775090)!;
    expect(es.length).toBeGreaterThan(0);
    for (const e of es) {
      expect([g.lanes[e], g.speedKmh[e], g.capacityVph[e]]).toEqual([4, 60, 3600]);
      expect(g.flags[e] & ~EdgeFlag.Signal).toBe(EdgeFlag.SpeedTagged | EdgeFlag.LanesTagged); // some cross signalised junctions
    }
  });

  it('drives two-way streets both ways', () => {
    // Rua Voluntários da Pátria, way 207947223: secondary, no oneway tag.
    const es = edgesByWay.get(207947223)!;
    const reverse = es.filter((e) => g.flags[e] & EdgeFlag.Reverse);
    expect(reverse.length).toBeGreaterThan(0);
    expect(reverse.length * 2).toBe(es.length);
  });

  it('takes a share of speeds and lanes from tags close to the source figures (42 % and 25 % of ways)', () => {
    expect(report.taggedSpeedShare).toBeGreaterThan(0.25);
    expect(report.taggedSpeedShare).toBeLessThan(0.5);
    expect(report.taggedLanesShare).toBeGreaterThan(0.1);
    expect(report.taggedLanesShare).toBeLessThan(0.35);
  });
});

describe('São Paulo (data/osm/sao-paulo/spo_osm.pbf)', () => {
  const x = readPbf(file('data/osm/sao-paulo/spo_osm.pbf'));
  const { graph: g, report } = buildRoadGraph(x);

  it('matches the source count of drivable ways and builds a valid strongly connected graph', () => {
    expect(classWays(x)).toHaveLength(4_644);
    expect(report.drivableWays).toBeLessThanOrEqual(4_644);
    expect(report.drivableWays + report.excludedWays.access + report.excludedWays['service-type'] + report.excludedWays.area + report.excludedWays.reversible).toBe(4_644);
    checkValid(g);
    expect(report.nodesKept / report.nodesIn).toBeGreaterThan(0.9);
  });

  it('gives the same graph twice', () => {
    const h = buildRoadGraph(readPbf(file('data/osm/sao-paulo/spo_osm.pbf'))).graph;
    expect(Array.from(h.tail)).toEqual(Array.from(g.tail));
    expect(Array.from(h.lengthM)).toEqual(Array.from(g.lengthM));
    expect(Array.from(h.geometry.coords)).toEqual(Array.from(g.geometry.coords));
  });
});
