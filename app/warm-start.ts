/**
 * Warm starts between runs: a baseline run (no interventions) leaves its equilibrium's origin
 * flows in its run directory (`warm-start-<key>.bin`, engine/assignment/warm-start-file.ts),
 * and a later scenario of the same city, period, seed and demand starts Algorithm B from them.
 * The key hashes exactly those inputs (and the graph and demand data files, and the code
 * version); the assignment settings do not enter it, since a warm start only changes where
 * the method begins, never where it must end: the scenario still runs to its own gap.
 *
 * Edges are matched through the base graph: road edge keys are base-graph edge ids (an edge
 * the scenario removed or reversed drops out), connectors are keyed by their zone's road node.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { WarmStart } from '../engine/assignment/algorithm-b-workspace.ts';
import type { OriginFlows } from '../engine/assignment/origin-paths.ts';
import type { RoadAssignmentNetwork } from '../engine/assignment/road-network.ts';
import { decodeWarmStart, encodeWarmStart } from '../engine/assignment/warm-start-file.ts';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import type { AppliedScenario } from '../engine/scenario/applied.ts';
import { writeFileAtomic } from '../engine/util/write-atomic.ts';
import { inputHash } from './run-dir.ts';

export const WARM_START_PREFIX = 'warm-start-';

/** The warm-start key of a scenario's equilibrium: city, period, seed, demand, data and version. */
export function warmStartKey(s: { city: string; period: string; seed: number; demand: unknown }, version: string, files: Record<string, string>): string {
  return inputHash({ city: s.city, period: s.period, seed: s.seed, demand: s.demand, version }, files);
}

const connectorKey = (roadNode: number, intoZone: boolean) => -(2 + 2 * roadNode + (intoZone ? 1 : 0));

/** Writes the origin flows of a baseline's equilibrium into `dir` under `key`. */
export function saveWarmStart(dir: string, key: string, net: RoadAssignmentNetwork, applied: AppliedScenario, flows: OriginFlows): void {
  const z = net.zoneCount;
  const bytes = encodeWarmStart(
    net,
    flows,
    (e) => {
      const r = net.roadEdge[e];
      if (r >= 0) return applied.baseEdge[r] >= 0 ? applied.baseEdge[r] : -2e15;
      return net.tail[e] < z ? connectorKey(net.zoneNodes[net.tail[e]], false) : connectorKey(net.zoneNodes[net.head[e]], true);
    },
    (zone) => net.zoneNodes[zone],
  );
  writeFileAtomic(join(dir, `${WARM_START_PREFIX}${key}.bin`), bytes);
}

/** The newest warm-start file under `runs/<city>/` for `key`, with its run directory. */
export function findWarmStart(cityRunsDir: string, key: string): { file: string; runDir: string } | undefined {
  if (!existsSync(cityRunsDir)) return undefined;
  let best: { file: string; runDir: string; mtime: number } | undefined;
  for (const scenario of readdirSync(cityRunsDir)) {
    const folder = join(cityRunsDir, scenario);
    if (scenario.startsWith('_') || !statSync(folder).isDirectory()) continue;
    for (const hash of readdirSync(folder)) {
      const file = join(folder, hash, `${WARM_START_PREFIX}${key}.bin`);
      if (hash.startsWith('.') || !existsSync(file)) continue;
      const mtime = statSync(file).mtimeMs;
      if (!best || mtime > best.mtime) best = { file, runDir: join(folder, hash), mtime };
    }
  }
  return best && { file: best.file, runDir: best.runDir };
}

/** Reads a warm-start file onto a scenario's assignment network (applied graph over `base`). */
export function loadWarmStart(file: string, base: RoadGraph, applied: AppliedScenario, net: RoadAssignmentNetwork): WarmStart {
  const z = net.zoneCount;
  const graph = applied.graph;
  // base edge → applied edge, where the scenario kept it in its direction
  const appliedOf = new Int32Array(base.edgeCount).fill(-1);
  for (let a = 0; a < graph.edgeCount; a++) {
    const r = applied.baseEdge[a];
    if (r >= 0 && graph.tail[a] === base.tail[r]) appliedOf[r] = a;
  }
  const netOf = new Int32Array(graph.edgeCount).fill(-1);
  const zoneAt = new Map<number, number>();
  const inConnector = new Map<number, number>();
  for (let k = 0; k < z; k++) zoneAt.set(net.zoneNodes[k], k);
  for (let e = 0; e < net.edgeCount; e++) {
    const r = net.roadEdge[e];
    if (r >= 0) netOf[r] = e;
    else if (net.head[e] < z) inConnector.set(net.zoneNodes[net.head[e]], e);
  }
  return decodeWarmStart(
    readFileSync(file),
    (key) => {
      if (key >= 0) return key < base.edgeCount && appliedOf[key] >= 0 ? netOf[appliedOf[key]] : -1;
      const code = -key - 2;
      const node = Math.floor(code / 2);
      if (code % 2 === 1) return inConnector.get(node) ?? -1;
      const k = zoneAt.get(node);
      return k === undefined ? -1 : net.firstOut[k];
    },
    (originKey) => zoneAt.get(originKey) ?? -1,
  );
}
