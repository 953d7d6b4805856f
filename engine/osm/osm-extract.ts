/**
 * OsmExtract: what every OSM reader (pbf, XML, Overpass JSON) returns, before any road rules
 * are applied. Nodes are columns (ids exceed 32 bits, so Float64Array); ways keep their node
 * references as OSM ids and their tags as a plain record. Readers keep only what the road
 * network needs: all nodes with positions, ways that carry a `highway` tag, and the nodes tagged
 * `highway=traffic_signals`.
 */
export interface OsmExtract {
  /** Node ids, lon and lat, index-aligned; the readers return ids ascending and unique. */
  nodeIds: Float64Array;
  nodeLon: Float64Array;
  nodeLat: Float64Array;
  /** Ascending by id, like `pois`. */
  ways: OsmWay[];
  /** Points of interest: nodes with tourism/leisure/amenity/historic tags (for demand later). */
  pois: OsmPoi[];
  /** Traffic signal nodes (absent: none known, as for an extract built by hand). */
  signals?: OsmSignals;
  /** Reader name and the file it read, for reports. */
  source: { format: 'pbf' | 'xml' | 'overpass-json'; file: string; timestamp?: string };
  /** Objects the file held before filtering (readers fill it; for reports and messages). */
  counts?: { nodes: number; ways: number; relations: number };
}

export interface OsmWay {
  id: number;
  nodes: number[];
  tags: Record<string, string>;
}

export interface OsmPoi {
  id: number;
  lon: number;
  lat: number;
  tags: Record<string, string>;
}


/**
 * Nodes tagged `highway=traffic_signals`, ascending by id, and the way of travel each governs
 * along the ways through it (`traffic_signals:direction` or `direction`): SignalDirection.
 */
export interface OsmSignals {
  nodeIds: Float64Array;
  direction: Uint8Array;
}

export const SignalDirection = {
  /** Both ways along the way (no direction tag, or one this reader does not know). */
  Both: 0,
  /** Only travel in the way's drawing direction stops at it. */
  Forward: 1,
  Backward: 2,
} as const;
