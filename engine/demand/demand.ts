/**
 * The demand engine's entry: buildDemand(city, graph, {seed, scale, tourists, events}) →
 * zones, commuter gravity trips, tourist tours and regional trips, event trips, sparse OD
 * matrices per period and the agent list, all determined by the seed.
 *
 * This folder: zones.ts + hexgrid.ts (zones and their graph nodes), trip-generation.ts,
 * gravity.ts (Furness), calibrate.ts (deterrence β for a target mean trip length),
 * time-of-day.ts, tourism.ts, events.ts, agents.ts, od-matrix.ts, parameters.ts (data/demand
 * files), sources.ts (citations), gateways.ts and external.ts (external and through traffic at
 * highway gateways, on request). Units: vehicle trips per day (peak matrices: per hour), km
 * for trip lengths, seconds after midnight for departures.
 *
 * For assignment: OD zone z is road-graph node `zoneNode[z]` (several zones may share a node).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findCity, type City } from '../city/registry.ts';
import type { OdDemand } from '../assignment/network.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import type { OsmPoi } from '../osm/osm-extract.ts';
import { EdgeIndex } from '../spatial/edge-index.ts';
import { haversineM } from '../spatial/geo.ts';
import { parseCsv } from '../util/csv.ts';
import { InputError } from '../util/input-error.ts';
import { readInputBytes } from '../util/input-file.ts';
import { mulberry32 } from '../util/random.ts';
import { AgentsBuilder, countByKind, stochasticRound, TripKind, type Agents } from './agents.ts';
import { calibrateExponential, type Calibration } from './calibrate.ts';
import { DemandInputError } from './errors.ts';
import { addEventTrips, checkEvent, type DemandEvent } from './events.ts';
import { hexgridBeside, readHexgrid } from './hexgrid.ts';
import { periodMatrices } from './od-matrix.ts';
import { loadAttractions, loadDemandParameters, loadTourismData, type Attraction, type DemandParameters, type TourismData } from './parameters.ts';
import { citation } from './sources.ts';
import { cumulativeProfile, PERIODS, sampleDeparture, type Period, type PeriodId } from './time-of-day.ts';
import { addRegionalTrips, addTours, regionalVisitorsPerDay, touristVolume, type Place } from './tourism.ts';
import { generateCommute, zoneDistanceKm } from './trip-generation.ts';
import { addExternalTrips, loadExternalParameters, type ExternalParameters, type ExternalSummary } from './external.ts';
import { withGateways, ZoneKind, zonesFromHexgrid, zonesOverNetwork, type Zones } from './zones.ts';

export interface DemandOptions {
  seed: number;
  /** Multiplies every trip volume; default 1. */
  scale?: number;
  /** Tourist flows: false to leave them out; `{month}` (1–12) for a day of that month; default an average day. */
  tourists?: boolean | { month?: number };
  events?: DemandEvent[];
  /** OSM points of the city (hotels, tourism/leisure) when it comes from OSM. */
  pois?: OsmPoi[];
  /** Spatial index over `graph`, built when absent. */
  index?: EdgeIndex;
  /** Registry used to find the regional destinations; default data/cities.json. */
  cities?: City[];
  /** Hexgrid file for the zones; default the `*_hexgrid.csv` beside the city's OSM file. */
  hexgridFile?: string;
  parameters?: DemandParameters;
  attractions?: Map<string, Attraction[]>;
  tourism?: TourismData;
  /** Target mean commute trip length, km; default by city size (parameters.json). */
  targetMeanTripKm?: number;
  /** External and through traffic at highway gateways (external.ts): each gateway's position and daily volumes; none by default. */
  external?: { gateways: ExternalGateway[]; parameters?: ExternalParameters };
}

/** A highway gateway with the vehicles per day entering and leaving the network there. */
export interface ExternalGateway {
  id: string;
  lon: number;
  lat: number;
  inCars: number;
  inTrucks: number;
  outCars: number;
  outTrucks: number;
}

