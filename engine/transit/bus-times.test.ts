import { describe, expect, it } from 'vitest';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { carBusGraph } from './bus-graph.ts';
import { DEFAULT_BUS_TIMES, hopSignals, hopTimes, patternRunTime, signalDelayS, stopToStopSeconds, uniformDelayS } from './bus-times.ts';
import type { PatternMatch } from './match-shapes.ts';

describe('a hop from stop to stop at rest', () => {
  const o = { ...DEFAULT_BUS_TIMES, accelMps2: 1, decelMps2: 1 };

  it('adds the time lost accelerating to the running speed and braking from it', () => {
    // 1 km at 10 m/s: 100 s running, 10/2 × (1 + 1) = 10 s lost
    expect(stopToStopSeconds(1000, 100, o)).toBeCloseTo(110, 9);
  });

  it('runs a triangle on a hop too short to reach the running speed, continuous at the limit', () => {
    // 50 m at 10 m/s would need 100 m to reach it: √(2 × 50 × 2) = √200 s
    expect(stopToStopSeconds(50, 5, o)).toBeCloseTo(Math.sqrt(200), 9);
    expect(stopToStopSeconds(100, 10, o)).toBeCloseTo(20, 9);
    expect(stopToStopSeconds(99.999, 9.9999, o)).toBeCloseTo(20, 3);
    expect(stopToStopSeconds(50, 5, o)).toBeGreaterThan(5);
  });

  it('loses nothing without acceleration figures, or on an empty hop', () => {
    expect(stopToStopSeconds(1000, 100, { ...o, accelMps2: 0 })).toBe(100);
    expect(stopToStopSeconds(0, 0, o)).toBe(0);
  });

  it('defaults to the published rates: 1.2 m/s² each way, 15 s at a stop', () => {
    expect(DEFAULT_BUS_TIMES).toMatchObject({ accelMps2: 1.2, decelMps2: 1.2, stopS: 15 });
  });
});

