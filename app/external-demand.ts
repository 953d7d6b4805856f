/**
 * The external and through traffic of a city, for scenarios with `"demand": {"external": true}`:
 * its highway gateways (where the DNIT highways leave its network) with the daily volumes of
 * the ANTT plaza nearest on the same highway (data/counts/antt-mt-2023.csv) — the plaza's
 * direction heading into the city enters at the gateway, the other leaves. A gateway on a
 * highway with no plaza within 100 km gets no traffic, and a plaza direction enters at one
 * gateway only (the nearest), each said in the notes. The plaza counts then
 * serve as inputs: validating the run against them again checks consistency, not the model.
 */
import { fileURLToPath } from 'node:url';
import type { City } from '../engine/city/registry.ts';
import { angleBetween } from '../engine/counts/match-stations.ts';
import { readCounts } from '../engine/counts/read-counts.ts';
import type { ExternalGateway } from '../engine/demand/demand.ts';
import { highwayGateways, type Gateway } from '../engine/demand/gateways.ts';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { readGeojsonLines } from '../engine/osm/read-geojson-lines.ts';
import { haversineM, M_PER_DEG, metresPerDegreeLon } from '../engine/spatial/geo.ts';
import { ANTT_FILES } from './antt-counts.ts';

export const EXTERNAL_COUNTS_FILE = fileURLToPath(new URL('../data/counts/antt-mt-2023.csv', import.meta.url));

/** A plaza farther than this from a gateway (along the straight line) says too little of its traffic. */
export const MAX_PLAZA_KM = 100;

export function externalGateways(city: Pick<City, 'seat'>, graph: RoadGraph, countsFile = EXTERNAL_COUNTS_FILE): { gateways: ExternalGateway[]; notes: string[] } {
  const counts = readCounts(countsFile);
  const plazas = new Map<string, { highway: string; lon: number; lat: number; dirs: Direction[] }>();
  const cls = (name: string) => counts.classes.indexOf(name);
  counts.counts.forEach((k) => {
    const s = counts.stations[k.station]!;
    if (s.direction.kind !== 'bearing' || k.endS - k.startS !== 24 * 3600) return;
    const key = s.id.replace(/-[CD]$/, '');
    const highway = /BR-\d{3}/.exec(s.name)?.[0] ?? '';
    const p = plazas.get(key) ?? { highway, lon: s.lon, lat: s.lat, dirs: [] };
    const at = (c: string) => (cls(c) >= 0 && Number.isFinite(k.classes[cls(c)]!) ? k.classes[cls(c)]! : 0);
    p.dirs.push({ bearing: s.direction.degrees, cars: at('cars') + at('motorcycles'), trucks: at('commercial'), id: s.id });
    plazas.set(key, p);
  });
  const gateways: ExternalGateway[] = [];
  const notes: string[] = [];
  const picks: { g: Gateway; where: string; km: number; into: Direction; away: Direction }[] = [];
  for (const g of highwayGateways(graph, readGeojsonLines(ANTT_FILES.highways))) {
    const refs = g.ref.split('/').filter((r) => r !== '');
    const where = `gateway ${g.ref || 'with no DNIT highway'} at ${g.lon.toFixed(4)}, ${g.lat.toFixed(4)}`;
    const candidates = [...plazas.values()].filter((p) => refs.includes(p.highway) && p.dirs.length === 2);
    if (candidates.length === 0) {
      notes.push(`${where}: no ANTT plaza on its highway, no external traffic there`);
      continue;
    }
    const p = candidates.reduce((a, b) => (haversineM(g.lon, g.lat, a.lon, a.lat) <= haversineM(g.lon, g.lat, b.lon, b.lat) ? a : b));
    const km = Math.round(haversineM(g.lon, g.lat, p.lon, p.lat) / 1000);
    if (km > MAX_PLAZA_KM) {
      notes.push(`${where}: the nearest ANTT plaza on its highway is ${km} km away (more than ${MAX_PLAZA_KM}), no external traffic there`);
      continue;
    }
    // into the city: the plaza direction heading from the gateway towards the seat
    const towardsSeat = compass((city.seat[0] - g.lon) * metresPerDegreeLon(g.lat), (city.seat[1] - g.lat) * M_PER_DEG);
    const [a, b] = p.dirs as [Direction, Direction];
    const [into, away] = angleBetween(a.bearing, towardsSeat) <= angleBetween(b.bearing, towardsSeat) ? [a, b] : [b, a];
    picks.push({ g, where, km, into, away });
  }
  // a plaza direction enters at one gateway only, the nearest: two ends of one road would count its traffic twice
  const taken = new Map<string, string>();
  for (const x of [...picks].sort((a, b) => a.km - b.km || a.g.node - b.g.node)) if (!taken.has(x.into.id)) taken.set(x.into.id, x.where);
  for (const x of picks) {
    if (taken.get(x.into.id) !== x.where) {
      notes.push(`${x.where}: ${x.into.id} already enters at the nearer ${taken.get(x.into.id)}, no external traffic here`);
      continue;
    }
    gateways.push({ id: `${x.g.ref}-${gateways.length + 1}`, lon: x.g.lon, lat: x.g.lat, inCars: x.into.cars, inTrucks: x.into.trucks, outCars: x.away.cars, outTrucks: x.away.trucks });
    notes.push(`${x.where}: volumes of ${x.into.id} (in) and ${x.away.id} (out), ${x.km} km away`);
  }
  return { gateways, notes };
}

interface Direction {
  id: string;
  bearing: number;
  cars: number;
  trucks: number;
}

function compass(dx: number, dy: number): number {
  const deg = (Math.atan2(dx, dy) * 180) / Math.PI;
  return deg < 0 ? deg + 360 : deg;
}
