/**
 * RAPTOR (Delling, Pajor and Werneck 2012, "Round-Based Public Transit Routing"): earliest
 * arrivals from a set of starting stops to every stop of a timetable, round by round — round k
 * holds the best arrivals using at most k vehicles (k − 1 transfers). Each round scans the
 * patterns through the stops improved in the round before, boarding the earliest trip that can
 * be caught, then relaxes the footpaths from the stops a vehicle improved. Local pruning by the
 * best arrival of any round (`best`); no target pruning, so one run answers one-to-all.
 *
 * Terms: times are seconds after midnight of the service day; NONE means not reached. Labels
 * per round and stop say how the arrival was made (access walk, a vehicle, a footpath), enough to
 * rebuild the journey (journey.ts). Scratch is allocated once per router.
 */
import type { RaptorColumns, Timetable } from './timetable.ts';

export const NONE = 0x7fffffff;
export const Label = { Inherited: 0, Access: 1, Vehicle: 2, Foot: 3 } as const;

/** A starting stop: reached at `time` after walking `walkS` from the origin. */
export interface Source {
  stop: number;
  time: number;
  walkS: number;
}

export class Raptor {
  readonly stops: number;
  /** Rounds run by the last query (≤ maxRounds). */
  rounds = 0;
  /** Best arrival per (round, stop): `tau[k * stops + s]`. */
  readonly tau: Int32Array;
  readonly kind: Uint8Array;
  /** Arrival by vehicle in the round, and that vehicle's pattern, trip slot, boarding and alighting positions. */
  readonly vehicleArr: Int32Array;
  readonly vPattern: Int32Array;
  readonly vSlot: Int32Array;
  readonly vBoard: Int32Array;
  readonly vAlight: Int32Array;
  /** Footpath labels: the stop walked from. */
  readonly footFrom: Int32Array;
  /** Access walk seconds of the round-0 stops. */
  readonly accessS: Int32Array;
  /** Earliest arrival over all rounds. */
  readonly best: Int32Array;
  /** Earliest arrival by vehicle (or access) over all rounds: footpaths leave from these. */
  private readonly bestRide: Int32Array;
  private readonly marked: Uint8Array;
  private markedList: Uint32Array;
  private markedCount = 0;
  private readonly queuePos: Int32Array;
  private readonly queued: Uint32Array;

  constructor(
    readonly tt: Timetable,
    readonly maxRounds = 6,
  ) {
    const S = (this.stops = tt.stopCount);
    const n = (maxRounds + 1) * S;
    this.tau = new Int32Array(n);
    this.kind = new Uint8Array(n);
    this.vehicleArr = new Int32Array(n);
    this.vPattern = new Int32Array(n);
    this.vSlot = new Int32Array(n);
    this.vBoard = new Int32Array(n);
    this.vAlight = new Int32Array(n);
    this.footFrom = new Int32Array(n);
    this.accessS = new Int32Array(S);
    this.best = new Int32Array(S);
    this.bestRide = new Int32Array(S);
    this.marked = new Uint8Array(S);
    this.markedList = new Uint32Array(S);
    this.queuePos = new Int32Array(tt.patternCount).fill(-1);
    this.queued = new Uint32Array(tt.patternCount);
  }

