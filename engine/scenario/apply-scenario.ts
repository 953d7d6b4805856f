/**
 * applyScenario: a scenario's interventions applied to a city's base road graph, giving a new
 * graph (built with GraphBuilder; `base` is never written to) plus tolls, the base edge behind
 * each new edge, the edges touched, demand events and a log. Interventions apply in file order,
 * each to the base edges of its ways as earlier ones left them; a removed edge stays removed.
 *
 * What each type does (static model):
 * - close: the ways' edges are removed, when the [from, to) window overlaps the scenario
 *   period's window (no window: all day); otherwise nothing changes and the log says why.
 * - lanes: lanes per direction set to `lanes`; capacity scaled at the edge's own capacity per
 *   lane (class default per lane where the edge had 0 lanes).
 * - speed: speed set to `kmh`, free-flow time = length / speed.
 * - capacity: capacity × factor.
 * - bus-lane: one general lane per direction goes to buses: capacity × (lanes − 1) / lanes and
 *   one lane fewer; an edge with a single lane is closed to cars (removed; the log counts them).
 * - reverse: every edge of a one-way way flips (tail/head swapped, geometry reversed, Reverse
 *   flag toggled). A two-way way is an error: flipping both directions changes nothing.
 * - toll: `tollBrl` set to `brl` on the ways' edges (value-of-time.ts turns it into seconds).
 * - add-link: each end snaps to the nearest connected graph node within SNAP_DISTANCE_M (no
 *   edge is split); a straight link between the two nodes gets two edges (one if `oneway`) of
 *   the class, with its urban default speed (or `kmh`) and lanes × the class capacity per lane,
 *   a fresh negative way id below every existing one, the Synthetic flag, baseEdge -1.
 * - close-area: every edge with any part inside the polygon is removed (EdgeIndex.edgesInPolygon),
 *   with the same window rule as close.
 * - event: becomes a DemandEvent (name, place, attendance, start and end seconds) in `events`.
 * - transit-line: changes no road (logged only); the transit model runs the line.
 */
import type { City } from '../city/registry.ts';
import type { DemandEvent } from '../demand/events.ts';
import { PERIODS } from '../demand/time-of-day.ts';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { GraphBuilder, type EdgeInput } from '../graph/graph-builder.ts';
import { roadClassCode } from '../graph/road-class.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { loadRoadClassDefaults, type RoadClassDefaults } from '../osm/road-class-defaults.ts';
import { EdgeIndex } from '../spatial/edge-index.ts';
import { haversineM } from '../spatial/geo.ts';
import type { AppliedScenario } from './applied.ts';
import { indexWays, isTwoWay, nearestNode, SNAP_DISTANCE_M } from './graph-lookup.ts';
import { resolveStreets, streetsLabel } from './streets.ts';
import type { WayName } from '../graph/way-names.ts';
import { clockSeconds } from './parse-scenario.ts';
import { ScenarioError, type Intervention, type Scenario } from './scenario.ts';

export interface ApplyContext {
  city: Pick<City, 'slug' | 'name'>;
  /** An EdgeIndex over the base graph, when the caller has one (built here if a close-area needs it). */
  index?: EdgeIndex;
  /** Road-class defaults for add-link and lanes; default loadRoadClassDefaults(). */
  defaults?: RoadClassDefaults;
}

/** An added link, with its way id and flags always set. */
type NewEdge = EdgeInput & Required<Pick<EdgeInput, 'osmWayId' | 'flags'>>;

