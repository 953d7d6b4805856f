/**
 * OD matrices per period in the assignment's sparse layout (OdDemand: rows by origin zone,
 * destinations ascending). Commuter flows enter as expected values (daily gravity trips times
 * the share of the departure profile inside the period); tourist and event flows enter as the
 * sampled trips of the agent list. Trips within one zone never reach the network: they are
 * left out of the matrices and counted apart (`intrazonal`). The trucks among them (TripKind.Truck,
 * external traffic only) are also kept apart, per period, so the assignment can give them a
 * passenger-car equivalent (engine/assignment/vehicle-classes.ts).
 */
import type { OdDemand } from '../assignment/network.ts';
import { TripKind, type Agents } from './agents.ts';
import { profileShare, type Period, type PeriodId } from './time-of-day.ts';

export interface PeriodMatrices {
  matrices: Record<PeriodId, OdDemand>;
  /** Vehicle trips within a zone, per period (not in the matrices). */
  intrazonal: Record<PeriodId, number>;
  /** The truck trips of each period's matrix (a subset of its cells; empty without trucks). */
  trucks: Record<PeriodId, OdDemand>;
}

/**
 * `commute` is the dense n × n home-to-work matrix for the day; outbound trips i→j follow
 * `outbound`, return trips j→i follow `returns`.
 */
export function periodMatrices(
  n: number,
  commute: Float64Array,
  outbound: Float64Array,
  returns: Float64Array,
  agents: Agents,
  periods: readonly Period[],
): PeriodMatrices {
  const dense = new Float64Array(n * n);
  const matrices = {} as Record<PeriodId, OdDemand>;
  const intrazonal = {} as Record<PeriodId, number>;
  const trucks = {} as Record<PeriodId, OdDemand>;
  let truckTrips = 0;
  for (let t = 0; t < agents.count; t++) if (agents.kind[t] === TripKind.Truck) truckTrips++;
  for (const p of periods) {
    dense.fill(0);
    const so = profileShare(outbound, p.startS, p.endS);
    const sr = profileShare(returns, p.startS, p.endS);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const t = commute[i * n + j];
        if (t === 0) continue;
        dense[i * n + j] += t * so;
        dense[j * n + i] += t * sr;
      }
    }
    for (let t = 0; t < agents.count; t++) {
      if (agents.kind[t] === TripKind.Commute) continue;
      const s = agents.departS[t];
      if (s >= p.startS && s < p.endS) dense[agents.originZone[t] * n + agents.destZone[t]] += 1;
    }
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += dense[i * n + i];
      dense[i * n + i] = 0;
    }
    intrazonal[p.id] = diag;
    matrices[p.id] = toSparse(dense, n);
    if (truckTrips > 0) {
      dense.fill(0);
      for (let t = 0; t < agents.count; t++) {
        const s = agents.departS[t];
        if (agents.kind[t] === TripKind.Truck && s >= p.startS && s < p.endS && agents.originZone[t] !== agents.destZone[t]) dense[agents.originZone[t] * n + agents.destZone[t]] += 1;
      }
      trucks[p.id] = toSparse(dense, n);
    } else trucks[p.id] = { zoneCount: n, rowStart: new Uint32Array(n + 1), dest: new Uint32Array(0), flow: new Float64Array(0), total: 0 };
  }
  return { matrices, intrazonal, trucks };
}

/** Sparse copy of a dense n × n matrix (zeros dropped). */
export function toSparse(dense: Float64Array, n: number): OdDemand {
  let nnz = 0;
  for (let k = 0; k < dense.length; k++) if (dense[k] > 0) nnz++;
  const rowStart = new Uint32Array(n + 1);
  const dest = new Uint32Array(nnz);
  const flow = new Float64Array(nnz);
  let k = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    rowStart[i] = k;
    for (let j = 0; j < n; j++) {
      const v = dense[i * n + j];
      if (v > 0) {
        dest[k] = j;
        flow[k++] = v;
        total += v;
      }
    }
  }
  rowStart[n] = k;
  return { zoneCount: n, rowStart, dest, flow, total };
}
