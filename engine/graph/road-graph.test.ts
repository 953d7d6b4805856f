import { describe, expect, it } from 'vitest';
import { GraphBuilder, GraphError } from './graph-builder.ts';
import { RoadGraph } from './road-graph.ts';

function triangle() {
  const b = new GraphBuilder({ name: 'triangle', source: 'test', synthetic: false });
  const a = b.addNode(-51.2, -30.0, 10);
  const c = b.addNode(-51.19, -30.0, 11);
  const d = b.addNode(-51.19, -30.01, 12);
  b.addEdge({ tail: d, head: a, lengthM: 1400, speedKmh: 50, capacityVph: 900, lanes: 1, roadClass: 11, osmWayId: 7796273136 });
  b.addEdge({ tail: a, head: c, lengthM: 960, speedKmh: 60, capacityVph: 1800, lanes: 2, roadClass: 4, osmWayId: 100 });
  b.addEdge({ tail: c, head: d, lengthM: 1110, speedKmh: 40, capacityVph: 900, lanes: 1, roadClass: 11, osmWayId: 101 });
  return b.finish();
}

describe('RoadGraph', () => {
  it('lays edges out as CSR sorted by tail', () => {
    const g = triangle();
    expect(g.nodeCount).toBe(3);
    expect(Array.from(g.firstOut)).toEqual([0, 1, 2, 3]);
    expect(Array.from(g.head)).toEqual([1, 2, 0]);
    expect(g.osmWayId[2]).toBe(7796273136);
    expect(g.freeFlowS[0]).toBeCloseTo(960 / (60 / 3.6), 9);
  });

  it('shares without copying and rebuilds identical views', () => {
    const g = triangle();
    const s = g.share();
    const h = RoadGraph.fromShared(s);
    expect(h.firstOut.buffer).toBe(g.firstOut.buffer);
    expect(Array.from(h.lengthM)).toEqual(Array.from(g.lengthM));
    expect(Array.from(h.geometry.coords)).toEqual(Array.from(g.geometry.coords));
  });

  it('rejects dangling ids, negative lengths and NaN', () => {
    const b = new GraphBuilder({ name: 'bad', source: 'test', synthetic: false });
    b.addNode(0, 0);
    b.addEdge({ tail: 0, head: 3, lengthM: 1, speedKmh: 30, capacityVph: 600, lanes: 1, roadClass: 11 });
    expect(() => b.finish()).toThrow(/edge 0: head is 3/);
    const b2 = new GraphBuilder({ name: 'bad', source: 'test', synthetic: false });
    b2.addNode(0, 0);
    b2.addEdge({ tail: 0, head: 0, lengthM: -5, speedKmh: 30, capacityVph: 600, lanes: 1, roadClass: 11 });
    expect(() => b2.finish()).toThrow(GraphError);
    const b3 = new GraphBuilder({ name: 'bad', source: 'test', synthetic: false });
    b3.addNode(0, NaN);
    expect(() => b3.finish()).toThrow(/node 0/);
  });
});
