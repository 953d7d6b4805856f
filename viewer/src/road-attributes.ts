/**
 * Binary attributes for deck.gl's PathLayer: one path per edge, straight from the result's
 * geometry columns (startIndices = geometry offsets, positions = lon,lat float64), with colour
 * and width written per vertex into arrays allocated once per run and refilled in place when the
 * map mode changes. No per-object accessor ever runs over the edges.
 *
 * Modes: 'vc' and 'speed' colour one run; 'diff' colours run B by Δ v/c against run A through
 * the edge join (B edge → A edge or −1, from /api/join).
 */
import { classOf, DIFF_CLASSES, NEW_LINK_RGB, SPEED_CLASSES, VC_CLASSES, widthOf, type ColorClass } from '../../engine/display/palette.ts';
import type { ViewerRun } from './result-decode.ts';

export type MapMode = 'vc' | 'speed' | 'diff';

export interface PathData {
  length: number;
  startIndices: Uint32Array;
  attributes: {
    getPath: { value: Float64Array; size: 2 };
    getColor: { value: Uint8Array; size: 4 };
    getWidth: { value: Float32Array; size: 1 };
  };
}

/** Path data over a run's geometry with colour and width buffers to be filled by paintRoads. */
export function roadPathData(run: ViewerRun): PathData {
  const points = run.edges.geometryCoords.length / 2;
  return {
    length: run.edges.count,
    startIndices: run.edges.geometryOffsets,
    attributes: {
      getPath: { value: run.edges.geometryCoords, size: 2 },
      getColor: { value: new Uint8Array(points * 4), size: 4 },
      getWidth: { value: new Float32Array(points), size: 1 },
    },
  };
}

/** The largest flow of a run, veh/h (the width scale's top). */
export function maxFlow(run: ViewerRun): number {
  let m = 0;
  const f = run.edges.flowVph;
  for (let e = 0; e < f.length; e++) if (f[e] > m) m = f[e];
  return m;
}

/**
 * Fills `data`'s colour and width for `run` in `mode`; widths scale to `flowTop` so two runs
 * drawn side by side share one scale. In 'diff' mode `a` and `aOfB` are required.
 */
export function paintRoads(data: PathData, run: ViewerRun, mode: MapMode, flowTop: number, a?: ViewerRun, aOfB?: Int32Array): void {
  const { geometryOffsets: off, flowVph: flow, vc, speedKmh } = run.edges;
  const color = data.attributes.getColor.value;
  const width = data.attributes.getWidth.value;
  if (mode === 'diff' && (!a || !aOfB || aOfB.length !== run.edges.count)) throw new Error('the difference map needs run A and the edge join');
  const classes: readonly ColorClass[] = mode === 'vc' ? VC_CLASSES : mode === 'speed' ? SPEED_CLASSES : DIFF_CLASSES;
  for (let e = 0; e < run.edges.count; e++) {
    let rgb = classes[0].rgb;
    let w = widthOf(flow[e], flowTop);
    if (mode === 'vc') rgb = classes[classOf(classes, vc[e])].rgb;
    else if (mode === 'speed') rgb = classes[classOf(classes, speedKmh[e])].rgb;
    else {
      const ea = aOfB![e];
      if (ea < 0) rgb = NEW_LINK_RGB;
      else {
        rgb = classes[classOf(classes, vc[e] - a!.edges.vc[ea])].rgb;
        // the difference map is about change: width by the larger of the two flows
        w = widthOf(Math.max(flow[e], a!.edges.flowVph[ea]), flowTop);
      }
    }
    for (let p = off[e]; p < off[e + 1]; p++) {
      color[4 * p] = rgb[0];
      color[4 * p + 1] = rgb[1];
      color[4 * p + 2] = rgb[2];
      color[4 * p + 3] = 255;
      width[p] = w;
    }
  }
}

/** Bounding box [west, south, east, north] of a run's geometry. */
/**
 * The extent to frame: the 1st–99th percentile of the links' vertices, so the long highway
 * ends of a stand-in network do not shrink the city to a dot.
 */
export function runBounds(run: ViewerRun): [number, number, number, number] {
  const c = run.edges.geometryCoords;
  const points = c.length / 2;
  const lon = new Float64Array(points);
  const lat = new Float64Array(points);
  for (let i = 0; i < points; i++) {
    lon[i] = c[2 * i];
    lat[i] = c[2 * i + 1];
  }
  lon.sort();
  lat.sort();
  const at = (sorted: Float64Array, q: number) => sorted[Math.min(points - 1, Math.max(0, Math.round(q * (points - 1))))];
  return [at(lon, 0.01), at(lat, 0.01), at(lon, 0.99), at(lat, 0.99)];
}
