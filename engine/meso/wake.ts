/**
 * A calendar of node wake-ups for the queue model (queue-sim.ts): `at(v, T, now)` asks that
 * node v be visited at step T (now ≤ T < now + horizon); `take(t, out)` hands over, once each,
 * the nodes due at step t. A node holds one wake-up, its earliest: asking for a later one while
 * an earlier is pending does nothing (the earlier visit asks again for what it still needs).
 * Buckets are a ring of `horizon` steps, entries a linked pool that grows by doubling, so a
 * run allocates only while the pool grows.
 */
export class NodeWake {
  private readonly due: Int32Array;
  private readonly first: Int32Array;
  private readonly mask: number;
  private node: Int32Array;
  private next: Int32Array;
  private free = -1;
  private used = 0;

  constructor(nodeCount: number, horizon: number) {
    let size = 1024;
    while (size < horizon) size *= 2;
    this.mask = size - 1;
    this.first = new Int32Array(size).fill(-1);
    this.due = new Int32Array(nodeCount).fill(-1);
    this.node = new Int32Array(Math.max(16, nodeCount));
    this.next = new Int32Array(this.node.length);
  }

  at(v: number, step: number, now: number): void {
    const d = this.due[v];
    // a pending wake-up at or before `step` already covers it (a past one is stale)
    if (d >= now && d <= step) return;
    this.due[v] = step;
    let i = this.free;
    if (i >= 0) this.free = this.next[i];
    else {
      if (this.used === this.node.length) this.grow();
      i = this.used++;
    }
    const b = step & this.mask;
    this.node[i] = v;
    this.next[i] = this.first[b];
    this.first[b] = i;
  }

  /** Writes the nodes due at step `t` into `out` (each once) and returns how many. */
  take(t: number, out: Int32Array): number {
    const b = t & this.mask;
    let k = 0;
    for (let i = this.first[b]; i >= 0; ) {
      const v = this.node[i];
      const after = this.next[i];
      // an entry is stale once its node was woken for another step
      if (this.due[v] === t) {
        this.due[v] = -1;
        out[k++] = v;
      }
      this.next[i] = this.free;
      this.free = i;
      i = after;
    }
    this.first[b] = -1;
    return k;
  }

  /** Drops every pending wake-up (the clock jumps over an empty network). */
  clear(): void {
    for (let b = 0; b <= this.mask; b++) {
      for (let i = this.first[b]; i >= 0; ) {
        const after = this.next[i];
        this.due[this.node[i]] = -1;
        this.next[i] = this.free;
        this.free = i;
        i = after;
      }
      this.first[b] = -1;
    }
  }

  private grow(): void {
    const node = new Int32Array(this.node.length * 2);
    const next = new Int32Array(node.length);
    node.set(this.node);
    next.set(this.next);
    this.node = node;
    this.next = next;
  }
}
