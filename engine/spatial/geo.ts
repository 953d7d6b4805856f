/**
 * Distances for the spatial indexes, on a sphere of the mean Earth radius.
 *
 * Queries use a local equirectangular projection around the query point: x = Δlon · k·cos(lat₀),
 * y = Δlat · k, with k metres per degree. Straight lon/lat segments stay straight under it and
 * boxes stay boxes, so box distances are exact lower bounds of segment distances. At city scale
 * (tens of km) it differs from great-circle distance by well under 0.1 %.
 */

export const EARTH_RADIUS_M = 6_371_008.8;
/** Metres per degree of latitude (and of longitude at the equator). */
export const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

/** Metres per degree of longitude at latitude `lat`. */
export function metresPerDegreeLon(lat: number): number {
  return M_PER_DEG * Math.cos((lat * Math.PI) / 180);
}

/** Great-circle distance in metres (haversine). */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = Math.PI / 180;
  const s1 = Math.sin(((lat2 - lat1) * r) / 2);
  const s2 = Math.sin(((lon2 - lon1) * r) / 2);
  const h = s1 * s1 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * s2 * s2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Parameter t ∈ [0, 1] of the point of segment a→b nearest to the origin, in projected
 * metres (the query point is the origin).
 */
export function nearestParam(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return 0;
  const t = -(ax * dx + ay * dy) / len2;
  return t <= 0 ? 0 : t >= 1 ? 1 : t;
}

/** Squared distance from (px, py) to the box, in the projection with `kx`, `ky` metres per degree. */
export function boxDistance2(px: number, py: number, kx: number, ky: number, minX: number, minY: number, maxX: number, maxY: number): number {
  const dx = (px < minX ? minX - px : px > maxX ? px - maxX : 0) * kx;
  const dy = (py < minY ? minY - py : py > maxY ? py - maxY : 0) * ky;
  return dx * dx + dy * dy;
}

/** Whether segment a→b touches the box (edges included); exact in lon/lat. */
export function segmentIntersectsBox(ax: number, ay: number, bx: number, by: number, minX: number, minY: number, maxX: number, maxY: number): boolean {
  // Liang–Barsky clipping: shrink [t0, t1] by each of the four half-planes.
  const dx = bx - ax;
  const dy = by - ay;
  CLIP[0] = 0;
  CLIP[1] = 1;
  return clip(-dx, ax - minX) && clip(dx, maxX - ax) && clip(-dy, ay - minY) && clip(dy, maxY - ay);
}

const CLIP = new Float64Array(2); // [t0, t1] of the clip in progress

function clip(p: number, q: number): boolean {
  if (p === 0) return q >= 0;
  const r = q / p;
  if (p < 0) {
    if (r > CLIP[1]) return false;
    if (r > CLIP[0]) CLIP[0] = r;
  } else {
    if (r < CLIP[0]) return false;
    if (r < CLIP[1]) CLIP[1] = r;
  }
  return true;
}

/** Whether segments a–b and c–d share at least one point (touching and overlap included). */
export function segmentsIntersect(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
  return (
    (o1 === 0 && onSegment(ax, ay, bx, by, cx, cy)) ||
    (o2 === 0 && onSegment(ax, ay, bx, by, dx, dy)) ||
    (o3 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) ||
    (o4 === 0 && onSegment(cx, cy, dx, dy, bx, by))
  );
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** For c collinear with a–b: whether c lies within the segment's box. */
function onSegment(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
}
