/**
 * Spatial queries over a RoadGraph's edge geometry: snap a point to the nearest edge, list the
 * edges in a box or a polygon. (This folder: edge-index.ts for edges, poi-index.ts for points,
 * geo.ts for distances, rtree.ts and min-queue.ts for the walks they share.)
 *
 * Terms: a *segment* is one straight piece of an edge's polyline, between points p and p + 1
 * of `geometry.coords`; segments are numbered edge by edge, so segment order is edge order.
 * The index holds one rbush item per segment, boxes in lon/lat. Distances are true
 * point-to-segment distances in metres in a local equirectangular projection around the query
 * point (see geo.ts). The two directions of a two-way street share one polyline, so they are
 * always at the same distance; ties go to the lower edge id, and `nearestEdges` returns both.
 */
import RBush from 'rbush';
import type { EdgeGeometry } from '../graph/road-graph.ts';
import { boxDistance2, M_PER_DEG, metresPerDegreeLon, nearestParam, segmentIntersectsBox } from './geo.ts';
import { MinQueue } from './min-queue.ts';
import { Ring } from './ring.ts';
import { rootOf, walkBox, type TreeNode } from './rtree.ts';

export interface EdgeHit {
  edge: number;
  /** Distance from the query point to the edge's polyline, metres. */
  distanceM: number;
  /** The nearest point on the polyline, [lon, lat]. */
  point: [number, number];
  /** Position of `point` along the polyline, 0 at the tail end, 1 at the head end (by geometry length). */
  fraction: number;
}

interface SegmentItem {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  seg: number;
}

type Node = TreeNode<SegmentItem>;

/** What the index reads: edge polylines. A RoadGraph is one; so are a run's edges (see runEdgeGeometry in engine/counts). */
export interface EdgeGeometrySource {
  edgeCount: number;
  geometry: EdgeGeometry;
}

export class EdgeIndex {
  readonly graph: EdgeGeometrySource;
  readonly segmentCount: number;
  private readonly tree: RBush<SegmentItem>;
  private readonly root: Node;
  /** Edge of each segment. */
  private readonly segEdge: Uint32Array;
  /** Point index (into coords / 2) where each segment starts. */
  private readonly segPoint: Uint32Array;
  /** Metres along the edge's polyline where each segment starts. */
  private readonly segAlong: Float64Array;
  /** Polyline length of each edge, metres (may differ from the `lengthM` column). */
  private readonly geomLength: Float64Array;
  private readonly queue = new MinQueue<Node>();
  private readonly stack: Node[] = [];
  private readonly marks: Uint8Array;
  private readonly found: Uint32Array;

  /** Builds the index in one bulk load; `nodeSize` is rbush's maximum entries per node. */
  constructor(graph: EdgeGeometrySource, nodeSize = 16) {
    this.graph = graph;
    const { offsets, coords } = graph.geometry;
    const m = graph.edgeCount;
    let count = 0;
    for (let e = 0; e < m; e++) count += Math.max(0, offsets[e + 1] - offsets[e] - 1);
    this.segmentCount = count;
    this.segEdge = new Uint32Array(count);
    this.segPoint = new Uint32Array(count);
    this.segAlong = new Float64Array(count);
    this.geomLength = new Float64Array(m);
    const items: SegmentItem[] = new Array(count);
    let s = 0;
    for (let e = 0; e < m; e++) {
      let along = 0;
      for (let p = offsets[e]; p + 1 < offsets[e + 1]; p++) {
        const ax = coords[2 * p];
        const ay = coords[2 * p + 1];
        const bx = coords[2 * p + 2];
        const by = coords[2 * p + 3];
        this.segEdge[s] = e;
        this.segPoint[s] = p;
        this.segAlong[s] = along;
        along += Math.hypot((bx - ax) * metresPerDegreeLon((ay + by) / 2), (by - ay) * M_PER_DEG);
        items[s] = { minX: Math.min(ax, bx), minY: Math.min(ay, by), maxX: Math.max(ax, bx), maxY: Math.max(ay, by), seg: s };
        s++;
      }
      this.geomLength[e] = along;
    }
    this.tree = new RBush<SegmentItem>(nodeSize).load(items);
    this.root = rootOf(this.tree);
    this.marks = new Uint8Array(m);
    this.found = new Uint32Array(m);
  }

  /** The edge nearest to (lon, lat), or null when none lies within `maxDistanceM`. */
  nearestEdge(lon: number, lat: number, maxDistanceM = Infinity): EdgeHit | null {
    checkPoint('nearestEdge', lon, lat);
    const s = this.nearestSegment(lon, lat, maxDistanceM);
    return s < 0 ? null : this.hit(s, lon, lat);
  }

