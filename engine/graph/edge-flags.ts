/** Bits of the graph's per-edge `flags` column. */
export const EdgeFlag = {
  /** The edge was generated (stand-in network, regional link), not surveyed. */
  Synthetic: 1,
  /** Its speed came from an OSM `maxspeed` tag rather than the class default. */
  SpeedTagged: 2,
  /** Its lane count came from an OSM `lanes` tag rather than the class default. */
  LanesTagged: 4,
  /** It runs against the drawing direction of its OSM way. */
  Reverse: 8,
  /** Closed to cars, open to buses (a bus corridor): only in a bus graph (engine/transit/bus-graph.ts). */
  BusOnly: 16,
  /**
   * It runs through a traffic signal (an OSM node tagged highway=traffic_signals at its head or
   * inside it, not at its tail) that governs its way of travel (engine/osm/build-road-graph.ts).
   */
  Signal: 32,
} as const;
