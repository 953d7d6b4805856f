/**
 * Writes a mesoscopic run's outputs into a run directory, each file to a temporary name and
 * renamed:
 *  - meso-summary.json   the MesoSummary;
 *  - trips.csv           id,status,depart_s,end_s,distance_m,free_flow_s,delay_s (one row per input trip,
 *                        the per-trip join key for comparing runs is `id`);
 *  - link-series.csv     edge,osm_way_id,bin_start_s,flow_vph,speed_kmh,density_vpkm,queue_veh
 *                        (rows where something moved);
 *  - trajectories.json   TripsLayer data: [{id, path: [[lon, lat], …], timestamps: [s, …]}].
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/write-atomic.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import type { MesoResult } from './simulate.ts';
import { TRIP_STATUS_NAMES } from './trip-records.ts';

export function writeMesoOutputs(dir: string, graph: RoadGraph, ids: string[], r: MesoResult): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const put = (name: string, text: string) => {
    writeFileAtomic(join(dir, name), text);
    files.push(join(dir, name));
  };
  put('meso-summary.json', `${JSON.stringify(r.summary, null, 2)}\n`);

  const t = r.trips;
  const num = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d).replace(/\.0+$/, '') : '');
  const tl = ['id,status,depart_s,end_s,distance_m,free_flow_s,delay_s'];
  for (let i = 0; i < t.count; i++) tl.push(`${csvCell(ids[i])},${TRIP_STATUS_NAMES[t.status[i]] ?? 'pending'},${t.departS[i]},${num(t.endS[i], 0)},${num(t.distanceM[i])},${num(t.freeFlowS[i], 0)},${num(t.delayS[i], 0)}`);
  put('trips.csv', `${tl.join('\n')}\n`);

  const s = r.links;
  const ll = ['edge,osm_way_id,bin_start_s,flow_vph,speed_kmh,density_vpkm,queue_veh'];
  for (let b = 0; b < s.binCount; b++) {
    for (let e = 0; e < s.linkCount; e++) {
      const c = b * s.linkCount + e;
      if (s.flowVph[c] === 0 && s.densityVpkm[c] === 0) continue;
      ll.push(`${e},${graph.osmWayId[e]},${s.startS + b * s.binS},${num(s.flowVph[c])},${num(s.speedKmh[c])},${num(s.densityVpkm[c], 2)},${num(s.queueVeh[c], 2)}`);
    }
  }
  put('link-series.csv', `${ll.join('\n')}\n`);

  const tr = r.trajectories;
  const items: string[] = [];
  for (let k = 0; k < tr.count; k++) {
    const path: string[] = [];
    const times: string[] = [];
    for (let p = tr.startIndices[k]; p < tr.startIndices[k + 1]; p++) {
      path.push(`[${tr.coords[2 * p].toFixed(6)},${tr.coords[2 * p + 1].toFixed(6)}]`);
      times.push(tr.timestamps[p].toFixed(1));
    }
    items.push(`{"id":${JSON.stringify(ids[tr.vehicle[k]])},"path":[${path.join(',')}],"timestamps":[${times.join(',')}]}`);
  }
  put('trajectories.json', `[${items.join(',\n')}]\n`);
  return files;
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
