/**
 * The ANTT toll-plaza volumes as a counts file: each plaza placed on its DNIT highway inside its
 * municipality (approximate, engine/counts/place-plazas.ts), one station per plaza and direction,
 * one whole-day count per station — the average day of the chosen year, by class (cars,
 * commercial = trucks and buses, motorcycles). Plazas that cannot be placed or have no volumes
 * in the year are returned with the reason. What `gemeo counts antt` writes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { averageDays, parseAnttPlazas, parseAnttVolumes, type PlazaDay } from '../engine/counts/antt-volumes.ts';
import type { Counts, CountStation } from '../engine/counts/counts.ts';
import { placePlazas, type Municipality } from '../engine/counts/place-plazas.ts';
import { parseCsv } from '../engine/util/csv.ts';
import { readInputBytes } from '../engine/util/input-file.ts';
import { InputError } from '../engine/util/input-error.ts';
import { readGeojsonLines } from '../engine/osm/read-geojson-lines.ts';

const data = (rel: string) => fileURLToPath(new URL(`../data/${rel}`, import.meta.url));

export const ANTT_FILES = {
  volumes: data('mt/antt-toll-volumes-mt.csv'),
  plazas: data('mt/antt-toll-plazas-mt.csv'),
  highways: data('mt/federal-highways-51.geojson'),
  municipalities: data('mt/municipalities-51.geojson'),
  seats: data('mt/municipality-seats-51.csv'),
};

export interface AnttCounts {
  counts: Counts;
  year: number;
  days: PlazaDay[];
  notPlaced: { plaza: string; reason: string }[];
}

export function anttCounts(year: number, files: typeof ANTT_FILES = ANTT_FILES): AnttCounts {
  const text = (file: string) => new TextDecoder().decode(readInputBytes(file));
  const volumes = parseAnttVolumes(text(files.volumes), files.volumes);
  const plazas = parseAnttPlazas(text(files.plazas), files.plazas);
  const placement = placePlazas(plazas, readGeojsonLines(files.highways), readMunicipalities(files.municipalities, files.seats));
  const days = averageDays(volumes, year);
  if (days.length === 0) throw new InputError(files.volumes, `no volumes in ${year} (the file covers ${volumes[0]?.month ?? '—'} to ${volumes[volumes.length - 1]?.month ?? '—'})`);
  const stations: CountStation[] = [];
  const counts: Counts = { file: `ANTT ${year}`, stations, counts: [], classes: ['cars', 'commercial', 'motorcycles'] };
  const notPlaced = placement.notPlaced.map((x) => ({ plaza: `${x.plaza.concession} ${x.plaza.plaza}`, reason: x.reason }));
  for (const p of placement.placed) {
    const mine = days.filter((d) => d.concession === p.plaza.concession && d.plaza === p.plaza.plaza);
    if (mine.length === 0) notPlaced.push({ plaza: `${p.plaza.concession} ${p.plaza.plaza}`, reason: `no volumes in ${year}` });
    for (const d of mine) {
      const up = d.direction === 'CRESCENTE';
      const code = `${p.plaza.concession.replace(/\s+/g, '-')}-${p.plaza.plaza.split(' ')[0]}`;
      const km = Number.isNaN(p.plaza.km) ? '' : ` km ${String(p.plaza.km).replace('.', ',')}`;
      stations.push({
        id: `${code}-${up ? 'C' : 'D'}`,
        name: `Praça ${p.plaza.plaza} (${p.plaza.concession}), ${p.plaza.highway}${km}, ${p.plaza.municipality}: sentido ${up ? 'crescente' : 'decrescente'}`,
        lon: p.lon,
        lat: p.lat,
        way: NaN,
        direction: { kind: 'bearing', degrees: Math.round(((p.increasingKmBearing + (up ? 0 : 180)) % 360) * 10) / 10 },
        highway: 'trunk',
        lanes: null,
        note: `${p.note}; média diária de ${year} sobre ${d.months} ${d.months === 1 ? 'mês' : 'meses'} (${d.days} dias, todos os dias da semana)`,
        line: 0,
      });
      counts.counts.push({ station: stations.length - 1, startS: 0, endS: 24 * 3600, vehicles: d.vehicles, classes: Float64Array.of(d.cars, d.commercial, d.motorcycles), line: 0 });
    }
  }
  return { counts, year, days, notPlaced };
}

/** IBGE polygons (outer ring) with their seats from the seats CSV, joined by IBGE code. */
function readMunicipalities(polygonsFile: string, seatsFile: string): Municipality[] {
  const doc = JSON.parse(readFileSync(polygonsFile, 'utf8')) as { features: { properties: { id: string; name: string }; geometry: { type: string; coordinates: [number, number][][] } }[] };
  const seats = new Map<string, [number, number]>();
  const table = parseCsv(readFileSync(seatsFile, 'utf8'), (line, problem) => {
    throw new InputError(seatsFile, `line ${line}: ${problem}`);
  });
  for (const [code, , lat, lon] of table.rows) if (code) seats.set(code, [Number(lon), Number(lat)]);
  return doc.features
    .filter((f) => f.geometry.type === 'Polygon' && seats.has(f.properties.id))
    .map((f) => ({ name: f.properties.name, ring: f.geometry.coordinates[0]!, seat: seats.get(f.properties.id)! }));
}
