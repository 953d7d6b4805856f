/**
 * Synthetic counts for timing a calibration where no counts exist (Porto Alegre): the flows of a
 * run on `stations` links, drawn with a seeded generator among the arterial edges (trunk to
 * tertiary) that carry at least `minVph`, each multiplied by a factor drawn log-uniformly from
 * [1/spread, spread] — a perturbed run, so the prior does not fit them from the start. Every
 * station is named SYN…, its note says "synthetic", and nothing here is an observation: these
 * counts time the method, they never validate a model.
 */
import type { Counts, CountStation } from '../engine/counts/counts.ts';
import { roadClassCode } from '../engine/graph/road-class.ts';
import type { RunEdges } from '../engine/metrics/run-result.ts';
import { mulberry32, randomInt } from '../engine/util/random.ts';

export interface SyntheticCountsOptions {
  stations: number;
  seed: number;
  minVph: number;
  spread: number;
  /** The count's hour, [startS, endS). */
  startS: number;
  endS: number;
}

const ARTERIAL = new Set(['trunk', 'primary', 'secondary', 'tertiary'].map(roadClassCode));

export function syntheticCounts(edges: RunEdges, o: SyntheticCountsOptions): Counts {
  const candidates: number[] = [];
  for (let e = 0; e < edges.count; e++) if (ARTERIAL.has(edges.roadClass[e]!) && edges.flowVph[e]! >= o.minVph && edges.osmWayId[e]! > 0) candidates.push(e);
  if (candidates.length < o.stations) throw new Error(`synthetic counts: only ${candidates.length} arterial edges carry ${o.minVph} veh/h or more, ${o.stations} asked`);
  const rand = mulberry32(o.seed);
  const chosen = new Set<number>();
  const seenWay = new Set<number>();
  while (chosen.size < o.stations) {
    const e = candidates[randomInt(rand, candidates.length)]!;
    // one station per OSM way, so two stations never count the same traffic
    if (seenWay.has(edges.osmWayId[e]!)) continue;
    seenWay.add(edges.osmWayId[e]!);
    chosen.add(e);
  }
  const stations: CountStation[] = [];
  const counts: Counts = { file: `synthetic (seed ${o.seed})`, stations, counts: [], classes: [] };
  for (const e of [...chosen].sort((a, b) => a - b)) {
    const factor = Math.exp((2 * rand() - 1) * Math.log(o.spread));
    const a = edges.geometryOffsets[e]!;
    const b = edges.geometryOffsets[e + 1]! - 1;
    const mid = Math.floor((a + b) / 2);
    const [lon, lat] = b > a && mid < b ? midpoint(edges.geometryCoords, mid, mid + 1) : midpoint(edges.geometryCoords, a, b);
    stations.push({
      id: `SYN${String(stations.length + 1).padStart(3, '0')}`,
      name: `synthetic station on way ${edges.osmWayId[e]}`,
      lon,
      lat,
      way: edges.osmWayId[e]!,
      direction: { kind: 'way', reverse: edges.dir[e] === 1 },
      highway: null,
      lanes: null,
      note: `synthetic: the run's flow × ${factor.toFixed(3)}, not an observation`,
      line: 0,
    });
    counts.counts.push({ station: stations.length - 1, startS: o.startS, endS: o.endS, vehicles: Math.round(edges.flowVph[e]! * factor * ((o.endS - o.startS) / 3600)), classes: new Float64Array(0), line: 0 });
  }
  return counts;
}

function midpoint(coords: Float64Array, p: number, q: number): [number, number] {
  return [Math.round(((coords[2 * p]! + coords[2 * q]!) / 2) * 1e7) / 1e7, Math.round(((coords[2 * p + 1]! + coords[2 * q + 1]!) / 2) * 1e7) / 1e7];
}
