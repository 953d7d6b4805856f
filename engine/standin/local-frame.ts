/**
 * A local metric frame around a city's seat, and the planar geometry the stand-in generator
 * needs in it: point in polygon, segment intersection, clipping a polyline to a polygon.
 *
 * Terms: x points east and y north, in metres from the seat (equirectangular projection; at
 * city scale the distortion is well under 1 %, and the graph's lengths are measured on lon/lat
 * anyway). A polygon is a list of closed rings of x,y pairs; even-odd rule, so holes work.
 */

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export class LocalFrame {
  private readonly mPerDegLat = EARTH_RADIUS_M * RAD;
  private readonly mPerDegLon: number;

  constructor(
    readonly lon0: number,
    readonly lat0: number,
  ) {
    this.mPerDegLon = this.mPerDegLat * Math.cos(lat0 * RAD);
  }

  x(lon: number): number {
    return (lon - this.lon0) * this.mPerDegLon;
  }

  y(lat: number): number {
    return (lat - this.lat0) * this.mPerDegLat;
  }

  lon(x: number): number {
    return this.lon0 + x / this.mPerDegLon;
  }

  lat(y: number): number {
    return this.lat0 + y / this.mPerDegLat;
  }
}

/** Rings as flat [x0, y0, x1, y1, …] arrays, each closed (last point = first). */
export type Rings = Float64Array[];

/** Even-odd point-in-polygon test over all rings. */
export function insideRings(rings: Rings, x: number, y: number): boolean {
  let inside = false;
  for (const r of rings) {
    for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
      const yi = r[i + 1];
      const yj = r[j + 1];
      if (yi > y !== yj > y && x < ((r[j] - r[i]) * (y - yi)) / (yj - yi) + r[i]) inside = !inside;
    }
  }
  return inside;
}

/**
 * Where segments P→Q and A→B cross: the parameter t along P→Q and u along A→B, both in [0, 1],
 * written to `out`; false when they do not meet or are parallel.
 */
export function segmentIntersection(
  px: number, py: number, qx: number, qy: number,
  ax: number, ay: number, bx: number, by: number,
  out: { t: number; u: number },
): boolean {
  const rx = qx - px;
  const ry = qy - py;
  const sx = bx - ax;
  const sy = by - ay;
  const den = rx * sy - ry * sx;
  if (Math.abs(den) < 1e-9 * (Math.abs(rx) + Math.abs(ry)) * (Math.abs(sx) + Math.abs(sy))) return false;
  const t = ((ax - px) * sy - (ay - py) * sx) / den;
  const u = ((ax - px) * ry - (ay - py) * rx) / den;
  if (t < 0 || t > 1 || u < 0 || u > 1) return false;
  out.t = t;
  out.u = u;
  return true;
}

/**
 * The parts of a polyline (flat x,y pairs) inside the polygon, each a polyline that starts and
 * ends where the line enters and leaves (on the boundary) or at the line's own ends.
 */
export function clipPolyline(line: ArrayLike<number>, rings: Rings): number[][] {
  const parts: number[][] = [];
  let open: number[] | null = null;
  const hit = { t: 0, u: 0 };
  const ts: number[] = [];
  const [minX, minY, maxX, maxY] = ringsBox(rings);
  for (let k = 0; k + 3 < line.length; k += 2) {
    const px = line[k], py = line[k + 1], qx = line[k + 2], qy = line[k + 3];
    // A segment clear of the polygon's box is outside: no need to test every ring edge.
    if (Math.max(px, qx) < minX || Math.min(px, qx) > maxX || Math.max(py, qy) < minY || Math.min(py, qy) > maxY) {
      if (open) parts.push(open);
      open = null;
      continue;
    }
    ts.length = 0;
    ts.push(0, 1);
    for (const r of rings) {
      for (let i = 0; i + 3 < r.length; i += 2) {
        if (segmentIntersection(px, py, qx, qy, r[i], r[i + 1], r[i + 2], r[i + 3], hit)) ts.push(hit.t);
      }
    }
    ts.sort((a, b) => a - b);
    for (let i = 0; i + 1 < ts.length; i++) {
      const t0 = ts[i], t1 = ts[i + 1];
      if (t1 - t0 < 1e-12) continue;
      const tm = (t0 + t1) / 2;
      const inside = insideRings(rings, px + tm * (qx - px), py + tm * (qy - py));
      if (!inside) {
        if (open) parts.push(open);
        open = null;
        continue;
      }
      const x0 = px + t0 * (qx - px), y0 = py + t0 * (qy - py);
      const x1 = px + t1 * (qx - px), y1 = py + t1 * (qy - py);
      if (!open) open = [x0, y0];
      open.push(x1, y1);
    }
  }
  if (open) parts.push(open);
  return parts.filter((p) => p.length >= 4);
}

/** [minX, minY, maxX, maxY] over all rings. */
export function ringsBox(rings: Rings): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const r of rings) {
    for (let i = 0; i < r.length; i += 2) {
      minX = Math.min(minX, r[i]);
      maxX = Math.max(maxX, r[i]);
      minY = Math.min(minY, r[i + 1]);
      maxY = Math.max(maxY, r[i + 1]);
    }
  }
  return [minX, minY, maxX, maxY];
}
