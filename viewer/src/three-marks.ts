/**
 * The intervention in the 3D view: links closed all day (in the base run only) stand as red
 * walls, links closed in a time window as amber walls, added links as purple walls, links
 * otherwise changed as magenta walls — one mesh, each wall a fixed height so a closure with no
 * traffic still shows. Coordinates in the frame of three-scene.ts (metres east/north).
 */
import { EdgeChange } from '../../engine/metrics/run-result.ts';
import { CHANGED_RGB, CLOSED_3D_RGB, CLOSED_WINDOW_RGB, NEW_LINK_RGB, type Rgb } from '../../engine/display/palette.ts';
import type { ViewerRun } from './result-decode.ts';
import type { SceneFrame } from './three-scene.ts';

export interface MarkCounts {
  closed: number;
  closedWindow: number;
  added: number;
  changed: number;
}

/**
 * Wall vertices (6 per segment) and colours of the marks of run `b` against `base` (its A;
 * `join.aOfB` / `join.bOfA` from the edge join). Without a base, added links are those coded 3.
 */
export function markWalls(b: ViewerRun, base: ViewerRun | null, join: { aOfB: Int32Array; bOfA: Int32Array } | null, frame: SceneFrame, height: number): { positions: Float32Array; colors: Float32Array; counts: MarkCounts } {
  const pos: number[] = [];
  const col: number[] = [];
  const counts: MarkCounts = { closed: 0, closedWindow: 0, added: 0, changed: 0 };
  const wall = (run: ViewerRun, e: number, rgb: Rgb) => {
    const { geometryOffsets: off, geometryCoords: c } = run.edges;
    for (let k = off[e]; k < off[e + 1] - 1; k++) {
      const [x1, z1] = frame.xz(c[2 * k], c[2 * k + 1]);
      const [x2, z2] = frame.xz(c[2 * k + 2], c[2 * k + 3]);
      pos.push(x1, 0, z1, x2, 0, z2, x2, height, z2, x1, 0, z1, x2, height, z2, x1, height, z1);
      for (let v = 0; v < 6; v++) col.push(rgb[0] / 255, rgb[1] / 255, rgb[2] / 255);
    }
  };
  if (base && join) {
    for (let e = 0; e < base.edges.count; e++) {
      if (join.bOfA[e] >= 0) continue;
      wall(base, e, CLOSED_3D_RGB);
      counts.closed++;
    }
  }
  for (let e = 0; e < b.edges.count; e++) {
    const added = join ? join.aOfB[e] < 0 : b.edges.changed[e] === EdgeChange.Added;
    const code = added ? EdgeChange.Added : b.edges.changed[e];
    if (code === EdgeChange.None) continue;
    if (code === EdgeChange.ClosedInWindow) counts.closedWindow++;
    else if (code === EdgeChange.Added) counts.added++;
    else counts.changed++;
    wall(b, e, code === EdgeChange.ClosedInWindow ? CLOSED_WINDOW_RGB : code === EdgeChange.Added ? NEW_LINK_RGB : CHANGED_RGB);
  }
  return { positions: Float32Array.from(pos), colors: Float32Array.from(col), counts };
}
