import { describe, expect, it } from 'vitest';
import { buildRoadGraph } from './build-road-graph.ts';
import { cordonCuts } from './cordon-cuts.ts';
import type { OsmExtract, OsmWay } from './osm-extract.ts';

// A small clipped extract, positions in thousandths of a degree: a two-way residential square
// 1-2-3-4 (the kept network) and major roads cut by the boundary around it.
const NODES: [number, number, number][] = [
  [1, 0, 0], [2, 1, 0], [3, 1, 1], [4, 0, 1],
  [20, 3, 1], [21, 2, 1], // one-way trunk drawn inwards from a dead end at 20, through 21, to 3
  [30, -2, 1], // one-way trunk from 4 outwards to a dead end at 30
  [40, 1, -2], // residential dead end off 2: not a major road
  [50, 2, -1], [51, 1.5, -0.5], // a primary link whose only piece, 50-51, is left out of the graph
  [60, 3, -1], [61, 2, -0.5], // a one-way trunk drawn as two ways, 60-61 and 61-2, inwards from a dead end at 60
];
const WAYS: OsmWay[] = [
  { id: 100, nodes: [1, 2, 3, 4, 1], tags: { highway: 'residential' } },
  // two-way primary cut at the boundary: its first reference (9) has no node in the extract
  { id: 101, nodes: [9, 1], tags: { highway: 'primary', lanes: '2' } },
  { id: 102, nodes: [20, 21, 3], tags: { highway: 'trunk', oneway: 'yes', lanes: '3' } },
  { id: 103, nodes: [4, 30], tags: { highway: 'trunk', oneway: 'yes', lanes: '2' } },
  { id: 104, nodes: [2, 40], tags: { highway: 'residential' } },
  { id: 105, nodes: [50, 51], tags: { highway: 'primary_link', oneway: 'yes' } },
  { id: 106, nodes: [60, 61], tags: { highway: 'trunk', oneway: 'yes' } },
  { id: 107, nodes: [61, 2], tags: { highway: 'trunk', oneway: 'yes' } },
];

function extract(): OsmExtract {
  return {
    nodeIds: Float64Array.from(NODES.map((n) => n[0])),
    nodeLon: Float64Array.from(NODES.map((n) => -46.6 + n[1] / 1000)),
    nodeLat: Float64Array.from(NODES.map((n) => -23.5 + n[2] / 1000)),
    ways: WAYS,
    pois: [],
    source: { format: 'xml', file: 'clipped.osm' },
  };
}

describe('cordonCuts', () => {
  it('finds, per cut major road and direction, the kept node nearest the cut: inbound, outbound or both', () => {
    const ex = extract();
    const { graph, report } = buildRoadGraph(ex);
    expect(report.missingNodeRefs).toBe(1);
    const osm = (v: number) => graph.nodeOsmId[v];
    const cuts = cordonCuts(ex, graph).map((c) => ({ way: c.wayId, cls: c.roadClass, dir: c.direction, node: osm(c.node), cap: c.capacityVph }));
    const sorted = [...cuts].sort((a, b) => a.way - b.way || a.dir.localeCompare(b.dir));
    expect(sorted.map(({ cap: _, ...c }) => c)).toEqual([
      // the two-way primary gives both directions at 1, where its kept piece starts
      { way: 101, cls: 'primary', dir: 'in', node: 1 },
      { way: 101, cls: 'primary', dir: 'out', node: 1 },
      // the inbound trunk's dead end (20) leaves the graph with its edge; its first kept node is 3
      { way: 102, cls: 'trunk', dir: 'in', node: 3 },
      // the outbound trunk leaves at 4
      { way: 103, cls: 'trunk', dir: 'out', node: 4 },
      // the one-way trunk's first way leaves the graph whole with its dead end: its kept node is 2, a way on
      { way: 106, cls: 'trunk', dir: 'in', node: 2 },
    ]);
    // the graph holds neither the dead ends nor the link's piece
    expect([...graph.nodeOsmId].some((id) => id === 20 || id === 30 || id === 50 || id === 61)).toBe(false);
    // capacities follow the lanes: 3 lanes of trunk more than 2
    expect(sorted[2]!.cap).toBeGreaterThan(sorted[3]!.cap);
    expect(sorted[0]!.cap).toBe(sorted[1]!.cap);
  });
});
