/**
 * GraphBuilder: add nodes and edges in any order, then `finish()` validates them and lays
 * them out as a RoadGraph (edges sorted by tail node, stable, so equal inputs give equal
 * graphs). Misuse and bad values are answered by a GraphError naming the edge and field.
 */
import { EdgeFlag } from './edge-flags.ts';
import { allocateColumns, allocateGeometry, RoadGraph, type GraphMeta } from './road-graph.ts';
import { WayNames, type WayName } from './way-names.ts';

export class GraphError extends Error {
  override name = 'GraphError';
}

export interface EdgeInput {
  tail: number;
  head: number;
  lengthM: number;
  speedKmh: number;
  capacityVph: number;
  lanes: number;
  roadClass: number;
  osmWayId?: number;
  flags?: number;
  /** Defaults to length / speed. Given directly by test networks (TNTP). */
  freeFlowS?: number;
  /** Polyline as [lon, lat, lon, lat, …] including both end nodes; defaults to the straight line. */
  geometry?: ArrayLike<number>;
}

export class GraphBuilder {
  private lon: number[] = [];
  private lat: number[] = [];
  private osmNode: number[] = [];
  private edges: EdgeInput[] = [];
  private names = new Map<number, WayName>();
  private finished = false;

  constructor(private readonly meta: GraphMeta) {}

  get nodeCount(): number {
    return this.lon.length;
  }

  get edgeCount(): number {
    return this.edges.length;
  }

  /** Adds a node and returns its id. */
  addNode(lon: number, lat: number, osmId = -1): number {
    this.assertOpen();
    this.lon.push(lon);
    this.lat.push(lat);
    this.osmNode.push(osmId);
    return this.lon.length - 1;
  }

  /** Adds a directed edge and returns its position in insertion order. */
  addEdge(edge: EdgeInput): number {
    this.assertOpen();
    this.edges.push(edge);
    return this.edges.length - 1;
  }

  /** Gives way `wayId` a name and a ref (route number); `synthetic` when generated, not surveyed. */
  nameWay(wayId: number, name: string, ref = '', synthetic = false): void {
    this.assertOpen();
    if (!Number.isFinite(wayId)) throw new GraphError(`nameWay: way id is ${wayId}, expected a number`);
    this.names.set(wayId, { name, ref, synthetic });
  }

  /** Names several ways at once (a graph's names carried into a copy). */
  nameWays(names: WayNames): void {
    for (let i = 0; i < names.count; i++) this.nameWay(names.ids[i], names.names[i], names.refs[i], names.synthetic[i] === 1);
  }

  finish(): RoadGraph {
    this.assertOpen();
    this.finished = true;
    const n = this.lon.length;
    const m = this.edges.length;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(this.lon[i]) || !Number.isFinite(this.lat[i]) || Math.abs(this.lat[i]) > 90 || Math.abs(this.lon[i]) > 180) {
        throw new GraphError(`node ${i}: lon/lat (${this.lon[i]}, ${this.lat[i]}) is not a valid WGS84 position`);
      }
    }
    this.edges.forEach((e, i) => validateEdge(e, i, n));

    const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => this.edges[a].tail - this.edges[b].tail || a - b);
    const c = allocateColumns(n, m);
    c.nodeLon.set(this.lon);
    c.nodeLat.set(this.lat);
    c.nodeOsmId.set(this.osmNode);
    let points = 0;
    for (const e of this.edges) points += e.geometry ? e.geometry.length / 2 : 2;
    const geometry = allocateGeometry(m, points);
    let p = 0;
    order.forEach((src, dst) => {
      const e = this.edges[src];
      c.tail[dst] = e.tail;
      c.head[dst] = e.head;
      c.lengthM[dst] = e.lengthM;
      c.speedKmh[dst] = e.speedKmh;
      c.freeFlowS[dst] = e.freeFlowS ?? e.lengthM / (e.speedKmh / 3.6);
      c.capacityVph[dst] = e.capacityVph;
      c.lanes[dst] = e.lanes;
      c.roadClass[dst] = e.roadClass;
      c.osmWayId[dst] = e.osmWayId ?? -1;
      c.flags[dst] = (e.flags ?? 0) | (this.meta.synthetic ? EdgeFlag.Synthetic : 0);
      c.firstOut[e.tail + 1]++;
      geometry.offsets[dst] = p / 2;
      if (e.geometry) {
        for (let k = 0; k < e.geometry.length; k++) geometry.coords[p++] = e.geometry[k];
      } else {
        geometry.coords[p++] = this.lon[e.tail];
        geometry.coords[p++] = this.lat[e.tail];
        geometry.coords[p++] = this.lon[e.head];
        geometry.coords[p++] = this.lat[e.head];
      }
    });
    geometry.offsets[m] = p / 2;
    for (let i = 0; i < n; i++) c.firstOut[i + 1] += c.firstOut[i];
    return new RoadGraph(n, m, c, geometry, { ...this.meta }, WayNames.from(this.names));
  }

  private assertOpen(): void {
    if (this.finished) throw new GraphError('GraphBuilder.finish() was already called; start a new builder');
  }
}

function validateEdge(e: EdgeInput, i: number, nodeCount: number): void {
  const bad = (field: string, expected: string, value: unknown) => {
    throw new GraphError(`edge ${i}${e.osmWayId !== undefined && e.osmWayId >= 0 ? ` (OSM way ${e.osmWayId})` : ''}: ${field} is ${value}, expected ${expected}`);
  };
  if (!Number.isInteger(e.tail) || e.tail < 0 || e.tail >= nodeCount) bad('tail', `a node id in 0..${nodeCount - 1}`, e.tail);
  if (!Number.isInteger(e.head) || e.head < 0 || e.head >= nodeCount) bad('head', `a node id in 0..${nodeCount - 1}`, e.head);
  if (!Number.isFinite(e.lengthM) || e.lengthM < 0) bad('lengthM', 'a finite length ≥ 0', e.lengthM);
  if (!Number.isFinite(e.speedKmh) || e.speedKmh <= 0) bad('speedKmh', 'a finite speed > 0', e.speedKmh);
  if (!Number.isFinite(e.capacityVph) || e.capacityVph <= 0) bad('capacityVph', 'a finite capacity > 0', e.capacityVph);
  if (!Number.isInteger(e.lanes) || e.lanes < 0 || e.lanes > 255) bad('lanes', 'an integer in 0..255', e.lanes);
  if (!Number.isInteger(e.roadClass) || e.roadClass < 0 || e.roadClass > 255) bad('roadClass', 'a road class code', e.roadClass);
  if (e.freeFlowS !== undefined && (!Number.isFinite(e.freeFlowS) || e.freeFlowS < 0)) bad('freeFlowS', 'a finite time ≥ 0', e.freeFlowS);
  if (e.osmWayId !== undefined && !Number.isFinite(e.osmWayId)) bad('osmWayId', 'a number', e.osmWayId);
  if (e.geometry) {
    if (e.geometry.length < 4 || e.geometry.length % 2 !== 0) bad('geometry', 'at least two lon,lat points', `${e.geometry.length} numbers`);
    for (let k = 0; k < e.geometry.length; k++) if (!Number.isFinite(e.geometry[k])) bad('geometry', 'finite coordinates', e.geometry[k]);
  }
}
