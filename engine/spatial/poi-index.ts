/**
 * PoiIndex: points of interest (attractions, stops, zone centroids…) in an rbush, for radius
 * and k-nearest queries. Ids are the points' positions in the arrays it was built from;
 * results are Uint32Arrays of ids, nearest first, ties by id. Distances are metres in the
 * local equirectangular projection around the query point (see geo.ts).
 */
import RBush from 'rbush';
import { boxDistance2, M_PER_DEG, metresPerDegreeLon } from './geo.ts';
import { MinQueue } from './min-queue.ts';
import { rootOf, type TreeNode } from './rtree.ts';

interface PointItem {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  id: number;
}

type Node = TreeNode<PointItem>;

export class PoiIndex {
  readonly size: number;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  private readonly root: Node;
  private readonly queue = new MinQueue<Node>();
  private found: Uint32Array;

  /** Indexes point i at (lon[i], lat[i]); the coordinates are copied. */
  constructor(lon: ArrayLike<number>, lat: ArrayLike<number>, nodeSize = 16) {
    if (lon.length !== lat.length) throw new RangeError(`PoiIndex: ${lon.length} longitudes but ${lat.length} latitudes`);
    this.size = lon.length;
    this.lon = Float64Array.from(lon);
    this.lat = Float64Array.from(lat);
    const items: PointItem[] = new Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const x = this.lon[i];
      const y = this.lat[i];
      if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(y) > 90 || Math.abs(x) > 180) {
        throw new RangeError(`PoiIndex: point ${i} is (${x}, ${y}), expected a WGS84 lon/lat`);
      }
      items[i] = { minX: x, minY: y, maxX: x, maxY: y, id: i };
    }
    this.root = rootOf(new RBush<PointItem>(nodeSize).load(items));
    this.found = new Uint32Array(16);
  }

  /** Builds from [lon, lat] pairs. */
  static fromPoints(points: ArrayLike<readonly [number, number]>): PoiIndex {
    const lon = new Float64Array(points.length);
    const lat = new Float64Array(points.length);
    for (let i = 0; i < points.length; i++) [lon[i], lat[i]] = points[i];
    return new PoiIndex(lon, lat);
  }

  /** Ids of the points within `radiusM` metres (boundary included), nearest first. */
  near(lon: number, lat: number, radiusM: number): Uint32Array {
    if (!(radiusM >= 0)) throw new RangeError(`PoiIndex.near: radius ${radiusM} m, expected a number ≥ 0`);
    return this.walk(lon, lat, Infinity, radiusM);
  }

  /** Ids of the `k` nearest points (fewer when the index is smaller or `maxDistanceM` cuts), nearest first. */
  nearest(lon: number, lat: number, k: number, maxDistanceM = Infinity): Uint32Array {
    return this.walk(lon, lat, k, maxDistanceM);
  }

  /** Distance in metres from (lon, lat) to point `id`, by the same measure the queries use. */
  distanceM(id: number, lon: number, lat: number): number {
    return Math.hypot((this.lon[id] - lon) * metresPerDegreeLon(lat), (this.lat[id] - lat) * M_PER_DEG);
  }

  /** Best-first walk: tree nodes by box distance, points by their distance; stops after k points. */
  private walk(lon: number, lat: number, k: number, maxDistanceM: number): Uint32Array {
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90) {
      throw new RangeError(`PoiIndex: query (${lon}, ${lat}) is not a valid lon/lat position`);
    }
    const q = this.queue;
    q.clear();
    if (this.size === 0 || k <= 0) return new Uint32Array(0);
    const kx = metresPerDegreeLon(lat);
    const ky = M_PER_DEG;
    const max2 = maxDistanceM >= 0 ? maxDistanceM * maxDistanceM : -1; // a negative or NaN limit finds nothing
    const r = this.root;
    q.push(boxDistance2(lon, lat, kx, ky, r.minX, r.minY, r.maxX, r.maxY), -1, r);
    let n = 0;
    while (q.size && n < k) {
      if (q.peekKey() > max2) break;
      const tie = q.peekTie();
      const node = q.pop();
      if (tie >= 0) {
        if (n === this.found.length) this.grow();
        this.found[n++] = tie;
        continue;
      }
      const children = node!.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i];
        const d2 = boxDistance2(lon, lat, kx, ky, c.minX, c.minY, c.maxX, c.maxY);
        if (d2 > max2) continue;
        if (node!.leaf) q.push(d2, (c as PointItem).id, null);
        else q.push(d2, -1, c as Node);
      }
    }
    return this.found.slice(0, n);
  }

  private grow(): void {
    const next = new Uint32Array(this.found.length * 2);
    next.set(this.found);
    this.found = next;
  }
}
