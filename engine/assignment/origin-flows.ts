/**
 * Origin-based link flows (an Algorithm B equilibrium's bush flows), read through a small
 * accessor so that the flows can stay in the bushes' compact storage (bush.ts): each origin
 * holds only the edges of its bush, not one number per edge of the network.
 *
 * Terms: slot s is origin zone origins[s]; its flow on edge e is f_s(e) ≥ 0, zero off its bush.
 */
import type { BushStorage } from './bush.ts';

export interface OriginFlows {
  origins: Int32Array;
  edgeCount: number;
  /** Calls fn(edge, flow) for every edge of slot s with flow > 0 (each edge once). */
  forEachEdge(s: number, fn: (edge: number, flow: number) => void): void;
  /**
   * Slot s's flow by edge id, dense (edgeCount values). Without `out` the array is scratch of
   * this object, valid until its next such call; with `out` (zeroed by the caller) it is written there.
   */
  slotFlow(s: number, out?: Float64Array): Float64Array;
}

/** OriginFlows over bush storage: slot s's edges edges[s·E + k] with flows flow[s·E + k], k < size[s]. */
export class BushFlows implements OriginFlows {
  private scratch: Float64Array | undefined;
  private scratchSlot = -1;

  constructor(
    readonly origins: Int32Array,
    readonly edgeCount: number,
    private readonly storage: Pick<BushStorage, 'edges' | 'flow' | 'size'>,
  ) {}

  forEachEdge(s: number, fn: (edge: number, flow: number) => void): void {
    const { edges, flow, size } = this.storage;
    const base = s * this.edgeCount;
    for (let k = base, end = base + size[s]; k < end; k++) if (flow[k] > 0) fn(edges[k], flow[k]);
  }

  slotFlow(s: number, out?: Float64Array): Float64Array {
    const { edges, flow, size } = this.storage;
    let target = out;
    if (!target) {
      // Clear only what the previous slot wrote: O(bush) rather than O(edges) per call.
      this.scratch ??= new Float64Array(this.edgeCount);
      if (this.scratchSlot === s) return this.scratch;
      if (this.scratchSlot >= 0) {
        const old = this.scratchSlot * this.edgeCount;
        for (let k = old, end = old + size[this.scratchSlot]; k < end; k++) this.scratch[edges[k]] = 0;
      }
      this.scratchSlot = s;
      target = this.scratch;
    }
    const base = s * this.edgeCount;
    for (let k = base, end = base + size[s]; k < end; k++) if (flow[k] > 0) target[edges[k]] = flow[k];
    return target;
  }
}
