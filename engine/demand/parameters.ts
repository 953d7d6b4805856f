/**
 * Demand parameters: the three editable files under data/demand/ read and checked.
 * parameters.json holds trip rates, profiles and assumptions (each with a source id from
 * sources.ts); attractions.json the curated MT attractions; tourism.json seasonality, the
 * published attraction volumes and the regional (Cuiabá hub) trips. Problems are one-line
 * InputErrors naming the file and the field.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../util/input-error.ts';
import { isSourceId } from './sources.ts';

export interface DemandParameters {
  workTripsPerResident: number;
  vehicleTripsPerPersonTrip: number;
  detourFactor: number;
  /** Ascending population bands: the first with population < below (null = no bound) gives km. */
  targetMeanTripKm: { below: number | null; km: number }[];
  outboundByHour: Float64Array;
  returnByHour: Float64Array;
  vehiclesPerVisitor: number;
  tourStartHour: [number, number];
  dwellMinutes: [number, number];
  vehiclesPerAttendee: number;
  arrivalBeforeStartS: number;
  departureAfterEndS: number;
  /** Source ids used by these numbers. */
  sources: string[];
}

export interface Attraction {
  id: string;
  name: string;
  kind: string;
  lon: number;
  lat: number;
  weight: number;
  source: string;
}

export interface TourismData {
  /** Per city slug: 12 monthly factors, mean 1, and which were published. */
  seasonality: Map<string, { factors: Float64Array; published: boolean[] }>;
  attractionVolumes: { slug: string; what: string; visitorsPerYear: number; year: number; source: string }[];
  regional: { hub: string; destinations: string[] };
}

const DATA = new URL('../../data/demand/', import.meta.url);
export const DEFAULT_PARAMETERS_FILE = fileURLToPath(new URL('parameters.json', DATA));
export const DEFAULT_ATTRACTIONS_FILE = fileURLToPath(new URL('attractions.json', DATA));
export const DEFAULT_TOURISM_FILE = fileURLToPath(new URL('tourism.json', DATA));

type Obj = Record<string, unknown>;

function readJson(file: string): Obj {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    const doc = JSON.parse(text) as unknown;
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('expected an object');
    return doc as Obj;
  } catch (error) {
    throw new InputError(file, `not valid JSON (${(error as Error).message})`);
  }
}

/** Field reader that names `file` and the dotted path in every complaint. */
class Fields {
  constructor(readonly file: string) {}
  fail(path: string, expected: string, v: unknown): never {
    const shown = JSON.stringify(v);
    throw new InputError(this.file, `${path} is ${shown === undefined ? 'missing' : shown.slice(0, 60)}, expected ${expected}`);
  }
  obj(v: unknown, path: string): Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, 'an object', v);
    return v as Obj;
  }
  num(v: unknown, path: string, min = 0, max = Infinity): number {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) this.fail(path, `a number in [${min}, ${max}]`, v);
    return v as number;
  }
  str(v: unknown, path: string): string {
    if (typeof v !== 'string' || v === '') this.fail(path, 'a non-empty string', v);
    return v as string;
  }
  /** `{value, source}` entry: checks the source id and records it. */
  valued(o: Obj, key: string, sources: Set<string>, min = 0, max = Infinity): number {
    const e = this.obj(o[key], key);
    this.sourceOf(e, key, sources);
    return this.num(e.value, `${key}.value`, min, max);
  }
  sourceOf(e: Obj, path: string, sources: Set<string>): void {
    const id = this.str(e.source, `${path}.source`);
    if (!isSourceId(id)) this.fail(`${path}.source`, 'a source id listed in engine/demand/sources.ts', id);
    sources.add(id);
  }
  range(o: Obj, key: string, sources: Set<string>, max: number): [number, number] {
    const e = this.obj(o[key], key);
    this.sourceOf(e, key, sources);
    const v = e.value;
    if (!Array.isArray(v) || v.length !== 2) this.fail(`${key}.value`, '[min, max]', v);
    const a = this.num((v as unknown[])[0], `${key}.value[0]`, 0, max);
    const b = this.num((v as unknown[])[1], `${key}.value[1]`, a, max);
    return [a, b];
  }
  hours(o: Obj, key: string, sources: Set<string>): Float64Array {
    const e = this.obj(o[key], key);
    this.sourceOf(e, key, sources);
    const v = e.values;
    if (!Array.isArray(v) || v.length !== 24) this.fail(`${key}.values`, '24 hourly shares', v);
    const out = Float64Array.from(v as unknown[], (x, h) => this.num(x, `${key}.values[${h}]`, 0, 1));
    const sum = out.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-6) this.fail(`${key}.values`, 'shares summing to 1', Number(sum.toFixed(6)));
    return out;
  }
}