export interface DemandSummary {
  city: string;
  zones: number;
  population: number;
  jobs: number;
  /** Vehicle trips of the day by kind. */
  trips: { commute: number; tourist: number; event: number; external?: number; truck?: number };
  touristVisitorsPerDay: number;
  /** Mean length of the day's vehicle trips, km (zone-to-zone distance, detour factor applied). */
  meanTripLengthKm: number;
  /** Population and jobs spread by a proxy (MT cities) rather than read from data. */
  estimated: boolean;
  /** The road network is a stand-in, not surveyed streets. */
  syntheticNetwork: boolean;
  unconnectedZones: number;
  gravity: { beta: number; targetMeanTripKm: number; cappedFromKm?: number; meanTripKm: number; reachable: boolean; furnessIterations: number; maxRelError: number };
  periods: Record<PeriodId, number>;
  sources: string[];
  /**
   * Where tourists sleep and what they visit: OSM hotels, or the municipal seat when the city has
   * none; OSM attractions, the curated list, the POI file beside the OSM extract, or the seat.
   * Absent without tourists. A seat placement is a stated stand-in, never silent.
   */
  tourismPlaces?: { lodging: 'osm-hotels' | 'seat'; attractions: AttractionSource };
  /** Only with external traffic: gateways and the day's through, inbound, outbound and truck trips. */
  external?: ExternalSummary;
}

export interface Demand {
  city: string;
  zones: Zones;
  /** Road-graph node of each OD zone. */
  zoneNode: Uint32Array;
  periods: readonly Period[];
  matrices: Record<PeriodId, OdDemand>;
  intrazonal: Record<PeriodId, number>;
  /** Dense n × n home-to-work vehicle trips of the day (gravity output). */
  commute: Float64Array;
  productions: Float64Array;
  attractions: Float64Array;
  calibration: Calibration;
  agents: Agents;
  summary: DemandSummary;
}

const REPO = new URL('../../', import.meta.url);
const HOTEL = new Set(['hotel', 'hostel', 'guest_house', 'motel', 'apartment']);
const ATTRACTION_TOURISM = new Set(['attraction', 'museum', 'viewpoint', 'zoo', 'theme_park', 'gallery', 'artwork']);
const ATTRACTION_LEISURE = new Set(['park', 'stadium', 'nature_reserve', 'water_park']);

