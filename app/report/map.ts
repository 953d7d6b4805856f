/**
 * The report's small map: every link drawn once as inline SVG, coloured by its change in v/c
 * (B − A) on a diverging blue–grey–red scale; links closed all day (in A only) dashed black,
 * links closed in a time window dashed brown, new links purple, links an intervention otherwise
 * touched under a magenta halo; the colours are the viewer's (engine/display/palette.ts). Equirectangular around the city's middle latitude, framed on the
 * urban area: the 2nd to 98th percentile of the links' midpoints, widened to hold every link an
 * intervention touched, so a long highway across a large municipality does not shrink the town
 * to the middle of an empty map.
 *
 * To keep the page small for a city of tens of thousands of links, links of one colour class
 * share a single <path>, coordinates are whole units of a 2×-resolution viewBox written as
 * relative moves, repeated points are dropped, and of a two-way street with no change only one
 * direction is drawn.
 */
import { CHANGED_RGB, CLOSED_RGB, CLOSED_WINDOW_RGB, classOf, DIFF_CLASSES, hex, NEW_LINK_RGB } from '../../engine/display/palette.ts';
import type { EdgeJoin } from '../../engine/metrics/compare.ts';
import { EdgeChange, type RunEdges } from '../../engine/metrics/run-result.ts';
import { esc } from './charts.ts';
import type { Strings } from './i18n.ts';

/** Δv/c classes of the viewer's difference map; the middle class [−0.02, 0.02) counts as no change. */
export const MAP_COLORS: readonly string[] = DIFF_CLASSES.map((c) => hex(c.rgb));
const NO_CHANGE = 3;
const COLOR_ADDED = hex(NEW_LINK_RGB);
const COLOR_REMOVED = hex(CLOSED_RGB);
const COLOR_HALO = hex(CHANGED_RGB);
const COLOR_WINDOW = hex(CLOSED_WINDOW_RGB);
/** Share of link midpoints left out on each side when framing the map. */
const FRAME_QUANTILE = 0.02;

/** Width of the map in CSS pixels; the viewBox is twice that so whole units are half pixels. */
const WIDTH = 640;
const MAX_HEIGHT = 520;
const SCALE = 2;

// Classes: (−∞, −.25) [−.25, −.1) [−.1, −.02) [−.02, .02) [.02, .1) [.1, .25) [.25, ∞).
export function mapClass(deltaVc: number): number {
  return classOf(DIFF_CLASSES, deltaVc);
}

export function renderMap(edgesA: RunEdges, edgesB: RunEdges, join: EdgeJoin, t: Strings, formatLimit: (x: number) => string): string {
  const frame = Frame.around(edgesB, [...Array.from(join.onlyA, (e) => [edgesA, e] as const), ...touched(edgesB)]);
  if (frame === null) return `<p class="muted">${esc(t.noMap)}</p>`;
  const classes: string[][] = MAP_COLORS.map(() => []);
  const halo: string[] = [];
  const closedWindow: string[] = [];
  const drawnStill = new Set<string>();
  for (let i = 0; i < join.b.length; i++) {
    const e = join.b[i]!;
    const k = mapClass(join.deltaVc[i]!);
    const code = edgesB.changed[e]!;
    if (k === NO_CHANGE && code === EdgeChange.None) {
      const twin = undirectedKey(edgesB, e);
      if (drawnStill.has(twin)) continue;
      drawnStill.add(twin);
    }
    const d = frame.path(edgesB, e, k !== NO_CHANGE || code !== EdgeChange.None);
    if (d === '') continue;
    classes[k]!.push(d);
    if (code === EdgeChange.ClosedInWindow) closedWindow.push(d);
    else if (code !== EdgeChange.None) halo.push(d);
  }
  const removed: string[] = [];
  for (const e of join.onlyA) removed.push(frame.path(edgesA, e, true));
  const added: string[] = [];
  for (const e of join.onlyB) added.push(frame.path(edgesB, e, true));

  const out: string[] = [`<svg viewBox="0 0 ${frame.w} ${frame.h}" width="100%" role="img" aria-label="${esc(t.map)}" class="map" fill="none" stroke-linecap="round" stroke-linejoin="round" overflow="hidden">`];
  out.push(`<rect width="${frame.w}" height="${frame.h}" fill="#fbfbf8" stroke="none"/>`);
  const path = (d: string[], attrs: string) => (d.length > 0 ? `<path d="${d.join('')}" ${attrs}/>` : '');
  out.push(path(classes[NO_CHANGE]!, `stroke="${MAP_COLORS[NO_CHANGE]}" stroke-width="1.2"`));
  out.push(path(halo, `stroke="${COLOR_HALO}" stroke-width="9" stroke-opacity="0.8"`));
  // Larger changes drawn last, so they stay visible where links overlap.
  for (const k of [2, 4, 1, 5, 0, 6]) out.push(path(classes[k]!, `stroke="${MAP_COLORS[k]}" stroke-width="${k === 0 || k === 6 ? 4 : k === 1 || k === 5 ? 3 : 2.4}"`));
  out.push(path(removed, `stroke="${COLOR_REMOVED}" stroke-width="5" stroke-dasharray="10 6"`));
  out.push(path(closedWindow, `stroke="${COLOR_WINDOW}" stroke-width="5" stroke-dasharray="6 6"`));
  out.push(path(added, `stroke="${COLOR_ADDED}" stroke-width="6"`));
  out.push(frame.scaleBar());
  out.push('</svg>');
  return `${out.join('')}${legend(t, formatLimit, { removed: removed.length > 0, closedWindow: closedWindow.length > 0, added: added.length > 0, changed: halo.length > 0 })}`;
}