  /** Earliest arrivals at every stop from `sources`; read them with `arrival` or `best`. */
  run(sources: readonly Source[]): void {
    const { tt, tau, kind, vehicleArr, best, bestRide, marked, queuePos, queued } = this;
    const S = this.stops;
    const { patternStopStart, patternStops, patternTripStart, patternTimeStart, arr, dep } = tt;
    tau.fill(NONE, 0, S);
    kind.fill(Label.Inherited, 0, S);
    vehicleArr.fill(NONE, 0, S);
    best.fill(NONE);
    this.bestRide.fill(NONE);
    marked.fill(0);
    this.markedCount = 0;
    for (const { stop, time, walkS } of sources) {
      if (time < tau[stop]) {
        tau[stop] = best[stop] = time;
        kind[stop] = Label.Access;
        this.accessS[stop] = walkS;
        this.mark(stop);
      }
    }
    // footpaths from the starting stops, as from a vehicle's stops in later rounds
    for (const { stop, time } of sources) if (time === tau[stop] && kind[stop] === Label.Access) vehicleArr[stop] = this.bestRide[stop] = time;
    this.relaxFootpaths(0);
    let k = 1;
    for (; k <= this.maxRounds && this.markedCount > 0; k++) {
      const prev = (k - 1) * S;
      const cur = k * S;
      tau.copyWithin(cur, prev, prev + S);
      kind.fill(Label.Inherited, cur, cur + S);
      vehicleArr.fill(NONE, cur, cur + S);
      // the patterns to scan, each from its earliest marked stop
      const nq = queuePatterns(tt, this.markedList, this.markedCount, marked, queuePos, queued);
      this.markedCount = 0;
      for (let q = 0; q < nq; q++) {
        const p = queued[q];
        const from = queuePos[p];
        queuePos[p] = -1;
        const s0 = patternStopStart[p];
        const n = patternStopStart[p + 1] - s0;
        const base = patternTimeStart[p];
        const trips = patternTripStart[p + 1] - patternTripStart[p];
        let t = -1;
        let board = -1;
        for (let i = from; i < n; i++) {
          const s = patternStops[s0 + i];
          if (t >= 0) {
            const a = arr[base + t * n + i];
            // A vehicle arrival later than a footpath's still counts for walking on (one walk
            // between two vehicles): it is kept as the round's vehicle label, not as the stop's arrival.
            if (a < bestRide[s]) {
              if (a < best[s]) {
                tau[cur + s] = best[s] = a;
                kind[cur + s] = Label.Vehicle;
              }
              bestRide[s] = vehicleArr[cur + s] = a;
              this.vPattern[cur + s] = p;
              this.vSlot[cur + s] = patternTripStart[p] + t;
              this.vBoard[cur + s] = board;
              this.vAlight[cur + s] = i;
              this.mark(s);
            }
          }
          const ready = tau[prev + s];
          if (ready === NONE) continue;
          if (t < 0) {
            t = firstTrip(dep, base, n, i, trips, ready);
            if (t >= 0) board = i;
          } else if (ready < dep[base + t * n + i]) {
            let e = t;
            while (e > 0 && dep[base + (e - 1) * n + i] >= ready) e--;
            if (e !== t) {
              t = e;
              board = i;
            }
          }
        }
      }
      this.relaxFootpaths(k);
    }
    this.rounds = k - 1;
    // rounds not run hold the last round's arrivals
    for (let r = k; r <= this.maxRounds; r++) {
      tau.copyWithin(r * S, (k - 1) * S, k * S);
      kind.fill(Label.Inherited, r * S, (r + 1) * S);
    }
  }

  /** Earliest arrival at stop s with at most `vehicles` vehicles (all rounds by default); NONE if not reached. */
  arrival(s: number, vehicles = this.maxRounds): number {
    return this.tau[Math.min(vehicles, this.maxRounds) * this.stops + s];
  }

  /** Footpaths from the stops marked so far in round k, from their arrival by vehicle (or access in round 0). */
  private relaxFootpaths(k: number): void {
    const { tau, kind, vehicleArr, best } = this;
    const { transferStart, transferStop, transferS } = this.tt;
    const cur = k * this.stops;
    const byVehicle = this.markedCount;
    for (let m = 0; m < byVehicle; m++) {
      const s = this.markedList[m];
      const a0 = vehicleArr[cur + s];
      if (a0 === NONE) continue;
      for (let j = transferStart[s]; j < transferStart[s + 1]; j++) {
        const o = transferStop[j];
        const a = a0 + transferS[j];
        if (a < best[o]) {
          tau[cur + o] = best[o] = a;
          kind[cur + o] = Label.Foot;
          this.footFrom[cur + o] = s;
          this.mark(o);
        }
      }
    }
  }

  private mark(s: number): void {
    if (!this.marked[s]) {
      this.marked[s] = 1;
      this.markedList[this.markedCount++] = s;
    }
  }
}

/**
 * The patterns through the marked stops, each to be scanned from its earliest marked position
 * (queuePos, −1 when not queued); clears the marks. Returns how many patterns it queued.
 */
export function queuePatterns(tt: RaptorColumns, markedList: Uint32Array, markedCount: number, marked: Uint8Array, queuePos: Int32Array, queued: Uint32Array): number {
  const { stopPatternStart, stopPattern, stopPatternPos } = tt;
  let nq = 0;
  for (let m = 0; m < markedCount; m++) {
    const s = markedList[m];
    marked[s] = 0;
    for (let j = stopPatternStart[s]; j < stopPatternStart[s + 1]; j++) {
      const p = stopPattern[j];
      const pos = stopPatternPos[j];
      if (queuePos[p] < 0) {
        queued[nq++] = p;
        queuePos[p] = pos;
      } else if (pos < queuePos[p]) queuePos[p] = pos;
    }
  }
  return nq;
}

/** The first trip of a pattern leaving position i at or after `ready`, −1 if none (binary search: departures rise with the slot). */
export function firstTrip(dep: Int32Array, base: number, n: number, i: number, trips: number, ready: number): number {
  let lo = 0;
  let hi = trips;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dep[base + mid * n + i] < ready) lo = mid + 1;
    else hi = mid;
  }
  return lo < trips ? lo : -1;
}
