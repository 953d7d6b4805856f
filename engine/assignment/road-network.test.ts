import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { assign } from './assign.ts';
import { parseOdCsv } from './od-csv.ts';
import { roadAssignmentNetwork, roadEdgeFlows } from './road-network.ts';

/** Four OSM nodes: 101 → 102 → 104 (fast, narrow) and 101 → 103 → 104 (slow, wide), plus 104 → 101. */
function smallCity() {
  const b = new GraphBuilder({ name: 'test city', source: 'test', synthetic: true });
  const n = [101, 102, 103, 104].map((osm, i) => b.addNode(-56.1 + 0.01 * i, -15.6, osm));
  const road = (t: number, h: number, km: number, speed: number, cap: number, way: number) =>
    b.addEdge({ tail: n[t], head: n[h], lengthM: km * 1000, speedKmh: speed, capacityVph: cap, lanes: 1, roadClass: 1, osmWayId: way });
  road(0, 1, 1, 60, 800, 1);
  road(1, 3, 1, 60, 800, 1);
  road(0, 2, 1.5, 50, 2000, 2);
  road(2, 3, 1.5, 50, 2000, 2);
  road(3, 0, 2, 60, 2000, 3);
  return b.finish();
}

describe('roadAssignmentNetwork + OD CSV', () => {
  const graph = smallCity();
  const csv = 'origin_osm_node,dest_osm_node,flow\n104,101,300\n101,104,2500\n101,101,50\n102,104,0\n';

  it('maps zones (sorted by OSM id) to centroids ahead of the road nodes', () => {
    const { zoneNodes, zoneOsmIds, demand } = parseOdCsv(csv, 'od.csv', graph);
    expect(Array.from(zoneOsmIds)).toEqual([101, 102, 104]);
    expect(Array.from(zoneNodes)).toEqual([0, 1, 3]);
    expect(demand.total).toBe(2800);
    expect(Array.from(demand.rowStart)).toEqual([0, 1, 1, 2]);
    const net = roadAssignmentNetwork(graph, zoneNodes);
    expect([net.nodeCount, net.edgeCount, net.zoneCount, net.firstThruNode]).toEqual([7, 11, 3, 3]);
    for (let e = 1; e < net.edgeCount; e++) expect(net.tail[e]).toBeGreaterThanOrEqual(net.tail[e - 1]);
    expect(Array.from(net.roadEdge).filter((r) => r >= 0).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('assigns the OD file at equilibrium: conservation and equal times on both used routes', async () => {
    const { zoneNodes, demand } = parseOdCsv(csv, 'od.csv', graph);
    const net = roadAssignmentNetwork(graph, zoneNodes);
    const r = await assign(net, demand, { method: 'bfw', gap: 1e-9, maxIter: 2000, workers: 1 });
    const road = roadEdgeFlows(new Float64Array(graph.edgeCount), net, r.flow);
    const edge = (t: number, h: number) => {
      for (let e = graph.firstOut[t]; e < graph.firstOut[t + 1]; e++) if (graph.head[e] === h) return e;
      return -1;
    };
    const top = road[edge(0, 1)];
    const bottom = road[edge(0, 2)];
    expect(top + bottom).toBeCloseTo(2500, 6);
    expect(road[edge(1, 3)]).toBeCloseTo(top, 6);
    expect(road[edge(3, 0)]).toBeCloseTo(300, 6);
    expect(top).toBeGreaterThan(0);
    expect(bottom).toBeGreaterThan(0);
    const time = (t: number, h: number) => {
      const e = net.roadEdge.indexOf(edge(t, h));
      return r.cost[e];
    };
    expect(time(0, 1) + time(1, 3)).toBeCloseTo(time(0, 2) + time(2, 3), 3);
  });

  it('rejects bad OD files with one line naming file and line', () => {
    const bad: [string, RegExp][] = [
      ['origin,dest,flow\n', /^od\.csv:1: header — expected "origin_osm_node,dest_osm_node,flow"/],
      ['origin_osm_node,dest_osm_node,flow\n101,999,5\n', /^od\.csv:2: dest_osm_node — expected an OSM node of the graph, got 999$/],
      ['origin_osm_node,dest_osm_node,flow\n101,104,-5\n', /^od\.csv:2: flow — expected a number ≥ 0, got -5$/],
      ['origin_osm_node,dest_osm_node,flow\n101,104\n', /^od\.csv:2: row — expected 3 columns/],
      ['origin_osm_node,dest_osm_node,flow\n101,104,lots\n', /^od\.csv:2: flow — expected a number, got "lots"$/],
    ];
    for (const [text, message] of bad) expect(() => parseOdCsv(text, 'od.csv', graph)).toThrow(message);
    expect(() => roadAssignmentNetwork(graph, [0, 0])).toThrow(/zone 1: road node 0 is already the node of another zone/);
  });
});
