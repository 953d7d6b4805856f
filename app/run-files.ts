/**
 * The text files of a run directory, written from a RunResult: summary.json (the headline
 * figures), links.geojson (one LineString per edge with way, dir, class, lanes, flow, vc,
 * speed, time; `trucks` in runs with trucks as a class), links.csv (the same columns without
 * geometry, `trucks_vph` last in runs with trucks) and convergence.csv.
 * Street data of an OSM city is © OpenStreetMap contributors (ODbL); the GeoJSON says so, and
 * says when the network is a synthetic stand-in.
 * Dynamic runs add trips.csv (one row per simulated trip) and link-series.csv (one row per
 * edge and 15-min bin where anything was on the edge), and summary.json gains `dynamic`.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { roadClassName } from '../engine/graph/road-class.ts';
import { writeLinkSeriesCsv as writeSeriesCells, writeTripsCsv as writeTripRows } from '../engine/meso/output-csv.ts';
import { csvText } from '../engine/util/csv-write.ts';
import type { RunResult } from '../engine/metrics/run-result.ts';
import { WayNames } from '../engine/graph/way-names.ts';

export const OSM_ATTRIBUTION = 'Street data © OpenStreetMap contributors, available under the Open Database License (ODbL) 1.0';
export const SYNTHETIC_NOTE = 'SYNTHETIC stand-in street network generated from IBGE/DNIT anchors; not surveyed streets';

export interface RunSummary {
  runDir: string;
  city: string;
  scenario: string;
  name: string;
  model: string;
  period: string;
  seed: number;
  synthetic: boolean;
  vkt: number;
  vht: number;
  meanTripMin: number;
  delayVh: number;
  co2Kg: number;
  trips: number;
  unreachableTrips: number;
  assignment: RunResult['assignment'];
  /** Wall seconds of the whole run. */
  seconds: number;
  interventions: RunResult['interventions'];
  attractions: RunResult['attractions'];
  co2Factor: { gCo2PerKm: number; verified: boolean; sources: string[] };
  inputHash: string;
  version: string;
  createdAt: string;
  /** Dynamic runs only: the simulation's figures (conservation: vehicles = arrived + stuck). */
  /** A calibrated run: its calibration file and the count stations that calibration was fitted to. */
  calibration?: { file: string; method: string; counts: string; stations: string[] };
  dynamic?: { vehicles: number; arrived: number; stuck: number; meanTravelTimeS: number; stuckTimedOut: number; unfinished: number; conserved: boolean; windowStartS: number; windowEndS: number; rejected: { unknownNode: number; outsideHorizon: number; sameNode: number; unreachable: number }; timedClosures: number; endedAtClosure: number; squeezed: number; routesDrawn: number; relativeGap: number | null; iterations: { arrived: number; stuck: number; meanTravelTimeS: number; squeezed: number; moved: number; relativeGap: number | null }[] };
}

export function runSummary(runDir: string, r: RunResult, seconds: number, co2Factor: RunSummary['co2Factor']): RunSummary {
  const m = r.meta;
  const t = r.totals;
  return {
    runDir,
    city: m.city,
    scenario: m.scenario,
    name: m.name,
    model: m.model,
    period: m.period,
    seed: m.seed,
    synthetic: m.synthetic,
    vkt: t.vkt,
    vht: t.vht,
    meanTripMin: t.meanTripMin,
    delayVh: t.delayVh,
    co2Kg: t.co2Kg,
    trips: t.trips,
    unreachableTrips: t.unreachableTrips,
    assignment: r.assignment,
    seconds,
    interventions: r.interventions,
    attractions: r.attractions.map((a) => ({ ...a, accessMin: Number.isFinite(a.accessMin) ? a.accessMin : (null as unknown as number) })),
    co2Factor,
    inputHash: m.inputHash,
    version: m.version,
    createdAt: m.createdAt,
    ...(r.dynamic ? { dynamic: dynamicSummary(r.dynamic.summary) } : {}),
  };
}

function dynamicSummary(d: NonNullable<RunResult['dynamic']>['summary']): NonNullable<RunSummary['dynamic']> {
  return {
    vehicles: d.vehicles,
    arrived: d.arrived,
    stuck: d.stuck,
    meanTravelTimeS: d.meanTravelTimeS,
    stuckTimedOut: d.stuckTimedOut,
    unfinished: d.unfinished,
    conserved: d.conserved,
    windowStartS: d.windowStartS,
    windowEndS: d.windowEndS,
    rejected: d.rejected,
    timedClosures: d.timedClosures,
    endedAtClosure: d.endedAtClosure,
    squeezed: d.squeezed,
    routesDrawn: d.routesDrawn,
    // relative gap of all vehicles (engine/meso/relative-gap.ts), last run and run by run
    relativeGap: Number.isFinite(d.relativeGap) ? d.relativeGap : null,
    iterations: d.history.map((h) => ({ arrived: h.arrived, stuck: h.stuck, meanTravelTimeS: round(h.meanTravelTimeS, 1), squeezed: h.squeezed, moved: h.moved, relativeGap: Number.isFinite(h.gap) ? h.gap : null })),
  };
}

