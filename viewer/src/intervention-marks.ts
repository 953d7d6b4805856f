/**
 * What an intervention did, drawn on every view of the map: links closed all day (in A only,
 * drawn with A's geometry over B), links closed in a time window (in both runs, changed code 2),
 * added links (in B only) and links otherwise changed (lanes, speed, toll…). Closures are drawn
 * on top of the roads in their own style; added and changed links as a halo beneath them.
 *
 * Terms: `aOfB[e]` is run A's edge for B's edge e (-1 when none), `bOfA` the reverse; the
 * changed codes are RunEdges.changed's (engine/metrics/run-result.ts).
 */
import type { Layer } from '@deck.gl/core';
import { PathLayer } from '@deck.gl/layers';
import { EdgeChange } from '../../engine/metrics/run-result.ts';
import { CHANGED_RGB, CLOSED_RGB, CLOSED_WINDOW_RGB, NEW_LINK_RGB } from '../../engine/display/palette.ts';
import type { ViewerRun } from './result-decode.ts';

export interface MarkPath {
  path: number[];
  /** Edge of the run the path belongs to (A for `closed`, B for the others). */
  edge: number;
}

export interface InterventionMarks {
  closed: MarkPath[];
  closedWindow: MarkPath[];
  added: MarkPath[];
  changed: MarkPath[];
}

export function interventionMarks(a: ViewerRun, b: ViewerRun, aOfB: Int32Array, bOfA: Int32Array): InterventionMarks {
  const marks: InterventionMarks = { closed: [], closedWindow: [], added: [], changed: [] };
  const path = (run: ViewerRun, e: number): MarkPath => {
    const off = run.edges.geometryOffsets;
    return { path: Array.from(run.edges.geometryCoords.subarray(2 * off[e], 2 * off[e + 1])), edge: e };
  };
  for (let e = 0; e < a.edges.count; e++) if (bOfA[e] < 0) marks.closed.push(path(a, e));
  for (let e = 0; e < b.edges.count; e++) {
    const code = b.edges.changed[e];
    if (aOfB[e] < 0) marks.added.push(path(b, e));
    else if (code === EdgeChange.ClosedInWindow) marks.closedWindow.push(path(b, e));
    else if (code !== EdgeChange.None) marks.changed.push(path(b, e));
  }
  return marks;
}

/** The halo layers drawn beneath a side's roads: added and changed links (B's edges; nothing for side A). */
export function markHalos(side: 'a' | 'b', m: InterventionMarks): Layer[] {
  if (side === 'a') return [];
  return [
    halo(`${side}:added-halo`, m.added, NEW_LINK_RGB),
    halo(`${side}:changed`, m.changed, CHANGED_RGB),
  ].filter((l): l is Layer => l !== null);
}

/** The closure layers drawn over a side's roads: all-day closures on both sides, window closures on B. */
export function markClosures(side: 'a' | 'b', m: InterventionMarks): Layer[] {
  const layers: Layer[] = [];
  if (m.closed.length > 0) layers.push(line(`${side}:closed`, m.closed, CLOSED_RGB, 5));
  if (side === 'b' && m.closedWindow.length > 0) layers.push(line(`${side}:closed-window`, m.closedWindow, CLOSED_WINDOW_RGB, 5));
  return layers;
}

function halo(id: string, data: MarkPath[], rgb: readonly number[]): Layer | null {
  if (data.length === 0) return null;
  return new PathLayer<MarkPath>({ id, data, _pathType: 'open', positionFormat: 'XY', getPath: (d) => d.path as never, getColor: [rgb[0], rgb[1], rgb[2], 200], getWidth: 10, widthUnits: 'pixels' });
}

function line(id: string, data: MarkPath[], rgb: readonly number[], width: number): Layer {
  return new PathLayer<MarkPath>({
    id,
    data,
    _pathType: 'open',
    positionFormat: 'XY',
    getPath: (d) => d.path as never,
    getColor: [rgb[0], rgb[1], rgb[2], 255],
    getWidth: width,
    widthUnits: 'pixels',
    capRounded: true,
    pickable: true,
  });
}