describe('a bus at traffic signals', () => {
  it("waits the HCM's uniform delay of the stated signal, and loses the braking and accelerating of the share stopped on red", () => {
    // C = 90 s, g/C = 0.5, X = 0: 0.5 × 90 × 0.5² = 11.25 s (control delay: braking and accelerating included)
    expect(signalDelayS()).toBeCloseTo(11.25, 9);
    // the full formula at X = 0.5: 11.25 / (1 − 0.5 × 0.5)
    expect(signalDelayS({ ...DEFAULT_BUS_TIMES, signalSaturation: 0.5 })).toBeCloseTo(15, 9);
    expect(signalDelayS({ ...DEFAULT_BUS_TIMES, signalCycleS: 0 })).toBe(0);
  });

  it('defaults to a 90 s cycle, half of it green, in free flow', () => {
    expect(DEFAULT_BUS_TIMES).toMatchObject({ signalCycleS: 90, signalGreenShare: 0.5, signalSaturation: 0 });
  });

  // edges in a row at 36 km/h (five of 100 m, 10 s each, unless `lengths` says); `signals` flags the edges by position
  const chain = (signals: number[], lengths = [100, 100, 100, 100, 100]) => {
    const b = new GraphBuilder({ name: 'chain', source: 'test', synthetic: true });
    for (let i = 0; i <= lengths.length; i++) b.addNode(-51 + i * 0.001, -30, i);
    lengths.forEach((lengthM, i) => b.addEdge({ tail: i, head: i + 1, lengthM, speedKmh: 36, capacityVph: 900, lanes: 1, roadClass: 3, flags: signals.includes(i) ? EdgeFlag.Signal : 0 }));
    const g = b.finish();
    const edge = (i: number) => g.firstOut[i];
    return { bg: carBusGraph(g), edge };
  };
  const match = (edge: (i: number) => number, hops: [number, number][][]): PatternMatch => {
    const hopStart = [0];
    const pieceEdge: number[] = [];
    const pieceShare: number[] = [];
    for (const hop of hops) {
      for (const [i, share] of hop) {
        pieceEdge.push(edge(i));
        pieceShare.push(share);
      }
      hopStart.push(pieceEdge.length);
    }
    return { pattern: 0, hopMatched: new Uint8Array(hops.length).fill(1), hopStart: Uint32Array.from(hopStart), pieceEdge: Uint32Array.from(pieceEdge), pieceShare: Float64Array.from(pieceShare), share: 1 };
  };

  it('takes N × the stated delay more over a hop through N signals', () => {
    const hop: [number, number][][] = [[[0, 1], [1, 1], [2, 1], [3, 1], [4, 1]]];
    const none = chain([]);
    const base = patternRunTime(none.bg, match(none.edge, hop), none.bg.graph.freeFlowS);
    // 500 m in 50 s from rest to rest: 50 + 10/2 × 2/1.2
    expect(base).toBeCloseTo(50 + (10 * (2 / 1.2)) / 2, 9);
    for (const signals of [[0], [0, 2], [0, 1, 2, 3]]) {
      const c = chain(signals);
      const m = match(c.edge, hop);
      expect(hopSignals(c.bg, m)[0]).toBe(signals.length);
      expect(patternRunTime(c.bg, m, c.bg.graph.freeFlowS) - base).toBeCloseTo(signals.length * signalDelayS(), 9);
    }
    // the signal at the end of the last stop's edge is past the stop: the bus does not reach it
    const last = chain([4]);
    expect(patternRunTime(last.bg, match(last.edge, hop), last.bg.graph.freeFlowS)).toBeCloseTo(base, 9);
  });

  it('meets a signal past a stop once, on the hop that leaves the stop', () => {
    const c = chain([2]);
    // stops at the start of edge 0, halfway along edge 2 and at the end of edge 4
    const m = match(c.edge, [[[0, 1], [1, 1], [2, 0.5]], [[2, 0.5], [3, 1], [4, 1]]]);
    expect([...hopSignals(c.bg, m)]).toEqual([0, 1]);
    const off = patternRunTime(c.bg, m, c.bg.graph.freeFlowS, { ...DEFAULT_BUS_TIMES, signalCycleS: 0 });
    expect(patternRunTime(c.bg, m, c.bg.graph.freeFlowS) - off).toBeCloseTo(signalDelayS(), 9);
  });

  it('counts the signal nodes of one junction once: two 10 m apart on a hop are one, 200 m apart two', () => {
    const o = { ...DEFAULT_BUS_TIMES, signalCycleS: 0 };
    for (const [gap, junctions] of [[10, 1], [200, 2]]) {
      // signals at the ends of edges 1 and 2, `gap` apart along the path
      const c = chain([1, 2], [100, 100, gap, 100]);
      const m = match(c.edge, [[[0, 1], [1, 1], [2, 1], [3, 1]]]);
      expect(hopSignals(c.bg, m)[0]).toBe(junctions);
      expect(hopSignals(c.bg, m, 0)[0]).toBe(2); // every node, without the merge
      expect(patternRunTime(c.bg, m, c.bg.graph.freeFlowS) - patternRunTime(c.bg, m, c.bg.graph.freeFlowS, o)).toBeCloseTo(junctions * signalDelayS(), 9);
    }
    // measured from the junction's first node: nodes 20 m apart do not chain into one 40 m junction
    const three = chain([1, 2, 3], [100, 100, 20, 20, 100]);
    expect(hopSignals(three.bg, match(three.edge, [[[0, 1], [1, 1], [2, 1], [3, 1], [4, 1]]]))[0]).toBe(2);
    expect(DEFAULT_BUS_TIMES.signalJunctionM).toBe(30);
  });

  it('merges the nodes of a junction across a stop between them, and not across an unmatched hop', () => {
    // signals at the ends of edges 1 and 3, 20 m apart; a stop halfway along edge 2
    const c = chain([1, 3], [100, 100, 10, 10, 100]);
    const hops: [number, number][][] = [[[0, 1], [1, 1], [2, 0.5]], [[2, 0.5], [3, 1], [4, 1]]];
    const m = match(c.edge, hops);
    expect([...hopSignals(c.bg, m)]).toEqual([1, 0]);
    // the same edges as four hops, the third unmatched: the path is lost there, so the second node counts
    const four = match(c.edge, [[[0, 1], [1, 1], [2, 0.5]], [[2, 0.5]], [], [[3, 1], [4, 1]]]);
    four.hopMatched[2] = 0;
    expect([...hopSignals(c.bg, four)]).toEqual([1, 0, 0, 1]);
  });

  it("in an assigned run, waits at each junction the uniform delay at the v/c of the link entering it", () => {
    // signals at the ends of edges 1 and 3; the approach to the first at v/c 0.5, to the second over capacity
    const c = chain([1, 3]);
    const m = match(c.edge, [[[0, 1], [1, 1], [2, 1], [3, 1], [4, 1]]]);
    const t = c.bg.graph.freeFlowS;
    const vc = new Float64Array(5);
    vc[c.edge(1)] = 0.5;
    vc[c.edge(3)] = 1.4;
    vc[c.edge(2)] = 1; // not an approach to a signal: no effect
    const bare = hopTimes(c.bg, m, t, { ...DEFAULT_BUS_TIMES, signalCycleS: 0 })[0];
    // C = 90 s, g/C = 0.5: 15 s at v/c 0.5, 22.5 s at X = min(1, 1.4)
    expect(uniformDelayS(90, 0.5, 0.5)).toBeCloseTo(15, 9);
    expect(hopTimes(c.bg, m, t, DEFAULT_BUS_TIMES, undefined, vc)[0] - bare).toBeCloseTo(15 + 22.5, 9);
    // free flow (no v/c given) stays at X = 0, as in the schedule check
    expect(hopTimes(c.bg, m, t)[0] - bare).toBeCloseTo(2 * 11.25, 9);
    // in a bus lane the bus is not in the cars' queue: X = 0 there
    const lane = new Uint8Array(5);
    lane[c.edge(3)] = 1;
    expect(hopTimes(c.bg, m, t, DEFAULT_BUS_TIMES, lane, vc)[0] - hopTimes(c.bg, m, t, { ...DEFAULT_BUS_TIMES, signalCycleS: 0 }, lane)[0]).toBeCloseTo(15 + 11.25, 9);
  });
});
