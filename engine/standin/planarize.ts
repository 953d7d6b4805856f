/**
 * planarize: roads drawn as polylines in a local metric frame → a planar road network, with a
 * node wherever roads meet or cross and the roads cut into *pieces* between nodes.
 *
 * Terms: a vertex is identified by its exact coordinates, so roads drawn through the same
 * computed point already meet there (the grid's streets share their crossing points). Roads
 * marked `noded` are known to meet each other only at shared vertices, so pairs of them are
 * not tested; every other pair of segments is tested through a uniform bucket grid. A crossing
 * within `snapM` of a segment end is moved onto that end, so a highway passing 10 m from a
 * street corner joins the corner instead of leaving a 10 m stub. A node is a vertex that ends a
 * road or lies on more than one road (or twice on one).
 */
import { segmentIntersection } from './local-frame.ts';

export interface PlanarRoad {
  /** Flat x,y pairs in metres, at least two distinct points. */
  points: number[];
  /** Meets the other `noded` roads only at shared vertices (skip testing those pairs). */
  noded: boolean;
}

export interface PlanarPiece {
  road: number;
  /** Node ids at both ends, in the road's drawing direction. */
  a: number;
  b: number;
  /** Flat x,y pairs from node a to node b, both included. */
  points: number[];
}

export interface Planar {
  nodeX: number[];
  nodeY: number[];
  /** Pieces in road order, then along each road. */
  pieces: PlanarPiece[];
}

export function planarize(roads: PlanarRoad[], options: { cellM: number; snapM: number }): Planar {
  const { cellM, snapM } = options;
  // Vertices by exact coordinates; every road becomes a list of vertex ids.
  const vx: number[] = [];
  const vy: number[] = [];
  const byX = new Map<number, Map<number, number>>();
  const vertex = (x: number, y: number): number => {
    let col = byX.get(x);
    if (!col) byX.set(x, (col = new Map()));
    let v = col.get(y);
    if (v === undefined) {
      v = vx.length;
      col.set(y, v);
      vx.push(x);
      vy.push(y);
    }
    return v;
  };
  const roadV = roads.map((r) => {
    const ids: number[] = [];
    for (let k = 0; k + 1 < r.points.length; k += 2) ids.push(vertex(r.points[k], r.points[k + 1]));
    return ids;
  });

  // Segments as flat columns: road, and position of its first vertex in the road.
  const segRoad: number[] = [];
  const segAt: number[] = [];
  roadV.forEach((ids, ri) => {
    for (let k = 0; k + 1 < ids.length; k++) {
      segRoad.push(ri);
      segAt.push(k);
    }
  });
  const splits: ({ t: number; v: number }[] | undefined)[] = new Array(segRoad.length);

  // Bucket every segment by the cells its bounding box covers.
  const buckets = new Map<number, number[]>();
  const cellKey = (cx: number, cy: number) => (cx + 32768) * 65536 + (cy + 32768);
  for (let s = 0; s < segRoad.length; s++) {
    const a = roadV[segRoad[s]][segAt[s]];
    const b = roadV[segRoad[s]][segAt[s] + 1];
    const cx0 = Math.floor(Math.min(vx[a], vx[b]) / cellM), cx1 = Math.floor(Math.max(vx[a], vx[b]) / cellM);
    const cy0 = Math.floor(Math.min(vy[a], vy[b]) / cellM), cy1 = Math.floor(Math.max(vy[a], vy[b]) / cellM);
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        const key = cellKey(cx, cy);
        let list = buckets.get(key);
        if (!list) buckets.set(key, (list = []));
        list.push(s);
      }
    }
  }

  const hit = { t: 0, u: 0 };
  const ends = [0, 0, 0, 0];
  for (const [key, list] of buckets) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const s1 = list[i], s2 = list[j];
        const r1 = segRoad[s1], r2 = segRoad[s2];
        if (roads[r1].noded && roads[r2].noded) continue;
        // Neighbouring segments of one road meet at their shared vertex by construction.
        if (r1 === r2 && Math.abs(segAt[s1] - segAt[s2]) <= 1) continue;
        const a = roadV[r1][segAt[s1]], b = roadV[r1][segAt[s1] + 1];
        const c = roadV[r2][segAt[s2]], d = roadV[r2][segAt[s2] + 1];
        if (!segmentIntersection(vx[a], vy[a], vx[b], vy[b], vx[c], vy[c], vx[d], vy[d], hit)) continue;
        const x = vx[a] + hit.t * (vx[b] - vx[a]);
        const y = vy[a] + hit.t * (vy[b] - vy[a]);
        // Test each pair once: in the bucket that holds the crossing point.
        if (cellKey(Math.floor(x / cellM), Math.floor(y / cellM)) !== key) continue;
        // Snap onto the nearest segment end within snapM, so the crossing reuses that vertex.
        ends[0] = a;
        ends[1] = b;
        ends[2] = c;
        ends[3] = d;
        let best = snapM * snapM;
        let at = -1;
        for (const e of ends) {
          const dist = (vx[e] - x) ** 2 + (vy[e] - y) ** 2;
          if (dist <= best) {
            best = dist;
            at = e;
          }
        }
        if (at < 0) at = vertex(x, y);
        (splits[s1] ??= []).push({ t: projectT(vx, vy, a, b, at), v: at });
        (splits[s2] ??= []).push({ t: projectT(vx, vy, c, d, at), v: at });
      }
    }
  }

  // Refine every road with its split points.
  const refined: number[][] = roads.map(() => []);
  for (let s = 0; s < segRoad.length; s++) {
    const ids = roadV[segRoad[s]];
    const out = refined[segRoad[s]];
    if (out.length === 0) out.push(ids[segAt[s]]);
    const list = splits[s];
    if (list) {
      list.sort((p, q) => p.t - q.t || p.v - q.v);
      for (const sp of list) if (out[out.length - 1] !== sp.v) out.push(sp.v);
    }
    const end = ids[segAt[s] + 1];
    if (out[out.length - 1] !== end) out.push(end);
  }

  // Ends count twice, so a road end is always a node; a vertex on two roads is a junction.
  const uses = new Uint32Array(vx.length);
  for (const ids of refined) {
    for (let k = 0; k < ids.length; k++) uses[ids[k]] += k === 0 || k === ids.length - 1 ? 2 : 1;
  }
  const nodeOf = new Int32Array(vx.length).fill(-1);
  const nodeX: number[] = [];
  const nodeY: number[] = [];
  const node = (v: number) => {
    if (nodeOf[v] < 0) {
      nodeOf[v] = nodeX.length;
      nodeX.push(vx[v]);
      nodeY.push(vy[v]);
    }
    return nodeOf[v];
  };
  const pieces: PlanarPiece[] = [];
  refined.forEach((ids, road) => {
    if (ids.length < 2) return;
    let start = 0;
    for (let k = 1; k < ids.length; k++) {
      if (k < ids.length - 1 && uses[ids[k]] < 2) continue;
      const points: number[] = [];
      for (let q = start; q <= k; q++) points.push(vx[ids[q]], vy[ids[q]]);
      pieces.push({ road, a: node(ids[start]), b: node(ids[k]), points });
      start = k;
    }
  });
  return { nodeX, nodeY, pieces };
}

/** Parameter of vertex v projected on segment a→b, for ordering split points along it. */
function projectT(vx: number[], vy: number[], a: number, b: number, v: number): number {
  const dx = vx[b] - vx[a];
  const dy = vy[b] - vy[a];
  return ((vx[v] - vx[a]) * dx + (vy[v] - vy[a]) * dy) / (dx * dx + dy * dy);
}
