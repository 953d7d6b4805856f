import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { roadClassCode } from '../graph/road-class.ts';
import { columnNames, type RoadGraph } from '../graph/road-graph.ts';
import { loadRoadClassDefaults } from '../osm/road-class-defaults.ts';
import { Dijkstra } from '../routing/dijkstra.ts';
import { applyScenario } from './apply-scenario.ts';
import { validateScenario } from './parse-scenario.ts';
import { ScenarioError, type Intervention } from './scenario.ts';
import { tollSeconds, VALUE_OF_TIME_BRL_PER_HOUR } from './value-of-time.ts';

/**
 * A 3 × 2 grid, 0.005° apart (≈ 535 m east-west, 555 m north-south at −15.6°):
 *   n3 —20→ n4 —21→ n5        ways 20, 21 one-way east; 30, 31, 32 two-way north-south;
 *   |       |       |         10, 11 two-way east-west.
 *   n0 ——10—— n1 ——11—— n2
 */
const LON0 = -56.1;
const LAT0 = -15.6;
const D = 0.005;
const city = { slug: 'test', name: 'Test' };

function grid(): RoadGraph {
  const b = new GraphBuilder({ name: 'grid', source: 'test', synthetic: false });
  for (let y = 0; y < 2; y++) for (let x = 0; x < 3; x++) b.addNode(LON0 + x * D, LAT0 + y * D, 100 + y * 3 + x);
  const road = (tail: number, head: number, way: number, cls: string, lanes: number, perLane: number, reverse = false) =>
    b.addEdge({ tail, head, lengthM: 500, speedKmh: 60, capacityVph: lanes * perLane, lanes, roadClass: roadClassCode(cls), osmWayId: way, flags: reverse ? EdgeFlag.Reverse : 0 });
  const twoWay = (a: number, c: number, way: number, cls: string, lanes: number, perLane: number) => {
    road(a, c, way, cls, lanes, perLane);
    road(c, a, way, cls, lanes, perLane, true);
  };
  twoWay(0, 1, 10, 'primary', 2, 1000);
  twoWay(1, 2, 11, 'secondary', 1, 900);
  road(3, 4, 20, 'tertiary', 2, 800);
  road(4, 5, 21, 'tertiary', 1, 800);
  twoWay(0, 3, 30, 'residential', 1, 600);
  twoWay(1, 4, 31, 'residential', 1, 600);
  twoWay(2, 5, 32, 'residential', 1, 600);
  return b.finish();
}

function scenario(...interventions: unknown[]) {
  return validateScenario({ city: 'test', name: 't', interventions }, 'test.json');
}

function edgesOfWay(g: RoadGraph, way: number): number[] {
  return Array.from({ length: g.edgeCount }, (_, e) => e).filter((e) => g.osmWayId[e] === way);
}

