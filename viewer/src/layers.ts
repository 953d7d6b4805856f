/**
 * The deck.gl layers of the comparison map, built from the loaded runs and the UI state.
 * Roads are binary PathLayers (road-attributes.ts); the few hundred arcs, hexagons,
 * attractions and the boundary use ordinary accessors over small arrays.
 *
 * Layer ids start with the side they draw ('a:' or 'b:') or with 'both:'; in the side-by-side
 * view each half shows its own side (see layerFilter in main.ts).
 */
import type { Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { ArcLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { isValidCell } from 'h3-js';
import type { CityInfo } from './api.ts';
import { markClosures, markHalos, type InterventionMarks } from './intervention-marks.ts';
import type { PathData } from './road-attributes.ts';
import type { ViewerRun } from './result-decode.ts';
import { busRouteLayer, type BusRouteDatum } from './bus-routes.ts';

export interface LayerToggles {
  arcs: boolean;
  hex: boolean;
  attractions: boolean;
  boundary: boolean;
  changed: boolean;
  busRoutes: boolean;
}

export interface SideScene {
  side: 'a' | 'b';
  run: ViewerRun;
  roads: PathData;
  /** Changes whenever the roads' colours or widths were refilled. */
  paintVersion: number;
}

/** Zone pairs drawn as arcs: the largest flows between different zones. */
const MAX_ARCS = 150;

export function buildLayers(sides: SideScene[], city: CityInfo | null, toggles: LayerToggles, flowSource: ViewerRun, marks: InterventionMarks, busRoutes: BusRouteDatum[] = []): Layer[] {
  const layers: Layer[] = [];
  if (toggles.hex) layers.push(hexLayer(flowSource));
  if (toggles.boundary && city) layers.push(boundaryLayer(city));
  for (const s of sides) {
    if (toggles.changed) layers.push(...markHalos(s.side, marks));
    layers.push(
      new PathLayer({
        id: `${s.side}:roads`,
        data: { ...s.roads, attributes: { ...s.roads.attributes } },
        _pathType: 'open',
        positionFormat: 'XY',
        widthUnits: 'pixels',
        widthMinPixels: 0.5,
        capRounded: false,
        jointRounded: false,
        pickable: true,
        autoHighlight: true,
        highlightColor: [0, 0, 0, 160],
        updateTriggers: { getColor: s.paintVersion, getWidth: s.paintVersion },
      }),
    );
    // closures always show: a closed road that vanished from the map would mislead
    layers.push(...markClosures(s.side, marks));
  }
  if (toggles.busRoutes && busRoutes.length > 0) layers.push(busRouteLayer(busRoutes));
  if (toggles.arcs) layers.push(arcLayer(flowSource));
  if (toggles.attractions && flowSource.attractions.length > 0) layers.push(...attractionLayers(flowSource));
  return layers;
}

function boundaryLayer(city: CityInfo): Layer {
  const rings = city.polygon.type === 'Polygon' ? city.polygon.coordinates : city.polygon.coordinates.flat();
  return new PathLayer({ id: 'both:boundary', data: rings, getPath: (r: number[][]) => r as [number, number][], getColor: [60, 60, 60, 220], getWidth: 2, widthUnits: 'pixels' });
}

interface Arc {
  from: [number, number];
  to: [number, number];
  trips: number;
}

export function topArcs(run: ViewerRun, max = MAX_ARCS): Arc[] {
  const { count: z, trips, lon, lat } = run.zones;
  const arcs: Arc[] = [];
  for (let o = 0; o < z; o++)
    for (let d = 0; d < z; d++) {
      const v = trips[o * z + d];
      if (o !== d && v > 0) arcs.push({ from: [lon[o], lat[o]], to: [lon[d], lat[d]], trips: v });
    }
  return arcs.sort((x, y) => y.trips - x.trips).slice(0, max);
}

function arcLayer(run: ViewerRun): Layer {
  const arcs = topArcs(run);
  const top = arcs.length > 0 ? arcs[0].trips : 1;
  return new ArcLayer<Arc>({
    id: 'both:arcs',
    data: arcs,
    getSourcePosition: (d) => d.from,
    getTargetPosition: (d) => d.to,
    getSourceColor: [0, 128, 128, 200],
    getTargetColor: [255, 140, 0, 220],
    getWidth: (d) => 1 + 5 * Math.sqrt(d.trips / top),
    widthUnits: 'pixels',
    greatCircle: false,
  });
}

function hexLayer(run: ViewerRun): Layer {
  const { count: z, trips, ids } = run.zones;
  const cells: { hex: string; trips: number }[] = [];
  let top = 0;
  for (let o = 0; o < z; o++) {
    if (!isValidCell(ids[o])) continue; // gateways of regional trips are not cells
    let sum = 0;
    for (let d = 0; d < z; d++) sum += trips[o * z + d];
    if (sum > 0) cells.push({ hex: ids[o], trips: sum });
    top = Math.max(top, sum);
  }
  return new H3HexagonLayer<{ hex: string; trips: number }>({
    id: 'both:hex',
    data: cells,
    getHexagon: (d) => d.hex,
    getFillColor: (d) => {
      const s = Math.sqrt(d.trips / (top || 1));
      return [255, Math.round(237 - 120 * s), Math.round(160 - 140 * s), Math.round(40 + 110 * s)];
    },
    extruded: false,
    stroked: false,
  });
}

function attractionLayers(run: ViewerRun): Layer[] {
  const data = run.attractions;
  return [
    new ScatterplotLayer({ id: 'both:attractions', data, getPosition: (d: (typeof data)[number]) => [d.lon, d.lat], getRadius: 7, radiusUnits: 'pixels', getFillColor: [128, 0, 128, 230], getLineColor: [255, 255, 255], stroked: true, lineWidthUnits: 'pixels', getLineWidth: 2 }),
    new TextLayer({ id: 'both:attraction-names', data, getPosition: (d: (typeof data)[number]) => [d.lon, d.lat], getText: (d: (typeof data)[number]) => d.name, getSize: 13, getPixelOffset: [0, -16], getColor: [60, 0, 60], background: true, getBackgroundColor: [255, 255, 255, 200], characterSet: 'auto' }),
  ];
}