/** trips.csv (engine/meso/output-csv.ts). */
export function writeTripsCsv(file: string, r: RunResult): void {
  writeTripRows(file, r.dynamic!.trips);
}

/** link-series.csv (engine/meso/output-csv.ts). */
export function writeLinkSeriesCsv(file: string, r: RunResult): void {
  writeSeriesCells(file, r.dynamic!.series, r.edges);
}

/** links.geojson, written in chunks (a large city has hundreds of thousands of edges). */
export function writeLinksGeojson(file: string, r: RunResult, osm: boolean): void {
  const e = r.edges;
  const names = r.wayNames ?? WayNames.EMPTY;
  const head = {
    type: 'FeatureCollection',
    name: `${r.meta.cityName} — ${r.meta.name}`,
    attribution: osm && !r.meta.synthetic ? OSM_ATTRIBUTION : null,
    synthetic: r.meta.synthetic,
    ...(r.meta.synthetic ? { warning: SYNTHETIC_NOTE } : {}),
    units: { flow: 'veh/h', vc: 'volume/capacity', speed: 'km/h', time: 's' },
  };
  const fd = openSync(file, 'w');
  try {
    let buf = `${JSON.stringify(head).slice(0, -1)},"features":[\n`;
    for (let k = 0; k < e.count; k++) {
      const coords: string[] = [];
      for (let p = e.geometryOffsets[k]; p < e.geometryOffsets[k + 1]; p++) coords.push(`[${e.geometryCoords[2 * p]},${e.geometryCoords[2 * p + 1]}]`);
      const street = names.get(e.osmWayId[k]);
      const named = street ? `"name":${JSON.stringify(street.name)},"ref":${JSON.stringify(street.ref)},${street.synthetic ? '"nameSynthetic":true,' : ''}` : '';
      const props = `{${named}"way":${e.osmWayId[k]},"dir":${e.dir[k]},"class":"${roadClassName(e.roadClass[k])}","lanes":${e.lanes[k]},"flow":${round(e.flowVph[k], 2)},"vc":${round(e.vc[k], 4)},"speed":${round(e.speedKmh[k], 2)},"time":${round(e.timeS[k], 2)}${e.trucksVph ? `,"trucks":${round(e.trucksVph[k], 2)}` : ''}${e.changed[k] ? `,"changed":true,"change":"${CHANGE_NAMES[e.changed[k]] ?? 'changed'}"` : ''}}`;
      buf += `${k > 0 ? ',\n' : ''}{"type":"Feature","properties":${props},"geometry":{"type":"LineString","coordinates":[${coords.join(',')}]}}`;
      if (buf.length > 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    writeSync(fd, `${buf}\n]}\n`);
  } finally {
    closeSync(fd);
  }
}

/** What each RunEdges.changed code is called in links.geojson. */
const CHANGE_NAMES: Record<number, string> = { 1: 'changed', 2: 'closed-in-window', 3: 'added' };

/**
 * links.csv: one row per edge — the street's name and ref (name_synthetic 1 where the name was
 * generated), the way id, then the GeoJSON's properties plus length, capacity and free-flow
 * time; `changed` holds the RunEdges.changed code.
 */
export function writeLinksCsv(file: string, r: RunResult): void {
  const e = r.edges;
  const names = r.wayNames ?? WayNames.EMPTY;
  const trucks = e.trucksVph;
  const rows = [`edge,name,ref,name_synthetic,way,dir,class,lanes,length_m,capacity_vph,free_flow_s,flow_vph,time_s,vc,speed_kmh,changed${trucks ? ',trucks_vph' : ''}`];
  for (let k = 0; k < e.count; k++) {
    const street = names.get(e.osmWayId[k]);
    rows.push(
      `${k},${csvText(street?.name ?? '')},${csvText(street?.ref ?? '')},${street?.synthetic ? 1 : 0},${e.osmWayId[k]},${e.dir[k]},${roadClassName(e.roadClass[k])},${e.lanes[k]},${round(e.lengthM[k], 2)},${e.capacityVph[k]},${round(e.freeFlowS[k], 3)},${round(e.flowVph[k], 3)},${round(e.timeS[k], 3)},${round(e.vc[k], 5)},${round(e.speedKmh[k], 3)},${e.changed[k]}${trucks ? `,${round(trucks[k], 3)}` : ''}`,
    );
  }
  writeFileSync(file, `${rows.join('\n')}\n`);
}

export function writeConvergenceCsv(file: string, r: RunResult): void {
  const rows = ['iteration,gap,step,objective,seconds', ...r.convergence.map((c) => `${c.iteration},${Number.isFinite(c.gap) ? c.gap : ''},${c.step},${c.objective},${c.seconds}`)];
  writeFileSync(file, `${rows.join('\n')}\n`);
}

export function writeSummary(dir: string, summary: RunSummary): void {
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
