import { describe, expect, it } from 'vitest';
import { randomGridGraph } from '../graph/random-graph.ts';
import { mulberry32, randomInt } from '../util/random.ts';
import { AStar, minCostPerMetre } from './astar.ts';
import { haversineM } from '../spatial/geo.ts';
import { IndexedMinHeap } from './binary-heap.ts';
import { Dijkstra } from './dijkstra.ts';

/** Reference shortest paths: Bellman-Ford, no heap, no cleverness. */
function bellmanFord(n: number, tail: Uint32Array, head: Uint32Array, cost: Float64Array, origin: number, firstThru = 0): Float64Array {
  const d = new Float64Array(n).fill(Infinity);
  d[origin] = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (let e = 0; e < head.length; e++) {
      const u = tail[e];
      if (u < firstThru && u !== origin) continue;
      if (d[u] + cost[e] < d[head[e]]) {
        d[head[e]] = d[u] + cost[e];
        changed = true;
      }
    }
  }
  return d;
}

const graph = randomGridGraph({ seed: 11, cols: 25, rows: 20 });
const cost = Float64Array.from(graph.freeFlowS);

describe('IndexedMinHeap', () => {
  it('pops ids in key order after pushes and decrease-keys', () => {
    const rand = mulberry32(3);
    const h = new IndexedMinHeap(500);
    const best = new Float64Array(500).fill(Infinity);
    for (let i = 0; i < 3000; i++) {
      const id = randomInt(rand, 500);
      const k = rand() * 100;
      h.push(id, k);
      best[id] = Math.min(best[id], k);
    }
    let last = -Infinity;
    let count = 0;
    while (h.size > 0) {
      const id = h.pop();
      expect(h.key[id]).toBe(best[id]);
      expect(h.key[id]).toBeGreaterThanOrEqual(last);
      last = h.key[id];
      count++;
    }
    expect(count).toBe(best.filter(Number.isFinite).length);
  });
});

describe('Dijkstra', () => {
  it('matches Bellman-Ford from several origins, and trees are consistent', () => {
    const router = new Dijkstra(graph.nodeCount);
    for (const origin of [0, 17, 250, graph.nodeCount - 1]) {
      const ref = bellmanFord(graph.nodeCount, graph.tail, graph.head, cost, origin);
      router.tree(graph, cost, origin);
      for (let v = 0; v < graph.nodeCount; v++) {
        const d = router.distance(v);
        if (!Number.isFinite(ref[v])) {
          expect(d).toBe(Infinity);
          continue;
        }
        expect(Math.abs(d - ref[v])).toBeLessThanOrEqual(1e-9 * Math.max(1, ref[v]));
        const e = router.pred[v];
        if (v === origin) expect(e).toBe(-1);
        else expect(router.dist[graph.tail[e]] + cost[e]).toBe(d);
      }
      // Settling order is non-decreasing in distance.
      for (let i = 1; i < router.settled; i++) expect(router.dist[router.order[i]]).toBeGreaterThanOrEqual(router.dist[router.order[i - 1]]);
    }
  });

  it('never passes through a node below firstThruNode other than the origin', () => {
    // 0 → 1 → 2 and 0 → 2 (expensive); node 1 is a zone when firstThruNode = 2.
    const g = { firstOut: Uint32Array.of(0, 2, 3, 3), head: Uint32Array.of(1, 2, 2) };
    const tail = Uint32Array.of(0, 0, 1);
    const c = Float64Array.of(1, 10, 1);
    const r = new Dijkstra(3);
    r.tree(g, c, 0, 0);
    expect(r.distance(2)).toBe(2);
    r.tree(g, c, 0, 2);
    expect(r.distance(2)).toBe(10);
    expect(r.pathTo(2, tail)).toEqual([1]);
    expect(bellmanFord(3, tail, g.head, c, 0, 2)[2]).toBe(10);
    r.tree(g, c, 1, 2); // the origin itself is expanded even when it is a zone
    expect(r.distance(2)).toBe(1);
    expect(r.distance(0)).toBe(Infinity);
  });
});

describe('AStar', () => {
  it('finds the same costs as Dijkstra and searches less', () => {
    const rand = mulberry32(5);
    const rate = minCostPerMetre(graph, cost);
    expect(rate).toBeGreaterThan(0);
    const astar = new AStar(graph.nodeCount);
    const dijkstra = new Dijkstra(graph.nodeCount);
    let aSettled = 0;
    let dSettled = 0;
    for (let q = 0; q < 40; q++) {
      const s = randomInt(rand, graph.nodeCount);
      const t = randomInt(rand, graph.nodeCount);
      dijkstra.tree(graph, cost, s);
      const want = dijkstra.distance(t);
      const got = astar.route(graph, cost, s, t, rate);
      if (!Number.isFinite(want)) {
        expect(got).toBe(Infinity);
        continue;
      }
      expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, want));
      const path = astar.pathTo(t, graph.tail);
      expect(path.reduce((a, e) => a + cost[e], 0)).toBeCloseTo(got, 9);
      if (path.length > 0) {
        expect(graph.tail[path[0]]).toBe(s);
        expect(graph.head[path[path.length - 1]]).toBe(t);
      }
      aSettled += astar.settled;
      for (let i = 0; i < dijkstra.settled; i++) {
        dSettled++;
        if (dijkstra.order[i] === t) break;
      }
    }
    expect(aSettled).toBeLessThan(dSettled);
  });

  it('haversine: one degree of latitude is about 111.2 km', () => {
    expect(haversineM(-56, -15, -56, -16)).toBeCloseTo(111_195, -1);
  });
});
