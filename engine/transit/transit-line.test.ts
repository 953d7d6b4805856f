import { describe, expect, it } from 'vitest';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { DEFAULT_BUS_TIMES, signalDelayS, stopToStopSeconds } from './bus-times.ts';
import { lineHopSeconds, lineHopSignals, type LineOnGraph } from './transit-line.ts';

// nodes 0..n in a row, a two-way street between each pair (`lengths` metres, 36 km/h); the
// forward edge i → i + 1 carries a signal at its head where `signals` lists i
const street = (signals: number[], lengths: number[]) => {
  const b = new GraphBuilder({ name: 'street', source: 'test', synthetic: true });
  for (let i = 0; i <= lengths.length; i++) b.addNode(-51 + i * 0.001, -30, i);
  lengths.forEach((lengthM, i) => {
    const common = { lengthM, speedKmh: 36, capacityVph: 900, lanes: 1, roadClass: 3 };
    b.addEdge({ ...common, tail: i, head: i + 1, flags: signals.includes(i) ? EdgeFlag.Signal : 0 });
    b.addEdge({ ...common, tail: i + 1, head: i, flags: 0 });
  });
  const g = b.finish();
  const edge = (a: number, z: number) => {
    for (let e = 0; e < g.edgeCount; e++) if (g.tail[e] === a && g.head[e] === z) return e;
    throw new Error(`no edge ${a} → ${z}`);
  };
  return { g, edge };
};

// a line on stops at `stops` (node numbers), forward only (direction 1 mirrors it, unused here)
const line = (s: ReturnType<typeof street>, stops: number[], dedicated: boolean): LineOnGraph => {
  const hopStart = [0];
  const edges: number[] = [];
  for (let h = 0; h + 1 < stops.length; h++) {
    for (let i = stops[h]; i < stops[h + 1]; i++) edges.push(s.edge(i, i + 1));
    hopStart.push(edges.length);
  }
  const dir = { hopStart: Uint32Array.from(hopStart), edges: Uint32Array.from(edges) };
  return { name: 'L', headwayS: 600, kmh: 36, dedicated, stopNode: Uint32Array.from(stops), dir: [dir, dir], lengthM: 0 };
};

describe("a transit line at traffic signals, by the city's buses' rule", () => {
  const off = { ...DEFAULT_BUS_TIMES, signalCycleS: 0 };

  it('pays the signal delay at each junction it passes, dedicated or not (no signal priority)', () => {
    // stops at nodes 0, 2, 4; signals at nodes 1 and 3 (heads of edges 0 → 1 and 2 → 3)
    const s = street([0, 2], [100, 100, 100, 100]);
    for (const dedicated of [true, false]) {
      const l = line(s, [0, 2, 4], dedicated);
      expect([...lineHopSignals(s.g, l, 0)]).toEqual([1, 1]);
      const paid = lineHopSeconds(s.g, l, 0, s.g.freeFlowS);
      const without = lineHopSeconds(s.g, l, 0, s.g.freeFlowS, undefined, off);
      // 200 m at 10 m/s from rest to rest, plus one junction's 11.25 s
      expect(without[0]).toBeCloseTo(stopToStopSeconds(200, 20), 9);
      for (let h = 0; h < 2; h++) expect(paid[h] - without[h]).toBeCloseTo(signalDelayS(), 9);
    }
  });

  it('meets a signal at a stop once, on the hop that arrives there, and none at the terminus', () => {
    // signals at nodes 2 (a stop) and 4 (the terminus)
    const s = street([1, 3], [100, 100, 100, 100]);
    const l = line(s, [0, 2, 4], false);
    expect([...lineHopSignals(s.g, l, 0)]).toEqual([1, 0]);
    const d = lineHopSeconds(s.g, l, 0, s.g.freeFlowS);
    const bare = lineHopSeconds(s.g, l, 0, s.g.freeFlowS, undefined, off);
    expect(d[0] - bare[0]).toBeCloseTo(signalDelayS(), 9);
    expect(d[1]).toBeCloseTo(bare[1], 9);
  });

  it('counts two signal nodes 10 m apart as one junction, 200 m apart as two', () => {
    for (const [gap, n] of [[10, 1], [200, 2]]) {
      const s = street([1, 2], [100, 100, gap, 100]);
      const l = line(s, [0, 4], true);
      expect(lineHopSignals(s.g, l, 0)[0]).toBe(n);
      expect(lineHopSignals(s.g, l, 0, 0)[0]).toBe(2);
      expect(lineHopSeconds(s.g, l, 0, s.g.freeFlowS)[0] - lineHopSeconds(s.g, l, 0, s.g.freeFlowS, undefined, off)[0]).toBeCloseTo(n * signalDelayS(), 9);
    }
  });

  it('in an assigned run, waits at the v/c of the link entering each junction in the traffic, at X = 0 on its own lane', () => {
    const s = street([0, 2], [100, 100, 100, 100]);
    const vc = new Float64Array(s.g.edgeCount);
    vc[s.edge(0, 1)] = 0.5;
    vc[s.edge(2, 3)] = 0.5;
    for (const [dedicated, delay] of [[false, 15], [true, 11.25]] as const) {
      const l = line(s, [0, 2, 4], dedicated);
      const bare = lineHopSeconds(s.g, l, 0, s.g.freeFlowS, undefined, off);
      const paid = lineHopSeconds(s.g, l, 0, s.g.freeFlowS, undefined, DEFAULT_BUS_TIMES, vc);
      for (let h = 0; h < 2; h++) expect(paid[h] - bare[h]).toBeCloseTo(delay, 9);
    }
    // in the traffic but on a bus lane at the first signal's approach
    const lane = new Uint8Array(s.g.edgeCount);
    lane[s.edge(0, 1)] = 1;
    const l = line(s, [0, 2, 4], false);
    const paid = lineHopSeconds(s.g, l, 0, s.g.freeFlowS, lane, DEFAULT_BUS_TIMES, vc);
    const bare = lineHopSeconds(s.g, l, 0, s.g.freeFlowS, lane, off);
    expect([paid[0] - bare[0], paid[1] - bare[1]].map((x) => Math.round(x * 100) / 100)).toEqual([11.25, 15]);
  });
});
