/**
 * What a calibration fits when the demand has trucks at a passenger-car equivalent
 * (app/truck-class.ts): the assigned matrix g counts car units, and each of its cells holds a
 * fixed share of trucks (every Spiess update multiplies a whole cell). So
 *  - counts that give their trucks (a `commercial` or `trucks` column) are fitted class by class:
 *    trucks against Σ (T/g) · g · p(e), the other vehicles against Σ (1 − pce · T/g) · g · p(e);
 *  - counts without classes are fitted in vehicles, Σ (1 − (pce − 1) · T/g) · g · p(e);
 *  - without trucks, vehicles are car units and the fit is the single-class one.
 * Class c's flow comes from one backward pass per origin with share_c · g
 * (engine/assignment/vehicle-classes.ts), exact at the equilibrium's route proportions.
 */
import type { AssignmentNetwork, OdDemand } from '../engine/assignment/network.ts';
import type { OriginFlows } from '../engine/assignment/origin-paths.ts';
import { classFlows } from '../engine/assignment/vehicle-classes.ts';
import { OdPasses } from '../engine/calibrate/od-gradient.ts';
import type { NetObservations } from '../engine/calibrate/spiess.ts';
import type { Counts } from '../engine/counts/counts.ts';
import type { StationMatches } from '../engine/counts/match-stations.ts';
import { observations, type ObservationPeriod, type Observations } from '../engine/counts/observations.ts';
import { countsOfClass, truckClassIndex } from './truck-class.ts';

export interface ClassObservations {
  obs: Observations;
  /** Class of each observation (index into share); absent for the single-class fit. */
  cls?: Uint8Array;
  /** Per class, per cell of the assigned matrix: vehicles of the class per car unit. */
  share?: Float64Array[];
  /** What each class is, for the calibration file. */
  classes: string[];
}

export function classObservations(counts: Counts, used: StationMatches, period: ObservationPeriod, assigned: OdDemand, trucks?: { od: OdDemand; pce: number }): ClassObservations {
  if (!trucks) return { obs: observations(counts, used, period), classes: ['vehicles'] };
  const t = truckShare(assigned, trucks.od);
  const pce = trucks.pce;
  if (truckClassIndex(counts) < 0) return { obs: observations(counts, used, period), cls: new Uint8Array(0), share: [Float64Array.from(t, (x) => 1 - (pce - 1) * x)], classes: ['vehicles'] };
  const a = observations(countsOfClass(counts, 'trucks'), used, period);
  const b = observations(countsOfClass(counts, 'others'), used, period);
  const obs = concat(a, b);
  const cls = new Uint8Array(obs.count);
  cls.fill(1, a.count);
  return { obs, cls, share: [t, Float64Array.from(t, (x) => 1 - pce * x)], classes: ['trucks', 'other vehicles'] };
}

/** The observations' modelled flows (into v) at g: per class when there are shares, else the assigned flows themselves. */
export function observeClasses(v: Float64Array, o: NetObservations, net: AssignmentNetwork, flows: OriginFlows, assigned: OdDemand, g: Float64Array, assignedFlow: Float64Array, share?: Float64Array[]): Float64Array {
  const flowOf: Float64Array[] = share
    ? (() => {
        const passes = new OdPasses(net);
        return share.map((sc) => classFlows(new Float64Array(net.edgeCount), net, flows, { ...assigned, flow: Float64Array.from(g, (x, k) => x * sc[k]!) }, passes));
      })()
    : [assignedFlow];
  for (let i = 0; i < o.count; i++) {
    const f = flowOf[o.cls && o.cls.length > 0 ? o.cls[i]! : 0]!;
    let x = 0;
    for (let k = o.edgeStart[i]!; k < o.edgeStart[i + 1]!; k++) x += f[o.edges[k]!]!;
    v[i] = x;
  }
  return v;
}

/** T/g per cell of the assigned matrix (the trucks' cells are among its cells). */
function truckShare(assigned: OdDemand, trucks: OdDemand): Float64Array {
  const out = new Float64Array(assigned.flow.length);
  for (let o = 0; o < assigned.zoneCount; o++) {
    let h = trucks.rowStart[o]!;
    for (let k = assigned.rowStart[o]!; k < assigned.rowStart[o + 1]!; k++) {
      while (h < trucks.rowStart[o + 1]! && trucks.dest[h]! < assigned.dest[k]!) h++;
      if (h < trucks.rowStart[o + 1]! && trucks.dest[h] === assigned.dest[k] && assigned.flow[k]! > 0) out[k] = trucks.flow[h]! / assigned.flow[k]!;
    }
  }
  return out;
}

function concat(a: Observations, b: Observations): Observations {
  const n = a.count + b.count;
  const edgeStart = new Uint32Array(n + 1);
  for (let i = 0; i <= a.count; i++) edgeStart[i] = a.edgeStart[i]!;
  for (let i = 1; i <= b.count; i++) edgeStart[a.count + i] = a.edges.length + b.edgeStart[i]!;
  const cat = <T extends Uint32Array | Float64Array>(x: T, y: T): T => {
    const out = new (x.constructor as new (n: number) => T)(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return {
    period: a.period,
    count: n,
    station: cat(a.station, b.station),
    countIndex: cat(a.countIndex, b.countIndex),
    observedVph: cat(a.observedVph, b.observedVph),
    hours: cat(a.hours, b.hours),
    edgeStart,
    edges: cat(a.edges, b.edges),
    outsidePeriod: a.outsidePeriod,
    ofUnmatched: a.ofUnmatched,
  };
}