/** B's edges an intervention touched, as [edges, e] pairs. */
function touched(edges: RunEdges): (readonly [RunEdges, number])[] {
  const out: (readonly [RunEdges, number])[] = [];
  for (let e = 0; e < edges.count; e++) if (edges.changed[e] !== EdgeChange.None) out.push([edges, e]);
  return out;
}

function legend(t: Strings, formatLimit: (x: number) => string, shown: { removed: boolean; closedWindow: boolean; added: boolean; changed: boolean }): string {
  const L = DIFF_CLASSES.slice(0, -1).map((c) => c.upTo);
  const labels = [
    `${t.legendBetter} (Δ < ${formatLimit(L[0]!)})`,
    `${formatLimit(L[0]!)} … ${formatLimit(L[1]!)}`,
    `${formatLimit(L[1]!)} … ${formatLimit(L[2]!)}`,
    t.legendSame,
    `${formatLimit(L[3]!)} … ${formatLimit(L[4]!)}`,
    `${formatLimit(L[4]!)} … ${formatLimit(L[5]!)}`,
    `${t.legendWorse} (Δ ≥ ${formatLimit(L[5]!)})`,
  ];
  const chip = (style: string, label: string) => `<span class="chip"><svg width="26" height="10"><line x1="1" y1="5" x2="25" y2="5" stroke-width="4" ${style}/></svg>${esc(label)}</span>`;
  const items = labels.map((label, k) => chip(`stroke="${MAP_COLORS[k]}"`, label));
  // the intervention's marks, each when the map shows it
  if (shown.removed) items.push(chip(`stroke="${COLOR_REMOVED}" stroke-dasharray="4 3"`, t.legendRemoved));
  if (shown.closedWindow) items.push(chip(`stroke="${COLOR_WINDOW}" stroke-dasharray="3 3"`, t.legendClosedWindow));
  if (shown.added) items.push(chip(`stroke="${COLOR_ADDED}"`, t.legendAdded));
  if (shown.changed) items.push(chip(`stroke="${COLOR_HALO}" stroke-width="8"`, t.legendChanged));
  return `<div class="legend"><b>Δ v/c (B − A)</b> ${items.join(' ')}</div>`;
}

/** The same key for both directions of a street: its way and two end points in a fixed order. */
export function undirectedKey(edges: RunEdges, e: number): string {
  const xy = edges.geometryCoords;
  const p = edges.geometryOffsets[e]!;
  const q = edges.geometryOffsets[e + 1]! - 1;
  const a = `${xy[2 * p]},${xy[2 * p + 1]}`;
  const b = `${xy[2 * q]},${xy[2 * q + 1]}`;
  return a < b ? `${edges.osmWayId[e]}|${a}|${b}` : `${edges.osmWayId[e]}|${b}|${a}`;
}

/** The projection from lon/lat to the map's viewBox units (also drawn on by the validation report's station map). */
export class Frame {
  private constructor(
    readonly minLon: number,
    readonly maxLat: number,
    readonly k: number,
    readonly s: number,
    readonly w: number,
    readonly h: number,
  ) {}

