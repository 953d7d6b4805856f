import { describe, expect, it } from 'vitest';
import { EdgeFlag } from '../graph/edge-flags.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { buildRoadGraph } from './build-road-graph.ts';
import { SignalDirection, type OsmExtract, type OsmWay } from './osm-extract.ts';
import { haversineM } from '../spatial/geo.ts';

// Positions in thousandths of a degree around Cuiabá's centre.
const NODES: [number, number, number][] = [
  [1, 0, 0], [11, 0.5, 0.1], [2, 1, 0], [3, 1, 1],
  [30, 1.2, 1.2], [31, 1.4, 1.0], [32, 1.2, 0.8], // roundabout, entered at 3 and 31
  [4, 2, 1], [90, 2.5, 1.5], [91, 2.5, 0.5], // closed loop hanging off 4
  [50, 1.5, -0.5], [60, -1, 0], [70, 2, 2], [80, 3, 1],
];
const WAYS: OsmWay[] = [
  { id: 100, nodes: [1, 11, 2], tags: { highway: 'residential', lanes: '4', name: 'two-way' } },
  { id: 101, nodes: [2, 3], tags: { highway: 'tertiary', oneway: 'yes' } },
  { id: 102, nodes: [1, 3], tags: { highway: 'tertiary', oneway: '-1' } },
  { id: 103, nodes: [3, 30, 31, 32, 3], tags: { highway: 'tertiary', junction: 'roundabout' } },
  { id: 104, nodes: [31, 4], tags: { highway: 'residential', maxspeed: '40' } },
  { id: 105, nodes: [2, 50], tags: { highway: 'residential', oneway: 'yes', name: 'one-way dead end' } },
  { id: 106, nodes: [1, 60], tags: { highway: 'footway' } },
  { id: 107, nodes: [4, 70], tags: { highway: 'service', service: 'parking_aisle' } },
  { id: 108, nodes: [4, 80], tags: { highway: 'residential', access: 'private' } },
  { id: 109, nodes: [4, 90, 91, 4], tags: { highway: 'residential' } },
];

function extract(nodes = NODES, ways = WAYS): OsmExtract {
  return {
    nodeIds: Float64Array.from(nodes.map((n) => n[0])),
    nodeLon: Float64Array.from(nodes.map((n) => -56.1 + n[1] / 1000)),
    nodeLat: Float64Array.from(nodes.map((n) => -15.6 + n[2] / 1000)),
    ways,
    pois: [],
    source: { format: 'xml', file: 'tiny.osm' },
  };
}

const pos = (id: number) => {
  const n = NODES.find((x) => x[0] === id)!;
  return [-56.1 + n[1] / 1000, -15.6 + n[2] / 1000];
};
/** Haversine length along a list of node ids. */
const lengthAlong = (ids: number[]) => ids.slice(1).reduce((sum, id, i) => sum + haversineM(...(pos(ids[i]) as [number, number]), ...(pos(id) as [number, number])), 0);

function edgesOf(g: RoadGraph, way: number) {
  const out: number[] = [];
  for (let e = 0; e < g.edgeCount; e++) if (g.osmWayId[e] === way) out.push(e);
  return out;
}
const osm = (g: RoadGraph, node: number) => g.nodeOsmId[node];
const points = (g: RoadGraph, e: number) => Array.from(g.geometry.coords.subarray(2 * g.geometry.offsets[e], 2 * g.geometry.offsets[e + 1]));

