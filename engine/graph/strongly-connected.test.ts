import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt } from '../util/random.ts';
import { largestComponent, stronglyConnectedComponents } from './strongly-connected.ts';

/** CSR from an edge list. */
function csr(n: number, edges: [number, number][]) {
  const sorted = [...edges].sort((a, b) => a[0] - b[0]);
  const firstOut = new Uint32Array(n + 1);
  for (const [t] of sorted) firstOut[t + 1]++;
  for (let v = 0; v < n; v++) firstOut[v + 1] += firstOut[v];
  return { firstOut, head: Uint32Array.from(sorted.map((e) => e[1])) };
}

/** Reference: u and v share a component iff each reaches the other (breadth-first search from every node). */
function bruteForce(n: number, firstOut: Uint32Array, head: Uint32Array): boolean[][] {
  const reach = Array.from({ length: n }, (_, s) => {
    const seen = new Array<boolean>(n).fill(false);
    seen[s] = true;
    const queue = [s];
    while (queue.length) {
      const v = queue.pop()!;
      for (let e = firstOut[v]; e < firstOut[v + 1]; e++) if (!seen[head[e]]) queue.push(head[e]), (seen[head[e]] = true);
    }
    return seen;
  });
  return reach.map((row, u) => row.map((r, v) => r && reach[v][u]));
}

describe('stronglyConnectedComponents', () => {
  it('finds the components of a small graph', () => {
    // 0⇄1→2⇄3, 3→4, 4 alone, 5→5 self-loop
    const g = csr(6, [[0, 1], [1, 0], [1, 2], [2, 3], [3, 2], [3, 4], [5, 5]]);
    const c = stronglyConnectedComponents(6, g.firstOut, g.head);
    expect(c.count).toBe(4);
    const of = c.componentOf;
    expect(of[0]).toBe(of[1]);
    expect(of[2]).toBe(of[3]);
    expect(new Set([of[0], of[2], of[4], of[5]]).size).toBe(4);
    expect(Array.from(c.size).reduce((a, b) => a + b, 0)).toBe(6);
    // Two components of size 2 tie: the one holding node 0 wins.
    expect(largestComponent(c)).toBe(of[0]);
  });

  it('agrees with mutual reachability on seeded random graphs', () => {
    const rand = mulberry32(20240611);
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + randomInt(rand, 60);
      const m = randomInt(rand, 3 * n);
      const edges: [number, number][] = [];
      for (let i = 0; i < m; i++) edges.push([randomInt(rand, n), randomInt(rand, n)]);
      const g = csr(n, edges);
      const c = stronglyConnectedComponents(n, g.firstOut, g.head);
      const same = bruteForce(n, g.firstOut, g.head);
      for (let u = 0; u < n; u++) for (let v = 0; v < n; v++) expect(c.componentOf[u] === c.componentOf[v]).toBe(same[u][v]);
      const sizes = new Uint32Array(c.count);
      for (const k of c.componentOf) sizes[k]++;
      expect(Array.from(c.size)).toEqual(Array.from(sizes));
      expect(c.size[largestComponent(c)]).toBe(Math.max(...sizes));
    }
  });

  it('handles a 1,000,000-node cycle without recursion', () => {
    const n = 1_000_000;
    const firstOut = new Uint32Array(n + 1);
    const head = new Uint32Array(n);
    for (let v = 0; v < n; v++) {
      firstOut[v + 1] = v + 1;
      head[v] = (v + 1) % n;
    }
    const c = stronglyConnectedComponents(n, firstOut, head);
    expect(c.count).toBe(1);
    // Break the cycle: a chain has n singleton components.
    head[n - 1] = n - 1;
    expect(stronglyConnectedComponents(n, firstOut, head).count).toBe(n);
  });

  it('handles the empty graph', () => {
    const c = stronglyConnectedComponents(0, new Uint32Array(1), new Uint32Array(0));
    expect(c.count).toBe(0);
    expect(largestComponent(c)).toBe(-1);
  });
});
