/**
 * IndexedMinHeap: a binary min-heap of integer ids 0..capacity-1 keyed by a Float64Array the
 * heap owns, with decrease-key through a position array. All storage is allocated once; a
 * search calls `clear()` (O(size), not O(capacity)) and reuses it.
 *
 * Terms: `pos[id]` is the id's slot in `ids`, or -1 when the id is not in the heap. The same
 * sequence of operations always pops the same ids (ties included): that is all determinism
 * needs, so ties are not broken by id (it costs a comparison in the hot loop).
 */
export class IndexedMinHeap {
  readonly key: Float64Array;
  private readonly ids: Uint32Array;
  private readonly pos: Int32Array;
  private n = 0;

  constructor(capacity: number) {
    this.key = new Float64Array(capacity);
    this.ids = new Uint32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.n;
  }

  has(id: number): boolean {
    return this.pos[id] >= 0;
  }

  /** Inserts id with key k, or lowers its key if it is already in and k is smaller. */
  push(id: number, k: number): void {
    let i = this.pos[id];
    if (i < 0) {
      i = this.n++;
      this.ids[i] = id;
      this.pos[id] = i;
    } else if (k >= this.key[id]) {
      return;
    }
    this.key[id] = k;
    this.up(i);
  }

  /** Removes and returns the id with the smallest key; call only when size > 0. */
  pop(): number {
    const ids = this.ids;
    const top = ids[0];
    this.pos[top] = -1;
    const last = ids[--this.n];
    if (this.n > 0) {
      ids[0] = last;
      this.pos[last] = 0;
      this.down(0);
    }
    return top;
  }

  clear(): void {
    for (let i = 0; i < this.n; i++) this.pos[this.ids[i]] = -1;
    this.n = 0;
  }

  private up(i: number): void {
    const { ids, pos, key } = this;
    const id = ids[i];
    const k = key[id];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pid = ids[p];
      if (key[pid] <= k) break;
      ids[i] = pid;
      pos[pid] = i;
      i = p;
    }
    ids[i] = id;
    pos[id] = i;
  }

  private down(i: number): void {
    const { ids, pos, key, n } = this;
    const id = ids[i];
    const k = key[id];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let cid = ids[c];
      let ck = key[cid];
      if (c + 1 < n) {
        const rid = ids[c + 1];
        const rk = key[rid];
        if (rk < ck) {
          c++;
          cid = rid;
          ck = rk;
        }
      }
      if (ck >= k) break;
      ids[i] = cid;
      pos[cid] = i;
      i = c;
    }
    ids[i] = id;
    pos[id] = i;
  }
}