export function loadDemandParameters(file: string = DEFAULT_PARAMETERS_FILE): DemandParameters {
  const f = new Fields(file);
  const doc = readJson(file);
  const c = f.obj(doc.commute, 'commute');
  const t = f.obj(doc.tourism, 'tourism');
  const e = f.obj(doc.events, 'events');
  const sources = new Set<string>();
  const target = f.obj(c.targetMeanTripKm, 'commute.targetMeanTripKm');
  f.sourceOf(target, 'commute.targetMeanTripKm', sources);
  const bands = target.byPopulation;
  if (!Array.isArray(bands) || bands.length === 0) f.fail('commute.targetMeanTripKm.byPopulation', 'a non-empty array', bands);
  const targetMeanTripKm = (bands as unknown[]).map((b, i) => {
    const o = f.obj(b, `commute.targetMeanTripKm.byPopulation[${i}]`);
    const below = o.below === null ? null : f.num(o.below, `commute.targetMeanTripKm.byPopulation[${i}].below`, 1);
    return { below, km: f.num(o.km, `commute.targetMeanTripKm.byPopulation[${i}].km`, 0.1, 100) };
  });
  if (targetMeanTripKm[targetMeanTripKm.length - 1].below !== null) f.fail('commute.targetMeanTripKm.byPopulation', 'a last band with "below": null', bands);
  return {
    workTripsPerResident: f.valued(c, 'workTripsPerResident', sources, 0, 5),
    vehicleTripsPerPersonTrip: f.valued(c, 'vehicleTripsPerPersonTrip', sources, 0, 1),
    detourFactor: f.valued(c, 'detourFactor', sources, 1, 3),
    targetMeanTripKm,
    outboundByHour: f.hours(c, 'outboundByHour', sources),
    returnByHour: f.hours(c, 'returnByHour', sources),
    vehiclesPerVisitor: f.valued(t, 'vehiclesPerVisitor', sources, 0, 1),
    tourStartHour: f.range(t, 'tourStartHour', sources, 23),
    dwellMinutes: f.range(t, 'dwellMinutes', sources, 1440),
    vehiclesPerAttendee: f.valued(e, 'vehiclesPerAttendee', sources, 0, 1),
    arrivalBeforeStartS: f.valued(e, 'arrivalBeforeStartS', sources, 0, 86_400),
    departureAfterEndS: f.valued(e, 'departureAfterEndS', sources, 0, 86_400),
    sources: [...sources].sort(),
  };
}

/** Curated attractions by city slug. */
export function loadAttractions(file: string = DEFAULT_ATTRACTIONS_FILE): Map<string, Attraction[]> {
  const f = new Fields(file);
  const cities = f.obj(readJson(file).cities, 'cities');
  const out = new Map<string, Attraction[]>();
  for (const [slug, list] of Object.entries(cities)) {
    if (!Array.isArray(list)) f.fail(`cities.${slug}`, 'an array of attractions', list);
    out.set(
      slug,
      (list as unknown[]).map((item, i) => {
        const p = `cities.${slug}[${i}]`;
        const o = f.obj(item, p);
        const ll = o.lonLat;
        if (!Array.isArray(ll) || ll.length !== 2) f.fail(`${p}.lonLat`, '[lon, lat]', ll);
        const src = f.str(o.source, `${p}.source`);
        if (!/^https?:\/\//.test(src)) f.fail(`${p}.source`, 'the URL of a public page', src);
        return {
          id: f.str(o.id, `${p}.id`),
          name: f.str(o.name, `${p}.name`),
          kind: f.str(o.kind, `${p}.kind`),
          lon: f.num((ll as unknown[])[0], `${p}.lonLat[0]`, -180, 180),
          lat: f.num((ll as unknown[])[1], `${p}.lonLat[1]`, -90, 90),
          weight: f.num(o.weight, `${p}.weight`, 0),
          source: src,
        };
      }),
    );
  }
  return out;
}

export function loadTourismData(file: string = DEFAULT_TOURISM_FILE): TourismData {
  const f = new Fields(file);
  const doc = readJson(file);
  const seasonality = new Map<string, { factors: Float64Array; published: boolean[] }>();
  for (const [slug, entry] of Object.entries(f.obj(doc.seasonality, 'seasonality'))) {
    const months = f.obj(entry, `seasonality.${slug}`).months;
    if (!Array.isArray(months) || months.length !== 12) f.fail(`seasonality.${slug}.months`, '12 months', months);
    const m = (months as unknown[]).map((x, i) => f.obj(x, `seasonality.${slug}.months[${i}]`));
    const factors = Float64Array.from(m, (o, i) => f.num(o.factor, `seasonality.${slug}.months[${i}].factor`, 0, 12));
    const published = m.map((o) => o.published === true);
    seasonality.set(slug, { factors: normaliseSeason(factors, published), published });
  }
  const vols = doc.attractionVolumes;
  if (!Array.isArray(vols)) f.fail('attractionVolumes', 'an array', vols);
  const attractionVolumes = (vols as unknown[]).map((v, i) => {
    const o = f.obj(v, `attractionVolumes[${i}]`);
    return {
      slug: f.str(o.slug, `attractionVolumes[${i}].slug`),
      what: f.str(o.what, `attractionVolumes[${i}].what`),
      visitorsPerYear: f.num(o.visitorsPerYear, `attractionVolumes[${i}].visitorsPerYear`, 0),
      year: f.num(o.year, `attractionVolumes[${i}].year`, 1900, 2100),
      source: f.str(o.source, `attractionVolumes[${i}].source`),
    };
  });
  const r = f.obj(doc.regional, 'regional');
  const dest = r.destinations;
  if (!Array.isArray(dest)) f.fail('regional.destinations', 'an array of city slugs', dest);
  return {
    seasonality,
    attractionVolumes,
    regional: { hub: f.str(r.hub, 'regional.hub'), destinations: (dest as unknown[]).map((d, i) => f.str(d, `regional.destinations[${i}]`)) },
  };
}

/** Scales the estimated months (published ones stay as given) so that the 12 factors average 1. */
export function normaliseSeason(factors: Float64Array, published: boolean[]): Float64Array {
  let fixed = 0;
  let free = 0;
  for (let m = 0; m < 12; m++) (published[m] ? (fixed += factors[m]) : (free += factors[m]));
  const k = free > 0 ? Math.max(0, 12 - fixed) / free : 1;
  return Float64Array.from(factors, (v, m) => (published[m] ? v : v * k));
}