function checksum(g: RoadGraph): string {
  const h = createHash('sha256');
  for (const name of columnNames()) {
    const col = g[name];
    h.update(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
  }
  for (const col of [g.geometry.offsets, g.geometry.coords]) h.update(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
  return h.digest('hex');
}

function shortest(g: RoadGraph, from: number, to: number): number {
  const d = new Dijkstra(g.nodeCount);
  d.tree(g, Float64Array.from(g.lengthM), from);
  return d.dist[to];
}

const defaults = loadRoadClassDefaults();

describe('applyScenario', () => {
  it('never writes to the base graph, whatever it applies', () => {
    const base = grid();
    const before = checksum(base);
    const all: Intervention[] = [
      { type: 'close', ways: [30] },
      { type: 'lanes', ways: [10], lanes: 3 },
      { type: 'speed', ways: [11], kmh: 30 },
      { type: 'capacity', ways: [31], factor: 0.5 },
      { type: 'bus-lane', ways: [10, 32] },
      { type: 'reverse', ways: [20] },
      { type: 'toll', ways: [11], brl: 5 },
      { type: 'add-link', from: [LON0, LAT0], to: [LON0 + 2 * D, LAT0 + D], class: 'primary', lanes: 2 },
      { type: 'close-area', polygon: [[LON0 + 1.5 * D, LAT0 + 0.5 * D], [LON0 + 2.5 * D, LAT0 + 0.5 * D], [LON0 + 2.5 * D, LAT0 + 1.5 * D], [LON0 + 1.5 * D, LAT0 + 1.5 * D]] },
      { type: 'event', at: [LON0, LAT0], attendance: 1000, from: '16:00', to: '22:00' },
    ];
    const out = applyScenario(base, scenario(...all), { city, defaults });
    expect(checksum(base)).toBe(before);
    expect(out.graph).not.toBe(base);
    expect(out.graph.capacityVph.buffer).not.toBe(base.capacityVph.buffer);
    expect(out.log.map((l) => l.type)).toEqual(all.map((iv) => iv.type));
  });

  it('close removes every edge of the way and nothing else; a window outside the period does nothing', () => {
    const base = grid();
    const out = applyScenario(base, scenario({ type: 'close', ways: [10] }), { city });
    expect(edgesOfWay(out.graph, 10)).toEqual([]);
    expect(out.graph.edgeCount).toBe(base.edgeCount - 2);
    expect(out.log[0].edges).toBe(2);
    // every kept edge is its base edge, unchanged
    for (let e = 0; e < out.graph.edgeCount; e++) {
      const src = out.baseEdge[e];
      expect(out.graph.osmWayId[e]).toBe(base.osmWayId[src]);
      expect([out.graph.tail[e], out.graph.head[e]]).toEqual([base.tail[src], base.head[src]]);
      expect(out.changed[e]).toBe(0);
    }
    expect(shortest(out.graph, 0, 1)).toBe(1500); // 0→3→4→1 instead of 500

    const evening = applyScenario(base, scenario({ type: 'close', ways: [10], from: '18:00', to: '20:00' }), { city }); // period am-peak
    expect(evening.graph.edgeCount).toBe(base.edgeCount);
    expect(evening.log[0]).toMatchObject({ edges: 0, note: expect.stringMatching(/not in effect during am-peak/) });
    const morning = applyScenario(base, scenario({ type: 'close', ways: [10], from: '06:30', to: '07:30' }), { city });
    expect(edgesOfWay(morning.graph, 10)).toEqual([]);
  });

  it('lanes, speed and capacity set exactly their numbers on the way', () => {
    const base = grid();
    const out = applyScenario(
      base,
      scenario({ type: 'lanes', ways: [10], lanes: 3 }, { type: 'speed', ways: [11], kmh: 30 }, { type: 'capacity', ways: [31], factor: 0.5 }),
      { city },
    );
    const g = out.graph;
    for (const e of edgesOfWay(g, 10)) expect([g.lanes[e], g.capacityVph[e], out.changed[e]]).toEqual([3, 3000, 1]);
    for (const e of edgesOfWay(g, 11)) {
      expect(g.speedKmh[e]).toBe(30);
      expect(g.freeFlowS[e]).toBeCloseTo(500 / (30 / 3.6), 9); // 60 s
      expect(g.capacityVph[e]).toBe(900);
    }
    for (const e of edgesOfWay(g, 31)) expect(g.capacityVph[e]).toBe(300);
    for (const e of edgesOfWay(g, 30)) expect([g.capacityVph[e], g.speedKmh[e], out.changed[e]]).toEqual([600, 60, 0]);
  });

  it('bus-lane takes one lane; a one-lane way is closed to cars and the log says so', () => {
    const out = applyScenario(grid(), scenario({ type: 'bus-lane', ways: [10, 11] }), { city });
    const g = out.graph;
    for (const e of edgesOfWay(g, 10)) expect([g.lanes[e], g.capacityVph[e]]).toEqual([1, 1000]);
    expect(edgesOfWay(g, 11)).toEqual([]);
    expect(out.log[0].note).toMatch(/2 one-lane edges closed to cars/);
  });

  it('reverse flips a one-way way (ends, geometry, flag) and refuses a two-way one', () => {
    const base = grid();
    const out = applyScenario(base, scenario({ type: 'reverse', ways: [20] }), { city });
    const g = out.graph;
    const [e] = edgesOfWay(g, 20);
    expect([g.tail[e], g.head[e]]).toEqual([4, 3]);
    expect(g.flags[e] & EdgeFlag.Reverse).toBe(EdgeFlag.Reverse);
    const p = g.geometry.offsets[e];
    expect(Array.from(g.geometry.coords.subarray(2 * p, 2 * p + 4))).toEqual([LON0 + D, LAT0 + D, LON0, LAT0 + D]);
    expect(g.firstOut[4 + 1] - g.firstOut[4]).toBe(3); // n4 now also leads to n3
    expect(shortest(g, 4, 3)).toBe(500);
    expect(shortest(base, 4, 3)).toBe(1500);
    expect(() => applyScenario(base, scenario({ type: 'reverse', ways: [10] }), { city })).toThrow(/interventions\[0\]\.ways: way 10 is two-way/);
  });

  it('toll sets tollBrl on the way only, and value of time turns it into seconds', () => {
    const out = applyScenario(grid(), scenario({ type: 'toll', ways: [11], brl: 5 }), { city });
    for (let e = 0; e < out.graph.edgeCount; e++) expect(out.tollBrl[e]).toBe(out.graph.osmWayId[e] === 11 ? 5 : 0);
    // R$ 2.713 / 173.3 h ≈ R$ 15.65/h, so R$ 5 weighs ≈ 1150 s
    expect(VALUE_OF_TIME_BRL_PER_HOUR).toBeCloseTo(15.65, 2);
    expect(tollSeconds(5)).toBeCloseTo((5 / 15.6519) * 3600, 0);
    expect(tollSeconds(0)).toBe(0);
    expect(() => tollSeconds(-1)).toThrow(RangeError);
  });

  it('add-link adds two synthetic edges of the class on snapped nodes, with a fresh way id, and shortens paths', () => {
    const base = grid();
    const out = applyScenario(
      base,
      scenario({ type: 'add-link', from: [LON0 + 0.0003, LAT0 - 0.0002], to: [LON0 + 2 * D, LAT0 + D + 0.0004], class: 'primary', lanes: 2 }),
      { city, defaults },
    );
    const g = out.graph;
    const added = Array.from({ length: g.edgeCount }, (_, e) => e).filter((e) => out.baseEdge[e] === -1);
    expect(added.length).toBe(2);
    const primary = defaults.byCode[roadClassCode('primary')]!;
    for (const e of added) {
      expect(g.osmWayId[e]).toBe(-1); // every base way id is positive here
      expect(g.flags[e] & EdgeFlag.Synthetic).toBe(EdgeFlag.Synthetic);
      // changed code 3: an added link (RunEdges.changed)
      expect([g.speedKmh[e], g.capacityVph[e], g.lanes[e], g.roadClass[e], out.changed[e]]).toEqual([primary.urbanKmh, 2 * primary.capacityPerLaneVph, 2, primary.code, 3]);
    }
    // a generated name, marked synthetic
    expect(g.wayNames.get(-1)).toEqual({ name: 'Nova ligação 1', ref: '', synthetic: true });
    expect(out.log.at(-1)!.label).toBe('Nova ligação 1');
    expect(added.map((e) => [g.tail[e], g.head[e]]).sort()).toEqual([[0, 5], [5, 0]]);
    const diagonal = Math.hypot(2 * D * 107_100, D * 111_195); // ≈ 1,208 m, vs 1,500 m on the grid
    expect(shortest(g, 0, 5)).toBeCloseTo(diagonal, -1);
    expect(shortest(base, 0, 5)).toBe(1500);
    // a second link, on a graph that already has negative ids, goes below them
    const again = applyScenario(g, scenario({ type: 'add-link', from: [LON0, LAT0 + D], to: [LON0 + 2 * D, LAT0], class: 'residential', lanes: 1, oneway: true }), { city, defaults });
    const newest = Array.from({ length: again.graph.edgeCount }, (_, e) => e).filter((e) => again.baseEdge[e] === -1);
    expect(newest.map((e) => again.graph.osmWayId[e])).toEqual([-2]);
  });

  it('close-area removes the edges reaching into the polygon', () => {
    const base = grid();
    // a box around n5 only
    const box = [[LON0 + 1.8 * D, LAT0 + 0.8 * D], [LON0 + 2.2 * D, LAT0 + 0.8 * D], [LON0 + 2.2 * D, LAT0 + 1.2 * D], [LON0 + 1.8 * D, LAT0 + 1.2 * D]];
    const out = applyScenario(base, scenario({ type: 'close-area', polygon: box }), { city });
    const left = new Set(Array.from(out.graph.osmWayId));
    expect([...left].sort((a, b) => a - b)).toEqual([10, 11, 20, 30, 31]); // 21 and 32 touch n5
    expect(out.graph.edgeCount).toBe(base.edgeCount - 3);
    expect(out.log[0].edges).toBe(3);
  });

  it('event becomes a DemandEvent and leaves the graph alone', () => {
    const base = grid();
    const out = applyScenario(base, scenario({ type: 'event', at: [LON0, LAT0], attendance: 40000, from: '16:00', to: '22:30', name: 'Show' }), { city });
    expect(out.events).toEqual([{ name: 'Show', lon: LON0, lat: LAT0, attendance: 40000, startS: 16 * 3600, endS: 22.5 * 3600 }]);
    expect(out.graph.edgeCount).toBe(base.edgeCount);
    expect(Array.from(out.changed)).toEqual(new Array(base.edgeCount).fill(0));
  });

  it('refuses a way id that is not in the graph, naming the intervention', () => {
    expect(() => applyScenario(grid(), scenario({ type: 'speed', ways: [999], kmh: 40 }), { city })).toThrow(ScenarioError);
    expect(() => applyScenario(grid(), scenario({ type: 'speed', ways: [999], kmh: 40 }), { city })).toThrow(/interventions\[0\]\.ways: way 999/);
  });

  it('gives the same graph for the same inputs', () => {
    const s = scenario({ type: 'bus-lane', ways: [10] }, { type: 'add-link', from: [LON0, LAT0], to: [LON0 + 2 * D, LAT0 + D], class: 'primary', lanes: 2 });
    expect(checksum(applyScenario(grid(), s, { city }).graph)).toBe(checksum(applyScenario(grid(), s, { city }).graph));
  });
});