export function buildDemand(city: City, graph: RoadGraph, options: DemandOptions): Demand {
  checkInputs(city, options);
  const scale = options.scale ?? 1;
  const p = options.parameters ?? loadDemandParameters();
  const tourismData = options.tourism ?? loadTourismData();
  const index = options.index ?? new EdgeIndex(graph);
  const rand = mulberry32(options.seed);
  const sources = new Set<string>(p.sources);

  // Zones.
  const gridFile = options.hexgridFile ?? (city.network.source === 'osm' ? hexgridBeside(fileURLToPath(new URL(city.network.file, REPO))) : null);
  const workTrips = city.population.value * p.workTripsPerResident;
  let zones = gridFile ? zonesFromHexgrid(readHexgrid(gridFile), graph, { index }) : zonesOverNetwork(city, graph, workTrips, { index });
  sources.add(gridFile ? 'ipea-aop-hexgrid' : 'ibge-population');
  const regional = regionalLinks(city, tourismData, options);
  if (regional.length > 0) zones = withGateways(zones, graph, regional.map((r) => ({ id: r.other.slug, lon: r.other.seat[0], lat: r.other.seat[1] })));
  const highwayGateways = options.external?.gateways ?? [];
  const firstHighwayGateway = zones.count;
  if (highwayGateways.length > 0) zones = withGateways(zones, graph, highwayGateways.map((g) => ({ id: g.id, lon: g.lon, lat: g.lat })));
  const n = zones.count;

  // Commuters: generation, calibrated gravity, sampled agents.
  const gen = generateCommute(zones, p, scale);
  const dist = zoneDistanceKm(zones, p.detourFactor);
  const commute = new Float64Array(n * n);
  const deterrence = new Float64Array(n * n);
  let modelled = 0;
  for (let z = 0; z < n; z++) modelled += zones.population[z];
  // The band goes by the modelled area's residents (a reference extract covers part of its city).
  const target = options.targetMeanTripKm ?? targetFor(modelled > 0 ? modelled : city.population.value, p);
  const calibration = calibrateExponential(commute, deterrence, dist, gen.productions, gen.attractions, target);
  const out = new AgentsBuilder(Math.ceil(gen.total * 2.1) + 1024);
  const outCum = cumulativeProfile(p.outboundByHour);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const count = stochasticRound(commute[i * n + j], rand);
      for (let c = 0; c < count; c++) {
        const chain = out.newChain();
        const leave = sampleDeparture(outCum, rand);
        out.add(TripKind.Commute, leave, i, j, zones.node[i], zones.node[j], chain, 0);
        out.add(TripKind.Commute, sampleReturn(p.returnByHour, leave, rand), j, i, zones.node[j], zones.node[i], chain, 1);
      }
    }
  }

  // Tourists.
  let touristVisitorsPerDay = 0;
  let tourismPlaces: DemandSummary['tourismPlaces'];
  if (options.tourists !== false) {
    const month = typeof options.tourists === 'object' ? options.tourists.month : undefined;
    const vol = touristVolume(city, tourismData, month);
    vol.sources.forEach((s) => sources.add(s));
    touristVisitorsPerDay = vol.visitorsPerDay;
    const distKm = (a: Place, b: Place): number => dist[a.zone * n + b.zone];
    const lodging = lodgingPlaces(city, zones, options.pois);
    const attractions = attractionPlaces(city, zones, index, graph, options, sources);
    const stops = attractions.places;
    tourismPlaces = { lodging: lodging.source, attractions: attractions.source };
    const weights = Float64Array.from(stops.map((s) => s.weight));
    let lodgedVisitors = vol.visitorsPerDay * scale;
    for (const r of regional) {
      const far = zoneOfId(zones, `gateway:${r.other.slug}`);
      if (r.role === 'hub') {
        const parties = regionalVisitorsPerDay(r.other, tourismData, month) * p.vehiclesPerVisitor * scale;
        addRegionalTrips(out, parties, lodging.places, lodging.weights, far, true, p, rand);
      } else {
        const dayVisitors = regionalVisitorsPerDay(city, tourismData, month) * scale;
        lodgedVisitors = Math.max(0, lodgedVisitors - (dayVisitors < lodgedVisitors ? dayVisitors : 0));
        const parties = dayVisitors * p.vehiclesPerVisitor;
        // Day visitors from the hub tour the attractions and go back; with no list they visit the lodging area.
        if (stops.length > 0) addTours(out, { parties, bases: [far], baseWeights: Float64Array.of(1), stops, stopWeights: weights, distKm, returnWindow: [16 * 3600, 18 * 3600] }, p, rand);
        else addRegionalTrips(out, parties, lodging.places, lodging.weights, far, false, p, rand);
      }
    }
    addTours(out, { parties: lodgedVisitors * p.vehiclesPerVisitor, bases: lodging.places, baseWeights: lodging.weights, stops, stopWeights: weights, distKm }, p, rand);
  }

  // Events.
  if (options.events && options.events.length > 0) {
    const popCum = new Float64Array(n);
    let s = 0;
    for (let z = 0; z < n; z++) popCum[z] = s += zones.kind[z] === ZoneKind.Cell ? zones.population[z] : 0;
    if (s <= 0) throw new DemandInputError(`city "${city.slug}": no zone has residents, so event attendees have no origin`);
    options.events.forEach((ev) => {
      const hit = index.nearestEdge(ev.lon, ev.lat);
      const node = hit ? (hit.fraction < 0.5 ? graph.tail[hit.edge] : graph.head[hit.edge]) : zones.node[nearestZone(zones, ev.lon, ev.lat)];
      addEventTrips(out, ev, { zone: nearestZone(zones, ev.lon, ev.lat), node }, popCum, zones.node, p, scale, rand);
    });
  }

  // External and through traffic.
  let external: ExternalSummary | undefined;
  if (highwayGateways.length > 0) {
    const volumes = highwayGateways.map((g, i) => ({ ...g, zone: firstHighwayGateway + i }));
    external = addExternalTrips(out, zones, volumes, options.external!.parameters ?? loadExternalParameters(), scale, rand);
    sources.add('antt-toll-volumes');
  }

  const agents = out.finish();
  const { matrices, intrazonal } = periodMatrices(n, commute, p.outboundByHour, p.returnByHour, agents, PERIODS);
  const summary = { ...summarise(city, graph, zones, agents, dist, calibration, matrices, touristVisitorsPerDay * scale, sources), ...(tourismPlaces ? { tourismPlaces } : {}), ...(external ? { external } : {}) };
  return { city: city.slug, zones, zoneNode: zones.node, periods: PERIODS, matrices, intrazonal, commute, productions: gen.productions, attractions: gen.attractions, calibration, agents, summary };
}

