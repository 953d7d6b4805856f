/**
 * Segmenting ways: cuts drivable OSM ways into segments that run from one junction or way end
 * to the next, keeping every node in between as geometry. Cutting only there is the contraction
 * of degree-2 chains: a node inside a segment is one that exactly one way passes through once,
 * and a segment never spans two ways, so each keeps a single OSM way id.
 *
 * Terms: node indices here are positions in the extract's node columns; a "split node" is a way
 * end or a node used more than once by the drivable ways (by two ways, or twice by one).
 * A segment that would start and end at the same node (a closed way, a loop) is cut at its
 * middle point so that every segment joins two different nodes.
 */
import type { OsmExtract, OsmWay } from './osm-extract.ts';
import { InputError } from '../util/input-error.ts';
import { haversineM } from '../spatial/geo.ts';

export interface Segments {
  count: number;
  /** Index into the `ways` array given, per segment. */
  way: Uint32Array;
  /** Points of segment s are points[pointStart[s] .. pointStart[s + 1] - 1] (extract node indices, ≥ 2). */
  pointStart: Uint32Array;
  points: Int32Array;
  /** Haversine length along the points, metres. */
  lengthM: Float64Array;
  /** Node references of the ways that the extract has no position for (clipped extracts). */
  missingNodeRefs: number;
}

/** Mean Earth radius (IUGG), metres. */

/** Cuts `ways` (in the order given) into segments between split nodes. */
export function segmentWays(extract: OsmExtract, ways: readonly OsmWay[]): Segments {
  const lookup = nodeLookup(extract);
  const n = extract.nodeIds.length;

  // Pieces: each way's resolved node indices, cut where a node is missing from the extract.
  const pieceNodes: number[] = [];
  const pieceStart: number[] = [];
  const pieceWay: number[] = [];
  let missing = 0;
  for (let w = 0; w < ways.length; w++) {
    let open = -1; // start of the current piece in pieceNodes, -1 when none
    for (const ref of ways[w].nodes) {
      const idx = lookup(ref);
      if (idx < 0) {
        missing++;
        open = closePiece(pieceNodes, pieceStart, pieceWay, open, w);
        continue;
      }
      if (open < 0) open = pieceNodes.length;
      // Repeated consecutive references are one point.
      else if (pieceNodes[pieceNodes.length - 1] === idx) continue;
      pieceNodes.push(idx);
    }
    closePiece(pieceNodes, pieceStart, pieceWay, open, w);
  }
  pieceStart.push(pieceNodes.length);

  // A node is a split node when it ends a piece or is used more than once.
  const uses = new Uint32Array(n);
  for (let i = 0; i < pieceNodes.length; i++) uses[pieceNodes[i]]++;
  const split = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (uses[i] >= 2) split[i] = 1;
  for (let p = 0; p + 1 < pieceStart.length; p++) {
    split[pieceNodes[pieceStart[p]]] = 1;
    split[pieceNodes[pieceStart[p + 1] - 1]] = 1;
  }

  const segWay: number[] = [];
  const segStart: number[] = [];
  const points: number[] = [];
  const emit = (a: number, b: number, w: number) => {
    segWay.push(w);
    segStart.push(points.length);
    for (let i = a; i <= b; i++) points.push(pieceNodes[i]);
  };
  for (let p = 0; p + 1 < pieceStart.length; p++) {
    const end = pieceStart[p + 1] - 1;
    let from = pieceStart[p];
    for (let i = from + 1; i <= end; i++) {
      if (!split[pieceNodes[i]]) continue;
      if (pieceNodes[i] === pieceNodes[from]) {
        // A loop back to its start: cut at the middle point, which becomes a node of the graph.
        const mid = (from + i) >> 1;
        split[pieceNodes[mid]] = 1;
        emit(from, mid, pieceWay[p]);
        emit(mid, i, pieceWay[p]);
      } else {
        emit(from, i, pieceWay[p]);
      }
      from = i;
    }
  }
  segStart.push(points.length);

  const count = segWay.length;
  const out: Segments = {
    count,
    way: Uint32Array.from(segWay),
    pointStart: Uint32Array.from(segStart),
    points: Int32Array.from(points),
    lengthM: new Float64Array(count),
    missingNodeRefs: missing,
  };
  const { nodeLon, nodeLat } = extract;
  for (let s = 0; s < count; s++) {
    let len = 0;
    for (let k = out.pointStart[s] + 1; k < out.pointStart[s + 1]; k++) {
      const a = out.points[k - 1];
      const b = out.points[k];
      len += haversineM(nodeLon[a], nodeLat[a], nodeLon[b], nodeLat[b]);
    }
    out.lengthM[s] = len;
  }
  return out;
}

/** Ends the open piece; pieces of one point carry no segment and are dropped. Returns -1. */
function closePiece(nodes: number[], start: number[], way: number[], open: number, w: number): number {
  if (open < 0) return -1;
  if (nodes.length - open >= 2) {
    start.push(open);
    way.push(w);
  } else {
    nodes.length = open;
  }
  return -1;
}

/** OSM node id → extract index (-1 when absent), by binary search over the ids in sorted order. */
function nodeLookup(extract: OsmExtract): (id: number) => number {
  const ids = extract.nodeIds;
  const n = ids.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (!(ids[i - 1] < ids[i])) sorted = false;
  let order: Uint32Array | undefined;
  let keys = ids;
  if (!sorted) {
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => ids[a] - ids[b] || a - b);
    keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = ids[order[i]];
    for (let i = 1; i < n; i++) {
      if (keys[i] === keys[i - 1]) throw new InputError(extract.source.file, `node ${keys[i]} appears twice; expected each node id once`);
    }
  }
  return (id: number) => {
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = keys[mid];
      if (k < id) lo = mid + 1;
      else if (k > id) hi = mid - 1;
      else return order ? order[mid] : mid;
    }
    return -1;
  };
}
