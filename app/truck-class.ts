/**
 * Trucks as their own class in a run (engine/assignment/vehicle-classes.ts): where a period's
 * demand holds truck trips (external traffic), the assignment loads each truck as `pce` car
 * units (data/demand/external.json, HCM 6th ed. level terrain); the run's link flows stay in
 * vehicles, its times and v/c come from the PCE flows, and the trucks' own vehicles per link are
 * written to `class-flows.csv` (edge, trucks_vph) so validation can compare cars and trucks apart.
 * `gemeo calibrate` assigns the same PCE demand, so a calibration and its run agree.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pceDemand } from '../engine/assignment/vehicle-classes.ts';
import type { OdDemand } from '../engine/assignment/network.ts';
import { loadExternalParameters } from '../engine/demand/external.ts';
import { demandOnNodes, type NodeDemand } from '../engine/demand/node-demand.ts';
import type { Counts } from '../engine/counts/counts.ts';

export const CLASS_FLOWS_FILE = 'class-flows.csv';

export interface ClassDemand {
  /** What the assignment loads: every vehicle once, plus (pce − 1) per truck. */
  nodeOd: NodeDemand;
  /** The trucks alone on the same nodes, when there are any. */
  trucks?: { od: OdDemand; pce: number; trips: number };
}

/** The assignment demand of a period: `od` (every vehicle once) and its trucks `truckOd` (zone OD), on `zoneNode`. */
export function classDemand(od: OdDemand, truckOd: OdDemand, zoneNode: Uint32Array): ClassDemand {
  if (!(truckOd.total > 0)) return { nodeOd: demandOnNodes(od, zoneNode) };
  const pce = loadExternalParameters().pce.trucks;
  return { nodeOd: demandOnNodes(pceDemand(od, truckOd, pce), zoneNode), trucks: { od: demandOnNodes(truckOd, zoneNode).demand, pce, trips: truckOd.total } };
}

export function writeClassFlows(file: string, trucksVph: Float64Array): void {
  const rows = ['edge,trucks_vph'];
  for (let e = 0; e < trucksVph.length; e++) if (trucksVph[e]! > 0) rows.push(`${e},${Math.round(trucksVph[e]! * 1000) / 1000}`);
  writeFileSync(file, `${rows.join('\n')}\n`);
}

/** A run's trucks per edge (class-flows.csv), or undefined when the run has no truck class. */
export function readClassFlows(runDir: string, edgeCount: number): Float64Array | undefined {
  const file = join(runDir, CLASS_FLOWS_FILE);
  if (!existsSync(file)) return undefined;
  const out = new Float64Array(edgeCount);
  const lines = readFileSync(file, 'utf8').split('\n');
  if (lines[0] !== 'edge,trucks_vph') throw new Error(`${file}: header — expected "edge,trucks_vph"`);
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const [e, v] = lines[i]!.split(',').map(Number);
    if (!(Number.isInteger(e) && e! >= 0 && e! < edgeCount && v! >= 0)) throw new Error(`${file}: line ${i + 1} — expected an edge below ${edgeCount} and a flow ≥ 0`);
    out[e!] = v!;
  }
  return out;
}

/** Names of a counts file's truck class column, as the converters write them (ANTT: commercial = trucks and buses). */
const TRUCK_CLASS = ['commercial', 'trucks'];

/** The class column of a counts file that holds its trucks, or -1. */
export function truckClassIndex(counts: Counts): number {
  return counts.classes.findIndex((c) => TRUCK_CLASS.includes(c));
}

/** The counts of one class: trucks (the truck column) or the rest (vehicles − trucks); counts without the column are left out. */
export function countsOfClass(counts: Counts, which: 'trucks' | 'others'): Counts {
  const k = truckClassIndex(counts);
  if (k < 0) return { ...counts, counts: [] };
  const kept = counts.counts.filter((c) => Number.isFinite(c.classes[k]!));
  return { ...counts, counts: kept.map((c) => ({ ...c, vehicles: which === 'trucks' ? c.classes[k]! : c.vehicles - c.classes[k]! })) };
}
