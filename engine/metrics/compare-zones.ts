/**
 * The zone half of comparing two runs: zone-to-zone congested travel times joined by zone id.
 *
 * Terms: a pair (i, j) with i ≠ j is compared when both runs reach it; its weight is run A's
 * (the baseline's) trips, so the figures describe what happens to the trips people make today.
 * Intrazonal pairs are left out (no network time). Δ is B − A in minutes; "faster" and "slower"
 * mean a change of more than one minute. The top lists rank pairs by Δ (then trips, then ids).
 */
import type { RunZones } from './run-result.ts';

export interface ZonePairChange {
  /** Zone names for people (zone-names.ts), else the zone ids. */
  from: string;
  to: string;
  fromId: string;
  toId: string;
  trips: number;
  minA: number;
  minB: number;
  deltaMin: number;
}

export interface ZoneComparison {
  zonesA: number;
  zonesB: number;
  /** Zones found (by id) in both runs. */
  zonesJoined: number;
  /** Pairs with trips that both runs reach. */
  pairs: number;
  tripsCompared: number;
  /** Trips of run A on pairs that run A / run B cannot reach. */
  tripsUnreachableA: number;
  tripsUnreachableB: number;
  /** Trip-weighted mean change of time, minutes. */
  meanChangeMin: number;
  /** Shares (0..1) of compared trips more than one minute faster / slower. */
  shareFaster: number;
  shareSlower: number;
  /** Compared trips per bin of Δ minutes; bins split at these limits (first and last open). */
  histogram: { limits: number[]; trips: number[] };
  topSlower: ZonePairChange[];
  topFaster: ZonePairChange[];
}

/** Limits of the Δ-minutes bins: (−∞, −5) [−5, −2) [−2, −1) [−1, 1] (1, 2] (2, 5] (5, ∞). */
export const ZONE_CHANGE_LIMITS: readonly number[] = [-5, -2, -1, 1, 2, 5];

/** A change of one minute or less is "about the same". */
const NOTICEABLE_MIN = 1;

/**
 * The top lists leave out pairs with less than one trip in the period (demand matrices hold
 * fractions, and a pair nobody travels tops any list) and changes under 3 seconds.
 */
const MIN_LISTED_TRIPS = 1;
const MIN_LISTED_MIN = 0.05;

export function compareZones(a: RunZones, b: RunZones, top: number): ZoneComparison {
  const indexB = new Map<string, number>();
  for (let z = 0; z < b.count; z++) indexB.set(b.ids[z]!, z);
  const toB = new Int32Array(a.count);
  let joined = 0;
  for (let z = 0; z < a.count; z++) {
    const j = indexB.get(a.ids[z]!);
    toB[z] = j ?? -1;
    if (j !== undefined) joined++;
  }
  const histogram = new Array<number>(ZONE_CHANGE_LIMITS.length + 1).fill(0);
  const slower = new TopPairs(top, 1);
  const faster = new TopPairs(top, -1);
  let pairs = 0;
  let compared = 0;
  let unreachableA = 0;
  let unreachableB = 0;
  let weighted = 0;
  let tripsFaster = 0;
  let tripsSlower = 0;
  const na = a.count;
  const nb = b.count;
  for (let i = 0; i < na; i++) {
    const bi = toB[i]!;
    for (let j = 0; j < na; j++) {
      if (i === j) continue;
      const trips = a.trips[i * na + j]!;
      if (!(trips > 0)) continue;
      const bj = toB[j]!;
      const timeA = a.timeS[i * na + j]!;
      const timeB = bi < 0 || bj < 0 ? NaN : b.timeS[bi * nb + bj]!;
      if (!Number.isFinite(timeA)) unreachableA += trips;
      if (!Number.isFinite(timeB)) unreachableB += trips;
      if (!Number.isFinite(timeA) || !Number.isFinite(timeB)) continue;
      const delta = (timeB - timeA) / 60;
      pairs++;
      compared += trips;
      weighted += trips * delta;
      if (delta < -NOTICEABLE_MIN) tripsFaster += trips;
      if (delta > NOTICEABLE_MIN) tripsSlower += trips;
      histogram[changeBin(delta)]! += trips;
      if (trips < MIN_LISTED_TRIPS || Math.abs(delta) < MIN_LISTED_MIN) continue;
      if (delta > 0) slower.offer(i, j, delta, trips, a.ids);
      else faster.offer(i, j, delta, trips, a.ids);
    }
  }
  const row = (p: Candidate): ZonePairChange => {
    const minA = a.timeS[p.i * na + p.j]! / 60;
    const name = (z: number) => a.names?.[z] || a.ids[z]!;
    return { from: name(p.i), to: name(p.j), fromId: a.ids[p.i]!, toId: a.ids[p.j]!, trips: p.trips, minA, minB: minA + p.delta, deltaMin: p.delta };
  };
  return {
    zonesA: a.count,
    zonesB: b.count,
    zonesJoined: joined,
    pairs,
    tripsCompared: compared,
    tripsUnreachableA: unreachableA,
    tripsUnreachableB: unreachableB,
    meanChangeMin: compared > 0 ? weighted / compared : 0,
    shareFaster: compared > 0 ? tripsFaster / compared : 0,
    shareSlower: compared > 0 ? tripsSlower / compared : 0,
    histogram: { limits: [...ZONE_CHANGE_LIMITS], trips: histogram },
    topSlower: slower.rows.map(row),
    topFaster: faster.rows.map(row),
  };
}

/** The bin of a change in minutes; the middle bin [−1, 1] is closed on both sides. */
export function changeBin(deltaMin: number): number {
  const limits = ZONE_CHANGE_LIMITS;
  const middle = limits.indexOf(-NOTICEABLE_MIN) + 1;
  if (deltaMin >= -NOTICEABLE_MIN && deltaMin <= NOTICEABLE_MIN) return middle;
  if (deltaMin < 0) {
    let bin = 0;
    while (bin < middle && deltaMin >= limits[bin]!) bin++;
    return bin;
  }
  let bin = middle + 1;
  while (bin < limits.length && deltaMin > limits[bin]!) bin++;
  return bin;
}

interface Candidate {
  i: number;
  j: number;
  delta: number;
  trips: number;
}

/**
 * The `size` largest changes in one direction (sign 1: slowest first; −1: fastest first), ties
 * by trips, then zone ids. Kept sorted; a pair is only allocated when it enters the list.
 */
class TopPairs {
  readonly rows: Candidate[] = [];
  constructor(
    private readonly size: number,
    private readonly sign: number,
  ) {}

  offer(i: number, j: number, delta: number, trips: number, ids: string[]): void {
    if (this.size <= 0) return;
    const rows = this.rows;
    if (rows.length === this.size && !this.before(i, j, delta, trips, rows[rows.length - 1]!, ids)) return;
    let at = rows.length;
    while (at > 0 && this.before(i, j, delta, trips, rows[at - 1]!, ids)) at--;
    rows.splice(at, 0, { i, j, delta, trips });
    if (rows.length > this.size) rows.pop();
  }

  private before(i: number, j: number, delta: number, trips: number, other: Candidate, ids: string[]): boolean {
    const d = this.sign * (delta - other.delta);
    if (d !== 0) return d > 0;
    if (trips !== other.trips) return trips > other.trips;
    if (ids[i] !== ids[other.i]) return ids[i]! < ids[other.i]!;
    return ids[j]! < ids[other.j]!;
  }
}
