/**
 * Timed closures in the dynamic model: a `close` or `close-area` with a from–to window. The static
 * model removes the link for the period; the dynamic model keeps the link in the graph and closes
 * it only in its window (closures.ts), so those interventions are taken out before applyScenario
 * and turned into link windows after it.
 */
import { clockSeconds } from '../scenario/parse-scenario.ts';
import { streetsLabel } from '../scenario/streets.ts';
import { indexWays } from '../scenario/graph-lookup.ts';
import type { Intervention, Scenario } from '../scenario/scenario.ts';
import type { AppliedScenario } from '../scenario/applied.ts';
import type { EdgeIndex } from '../spatial/edge-index.ts';
import type { LinkClosures } from './closures.ts';

type Timed = Intervention & ({ type: 'close' } | { type: 'close-area' }) & { from: string; to: string };

/** A timed closure acts in time in the dynamic model, not by removal. */
export function isTimedClosure(iv: Intervention): iv is Timed {
  return (iv.type === 'close' || iv.type === 'close-area') && iv.from !== undefined && iv.to !== undefined;
}

/** The scenario applyScenario gets in a dynamic run: timed closures left out (they act in time). */
export function withoutTimedClosures(s: Scenario): Scenario {
  return { ...s, interventions: s.interventions.filter((iv) => !isTimedClosure(iv)) };
}

/**
 * The timed closures as link windows on the applied graph, and the applied log/changed flags
 * completed with them (log entries back at the scenario's own intervention numbers).
 */
export function timedClosures(s: Scenario, applied: AppliedScenario, index: EdgeIndex): LinkClosures {
  const graph = applied.graph;
  const ways = indexWays(graph);
  const link: number[] = [];
  const fromS: number[] = [];
  const toS: number[] = [];
  const kept: number[] = [];
  const entries: AppliedScenario['log'] = [];
  s.interventions.forEach((iv, i) => {
    if (!isTimedClosure(iv)) {
      kept.push(i);
      return;
    }
    const edges = iv.type === 'close' ? iv.ways.flatMap((w) => ways.get(w) ?? []) : index.edgesInPolygon(iv.polygon);
    for (const e of edges) {
      link.push(e);
      fromS.push(clockSeconds(iv.from));
      toS.push(clockSeconds(iv.to));
      applied.changed[e] = 2; // EdgeChange.ClosedInWindow
    }
    entries.push({ intervention: i, type: iv.type, edges: edges.length, note: `${edges.length} edges closed ${iv.from}–${iv.to} (in time, dynamic model)`, label: iv.type === 'close' ? streetsLabel(graph.wayNames, iv.ways) : '', from: iv.from, to: iv.to });
  });
  for (const entry of applied.log) entry.intervention = kept[entry.intervention];
  applied.log.push(...entries);
  applied.log.sort((a, b) => a.intervention - b.intervention);
  return { link: Int32Array.from(link), fromS: Int32Array.from(fromS), toS: Int32Array.from(toS) };
}
