/**
 * RoadGraph: a directed road network as a struct of typed-array columns.
 *
 * Terms: nodes and edges are integer ids (indices into the columns). Edges are sorted by tail
 * node, so the out-edges of node `n` are `firstOut[n] .. firstOut[n + 1] - 1` (CSR). The OSM
 * ids of the outside world live in `nodeOsmId` and `osmWayId` only. Units: metres, seconds,
 * vehicles per hour, km/h, WGS84 lon/lat. Edge geometry (the polyline between the two nodes)
 * is kept apart from the hot columns.
 *
 * A graph built here lives in one SharedArrayBuffer; a graph loaded from a file is a set of
 * views over the file's bytes. Either way `share()` describes it as a buffer plus column
 * offsets, which a worker turns back into views with `RoadGraph.fromShared` without copying.
 * Street names (`wayNames`, way-names.ts) are for people and stay on the main thread: a graph
 * rebuilt in a worker has none.
 */
import { WayNames } from './way-names.ts';

export const NODE_COLUMNS = {
  nodeLon: Float64Array,
  nodeLat: Float64Array,
  nodeOsmId: Float64Array, // OSM ids exceed 32 bits
} as const;

export const EDGE_COLUMNS = {
  tail: Uint32Array,
  head: Uint32Array,
  lengthM: Float64Array,
  freeFlowS: Float64Array,
  capacityVph: Float64Array,
  speedKmh: Float32Array,
  osmWayId: Float64Array,
  lanes: Uint8Array,
  roadClass: Uint8Array,
  flags: Uint8Array,
} as const;

export type NodeColumn = keyof typeof NODE_COLUMNS;
export type EdgeColumn = keyof typeof EDGE_COLUMNS;
export type ColumnName = 'firstOut' | NodeColumn | EdgeColumn;

type TypedArrayCtor =
  | Float64ArrayConstructor
  | Float32ArrayConstructor
  | Uint32ArrayConstructor
  | Uint8ArrayConstructor;

/** Where the graph came from; travels with it into files, reports and the viewer. */
export interface GraphMeta {
  /** Human name, e.g. "Porto Alegre (OSM 2020 extract)". */
  name: string;
  /** `osm`, `stand-in`, `tntp`, `geojson`… */
  source: string;
  /** True when any part of the network was generated rather than surveyed. */
  synthetic: boolean;
  /** Free-form provenance: input file name, licence, generator seed… */
  notes?: string;
}

/** Edge polylines: edge `e` has points `offsets[e] .. offsets[e + 1] - 1`, as lon,lat pairs. */
export interface EdgeGeometry {
  offsets: Uint32Array;
  coords: Float64Array;
}

/** Everything a worker needs to rebuild the graph's views, cheap to post. */
export interface SharedGraph {
  buffer: SharedArrayBuffer;
  nodeCount: number;
  edgeCount: number;
  /** Byte offset of each column in `buffer`. */
  columns: Record<ColumnName, number>;
  geometry: { buffer: SharedArrayBuffer | ArrayBuffer; offsetsAt: number; coordsAt: number; pointCount: number };
  meta: GraphMeta;
}