function checkInputs(city: City, options: DemandOptions): void {
  const slug = (city as Partial<City>)?.slug ?? '?';
  const pop = (city as Partial<City>)?.population?.value;
  if (typeof pop !== 'number' || !Number.isFinite(pop) || pop <= 0) {
    throw new DemandInputError(`city "${slug}": population.value is ${pop === undefined ? 'missing' : JSON.stringify(pop)}, expected a positive number of inhabitants`);
  }
  if (!Number.isInteger(options.seed)) throw new DemandInputError(`seed is ${JSON.stringify(options.seed)}, expected an integer`);
  const scale = options.scale ?? 1;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale < 0) throw new DemandInputError(`scale is ${JSON.stringify(scale)}, expected a number ≥ 0`);
  const t = options.tourists;
  if (typeof t === 'object' && t.month !== undefined && !(Number.isInteger(t.month) && t.month >= 1 && t.month <= 12)) {
    throw new DemandInputError(`tourists.month is ${JSON.stringify(t.month)}, expected an integer 1–12`);
  }
  (options.events ?? []).forEach((ev, i) => checkEvent(ev, city, i));
}

function targetFor(population: number, p: DemandParameters): number {
  for (const band of p.targetMeanTripKm) if (band.below === null || population < band.below) return band.km;
  return p.targetMeanTripKm[p.targetMeanTripKm.length - 1].km;
}

/** The regional partners of `city`: the destinations when it is the hub, the hub when it is a destination. */
function regionalLinks(city: City, data: TourismData, options: DemandOptions): { role: 'hub' | 'destination'; other: City }[] {
  if (options.tourists === false) return [];
  const { hub, destinations } = data.regional;
  const find = (slug: string): City => findCity(slug, options.cities);
  if (city.slug === hub) return destinations.map((d) => ({ role: 'hub' as const, other: find(d) }));
  if (destinations.includes(city.slug)) return [{ role: 'destination', other: find(hub) }];
  return [];
}

/** Hotels from OSM when there are any, else the zone of the municipal seat. */
function lodgingPlaces(city: City, zones: Zones, pois: OsmPoi[] | undefined): { places: Place[]; weights: Float64Array; source: 'osm-hotels' | 'seat' } {
  const hotels = (pois ?? []).filter((q) => HOTEL.has(q.tags.tourism ?? ''));
  const points = hotels.length > 0 ? hotels.map((h) => [h.lon, h.lat] as const) : [[city.seat[0], city.seat[1]] as const];
  const places = points.map(([lon, lat]) => zoneOfPoint(zones, lon, lat));
  return { places, weights: new Float64Array(places.length).fill(1), source: hotels.length > 0 ? 'osm-hotels' : 'seat' };
}

export type AttractionSource = 'osm-pois' | 'curated' | 'poi-file' | 'seat';

/** OSM tourism/leisure points, else the POI file beside the OSM extract, else the curated list, else the seat. */
function attractionPlaces(city: City, zones: Zones, index: EdgeIndex, graph: RoadGraph, options: DemandOptions, sources: Set<string>): { source: AttractionSource; places: (Place & { weight: number })[] } {
  let source: AttractionSource;
  const osm = (options.pois ?? []).filter((q) => ATTRACTION_TOURISM.has(q.tags.tourism ?? '') || ATTRACTION_LEISURE.has(q.tags.leisure ?? ''));
  let points: { lon: number; lat: number; weight: number }[];
  if (osm.length >= 3) {
    points = osm.map((q) => ({ lon: q.lon, lat: q.lat, weight: 1 }));
    sources.add('osm-pois');
    source = 'osm-pois';
  } else {
    const curated = (options.attractions ?? loadAttractions()).get(city.slug);
    const poiFile = city.network.source === 'osm' ? poiFileBeside(city.network.file) : null;
    if (curated && curated.length > 0) {
      points = curated.map((a) => ({ lon: a.lon, lat: a.lat, weight: a.weight }));
      sources.add('curated-attractions');
      source = 'curated';
    } else if (poiFile) {
      points = poiFile;
      sources.add('r5r-poi');
      source = 'poi-file';
    } else {
      points = [{ lon: city.seat[0], lat: city.seat[1], weight: 1 }];
      source = 'seat';
    }
  }
  const places = points.map((q) => {
    const place = zoneOfPoint(zones, q.lon, q.lat);
    const hit = index.nearestEdge(q.lon, q.lat);
    if (hit) place.node = hit.fraction < 0.5 ? graph.tail[hit.edge] : graph.head[hit.edge];
    return { ...place, weight: q.weight };
  });
  return { source, places };
}