  /**
   * The frame of `edges`' urban area: the FRAME_QUANTILE to 1 − FRAME_QUANTILE range of their
   * midpoints in each direction, widened to hold every point of the `keep` edges.
   */
  static around(edges: RunEdges, keep: readonly (readonly [RunEdges, number])[]): Frame | null {
    const n = edges.count;
    if (n === 0) return null;
    const lons = new Float64Array(n);
    const lats = new Float64Array(n);
    const xy = edges.geometryCoords;
    for (let e = 0; e < n; e++) {
      const p = edges.geometryOffsets[e]!;
      const q = edges.geometryOffsets[e + 1]! - 1;
      lons[e] = (xy[2 * p]! + xy[2 * q]!) / 2;
      lats[e] = (xy[2 * p + 1]! + xy[2 * q + 1]!) / 2;
    }
    lons.sort();
    lats.sort();
    const lo = Math.floor(FRAME_QUANTILE * (n - 1));
    const hi = Math.ceil((1 - FRAME_QUANTILE) * (n - 1));
    let minLon = lons[lo]!;
    let maxLon = lons[hi]!;
    let minLat = lats[lo]!;
    let maxLat = lats[hi]!;
    for (const [run, e] of keep) {
      const c = run.geometryCoords;
      for (let p = run.geometryOffsets[e]!; p < run.geometryOffsets[e + 1]!; p++) {
        minLon = Math.min(minLon, c[2 * p]!);
        maxLon = Math.max(maxLon, c[2 * p]!);
        minLat = Math.min(minLat, c[2 * p + 1]!);
        maxLat = Math.max(maxLat, c[2 * p + 1]!);
      }
    }
    if (!Number.isFinite(minLon) || (maxLon === minLon && maxLat === minLat)) return null;
    const pad = 0.03;
    const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const spanX = Math.max((maxLon - minLon) * k, 1e-9) * (1 + 2 * pad);
    const spanY = Math.max(maxLat - minLat, 1e-9) * (1 + 2 * pad);
    // A tall city gets a narrower map, so the whole map fits on a screen.
    const w = Math.min(WIDTH * SCALE, (spanX / spanY) * MAX_HEIGHT * SCALE);
    const s = w / spanX;
    const h = Math.max(120 * SCALE, Math.round(spanY * s));
    return new Frame(minLon - (maxLon - minLon) * pad, maxLat + (maxLat - minLat) * pad, k, s, Math.round(w), h);
  }

  /** Path data of one edge; an edge shorter than a unit is kept only when `keepTiny`. */
  path(edges: RunEdges, e: number, keepTiny: boolean): string {
    const xy = edges.geometryCoords;
    const first = edges.geometryOffsets[e]!;
    const last = edges.geometryOffsets[e + 1]!;
    let px = this.x(xy[2 * first]!);
    let py = this.y(xy[2 * first + 1]!);
    let d = `M${px} ${py}`;
    let moved = false;
    for (let p = first + 1; p < last; p++) {
      const x = this.x(xy[2 * p]!);
      const y = this.y(xy[2 * p + 1]!);
      if (x === px && y === py) continue;
      d += `l${x - px} ${y - py}`;
      px = x;
      py = y;
      moved = true;
    }
    if (!moved) return keepTiny ? `${d}l0 0` : '';
    return d;
  }

  x(lon: number): number {
    return Math.round((lon - this.minLon) * this.k * this.s);
  }

  y(lat: number): number {
    return Math.round((this.maxLat - lat) * this.s);
  }

  /** A bar of a round length near a fifth of the map's width, bottom left. */
  scaleBar(): string {
    const metresPerUnit = 111_320 / this.s;
    const target = (this.w / 5) * metresPerUnit;
    const nice = [100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000].find((m) => m >= target * 0.6) ?? 100_000;
    const len = Math.round(nice / metresPerUnit);
    const x = 16;
    const y = this.h - 16;
    const label = nice >= 1000 ? `${nice / 1000} km` : `${nice} m`;
    return `<path d="M${x} ${y - 8}v8h${len}v-8" stroke="#333" stroke-width="2"/><text x="${x + len + 8}" y="${y}" fill="#333" font-size="22">${label}</text>`;
  }
}