export class RoadGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly firstOut: Uint32Array;
  readonly nodeLon: Float64Array;
  readonly nodeLat: Float64Array;
  readonly nodeOsmId: Float64Array;
  readonly tail: Uint32Array;
  readonly head: Uint32Array;
  readonly lengthM: Float64Array;
  readonly freeFlowS: Float64Array;
  readonly capacityVph: Float64Array;
  readonly speedKmh: Float32Array;
  readonly osmWayId: Float64Array;
  readonly lanes: Uint8Array;
  readonly roadClass: Uint8Array;
  readonly flags: Uint8Array;
  readonly geometry: EdgeGeometry;
  readonly meta: GraphMeta;
  /** Name and ref of each way, by way id. */
  readonly wayNames: WayNames;

  /** Takes ownership of the columns as given; use GraphBuilder or a codec to make one. */
  constructor(
    nodeCount: number,
    edgeCount: number,
    columns: { firstOut: Uint32Array } & { [K in NodeColumn | EdgeColumn]: InstanceType<(typeof NODE_COLUMNS & typeof EDGE_COLUMNS)[K]> },
    geometry: EdgeGeometry,
    meta: GraphMeta,
    wayNames: WayNames = WayNames.EMPTY,
  ) {
    this.nodeCount = nodeCount;
    this.edgeCount = edgeCount;
    this.firstOut = columns.firstOut;
    this.nodeLon = columns.nodeLon;
    this.nodeLat = columns.nodeLat;
    this.nodeOsmId = columns.nodeOsmId;
    this.tail = columns.tail;
    this.head = columns.head;
    this.lengthM = columns.lengthM;
    this.freeFlowS = columns.freeFlowS;
    this.capacityVph = columns.capacityVph;
    this.speedKmh = columns.speedKmh;
    this.osmWayId = columns.osmWayId;
    this.lanes = columns.lanes;
    this.roadClass = columns.roadClass;
    this.flags = columns.flags;
    this.geometry = geometry;
    this.meta = meta;
    this.wayNames = wayNames;
    for (const name of columnNames()) {
      const col = this.column(name);
      if (!(col.buffer instanceof SharedArrayBuffer) || col.buffer !== this.firstOut.buffer) {
        throw new Error(`RoadGraph column ${name} must be a view over the graph's one SharedArrayBuffer`);
      }
    }
  }

  column(name: ColumnName): Float64Array | Float32Array | Uint32Array | Uint8Array {
    return this[name];
  }

  /** Out-degree of node n. */
  degree(n: number): number {
    return this.firstOut[n + 1] - this.firstOut[n];
  }

  /** Describes the graph as one shared buffer plus offsets, for workers. No copy. */
  share(): SharedGraph {
    const columns = {} as Record<ColumnName, number>;
    for (const name of columnNames()) columns[name] = this.column(name).byteOffset;
    const g = this.geometry;
    return {
      buffer: this.firstOut.buffer as SharedArrayBuffer,
      nodeCount: this.nodeCount,
      edgeCount: this.edgeCount,
      columns,
      geometry: {
        buffer: g.offsets.buffer as SharedArrayBuffer | ArrayBuffer,
        offsetsAt: g.offsets.byteOffset,
        coordsAt: g.coords.byteOffset,
        pointCount: g.coords.length / 2,
      },
      meta: this.meta,
    };
  }

  /** Rebuilds views over a shared description (in a worker, say). No copy. */
  static fromShared(s: SharedGraph): RoadGraph {
    const cols: Record<string, unknown> = {};
    for (const name of columnNames()) {
      cols[name] = view(columnType(name), s.buffer, s.columns[name], columnLength(name, s.nodeCount, s.edgeCount));
    }
    const geometry: EdgeGeometry = {
      offsets: new Uint32Array(s.geometry.buffer, s.geometry.offsetsAt, s.edgeCount + 1),
      coords: new Float64Array(s.geometry.buffer, s.geometry.coordsAt, s.geometry.pointCount * 2),
    };
    return new RoadGraph(s.nodeCount, s.edgeCount, cols as never, geometry, s.meta);
  }
}

export function columnNames(): ColumnName[] {
  return ['firstOut', ...(Object.keys(NODE_COLUMNS) as NodeColumn[]), ...(Object.keys(EDGE_COLUMNS) as EdgeColumn[])];
}

export function columnType(name: ColumnName): TypedArrayCtor {
  if (name === 'firstOut') return Uint32Array;
  return (NODE_COLUMNS as Record<string, TypedArrayCtor>)[name] ?? (EDGE_COLUMNS as Record<string, TypedArrayCtor>)[name];
}

export function columnLength(name: ColumnName, nodeCount: number, edgeCount: number): number {
  if (name === 'firstOut') return nodeCount + 1;
  return name in NODE_COLUMNS ? nodeCount : edgeCount;
}

/** Lays the columns out in one SharedArrayBuffer, each aligned to 8 bytes, and returns views. */
export function allocateColumns(nodeCount: number, edgeCount: number) {
  const names = columnNames();
  const offsets: number[] = [];
  let bytes = 0;
  for (const name of names) {
    offsets.push(bytes);
    const size = columnLength(name, nodeCount, edgeCount) * columnType(name).BYTES_PER_ELEMENT;
    bytes += Math.ceil(size / 8) * 8;
  }
  const buffer = new SharedArrayBuffer(bytes);
  const cols: Record<string, unknown> = {};
  names.forEach((name, i) => {
    cols[name] = view(columnType(name), buffer, offsets[i], columnLength(name, nodeCount, edgeCount));
  });
  return cols as { firstOut: Uint32Array } & {
    [K in NodeColumn | EdgeColumn]: InstanceType<(typeof NODE_COLUMNS & typeof EDGE_COLUMNS)[K]>;
  };
}

/** A typed-array view of a column's type over any buffer. */
export function view(Ctor: TypedArrayCtor, buffer: ArrayBufferLike, byteOffset: number, length: number) {
  return new (Ctor as Float64ArrayConstructor)(buffer as ArrayBuffer, byteOffset, length) as unknown as
    Float64Array | Float32Array | Uint32Array | Uint8Array;
}

/** Edge geometry in one SharedArrayBuffer: offsets first, then the lon,lat pairs. */
export function allocateGeometry(edgeCount: number, pointCount: number): EdgeGeometry {
  const offsetsBytes = Math.ceil(((edgeCount + 1) * 4) / 8) * 8;
  const buffer = new SharedArrayBuffer(offsetsBytes + pointCount * 16);
  return {
    offsets: new Uint32Array(buffer, 0, edgeCount + 1),
    coords: new Float64Array(buffer, offsetsBytes, pointCount * 2),
  };
}