/** `<x>_points_of_interest.csv` (id,lat,lon) beside the city's OSM file; null when there is none, an InputError when it cannot be read. */
function poiFileBeside(osmFile: string): { lon: number; lat: number; weight: number }[] | null {
  const grid = hexgridBeside(fileURLToPath(new URL(osmFile, REPO)));
  if (!grid) return null;
  const file = grid.replace(/_hexgrid\.csv$/, '_points_of_interest.csv');
  return existsSync(file) ? readPoiCsv(file) : null;
}

function readPoiCsv(file: string): { lon: number; lat: number; weight: number }[] {
  const table = parseCsv(new TextDecoder().decode(readInputBytes(file)), (line, problem) => {
    throw new InputError(file, `line ${line}: ${problem}`);
  });
  const [iLat, iLon] = ['lat', 'lon'].map((name) => {
    const i = table.header.indexOf(name);
    if (i < 0) throw new InputError(file, `line 1: no "${name}" column (header is ${table.header.join(',').slice(0, 80)})`);
    return i;
  });
  return table.rows.map((f, r) => {
    const lon = Number(f[iLon]);
    const lat = Number(f[iLat]);
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      throw new InputError(file, `line ${table.lines[r]}: lat, lon — expected degrees, got "${f[iLat] ?? ''}", "${f[iLon] ?? ''}"`);
    }
    return { lon, lat, weight: 1 };
  });
}

function zoneOfPoint(zones: Zones, lon: number, lat: number): Place {
  const z = nearestZone(zones, lon, lat);
  return { zone: z, node: zones.node[z], lon, lat };
}

function zoneOfId(zones: Zones, id: string): Place {
  const z = zones.id.indexOf(id);
  return { zone: z, node: zones.node[z], lon: zones.lon[z], lat: zones.lat[z] };
}

/** The cell zone whose centre is nearest (lon, lat). */
function nearestZone(zones: Zones, lon: number, lat: number): number {
  let best = 0;
  let bestD = Infinity;
  for (let z = 0; z < zones.count; z++) {
    if (zones.kind[z] !== ZoneKind.Cell) continue;
    const d = haversineM(lon, lat, zones.lon[z], zones.lat[z]);
    if (d < bestD) {
      bestD = d;
      best = z;
    }
  }
  return best;
}

/** A return departure from the return profile, restricted to hours after the outbound hour. */
function sampleReturn(profile: Float64Array, leaveS: number, rand: () => number): number {
  const from = Math.floor(leaveS / 3600) + 1;
  let total = 0;
  for (let h = from; h < 24; h++) total += profile[h];
  if (total <= 0) return Math.min(86_399, leaveS + 8 * 3600);
  let u = rand() * total;
  let h = from;
  for (; h < 23; h++) {
    u -= profile[h];
    if (u < 0) break;
  }
  return Math.floor((h + rand()) * 3600);
}

function summarise(
  city: City,
  graph: RoadGraph,
  zones: Zones,
  agents: Agents,
  dist: Float64Array,
  cal: Calibration,
  matrices: Record<PeriodId, OdDemand>,
  touristVisitorsPerDay: number,
  sources: Set<string>,
): DemandSummary {
  let population = 0;
  let jobs = 0;
  let cells = 0;
  for (let z = 0; z < zones.count; z++) {
    if (zones.kind[z] !== ZoneKind.Cell) continue;
    cells++;
    population += zones.population[z];
    jobs += zones.jobs[z];
  }
  let km = 0;
  for (let t = 0; t < agents.count; t++) km += dist[agents.originZone[t] * zones.count + agents.destZone[t]];
  const periods = {} as Record<PeriodId, number>;
  for (const p of PERIODS) periods[p.id] = matrices[p.id].total;
  return {
    city: city.slug,
    zones: cells,
    population: Math.round(population),
    jobs: Math.round(jobs),
    trips: countByKind(agents),
    touristVisitorsPerDay,
    meanTripLengthKm: agents.count > 0 ? km / agents.count : 0,
    estimated: zones.estimated,
    syntheticNetwork: graph.meta.synthetic,
    unconnectedZones: zones.unconnected.length,
    gravity: {
      beta: cal.beta,
      targetMeanTripKm: cal.targetKm,
      ...(cal.capped !== undefined ? { cappedFromKm: cal.capped } : {}),
      meanTripKm: cal.meanKm,
      reachable: cal.reachable,
      furnessIterations: cal.furness.iterations,
      maxRelError: cal.furness.maxRelError,
    },
    periods,
    sources: [...sources].sort().map(citation),
  };
}
