/**
 * Ring: one polygon ring (outer boundary, no holes) prepared for many segment tests. Its
 * boundary pieces sit in their own rbush, so a crossing test reads only the pieces near the
 * segment and the inside test (even-odd rule, ray towards +lon) only those at the ray's
 * latitude. Coordinates are lon/lat; lines are straight in lon/lat.
 */
import RBush from 'rbush';
import { segmentsIntersect } from './geo.ts';
import { rootOf, walkBox, type TreeNode } from './rtree.ts';

/** Boundary piece i runs from ring point i to point i + 1 (the last back to point 0). */
interface Piece {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  seg: number;
}

/** A polygon ring with its own rbush of boundary pieces, for crossing and inside tests. */
export class Ring {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  private readonly xy: Float64Array;
  private readonly root: TreeNode<Piece>;
  private readonly stack: TreeNode<Piece>[] = [];

  constructor(ring: ArrayLike<readonly [number, number]>) {
    let n = ring.length;
    if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) n--;
    if (n < 3) throw new RangeError(`polygon: the ring has ${n} distinct points, expected at least 3`);
    this.xy = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const [x, y] = ring[i];
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`polygon: ring point ${i} is (${x}, ${y}), expected finite lon/lat`);
      this.xy[2 * i] = x;
      this.xy[2 * i + 1] = y;
    }
    const items: Piece[] = [];
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const [ax, ay, bx, by] = [this.xy[2 * i], this.xy[2 * i + 1], this.xy[2 * j], this.xy[2 * j + 1]];
      items.push({ minX: Math.min(ax, bx), minY: Math.min(ay, by), maxX: Math.max(ax, bx), maxY: Math.max(ay, by), seg: i });
    }
    const tree = new RBush<Piece>(16).load(items);
    this.root = rootOf(tree);
    ({ minX: this.minX, minY: this.minY, maxX: this.maxX, maxY: this.maxY } = this.root);
  }

  /** Whether segment a–b has a point inside the ring or on its boundary. */
  touchesSegment(ax: number, ay: number, bx: number, by: number): boolean {
    return this.crossesBoundary(ax, ay, bx, by) || this.contains(ax, ay);
  }

  private crossesBoundary(ax: number, ay: number, bx: number, by: number): boolean {
    const xy = this.xy;
    const n = xy.length / 2;
    return walkBox(this.root, Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by), this.stack, (item) => {
      const i = item.seg;
      const j = i + 1 === n ? 0 : i + 1;
      return segmentsIntersect(ax, ay, bx, by, xy[2 * i], xy[2 * i + 1], xy[2 * j], xy[2 * j + 1]);
    });
  }

  /** Even-odd rule, casting a ray towards +lon; only boundary pieces at the ray's latitude are read. */
  private contains(x: number, y: number): boolean {
    const xy = this.xy;
    const n = xy.length / 2;
    let inside = false;
    walkBox(this.root, x, y, this.maxX, y, this.stack, (item) => {
      const i = item.seg;
      const j = i + 1 === n ? 0 : i + 1;
      const yi = xy[2 * i + 1];
      const yj = xy[2 * j + 1];
      if (yi > y !== yj > y) {
        const xi = xy[2 * i];
        const xj = xy[2 * j];
        if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    });
    return inside;
  }
}