  /**
   * The `k` nearest distinct edges, nearest first, ties by edge id. On a two-way street the
   * first two are its two directions.
   */
  nearestEdges(lon: number, lat: number, k: number, maxDistanceM = Infinity): EdgeHit[] {
    checkPoint('nearestEdges', lon, lat);
    const out: EdgeHit[] = [];
    if (k <= 0) return out;
    let first = true;
    for (;;) {
      const s = this.nextSegment(lon, lat, maxDistanceM, first);
      first = false;
      if (s < 0) break;
      const e = this.segEdge[s];
      // the first segment popped for an edge is its nearest one
      if (this.marks[e]) continue;
      this.marks[e] = 1;
      out.push(this.hit(s, lon, lat));
      if (out.length === k) break;
    }
    for (const h of out) this.marks[h.edge] = 0;
    return out;
  }

  /** Ids (sorted) of the edges with at least one segment touching the box, edges included. */
  edgesInBox(minLon: number, minLat: number, maxLon: number, maxLat: number): Uint32Array {
    for (const v of [minLon, minLat, maxLon, maxLat]) if (!Number.isFinite(v)) throw new RangeError(`edgesInBox: the box must be four finite numbers, got ${minLon}, ${minLat}, ${maxLon}, ${maxLat}`);
    const coords = this.graph.geometry.coords;
    let n = 0;
    walkBox(this.root, minLon, minLat, maxLon, maxLat, this.stack, (item) => {
      const e = this.segEdge[item.seg];
      if (this.marks[e]) return;
      const p = 2 * this.segPoint[item.seg];
      if (segmentIntersectsBox(coords[p], coords[p + 1], coords[p + 2], coords[p + 3], minLon, minLat, maxLon, maxLat)) {
        this.marks[e] = 1;
        this.found[n++] = e;
      }
    });
    return this.collect(n);
  }

  /**
   * Ids (sorted) of the edges that reach into the polygon: an edge is in when any of its
   * segments has a point inside the ring or on its boundary (a segment crossing the polygon
   * counts, one merely passing near it does not). `ring` is one outer ring of [lon, lat],
   * closed or not; holes are not supported. Straight lines in lon/lat, as everywhere here.
   */
  edgesInPolygon(ring: ArrayLike<readonly [number, number]>): Uint32Array {
    const poly = new Ring(ring);
    const coords = this.graph.geometry.coords;
    let n = 0;
    walkBox(this.root, poly.minX, poly.minY, poly.maxX, poly.maxY, this.stack, (item) => {
      const e = this.segEdge[item.seg];
      if (this.marks[e]) return;
      const p = 2 * this.segPoint[item.seg];
      if (poly.touchesSegment(coords[p], coords[p + 1], coords[p + 2], coords[p + 3])) {
        this.marks[e] = 1;
        this.found[n++] = e;
      }
    });
    return this.collect(n);
  }

  /** Polyline length of edge `e` in metres, as used for `fraction`. */
  geometryLengthM(e: number): number {
    return this.geomLength[e];
  }

  /**
   * Best-first walk for one segment: opens tree nodes nearest first, keeps the best segment
   * seen (ties by segment number, hence by edge id), and stops once the next node is farther
   * than it. Segments never enter the queue. -1 when none lies within `maxDistanceM`.
   */
  private nearestSegment(lon: number, lat: number, maxDistanceM: number): number {
    const q = this.queue;
    q.clear();
    if (this.segmentCount === 0) return -1;
    const kx = metresPerDegreeLon(lat);
    const ky = M_PER_DEG;
    const coords = this.graph.geometry.coords;
    const segPoint = this.segPoint;
    let best2 = maxDistanceM >= 0 ? maxDistanceM * maxDistanceM : -1; // a negative or NaN limit finds nothing
    let best = -1;
    const r = this.root;
    const d0 = boxDistance2(lon, lat, kx, ky, r.minX, r.minY, r.maxX, r.maxY);
    if (d0 <= best2) q.push(d0, -1, r);
    // a node at exactly the best distance may still hold a tie with a lower segment number
    while (q.size && q.peekKey() <= best2) {
      const node = q.pop()!;
      const children = node.children;
      if (node.leaf) {
        for (let i = 0; i < children.length; i++) {
          const s = (children[i] as SegmentItem).seg;
          const p = 2 * segPoint[s];
          const d2 = segmentDistance2(coords[p], coords[p + 1], coords[p + 2], coords[p + 3], lon, lat, kx, ky);
          if (d2 < best2 || (d2 === best2 && (s < best || best < 0))) {
            best2 = d2;
            best = s;
          }
        }
      } else {
        for (let i = 0; i < children.length; i++) {
          const c = children[i] as Node;
          const d2 = boxDistance2(lon, lat, kx, ky, c.minX, c.minY, c.maxX, c.maxY);
          if (d2 <= best2) q.push(d2, -1, c);
        }
      }
    }
    return best;
  }

