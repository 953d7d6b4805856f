/**
 * What applying a scenario's interventions to a city's base graph gives: a new graph (the base
 * is never mutated), per-edge tolls, the link back to the base graph's edges, the events that
 * add demand, and a log of what each intervention changed.
 */
import type { DemandEvent } from '../demand/events.ts';
import type { RoadGraph } from '../graph/road-graph.ts';

export interface AppliedScenario {
  graph: RoadGraph;
  /** Toll in BRL per edge of `graph` (0 where none). */
  tollBrl: Float64Array;
  /** Base-graph edge behind each edge of `graph`; -1 for an added link. */
  baseEdge: Int32Array;
  /** 1 where an intervention touched the edge, 3 for an added link (RunEdges.changed codes). */
  changed: Uint8Array;
  events: DemandEvent[];
  log: InterventionLog[];
}

/**
 * What one intervention did. `label`: the streets' names (way-based types), the added link's or
 * the event's name ('' when none); `attendance` (events) and the `from`–`to` window when it has one.
 */
export interface InterventionLog {
  intervention: number;
  type: string;
  edges: number;
  /** Technical note for the run log (English). */
  note: string;
  label?: string;
  attendance?: number;
  from?: string;
  to?: string;
}
