/**
 * The route proportions of every OD cell on the counted edges, at one equilibrium: p_k(c), the
 * share of cell k's trips (origin o → destination d) that use counted edge c. At fixed
 * proportions the counted flows are linear in the matrix, v(c) = Σ_k g_k p_k(c), so once these
 * are known every gradient and every line search of an OD estimation is a sparse product over
 * the cells (no pass over the bushes per step; od-gradient.ts does one forward or backward pass
 * per origin and step, which is what this replaces in spiess.ts).
 *
 * Built with one forward pass per origin over its bush (the edges grouped by head in
 * topological order, as Algorithm B stores them), carrying one value per counted edge that
 * the origin's flows use: W_c(v) = Σ_in e f(e)/F(v) · (W_c(tail e) + [e = c]), so W_c(d) =
 * p_od(c) for every destination at once (the split at a node does not depend on the
 * destination: origin-paths.ts). Nodes upstream of every counted edge carry zeros and are skipped.
 *
 * Terms: counted index c ∈ [0, counted.length) names net edge counted[c]; a cell's entries are
 * entryEdge / entryShare[cellStart[k] .. cellStart[k+1]-1]; cells of zero flow have none.
 */
import type { AssignmentNetwork, OdDemand } from '../assignment/network.ts';
import type { OriginFlows } from '../assignment/origin-flows.ts';

export class OdProportions {
  private constructor(
    /** Net edge of each counted index. */
    readonly counted: Uint32Array,
    readonly cellStart: Uint32Array,
    readonly entryEdge: Uint32Array,
    readonly entryShare: Float64Array,
    /** The cells with at least one entry, in order: only they move a counted flow. */
    readonly cells: Uint32Array,
  ) {}

  /** The proportions of every cell of `demand` (with flow > 0) on the `counted` net edges, at the equilibrium `flows`. */
  static build(net: AssignmentNetwork, demand: OdDemand, flows: OriginFlows, counted: Uint32Array): OdProportions {
    const n = net.nodeCount;
    const countedOf = new Int32Array(net.edgeCount).fill(-1);
    counted.forEach((e, c) => (countedOf[e] = c));
    const slotOf = new Int32Array(demand.zoneCount).fill(-1);
    flows.origins.forEach((zone, s) => (slotOf[zone] = s));
    const bushEdge = new Uint32Array(net.edgeCount);
    const bushFlow = new Float64Array(net.edgeCount);
    // per origin: the counted edges its flows use (active), each node's local id, its row of W
    const activeOf = new Int32Array(counted.length).fill(-1);
    const active = new Uint32Array(counted.length);
    const localOf = new Int32Array(n).fill(-1);
    const nodeOfLocal = new Uint32Array(n);
    const nonZero = new Uint8Array(n);
    // tails met before their node's group: a node whose only in-flows were rounded to zero, or a misordered bush
    const early = new Uint8Array(n);
    const earlyList = new Uint32Array(n);
    let w = new Float64Array(0);
    const cellStart = new Uint32Array(demand.flow.length + 1);
    const out = new Entries();

    for (let a = 0; a < demand.zoneCount; a++) {
      const s = slotOf[a];
      const row0 = demand.rowStart[a];
      const row1 = demand.rowStart[a + 1];
      if (s < 0 || row0 === row1) {
        for (let k = row0; k < row1; k++) cellStart[k + 1] = out.length;
        continue;
      }
      let size = 0;
      let width = 0;
      flows.forEachEdge(s, (e, f) => {
        bushEdge[size] = e;
        bushFlow[size++] = f;
        const c = countedOf[e];
        if (c >= 0 && activeOf[c] < 0) {
          activeOf[c] = width;
          active[width++] = c;
        }
      });
      let locals = 0;
      let earlyCount = 0;
      if (width > 0) {
        if (w.length < n * width) w = new Float64Array(n * width);
        localOf[a] = locals;
        nodeOfLocal[locals] = a;
        nonZero[locals] = 0;
        locals++;
        for (let i = 0; i < size; ) {
          const h = net.head[bushEdge[i]];
          if (localOf[h] >= 0 || early[h]) throw new Error(`OdProportions: origin ${a}: its bush edges are not grouped by head in topological order (node ${h})`);
          let j = i;
          let total = 0;
          while (j < size && net.head[bushEdge[j]] === h) total += bushFlow[j++];
          const lh = locals++;
          localOf[h] = lh;
          nodeOfLocal[lh] = h;
          const base = lh * width;
          w.fill(0, base, base + width);
          let any = 0;
          for (; i < j; i++) {
            const e = bushEdge[i];
            const t = net.tail[e];
            const lt = localOf[t];
            if (lt < 0 && !early[t]) {
              early[t] = 1;
              earlyList[earlyCount++] = t;
            }
            const r = bushFlow[i] / total;
            if (lt >= 0 && nonZero[lt]) {
              const tb = lt * width;
              for (let x = 0; x < width; x++) w[base + x] += r * w[tb + x];
              any = 1;
            }
            const c = countedOf[e];
            if (c >= 0) {
              w[base + activeOf[c]] += r;
              any = 1;
            }
          }
          nonZero[lh] = any;
        }
      }
      for (let k = row0; k < row1; k++) {
        const l = demand.flow[k] > 0 ? localOf[demand.dest[k]] : -1;
        if (l >= 0 && nonZero[l]) {
          const base = l * width;
          for (let x = 0; x < width; x++) if (w[base + x] > 0) out.push(active[x], w[base + x]);
        }
        cellStart[k + 1] = out.length;
      }
      for (let l = 0; l < locals; l++) localOf[nodeOfLocal[l]] = -1;
      for (let x = 0; x < earlyCount; x++) early[earlyList[x]] = 0;
      for (let x = 0; x < width; x++) activeOf[active[x]] = -1;
    }
    let withEntries = 0;
    for (let k = 0; k < demand.flow.length; k++) if (cellStart[k + 1] > cellStart[k]) withEntries++;
    const cells = new Uint32Array(withEntries);
    for (let k = 0, j = 0; k < demand.flow.length; k++) if (cellStart[k + 1] > cellStart[k]) cells[j++] = k;
    return new OdProportions(counted, cellStart, out.edges(), out.shares(), cells);
  }