export function applyScenario(base: RoadGraph, named: Scenario, ctx: ApplyContext): AppliedScenario {
  const s = resolveStreets(named, base, `scenario "${named.name}"`);
  const m = base.edgeCount;
  const removed = new Uint8Array(m);
  const flipped = new Uint8Array(m);
  const touched = new Uint8Array(m);
  const capacity = base.capacityVph.slice();
  const speed = base.speedKmh.slice();
  const freeFlow = base.freeFlowS.slice();
  const lanes = base.lanes.slice();
  const toll = new Float64Array(m);
  const added: NewEdge[] = [];
  const addedNames = new Map<number, WayName>();
  const events: DemandEvent[] = [];
  const log: AppliedScenario['log'] = [];
  const ways = indexWays(base);
  const period = PERIODS.find((p) => p.id === s.period);
  if (!period) throw new ScenarioError(`scenario "${s.name}": period: "${s.period}" is not a known period`);
  let defaults = ctx.defaults;
  let index = ctx.index;
  let nextWayId = -1;
  for (let e = 0; e < m; e++) if (base.osmWayId[e] <= nextWayId) nextWayId = base.osmWayId[e] - 1;
  const nextWayIdStart = nextWayId;

  const fail = (i: number, field: string, problem: string): never => {
    throw new ScenarioError(`scenario "${s.name}": interventions[${i}].${field}: ${problem}`);
  };
  const edgesOf = (iv: Intervention & { ways: number[] }, i: number): number[] => {
    const out: number[] = [];
    for (const id of iv.ways) {
      const list = ways.get(id);
      if (!list) fail(i, 'ways', `way ${id} is not in the graph`);
      out.push(...list!);
    }
    return out;
  };
  /** Whether a closure with this window acts during the scenario's period. */
  const active = (from?: string, to?: string) => from === undefined || to === undefined || (clockSeconds(to) > period.startS && clockSeconds(from) < period.endS);

  s.interventions.forEach((iv, i) => {
    let count = 0;
    let note = '';
    const each = (edges: Iterable<number>, change: (e: number) => void) => {
      for (const e of edges) {
        if (removed[e]) continue;
        change(e);
        touched[e] = 1;
        count++;
      }
    };
    switch (iv.type) {
      case 'close':
      case 'close-area': {
        const window = iv.from !== undefined ? ` (${iv.from}–${iv.to})` : ' (all day)';
        if (!active(iv.from, iv.to)) {
          note = `not in effect during ${s.period}${window}`;
          break;
        }
        let edges: Iterable<number>;
        if (iv.type === 'close') edges = edgesOf(iv, i);
        else edges = (index ??= new EdgeIndex(base)).edgesInPolygon(iv.polygon);
        each(edges, (e) => (removed[e] = 1));
        note = `${count} edges closed${window}`;
        break;
      }
      case 'lanes':
        defaults ??= loadRoadClassDefaults();
        each(edgesOf(iv, i), (e) => {
          const perLane = lanes[e] > 0 ? capacity[e] / lanes[e] : (defaults!.byCode[base.roadClass[e]]?.capacityPerLaneVph ?? capacity[e]);
          lanes[e] = iv.lanes;
          capacity[e] = perLane * iv.lanes;
        });
        note = `${count} edges set to ${iv.lanes} lanes per direction`;
        break;
      case 'speed':
        each(edgesOf(iv, i), (e) => {
          speed[e] = iv.kmh;
          freeFlow[e] = base.lengthM[e] / (iv.kmh / 3.6);
        });
        note = `${count} edges set to ${iv.kmh} km/h`;
        break;
      case 'capacity':
        each(edgesOf(iv, i), (e) => (capacity[e] *= iv.factor));
        note = `${count} edges' capacity × ${iv.factor}`;
        break;
      case 'bus-lane': {
        let closed = 0;
        each(edgesOf(iv, i), (e) => {
          if (lanes[e] >= 2) {
            capacity[e] *= (lanes[e] - 1) / lanes[e];
            lanes[e] -= 1;
          } else {
            removed[e] = 1;
            closed++;
          }
        });
        note = `${count - closed} edges gave one lane to buses` + (closed > 0 ? `; ${closed} one-lane edges closed to cars (bus only)` : '');
        break;
      }
      case 'reverse': {
        for (const id of iv.ways) if (isTwoWay(base, ways.get(id) ?? [])) fail(i, 'ways', `way ${id} is two-way, expected one-way ways`);
        each(edgesOf(iv, i), (e) => (flipped[e] ^= 1));
        note = `${count} edges reversed`;
        break;
      }
      case 'toll':
        each(edgesOf(iv, i), (e) => (toll[e] = iv.brl));
        note = `toll of R$ ${iv.brl} on ${count} edges`;
        break;
      case 'add-link': {
        defaults ??= loadRoadClassDefaults();
        const cls = defaults.byCode[roadClassCode(iv.class)];
        if (!cls || !cls.drivable) fail(i, 'class', `"${iv.class}" has no drivable defaults in ${defaults.file}`);
        const a = nearestNode(base, iv.from[0], iv.from[1]);
        const b = nearestNode(base, iv.to[0], iv.to[1]);
        if (a.distanceM > SNAP_DISTANCE_M) fail(i, 'from', `no graph node within ${SNAP_DISTANCE_M} m (nearest ${Math.round(a.distanceM)} m)`);
        if (b.distanceM > SNAP_DISTANCE_M) fail(i, 'to', `no graph node within ${SNAP_DISTANCE_M} m (nearest ${Math.round(b.distanceM)} m)`);
        if (a.node === b.node) fail(i, 'to', `snaps to the same node as "from" (node ${a.node})`);
        const wayId = nextWayId--;
        const link = {
          lengthM: haversineM(base.nodeLon[a.node], base.nodeLat[a.node], base.nodeLon[b.node], base.nodeLat[b.node]),
          speedKmh: iv.kmh ?? cls!.urbanKmh,
          capacityVph: iv.lanes * cls!.capacityPerLaneVph,
          lanes: iv.lanes,
          roadClass: cls!.code,
          osmWayId: wayId,
        };
        addedNames.set(wayId, { name: iv.name ?? `Nova ligação ${-wayId - (-nextWayIdStart) + 1}`, ref: '', synthetic: true });
        added.push({ ...link, tail: a.node, head: b.node, flags: EdgeFlag.Synthetic });
        if (!iv.oneway) added.push({ ...link, tail: b.node, head: a.node, flags: EdgeFlag.Synthetic | EdgeFlag.Reverse });
        count = iv.oneway ? 1 : 2;
        note = `${count} edges added as way ${wayId} (${iv.class}, ${Math.round(link.lengthM)} m, ends snapped ${Math.round(a.distanceM)} m and ${Math.round(b.distanceM)} m)`;
        break;
      }
      case 'transit-line':
        // a bus line changes no road here; the transit model runs it (engine/transit/transit-line.ts)
        note = `bus line: ${(iv.stops ?? iv.ways ?? []).length} stops, a bus every ${iv.headwayMin} min each way at ${iv.kmh} km/h${iv.dedicated === false ? ' in general traffic' : ', dedicated right of way'}`;
        break;
      case 'event':
        events.push({ name: iv.name ?? `event ${i}`, lon: iv.at[0], lat: iv.at[1], attendance: iv.attendance, startS: clockSeconds(iv.from), endS: clockSeconds(iv.to) });
        note = `${iv.attendance} attending, ${iv.from}–${iv.to}`;
        break;
    }
    const when = 'from' in iv && iv.from !== undefined && typeof iv.from === 'string' && 'to' in iv ? { from: iv.from, to: iv.to as string } : {};
    log.push({ intervention: i, type: iv.type, edges: count, note, label: label(iv), ...when, ...(iv.type === 'event' ? { attendance: iv.attendance } : {}) });
  });

  return build(base, s, { removed, flipped, touched, capacity, speed, freeFlow, lanes, toll }, added, events, log, addedNames);

  /** What a person reads for the intervention: its streets' names, the link's or the event's name. */
  function label(iv: Intervention): string {
    if (iv.type === 'transit-line') return iv.name;
    if ('ways' in iv && iv.ways) return streetsLabel(base.wayNames, iv.ways);
    if (iv.type === 'add-link') return addedNames.get(nextWayId + 1)?.name ?? '';
    if (iv.type === 'event') return iv.name ?? '';
    return '';
  }
}

