/** A road graph described in a few numbers, for `gemeo city info` and reports. */
import { EdgeFlag } from './edge-flags.ts';
import { roadClassName } from './road-class.ts';
import type { RoadGraph } from './road-graph.ts';

export interface GraphSummary {
  name: string;
  source: string;
  synthetic: boolean;
  nodes: number;
  edges: number;
  /** [minLon, minLat, maxLon, maxLat] of the nodes. */
  bbox: [number, number, number, number];
  /** Directed lane-independent length: each direction counts. */
  edgeKm: number;
  /** Share of edges whose speed / lanes came from an OSM tag rather than the class default. */
  taggedSpeedShare: number;
  taggedLanesShare: number;
  /** Edges per road class, largest first. */
  classes: { roadClass: string; edges: number; km: number }[];
  notes?: string;
}

export function summarizeGraph(graph: RoadGraph): GraphSummary {
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let n = 0; n < graph.nodeCount; n++) {
    bbox[0] = Math.min(bbox[0], graph.nodeLon[n]);
    bbox[1] = Math.min(bbox[1], graph.nodeLat[n]);
    bbox[2] = Math.max(bbox[2], graph.nodeLon[n]);
    bbox[3] = Math.max(bbox[3], graph.nodeLat[n]);
  }
  let metres = 0;
  let speedTagged = 0;
  let lanesTagged = 0;
  const perClass = new Map<number, { edges: number; metres: number }>();
  for (let e = 0; e < graph.edgeCount; e++) {
    metres += graph.lengthM[e];
    if (graph.flags[e] & EdgeFlag.SpeedTagged) speedTagged++;
    if (graph.flags[e] & EdgeFlag.LanesTagged) lanesTagged++;
    const c = perClass.get(graph.roadClass[e]) ?? { edges: 0, metres: 0 };
    c.edges++;
    c.metres += graph.lengthM[e];
    perClass.set(graph.roadClass[e], c);
  }
  const m = Math.max(graph.edgeCount, 1);
  return {
    name: graph.meta.name,
    source: graph.meta.source,
    synthetic: graph.meta.synthetic,
    nodes: graph.nodeCount,
    edges: graph.edgeCount,
    bbox: graph.nodeCount ? bbox : [0, 0, 0, 0],
    edgeKm: round(metres / 1000, 1),
    taggedSpeedShare: round(speedTagged / m, 4),
    taggedLanesShare: round(lanesTagged / m, 4),
    classes: [...perClass.entries()]
      .map(([code, c]) => ({ roadClass: roadClassName(code), edges: c.edges, km: round(c.metres / 1000, 1) }))
      .sort((a, b) => b.edges - a.edges || a.roadClass.localeCompare(b.roadClass)),
    ...(graph.meta.notes ? { notes: graph.meta.notes } : {}),
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
