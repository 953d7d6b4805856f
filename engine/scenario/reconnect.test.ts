import { describe, expect, it } from 'vitest';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { roadClassCode } from '../graph/road-class.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { EdgeIndex } from '../spatial/edge-index.ts';
import { zonesFromHexgrid } from '../demand/zones.ts';
import { applyScenario } from './apply-scenario.ts';
import { validateScenario } from './parse-scenario.ts';
import { appliedEdges, OpenNetwork, reconnectZones } from './reconnect.ts';

/**
 * A ring of 200 nodes ≈ 100 m apart (way 1, two-way residential, closed by way 2) with a
 * two-way cul-de-sac north of node 50: way 8 to node 201, way 9 on to node 200, 330 m north.
 * Zone z0 sits 65 m beyond node 200 and connects there; closing way 8 leaves 201–200 an island.
 */
const LON0 = -51.2;
const LAT0 = -30.0;
const D = 0.001;

function graph(): RoadGraph {
  const b = new GraphBuilder({ name: 'ring', source: 'test', synthetic: false });
  for (let i = 0; i < 100; i++) b.addNode(LON0 + i * D, LAT0, i);
  for (let i = 0; i < 100; i++) b.addNode(LON0 + (99 - i) * D, LAT0 - 0.002, 100 + i);
  b.addNode(LON0 + 50 * D, LAT0 + 0.003, 200);
  b.addNode(LON0 + 50 * D, LAT0 + 0.0015, 201);
  const road = (t: number, h: number, way: number) => {
    const e = { lengthM: 111, speedKmh: 30, capacityVph: 600, lanes: 1, roadClass: roadClassCode('residential'), osmWayId: way };
    b.addEdge({ ...e, tail: t, head: h });
    b.addEdge({ ...e, tail: h, head: t, flags: EdgeFlag.Reverse });
  };
  for (let i = 0; i < 199; i++) road(i, i + 1, 1);
  road(199, 0, 2);
  road(50, 201, 8);
  road(201, 200, 9);
  return b.finish();
}

const scenario = (ways: number[]) => validateScenario({ city: 'test', name: 't', interventions: [{ type: 'close', ways }] }, 'test.json');

function zonesOn(g: RoadGraph) {
  const grid = { id: ['z0', 'z1'], lon: Float64Array.of(LON0 + 50 * D, LON0 + 10 * D), lat: Float64Array.of(LAT0 + 0.0036, LAT0 - 0.0005), population: Float64Array.of(1, 1), jobs: Float64Array.of(1, 1), resolution: 9 };
  return zonesFromHexgrid(grid as never, g);
}

describe('reconnectZones', () => {
  it('moves a zone whose street was closed to the nearest open street, and keeps the others', () => {
    const base = graph();
    const zones = zonesOn(base);
    expect(Array.from(zones.node)).toEqual([200, 10]);
    const applied = applyScenario(base, scenario([8]), { city: { slug: 'test', name: 'Test' } });
    const open = new OpenNetwork(applied.graph, new EdgeIndex(applied.graph));
    // the cul-de-sac end is still in the graph, with an edge, but cannot reach the ring
    expect(open.piece[200]).toBe(-1);
    expect(open.pieces).toBe(1);
    const r = reconnectZones(zones, open, appliedEdges(base.edgeCount, applied.baseEdge));
    expect(r.moved).toBe(1);
    expect(r.stranded).toBe(0);
    expect(r.zoneNode[1]).toBe(10);
    // the ring node nearest the zone centre (the island's edge would have been nearer)
    expect(open.piece[r.zoneNode[0]]).toBe(0);
    expect(r.zoneNode[0]).toBe(50);
  });

  it('keeps every zone where the intervention leaves its street open', () => {
    const base = graph();
    const zones = zonesOn(base);
    const applied = applyScenario(base, scenario([2]), { city: { slug: 'test', name: 'Test' } });
    const r = reconnectZones(zones, new OpenNetwork(applied.graph, new EdgeIndex(applied.graph)), appliedEdges(base.edgeCount, applied.baseEdge));
    expect(Array.from(r.zoneNode)).toEqual(Array.from(zones.node));
    expect(r.moved + r.stranded).toBe(0);
  });

  it('finds two open pieces when a closure cuts the network in two', () => {
    // the ring cut where it closes (way 2) and between nodes 99 and 100: two two-way lines
    const base = graph();
    const b = new GraphBuilder({ name: 'two', source: 'test', synthetic: false });
    for (let v = 0; v < base.nodeCount; v++) b.addNode(base.nodeLon[v], base.nodeLat[v]);
    for (let e = 0; e < base.edgeCount; e++) {
      const t = base.tail[e];
      const h = base.head[e];
      if (base.osmWayId[e] === 2 || (Math.min(t, h) === 99 && Math.max(t, h) === 100)) continue;
      b.addEdge({ tail: t, head: h, lengthM: 111, speedKmh: 30, capacityVph: 600, lanes: 1, roadClass: base.roadClass[e], osmWayId: base.osmWayId[e] });
    }
    const cut = b.finish();
    const open = new OpenNetwork(cut, new EdgeIndex(cut));
    expect(open.pieces).toBe(2);
    expect(open.piece[0]).not.toBe(open.piece[150]);
    expect(open.piece[0]).toBe(open.piece[200]);
  });
});