  /** out[c] = Σ_k x_k · p_k(c) (out zeroed here): the counted edges' flows of the cell values x. */
  load(x: Float64Array, out: Float64Array): Float64Array {
    const { cellStart, entryEdge, entryShare, cells } = this;
    out.fill(0);
    for (let j = 0; j < cells.length; j++) {
      const k = cells[j];
      const xk = x[k];
      if (xk === 0) continue;
      for (let i = cellStart[k]; i < cellStart[k + 1]; i++) out[entryEdge[i]] += xk * entryShare[i];
    }
    return out;
  }

  /** Σ_c p_k(c) · weight[c] for cell k: the weight summed along the cell's routes. */
  along(k: number, weight: Float64Array): number {
    const { cellStart, entryEdge, entryShare } = this;
    let s = 0;
    for (let i = cellStart[k]; i < cellStart[k + 1]; i++) s += entryShare[i] * weight[entryEdge[i]];
    return s;
  }

  get entries(): number {
    return this.entryEdge.length;
  }
}

/** The distinct net edges of a set of observations (their edge lists), in first-seen order, and each listed edge's counted index. */
export function countedEdges(edges: Uint32Array, edgeCount: number): { counted: Uint32Array; index: Uint32Array } {
  const indexOf = new Int32Array(edgeCount).fill(-1);
  const counted: number[] = [];
  const index = new Uint32Array(edges.length);
  edges.forEach((e, k) => {
    if (indexOf[e] < 0) {
      indexOf[e] = counted.length;
      counted.push(e);
    }
    index[k] = indexOf[e];
  });
  return { counted: Uint32Array.from(counted), index };
}

/** A growing list of (counted index, share) pairs in typed arrays. */
class Entries {
  length = 0;
  private edge = new Uint32Array(1 << 16);
  private share = new Float64Array(1 << 16);

  push(c: number, p: number): void {
    if (this.length === this.edge.length) {
      const edge = new Uint32Array(2 * this.length);
      edge.set(this.edge);
      this.edge = edge;
      const share = new Float64Array(2 * this.length);
      share.set(this.share);
      this.share = share;
    }
    this.edge[this.length] = c;
    this.share[this.length++] = p;
  }

  edges(): Uint32Array {
    return this.edge.slice(0, this.length);
  }

  shares(): Float64Array {
    return this.share.slice(0, this.length);
  }
}