interface EdgeState {
  removed: Uint8Array;
  flipped: Uint8Array;
  touched: Uint8Array;
  capacity: Float64Array;
  speed: Float32Array;
  freeFlow: Float64Array;
  lanes: Uint8Array;
  toll: Float64Array;
}

/** Lays the changed base edges and the added links out as a new graph, with the per-edge arrays in its edge order. */
function build(base: RoadGraph, s: Scenario, st: EdgeState, added: NewEdge[], events: DemandEvent[], log: AppliedScenario['log'], addedNames: Map<number, WayName>): AppliedScenario {
  const b = new GraphBuilder({ ...base.meta, name: `${base.meta.name} — ${s.name}`, notes: `${base.meta.notes ? `${base.meta.notes}; ` : ''}scenario "${s.name}" applied` });
  b.nameWays(base.wayNames.with(addedNames));
  for (let n = 0; n < base.nodeCount; n++) b.addNode(base.nodeLon[n], base.nodeLat[n], base.nodeOsmId[n]);
  const { offsets, coords } = base.geometry;
  const source: number[] = [];
  const tails: number[] = [];
  for (let e = 0; e < base.edgeCount; e++) {
    if (st.removed[e]) continue;
    const flip = st.flipped[e] === 1;
    let geometry = coords.subarray(2 * offsets[e], 2 * offsets[e + 1]);
    if (flip) {
      const r = new Float64Array(geometry.length);
      for (let k = 0; k < geometry.length; k += 2) {
        r[k] = geometry[geometry.length - 2 - k];
        r[k + 1] = geometry[geometry.length - 1 - k];
      }
      geometry = r;
    }
    const tail = flip ? base.head[e] : base.tail[e];
    b.addEdge({
      tail,
      head: flip ? base.tail[e] : base.head[e],
      lengthM: base.lengthM[e],
      speedKmh: st.speed[e],
      freeFlowS: st.freeFlow[e],
      capacityVph: st.capacity[e],
      lanes: st.lanes[e],
      roadClass: base.roadClass[e],
      osmWayId: base.osmWayId[e],
      flags: flip ? base.flags[e] ^ EdgeFlag.Reverse : base.flags[e],
      geometry,
    });
    source.push(e);
    tails.push(tail);
  }
  for (const edge of added) {
    b.addEdge(edge);
    source.push(-1);
    tails.push(edge.tail);
  }
  const graph = b.finish();
  // GraphBuilder orders edges by tail, stably: the same order maps our arrays onto the new edges.
  const order = Array.from(source, (_, k) => k).sort((x, y) => tails[x] - tails[y] || x - y);
  const n = order.length;
  const baseEdge = new Int32Array(n);
  const changed = new Uint8Array(n);
  const tollBrl = new Float64Array(n);
  for (let dst = 0; dst < n; dst++) {
    const src = source[order[dst]];
    baseEdge[dst] = src;
    changed[dst] = src < 0 ? 3 : st.touched[src];
    tollBrl[dst] = src < 0 ? 0 : st.toll[src];
  }
  return { graph, tollBrl, baseEdge, changed, events, log };
}