describe('buildRoadGraph on a tiny extract', () => {
  const { graph: g, report } = buildRoadGraph(extract());

  it('reports what it kept and dropped', () => {
    expect(report).toMatchObject({
      drivableWays: 7,
      excludedWays: { class: 1, area: 0, access: 1, 'service-type': 1, reversible: 0 },
      missingNodeRefs: 0,
      nodesIn: 7, // 1, 2, 3, 4, 31, 50, 90: interior points 11, 30, 32, 91 are contracted
      edgesIn: 13,
      nodesKept: 6,
      edgesKept: 12,
      droppedNodes: 1,
      droppedEdges: 1,
      components: 2,
    });
    expect(report.seconds).toBeGreaterThan(0);
    expect(report.taggedSpeedShare).toBeCloseTo(2 / 12, 12);
    expect(report.taggedLanesShare).toBeCloseTo(2 / 12, 12);
  });

  it('numbers nodes by OSM id and drops the one-way dead end', () => {
    expect(Array.from(g.nodeOsmId)).toEqual([1, 2, 3, 4, 31, 90]);
    expect(edgesOf(g, 105)).toEqual([]);
    expect(g.meta).toMatchObject({ source: 'osm', synthetic: false });
    expect(g.flags.every((f) => (f & EdgeFlag.Synthetic) === 0)).toBe(true);
  });

  it('emits both directions of a two-way road with lanes split and geometry kept', () => {
    const [a, b] = edgesOf(g, 100);
    expect(edgesOf(g, 100)).toHaveLength(2);
    const len = lengthAlong([1, 11, 2]);
    for (const e of [a, b]) {
      expect(g.lengthM[e]).toBeCloseTo(len, 9);
      expect(g.lanes[e]).toBe(2);
      expect(g.capacityVph[e]).toBe(2 * 600);
      expect(g.speedKmh[e]).toBe(30);
      expect(g.freeFlowS[e]).toBeCloseTo(len / (30 / 3.6), 9);
      expect(g.flags[e] & EdgeFlag.LanesTagged).toBeTruthy();
      expect(g.flags[e] & EdgeFlag.SpeedTagged).toBe(0);
    }
    const fw = g.flags[a] & EdgeFlag.Reverse ? b : a;
    const bw = fw === a ? b : a;
    expect([osm(g, g.tail[fw]), osm(g, g.head[fw])]).toEqual([1, 2]);
    expect([osm(g, g.tail[bw]), osm(g, g.head[bw])]).toEqual([2, 1]);
    expect(g.flags[bw] & EdgeFlag.Reverse).toBeTruthy();
    expect(points(g, fw)).toEqual([...pos(1), ...pos(11), ...pos(2)]);
    expect(points(g, bw)).toEqual([...pos(2), ...pos(11), ...pos(1)]);
  });

  it('follows oneway=yes and oneway=-1', () => {
    const [fw] = edgesOf(g, 101);
    expect(edgesOf(g, 101)).toHaveLength(1);
    expect([osm(g, g.tail[fw]), osm(g, g.head[fw])]).toEqual([2, 3]);
    expect(g.flags[fw] & EdgeFlag.Reverse).toBe(0);
    const [bw] = edgesOf(g, 102);
    expect(edgesOf(g, 102)).toHaveLength(1);
    expect([osm(g, g.tail[bw]), osm(g, g.head[bw])]).toEqual([3, 1]);
    expect(g.flags[bw] & EdgeFlag.Reverse).toBeTruthy();
    expect(points(g, bw)).toEqual([...pos(3), ...pos(1)]);
  });

  it('cuts the roundabout where a road joins and drives it one way only', () => {
    const es = edgesOf(g, 103);
    expect(es.map((e) => [osm(g, g.tail[e]), osm(g, g.head[e])]).sort()).toEqual([[3, 31], [31, 3]]);
    for (const e of es) expect(g.flags[e] & EdgeFlag.Reverse).toBe(0);
    const total = es.reduce((s, e) => s + g.lengthM[e], 0);
    expect(total).toBeCloseTo(lengthAlong([3, 30, 31, 32, 3]), 9);
    const [e104] = edgesOf(g, 104);
    expect(g.speedKmh[e104]).toBe(40);
    expect(g.flags[e104] & EdgeFlag.SpeedTagged).toBeTruthy();
  });

  it('cuts a closed way into two edges between different nodes', () => {
    const es = edgesOf(g, 109);
    expect(es).toHaveLength(4);
    for (const e of es) expect(g.tail[e]).not.toBe(g.head[e]);
    const forward = es.filter((e) => !(g.flags[e] & EdgeFlag.Reverse));
    expect(forward.reduce((s, e) => s + g.lengthM[e], 0)).toBeCloseTo(lengthAlong([4, 90, 91, 4]), 9);
  });

  it('lays edges out as CSR with each polyline running from its tail to its head', () => {
    for (let v = 0; v < g.nodeCount; v++) for (let e = g.firstOut[v]; e < g.firstOut[v + 1]; e++) expect(g.tail[e]).toBe(v);
    for (let e = 0; e < g.edgeCount; e++) {
      const p = points(g, e);
      expect(p.slice(0, 2)).toEqual([g.nodeLon[g.tail[e]], g.nodeLat[g.tail[e]]]);
      expect(p.slice(-2)).toEqual([g.nodeLon[g.head[e]], g.nodeLat[g.head[e]]]);
    }
  });
});

describe('contraction', () => {
  it('keeps every way point as geometry and every metre of length', () => {
    const { graph: g } = buildRoadGraph(extract(), { largestComponentOnly: false });
    expect(g.nodeCount).toBe(7);
    for (const way of WAYS.filter((w) => [100, 101, 103, 104, 105, 109].includes(w.id))) {
      const fw = edgesOf(g, way.id).filter((e) => !(g.flags[e] & EdgeFlag.Reverse));
      expect(fw.reduce((s, e) => s + g.lengthM[e], 0)).toBeCloseTo(lengthAlong(way.nodes), 9);
      // Points: the way's, plus one shared end per extra edge.
      const pts = fw.reduce((s, e) => s + g.geometry.offsets[e + 1] - g.geometry.offsets[e], 0);
      expect(pts).toBe(way.nodes.length + fw.length - 1);
    }
  });

  it('cuts two ways where they cross mid-way', () => {
    const ways: OsmWay[] = [
      { id: 1, nodes: [1, 11, 2], tags: { highway: 'residential' } },
      { id: 2, nodes: [60, 11, 30], tags: { highway: 'residential', oneway: 'yes' } },
    ];
    const { graph: g, report } = buildRoadGraph(extract(NODES, ways), { largestComponentOnly: false });
    expect(Array.from(g.nodeOsmId)).toEqual([1, 2, 11, 30, 60]);
    expect(g.edgeCount).toBe(6);
    expect(report.components).toBe(3); // {1, 11, 2} and the one-way's two ends
  });

  it('never merges two ways meeting end to end', () => {
    const ways: OsmWay[] = [
      { id: 1, nodes: [1, 11, 2], tags: { highway: 'residential' } },
      { id: 2, nodes: [2, 3], tags: { highway: 'residential' } },
    ];
    const { graph: g } = buildRoadGraph(extract(NODES, ways));
    expect(Array.from(g.nodeOsmId)).toEqual([1, 2, 3]);
    expect(g.edgeCount).toBe(4);
  });
});

