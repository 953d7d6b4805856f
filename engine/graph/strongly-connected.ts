/**
 * Strongly connected components of a CSR graph (Tarjan's algorithm, iterative: an explicit call
 * stack of (node, next out-edge) pairs, so a 10-million-node chain cannot overflow the JS stack).
 *
 * Terms: the graph is given as `firstOut` (nodeCount + 1 offsets) and `head` (edge → head node),
 * edges of node v being firstOut[v] .. firstOut[v + 1] - 1, as in RoadGraph. Component ids are
 * 0 .. count - 1 in the order Tarjan completes them (a reverse topological order of the
 * condensation); the numbering depends only on the graph, so it is deterministic.
 */

export interface Components {
  count: number;
  /** Component id of each node. */
  componentOf: Uint32Array;
  /** Number of nodes in each component. */
  size: Uint32Array;
}

export function stronglyConnectedComponents(nodeCount: number, firstOut: Uint32Array, head: Uint32Array): Components {
  const n = nodeCount;
  if (firstOut.length < n + 1) throw new RangeError(`firstOut has ${firstOut.length} entries, expected nodeCount + 1 = ${n + 1}`);
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Uint32Array(n);
  const callNode = new Uint32Array(n);
  const callEdge = new Uint32Array(n);
  const componentOf = new Uint32Array(n);
  const sizes: number[] = [];
  let sp = 0;
  let next = 0;

  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    let csp = 0;
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    callNode[csp] = root;
    callEdge[csp++] = firstOut[root];
    while (csp > 0) {
      const v = callNode[csp - 1];
      const e = callEdge[csp - 1];
      if (e < firstOut[v + 1]) {
        callEdge[csp - 1] = e + 1;
        const w = head[e];
        if (index[w] < 0) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[csp] = w;
          callEdge[csp++] = firstOut[w];
        } else if (onStack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      // All edges of v done: v roots a component, or hands its low link to its caller.
      csp--;
      if (low[v] === index[v]) {
        const c = sizes.length;
        let size = 0;
        let x: number;
        do {
          x = stack[--sp];
          onStack[x] = 0;
          componentOf[x] = c;
          size++;
        } while (x !== v);
        sizes.push(size);
      }
      if (csp > 0) {
        const u = callNode[csp - 1];
        if (low[v] < low[u]) low[u] = low[v];
      }
    }
  }
  return { count: sizes.length, componentOf, size: Uint32Array.from(sizes) };
}

/** The id of the largest component; on a tie, the one holding the lowest node id. -1 when empty. */
export function largestComponent(c: Components): number {
  let best = -1;
  for (let i = 0; i < c.count; i++) if (best < 0 || c.size[i] > c.size[best]) best = i;
  if (best < 0) return -1;
  // Ties: pick by lowest node id, independent of completion order.
  const n = c.componentOf.length;
  for (let v = 0; v < n; v++) if (c.size[c.componentOf[v]] === c.size[best]) return c.componentOf[v];
  return best;
}
