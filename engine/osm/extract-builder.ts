/**
 * ExtractBuilder: the accumulator every OSM reader fills while it parses, and the one place that
 * decides what an `OsmExtract` keeps. Terms:
 * - node columns: ids, lon, lat in Float64Arrays that grow geometrically (OSM ids exceed 32 bits);
 * - kept way: a way with a `highway` tag (anything else is not part of a road network);
 * - POI: a node with a tourism, leisure, amenity, historic or place tag (place: the names of
 *   neighbourhoods and villages, which name demand zones);
 * - signal: a node tagged `highway=traffic_signals`, with the way of travel it governs.
 * `finish()` returns nodes, ways and POIs in ascending id order with duplicates dropped (the
 * last occurrence wins: in a history file, the newest version), so every format yields the same
 * extract for the same data; input that is already sorted (the usual pbf) costs one check pass.
 */
import { SignalDirection, type OsmExtract, type OsmPoi, type OsmSignals, type OsmWay } from './osm-extract.ts';

export class ExtractBuilder {
  nodeCount = 0;
  /** Objects seen in the file before filtering (for reports and error messages). */
  seenNodes = 0;
  seenWays = 0;
  seenRelations = 0;
  readonly ways: OsmWay[] = [];
  readonly pois: OsmPoi[] = [];
  private signalIds: number[] = [];
  private signalDirs: number[] = [];
  private ids: Float64Array;
  private lon: Float64Array;
  private lat: Float64Array;

  constructor(initialNodes = 1024) {
    const n = Math.max(16, initialNodes);
    this.ids = new Float64Array(n);
    this.lon = new Float64Array(n);
    this.lat = new Float64Array(n);
  }

  addNode(id: number, lon: number, lat: number): void {
    if (this.nodeCount === this.ids.length) this.grow();
    const i = this.nodeCount++;
    this.ids[i] = id;
    this.lon[i] = lon;
    this.lat[i] = lat;
  }

  addPoi(id: number, lon: number, lat: number, tags: Record<string, string>): void {
    this.pois.push({ id, lon, lat, tags });
  }

  /** Keeps the node as a traffic signal when its tags say it is one (isSignal). */
  addNodeTags(id: number, tags: Record<string, string>): void {
    if (!isSignal(tags)) return;
    this.signalIds.push(id);
    this.signalDirs.push(signalDirection(tags));
  }

  addWay(id: number, nodes: number[], tags: Record<string, string>): void {
    this.ways.push({ id, nodes, tags });
  }

  finish(source: OsmExtract['source']): OsmExtract {
    const { nodeIds, nodeLon, nodeLat } = this.sortedNodes();
    return {
      nodeIds,
      nodeLon,
      nodeLat,
      ways: sortUniqueById(this.ways),
      pois: sortUniqueById(this.pois),
      signals: this.sortedSignals(),
      source,
      counts: { nodes: this.seenNodes, ways: this.seenWays, relations: this.seenRelations },
    };
  }

  private sortedSignals(): OsmSignals {
    const items = this.signalIds.map((id, k) => ({ id, direction: this.signalDirs[k] }));
    const sorted = sortUniqueById(items);
    return { nodeIds: Float64Array.from(sorted, (x) => x.id), direction: Uint8Array.from(sorted, (x) => x.direction) };
  }

  private grow(): void {
    const n = this.ids.length * 2;
    const ids = new Float64Array(n);
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    ids.set(this.ids);
    lon.set(this.lon);
    lat.set(this.lat);
    this.ids = ids;
    this.lon = lon;
    this.lat = lat;
  }

  private sortedNodes(): { nodeIds: Float64Array; nodeLon: Float64Array; nodeLat: Float64Array } {
    const n = this.nodeCount;
    const ids = this.ids;
    let ascending = true;
    for (let i = 1; i < n; i++) {
      if (ids[i] <= ids[i - 1]) {
        ascending = false;
        break;
      }
    }
    if (ascending) {
      // slice, not subarray: the spare capacity is released with the builder
      return { nodeIds: ids.slice(0, n), nodeLon: this.lon.slice(0, n), nodeLat: this.lat.slice(0, n) };
    }
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    // ties broken by position, so the last occurrence of a duplicated id is the one kept
    order.sort((a, b) => ids[a] - ids[b] || a - b);
    let m = 0;
    for (let k = 0; k < n; k++) {
      if (k + 1 === n || ids[order[k]] !== ids[order[k + 1]]) order[m++] = order[k];
    }
    const nodeIds = new Float64Array(m);
    const nodeLon = new Float64Array(m);
    const nodeLat = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const i = order[k];
      nodeIds[k] = ids[i];
      nodeLon[k] = this.lon[i];
      nodeLat[k] = this.lat[i];
    }
    return { nodeIds, nodeLon, nodeLat };
  }
}

/** Tag keys that make a node a point of interest. */
export const POI_KEYS: ReadonlySet<string> = new Set(['tourism', 'leisure', 'amenity', 'historic', 'place']);

export function hasPoiKey(tags: Record<string, string>): boolean {
  for (const key in tags) if (POI_KEYS.has(key)) return true;
  return false;
}

/**
 * A node where traffic stops for a signal: `highway=traffic_signals`. A pedestrian crossing's own
 * tag (`crossing=traffic_signals` on a `highway=crossing` node) is not counted: mapped beside a
 * signalised junction's node it would count that junction twice.
 */
export function isSignal(tags: Record<string, string>): boolean {
  return tags.highway === 'traffic_signals';
}

/** The way of travel a signal governs, from `traffic_signals:direction` (else `direction`). */
export function signalDirection(tags: Record<string, string>): number {
  const d = tags['traffic_signals:direction'] ?? tags.direction;
  return d === 'forward' ? SignalDirection.Forward : d === 'backward' ? SignalDirection.Backward : SignalDirection.Both;
}

/** Sorts by id (stable) and keeps the last of duplicates; returns the input when already sorted. */
function sortUniqueById<T extends { id: number }>(items: T[]): T[] {
  let ascending = true;
  for (let i = 1; i < items.length; i++) {
    if (items[i].id <= items[i - 1].id) {
      ascending = false;
      break;
    }
  }
  if (ascending) return items;
  const sorted = items.slice().sort((a, b) => a.id - b.id); // Array.prototype.sort is stable
  return sorted.filter((item, k) => k + 1 === sorted.length || item.id !== sorted[k + 1].id);
}