describe('robustness', () => {
  it('gives the same graph whatever order the reader used', () => {
    const a = buildRoadGraph(extract()).graph;
    const b = buildRoadGraph(extract([...NODES].reverse(), [...WAYS].reverse())).graph;
    for (const col of ['firstOut', 'nodeOsmId', 'nodeLon', 'tail', 'head', 'lengthM', 'osmWayId', 'flags', 'capacityVph'] as const) {
      expect(Array.from(b[col]), col).toEqual(Array.from(a[col]));
    }
    expect(Array.from(b.geometry.coords)).toEqual(Array.from(a.geometry.coords));
  });

  it('cuts a way where a node is missing from the extract and counts it', () => {
    const ways: OsmWay[] = [
      { id: 1, nodes: [1, 11, 2, 999, 3, 4], tags: { highway: 'residential' } },
      { id: 2, nodes: [2, 3], tags: { highway: 'residential' } },
    ];
    const { graph: g, report } = buildRoadGraph(extract(NODES, ways), { largestComponentOnly: false });
    expect(report.missingNodeRefs).toBe(1);
    // Pieces 1-11-2 and 3-4; no edge jumps the gap from 2 to 3 along way 1.
    const pairs = edgesOf(g, 1).map((e) => [osm(g, g.tail[e]), osm(g, g.head[e])].sort().join('-'));
    expect(new Set(pairs)).toEqual(new Set(['1-2', '3-4']));
  });

  it('drops consecutive duplicate node references', () => {
    const ways: OsmWay[] = [{ id: 1, nodes: [1, 1, 11, 2, 2], tags: { highway: 'residential' } }];
    const { graph: g } = buildRoadGraph(extract(NODES, ways));
    expect(g.edgeCount).toBe(2);
    expect(g.geometry.offsets[1]).toBe(3);
  });

  it('returns an empty graph for an extract with no drivable way', () => {
    const { graph: g, report } = buildRoadGraph(extract(NODES, [WAYS[6]]));
    expect([g.nodeCount, g.edgeCount, report.drivableWays, report.components]).toEqual([0, 0, 0, 0]);
  });
});

describe('traffic signals', () => {
  const withSignals = (ids: number[], direction: number[]) => ({ ...extract(), signals: { nodeIds: Float64Array.from(ids), direction: Uint8Array.from(direction) } });
  const flagged = (g: RoadGraph) => {
    const out: string[] = [];
    for (let e = 0; e < g.edgeCount; e++) if (g.flags[e] & EdgeFlag.Signal) out.push(`${osm(g, g.tail[e])}-${osm(g, g.head[e])}`);
    return out.sort();
  };

  it('flags the edges that arrive at a signalised junction, not those that leave it', () => {
    // node 3: way 101 (2→3) and the roundabout's 31→3 arrive; way 102 (3→1) and 3→31 leave
    const { graph: g, report } = buildRoadGraph(withSignals([3], [SignalDirection.Both]));
    expect(flagged(g)).toEqual(['2-3', '31-3']);
    expect([report.signalNodes, report.signalEdges]).toEqual([1, 2]);
  });

  it('flags an edge with a signal inside it, in the way of travel the signal governs', () => {
    // node 11 lies inside the two-way way 100 (1-11-2)
    expect(flagged(buildRoadGraph(withSignals([11], [SignalDirection.Both])).graph)).toEqual(['1-2', '2-1']);
    expect(flagged(buildRoadGraph(withSignals([11], [SignalDirection.Forward])).graph)).toEqual(['1-2']);
    expect(flagged(buildRoadGraph(withSignals([11], [SignalDirection.Backward])).graph)).toEqual(['2-1']);
  });

  it('flags nothing in an extract without signals', () => {
    const { graph: g, report } = buildRoadGraph(extract());
    expect(flagged(g)).toEqual([]);
    expect([report.signalNodes, report.signalEdges]).toEqual([0, 0]);
  });
});

describe('haversineM', () => {
  it('gives πR/180 for one degree along a meridian (R = 6,371,008.8 m)', () => {
    expect(haversineM(-56, -15, -56, -16)).toBeCloseTo(111_195.08, 1);
    expect(haversineM(0, 0, 1, 0)).toBeCloseTo(111_195.08, 1);
  });
});
