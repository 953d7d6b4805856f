/**
 * Writes a mesoscopic run's outputs into a run directory, each file to a temporary name and
 * renamed:
 *  - meso-summary.json   the MesoSummary;
 *  - trips.csv, link-series.csv   the same tables as a dynamic `gemeo run` (output-csv.ts); the
 *                        per-trip join key for comparing runs is `id`;
 *  - trajectories.json   TripsLayer data: [{id, path: [[lon, lat], …], timestamps: [s, …]}].
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/write-atomic.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import type { MesoResult } from './simulate.ts';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { writeLinkSeriesCsv, writeTripsCsv } from './output-csv.ts';
import { TripStatus } from './trip-records.ts';

export function writeMesoOutputs(dir: string, graph: RoadGraph, ids: string[], r: MesoResult): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const put = (name: string, text: string) => {
    writeFileAtomic(join(dir, name), text);
    files.push(join(dir, name));
  };
  put('meso-summary.json', `${JSON.stringify(r.summary, null, 2)}\n`);

  const t = r.trips;
  const arrived = (i: number) => t.status[i] === TripStatus.Arrived;
  const tripsFile = join(dir, 'trips.csv');
  writeTripsCsv(tripsFile, {
    count: t.count,
    id: ids,
    status: t.status,
    departS: t.departS,
    arriveS: Float64Array.from({ length: t.count }, (_, i) => (arrived(i) ? t.endS[i] : NaN)),
    distanceM: t.distanceM,
    delayS: Float64Array.from({ length: t.count }, (_, i) => (arrived(i) ? t.delayS[i] : NaN)),
  });
  files.push(tripsFile);

  const seriesFile = join(dir, 'link-series.csv');
  const dir01 = Uint8Array.from(graph.flags, (f) => (f & EdgeFlag.Reverse ? 1 : 0));
  writeLinkSeriesCsv(seriesFile, r.links, { count: r.links.linkCount, osmWayId: graph.osmWayId, dir: dir01 });
  files.push(seriesFile);

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

