/**
 * Streets by name: the ways of a road graph listed and found by their names (graph.wayNames),
 * for `gemeo streets` and for a scenario that names a street instead of way ids
 * (`{"type": "close", "street": "Avenida Ipiranga"}`).
 *
 * Matching folds case, accents and spaces (foldText). A street is every way whose name, ref or
 * "name (ref)" label equals the text; when none equals it, the ways whose name or ref contains
 * it, provided they all share one name. Several names containing the text is an ambiguity,
 * answered with the candidates; one name on ways in different parts of a city counts as one
 * street (its note says how many ways).
 */
import { EdgeFlag } from '../graph/edge-flags.ts';
import { roadClassName } from '../graph/road-class.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { foldText, type WayNames } from '../graph/way-names.ts';
import { ScenarioError, type Scenario } from './scenario.ts';

export interface StreetWay {
  way: number;
  /** "Name (ref)", the name or the ref. */
  label: string;
  name: string;
  ref: string;
  synthetic: boolean;
  roadClass: string;
  /** Length of the way's street, metres (a two-way street counted once). */
  lengthM: number;
  /** Most lanes per direction on any of its edges. */
  lanes: number;
  oneway: boolean;
}

/** Every named way that has edges in the graph, by label then way id. */
export function streetWays(graph: RoadGraph): StreetWay[] {
  const names = graph.wayNames;
  const at = new Map<number, { forward: number; backward: number; lanes: number; roadClass: number; fwd: boolean; bwd: boolean }>();
  for (let e = 0; e < graph.edgeCount; e++) {
    const id = graph.osmWayId[e];
    if (names.indexOf(id) < 0) continue;
    let w = at.get(id);
    if (!w) at.set(id, (w = { forward: 0, backward: 0, lanes: 0, roadClass: graph.roadClass[e], fwd: false, bwd: false }));
    const back = (graph.flags[e] & EdgeFlag.Reverse) !== 0;
    if (back) {
      w.backward += graph.lengthM[e];
      w.bwd = true;
    } else {
      w.forward += graph.lengthM[e];
      w.fwd = true;
    }
    w.lanes = Math.max(w.lanes, graph.lanes[e]);
  }
  const out: StreetWay[] = [];
  for (const [way, w] of at) {
    const n = names.get(way)!;
    out.push({
      way,
      label: names.label(way)!,
      name: n.name,
      ref: n.ref,
      synthetic: n.synthetic,
      roadClass: roadClassName(w.roadClass),
      lengthM: w.fwd ? w.forward : w.backward,
      lanes: w.lanes,
      oneway: !(w.fwd && w.bwd),
    });
  }
  return out.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.way - b.way));
}

/** The named ways whose name, ref or label contains `text` (folded); every named way for an empty text. */
export function searchStreets(graph: RoadGraph, text: string): StreetWay[] {
  const q = foldText(text);
  return streetWays(graph).filter((w) => q === '' || [w.name, w.ref, w.label].some((s) => foldText(s).includes(q)));
}

export type StreetMatch = { ok: true; label: string; ways: number[] } | { ok: false; candidates: string[] };

/** The ways of the street `text` names, or the candidate names when it names none or several. */
export function findStreet(graph: RoadGraph, text: string): StreetMatch {
  const q = foldText(text);
  const all = streetWays(graph);
  const exact = all.filter((w) => [w.name, w.ref, w.label].some((s) => s !== '' && foldText(s) === q));
  const pick = exact.length > 0 ? exact : all.filter((w) => [w.name, w.ref].some((s) => s !== '' && foldText(s).includes(q)));
  // one street per distinct name (else ref), longest first
  const byName = new Map<string, { label: string; lengthM: number }>();
  for (const w of pick) {
    const key = foldText(w.name || w.ref);
    const held = byName.get(key);
    if (held) held.lengthM += w.lengthM;
    else byName.set(key, { label: w.name || w.ref, lengthM: w.lengthM });
  }
  if (byName.size === 1 && q !== '') return { ok: true, label: [...byName.values()][0].label, ways: pick.map((w) => w.way).sort((a, b) => a - b) };
  return { ok: false, candidates: [...byName.values()].sort((a, b) => b.lengthM - a.lengthM || (a.label < b.label ? -1 : 1)).map((c) => c.label) };
}

/**
 * The scenario with each `street` turned into its way ids on `graph` (the `street` text kept,
 * for reports); a street that names nothing or several streets is a one-line ScenarioError.
 */
export function resolveStreets(s: Scenario, graph: RoadGraph, file: string): Scenario {
  if (!s.interventions.some((iv) => 'street' in iv && iv.street !== undefined)) return s;
  return {
    ...s,
    interventions: s.interventions.map((iv, i) => {
      if (!('street' in iv) || iv.street === undefined) return iv;
      const m = findStreet(graph, iv.street);
      if (m.ok) return { ...iv, ways: m.ways };
      const at = `${file}: interventions[${i}].street`;
      if (m.candidates.length === 0) throw new ScenarioError(`${at}: no street named "${iv.street}" in the road graph; list the names with gemeo streets ${s.city} --search <word>`);
      const shown = m.candidates.slice(0, 8).map((c) => `"${c}"`).join(', ') + (m.candidates.length > 8 ? ` and ${m.candidates.length - 8} more` : '');
      throw new ScenarioError(`${at}: "${iv.street}" names ${m.candidates.length} streets: ${shown}; expected one street's full name, or its way ids in "ways"`);
    }),
  };
}

/** The distinct street names of some ways, for a person: "Avenida Ipiranga", "A, B, C +2"; unnamed ways by id ("OSM 287533506", a stand-in's "-4"). */
export function streetsLabel(names: WayNames, ways: readonly number[]): string {
  const seen = new Set<string>();
  for (const id of ways) {
    const n = names.get(id);
    // an unnamed way by its id, in no language: the label is read in Portuguese and English reports
    seen.add(n ? n.name || n.ref : id < 0 ? String(id) : `OSM ${id}`);
  }
  const list = [...seen];
  return list.length <= 3 ? list.join(', ') : `${list.slice(0, 3).join(', ')} +${list.length - 3}`;
}
