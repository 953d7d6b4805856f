/**
 * MinQueue: a binary min-heap for best-first walks over an R-tree. Entries are ordered by
 * (key, tie): key is a squared distance, tie breaks equal keys deterministically (tree nodes
 * use -1 so they open before items at the same distance; items use their own id). Arrays grow
 * by doubling and are reused across queries, so a query allocates nothing once warm.
 */
export class MinQueue<T> {
  size = 0;
  private keys: Float64Array;
  private ties: Float64Array;
  private refs: (T | null)[];

  constructor(capacity = 64) {
    this.keys = new Float64Array(capacity);
    this.ties = new Float64Array(capacity);
    this.refs = new Array<T | null>(capacity).fill(null);
  }

  clear(): void {
    this.size = 0;
  }

  push(key: number, tie: number, ref: T | null): void {
    if (this.size === this.keys.length) this.grow();
    const { keys, ties, refs } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] < key || (keys[parent] === key && ties[parent] <= tie)) break;
      keys[i] = keys[parent];
      ties[i] = ties[parent];
      refs[i] = refs[parent];
      i = parent;
    }
    keys[i] = key;
    ties[i] = tie;
    refs[i] = ref;
  }

  /** Key of the smallest entry (Infinity when empty). */
  peekKey(): number {
    return this.size ? this.keys[0] : Infinity;
  }

  peekTie(): number {
    return this.ties[0];
  }

  /** Removes the smallest entry and returns its ref; read its key/tie first with peek*. */
  pop(): T | null {
    const { keys, ties, refs } = this;
    const top = refs[0];
    const n = --this.size;
    if (n > 0) {
      const key = keys[n];
      const tie = ties[n];
      const ref = refs[n];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && (keys[c + 1] < keys[c] || (keys[c + 1] === keys[c] && ties[c + 1] < ties[c]))) c++;
        if (key < keys[c] || (key === keys[c] && tie <= ties[c])) break;
        keys[i] = keys[c];
        ties[i] = ties[c];
        refs[i] = refs[c];
        i = c;
      }
      keys[i] = key;
      ties[i] = tie;
      refs[i] = ref;
    }
    refs[n] = null;
    return top;
  }

  private grow(): void {
    const cap = this.keys.length * 2;
    const keys = new Float64Array(cap);
    keys.set(this.keys);
    const ties = new Float64Array(cap);
    ties.set(this.ties);
    this.keys = keys;
    this.ties = ties;
    this.refs.length = cap;
    this.refs.fill(null, cap / 2);
  }
}
