/**
 * Agents: the individual vehicle trips of the modelled day, for the mesoscopic model. A struct
 * of arrays; trip t runs from `originNode[t]` to `destNode[t]` (road-graph nodes), leaving at
 * `departS[t]` seconds after midnight. Trips of one person or party share a `chain` id and are
 * numbered by `leg` (commute: home→work 0, work→home 1; tour: lodging→stop 0, …, last stop →
 * lodging). Trips are sorted by departure, then chain, then leg.
 */

/** External: a car entering, leaving or crossing the network at a highway gateway; truck: the same by truck (external.ts). */
export const TripKind = { Commute: 0, Tourist: 1, Event: 2, External: 3, Truck: 4 } as const;
export type TripKindCode = (typeof TripKind)[keyof typeof TripKind];
export const TRIP_KIND_NAMES = ['commute', 'tourist', 'event', 'external', 'truck'] as const;

export interface Agents {
  count: number;
  kind: Uint8Array;
  departS: Uint32Array;
  originZone: Uint32Array;
  destZone: Uint32Array;
  originNode: Uint32Array;
  destNode: Uint32Array;
  chain: Uint32Array;
  leg: Uint8Array;
}

/** Append-only trip list; `finish()` sorts and freezes it into Agents. */
export class AgentsBuilder {
  private n = 0;
  private cap: number;
  private kind: Uint8Array;
  private departS: Uint32Array;
  private oz: Uint32Array;
  private dz: Uint32Array;
  private on: Uint32Array;
  private dn: Uint32Array;
  private chainId: Uint32Array;
  private legNo: Uint8Array;
  private nextChain = 0;

  constructor(capacity = 1024) {
    this.cap = Math.max(16, capacity);
    this.kind = new Uint8Array(this.cap);
    this.departS = new Uint32Array(this.cap);
    this.oz = new Uint32Array(this.cap);
    this.dz = new Uint32Array(this.cap);
    this.on = new Uint32Array(this.cap);
    this.dn = new Uint32Array(this.cap);
    this.chainId = new Uint32Array(this.cap);
    this.legNo = new Uint8Array(this.cap);
  }

  get count(): number {
    return this.n;
  }

  /** A fresh chain id. */
  newChain(): number {
    return this.nextChain++;
  }

  add(kind: TripKindCode, departS: number, originZone: number, destZone: number, originNode: number, destNode: number, chain: number, leg: number): void {
    if (this.n === this.cap) this.grow();
    const t = this.n++;
    this.kind[t] = kind;
    this.departS[t] = Math.max(0, Math.round(departS));
    this.oz[t] = originZone;
    this.dz[t] = destZone;
    this.on[t] = originNode;
    this.dn[t] = destNode;
    this.chainId[t] = chain;
    this.legNo[t] = leg;
  }

  finish(): Agents {
    const n = this.n;
    const order = Uint32Array.from({ length: n }, (_, i) => i);
    const { departS, chainId, legNo } = this;
    order.sort((a, b) => departS[a] - departS[b] || chainId[a] - chainId[b] || legNo[a] - legNo[b]);
    const take = <T extends Uint8Array | Uint32Array>(src: T, make: (k: number) => T): T => {
      const out = make(n);
      for (let i = 0; i < n; i++) out[i] = src[order[i]];
      return out;
    };
    const u32 = (k: number): Uint32Array => new Uint32Array(k);
    const u8 = (k: number): Uint8Array => new Uint8Array(k);
    return {
      count: n,
      kind: take(this.kind, u8),
      departS: take(this.departS, u32),
      originZone: take(this.oz, u32),
      destZone: take(this.dz, u32),
      originNode: take(this.on, u32),
      destNode: take(this.dn, u32),
      chain: take(this.chainId, u32),
      leg: take(this.legNo, u8),
    };
  }

  private grow(): void {
    this.cap *= 2;
    const g8 = (a: Uint8Array): Uint8Array => {
      const b = new Uint8Array(this.cap);
      b.set(a);
      return b;
    };
    const g32 = (a: Uint32Array): Uint32Array => {
      const b = new Uint32Array(this.cap);
      b.set(a);
      return b;
    };
    this.kind = g8(this.kind);
    this.legNo = g8(this.legNo);
    this.departS = g32(this.departS);
    this.oz = g32(this.oz);
    this.dz = g32(this.dz);
    this.on = g32(this.on);
    this.dn = g32(this.dn);
    this.chainId = g32(this.chainId);
  }
}

/** Trips of each kind in `agents`. */
/** Trips by kind; external and truck trips appear only when there are some, so a city without them reads as before. */
export function countByKind(agents: Agents): { commute: number; tourist: number; event: number; external?: number; truck?: number } {
  const c = [0, 0, 0, 0, 0];
  for (let t = 0; t < agents.count; t++) c[agents.kind[t]]++;
  return { commute: c[0], tourist: c[1], event: c[2], ...(c[3] + c[4] > 0 ? { external: c[3], truck: c[4] } : {}) };
}

/** Integer draw with expectation x: floor(x), plus one with probability frac(x). */
export function stochasticRound(x: number, rand: () => number): number {
  const f = Math.floor(x);
  return f + (rand() < x - f ? 1 : 0);
}

/** Index drawn in proportion to `cumulative` (running sums of weights). */
export function sampleIndex(cumulative: Float64Array, rand: () => number): number {
  const u = rand() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