  /**
   * Best-first walk: pops tree nodes by their box distance and segments by their true
   * distance, so the first segment popped is the nearest one. `restart` begins a new query;
   * without it the walk resumes and returns the next nearest segment. -1 when exhausted.
   */
  private nextSegment(lon: number, lat: number, maxDistanceM: number, restart: boolean): number {
    const q = this.queue;
    const kx = metresPerDegreeLon(lat);
    const ky = M_PER_DEG;
    const max2 = maxDistanceM >= 0 ? maxDistanceM * maxDistanceM : -1; // a negative or NaN limit finds nothing
    const coords = this.graph.geometry.coords;
    if (restart) {
      q.clear();
      if (this.segmentCount === 0) return -1;
      q.push(boxDistance2(lon, lat, kx, ky, this.root.minX, this.root.minY, this.root.maxX, this.root.maxY), -1, this.root);
    }
    while (q.size) {
      if (q.peekKey() > max2) return -1;
      const tie = q.peekTie();
      const node = q.pop();
      if (tie >= 0) return tie; // a segment: nothing left in the queue can be nearer
      const children = node!.children;
      if (node!.leaf) {
        for (let i = 0; i < children.length; i++) {
          const s = (children[i] as SegmentItem).seg;
          const p = 2 * this.segPoint[s];
          const d2 = segmentDistance2(coords[p], coords[p + 1], coords[p + 2], coords[p + 3], lon, lat, kx, ky);
          if (d2 <= max2) q.push(d2, s, null);
        }
      } else {
        for (let i = 0; i < children.length; i++) {
          const c = children[i] as Node;
          const d2 = boxDistance2(lon, lat, kx, ky, c.minX, c.minY, c.maxX, c.maxY);
          if (d2 <= max2) q.push(d2, -1, c);
        }
      }
    }
    return -1;
  }

  private hit(s: number, lon: number, lat: number): EdgeHit {
    const coords = this.graph.geometry.coords;
    const p = 2 * this.segPoint[s];
    const kx = metresPerDegreeLon(lat);
    const ax = coords[p];
    const ay = coords[p + 1];
    const bx = coords[p + 2];
    const by = coords[p + 3];
    const t = nearestParam((ax - lon) * kx, (ay - lat) * M_PER_DEG, (bx - lon) * kx, (by - lat) * M_PER_DEG);
    const e = this.segEdge[s];
    const segLen = Math.hypot((bx - ax) * metresPerDegreeLon((ay + by) / 2), (by - ay) * M_PER_DEG);
    const len = this.geomLength[e];
    const fraction = len > 0 ? Math.min(1, (this.segAlong[s] + t * segLen) / len) : 0;
    return { edge: e, distanceM: Math.sqrt(segmentDistance2(ax, ay, bx, by, lon, lat, kx, M_PER_DEG)), point: [ax + t * (bx - ax), ay + t * (by - ay)], fraction };
  }

  /** Sorted copy of the first `n` found edge ids; clears their marks. */
  private collect(n: number): Uint32Array {
    const out = this.found.slice(0, n).sort();
    for (let i = 0; i < n; i++) this.marks[out[i]] = 0;
    return out;
  }
}

/**
 * Squared distance in metres from (lon, lat) to segment a–b. The endpoints are taken in a fixed
 * order (lower lon, then lower lat, first) so both directions of a street give the same bits.
 */
function segmentDistance2(ax: number, ay: number, bx: number, by: number, lon: number, lat: number, kx: number, ky: number): number {
  if (bx < ax || (bx === ax && by < ay)) {
    const x = ax;
    const y = ay;
    ax = bx;
    ay = by;
    bx = x;
    by = y;
  }
  const px = (ax - lon) * kx;
  const py = (ay - lat) * ky;
  const qx = (bx - lon) * kx;
  const qy = (by - lat) * ky;
  const t = nearestParam(px, py, qx, qy);
  const x = px + t * (qx - px);
  const y = py + t * (qy - py);
  return x * x + y * y;
}

function checkPoint(what: string, lon: number, lat: number): void {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90) {
    throw new RangeError(`${what}: (${lon}, ${lat}) is not a valid lon/lat position`);
  }
}
