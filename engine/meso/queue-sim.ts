/**
 * The queue simulation: vehicles on fixed routes through a MesoNetwork, in 1 s steps (MATSim's
 * queue model). Each link is a FIFO ring buffer of vehicle ids (a slice of one Int32Array).
 *
 * One step, at time t:
 *  1. departures: vehicles whose departure time has come join the waiting list of their first
 *     link (a linked list through `waitNext`, in vehicle order);
 *  2. nodes: every node moves the vehicles at the heads of its incoming links that have crossed
 *     their link (earliest exit ≤ t) and have flow capacity, into their next link when it has
 *     room (spillback), or out of the network at their destination. Incoming links are served
 *     in a random order weighted by capacity (MATSim's fair merge), drawn from a counter-based
 *     hash of (seed, node, t), not from a shared generator. Then waiting departures enter the
 *     node's outgoing links while they have room.
 * Room on a link is judged on its occupancy at the start of the step (space freed this step is
 * usable from the next one), so what a node does depends only on the state at the step's start
 * and on links it alone writes (it pops its incoming links and pushes its outgoing ones): nodes
 * may be processed in any order — or split over threads — with identical results (tested).
 * Only nodes that can act are visited (wake.ts): a node is woken for the step its first head
 * vehicle finishes crossing, and every step while a head waits for room or a departure waits
 * to enter; the rest of the network costs nothing that step.
 *
 * Stuck vehicles (MATSim's qsim.stuckTime, SUMO's time-to-teleport): a vehicle that has waited
 * SQUEEZE_AFTER_S at the head of its link for room on the next one is squeezed onto it past
 * its storage (up to OVERFILL × storage, meso-network.ts) and counted; without even that room,
 * once it has waited REMOVE_AFTER_S it is removed from the network and counted as stuck. So a
 * gridlock — queues that wait on each other round a block — dissolves instead of locking the
 * city, and how often it had to be dissolved is reported. Vehicles still in the network when
 * the step limit is reached are counted as unfinished. Nothing is allocated per step.
 */
import { closureEvents, type LinkClosures } from './closures.ts';
import type { MesoNetwork } from './meso-network.ts';
import { NodeWake } from './wake.ts';

/** Seconds a vehicle waits at the head of a link for room downstream before it squeezes in (MATSim's default stuck time). */
export const SQUEEZE_AFTER_S = 10;
/** Seconds a vehicle waits at the head of a link, with no room downstream even to squeeze, before it is removed (SUMO's default time-to-teleport). */
export const REMOVE_AFTER_S = 300;

/** Vehicle status codes. */
export const VehicleStatus = { Pending: 0, EnRoute: 1, Arrived: 2, Stuck: 3, Unfinished: 4 } as const;

/** The vehicles and their routes: vehicle v drives links routeLinks[routeStart[v] .. routeStart[v+1]-1] (≥ 1 link). */
export interface MesoPlan {
  vehicleCount: number;
  departS: Int32Array;
  routeStart: Int32Array;
  routeLinks: Int32Array;
}

export interface QueueSimOptions {
  seed?: number;
  /** Wait before a blocked head vehicle squeezes onto the next link (default SQUEEZE_AFTER_S; Infinity: never). */
  squeezeAfterS?: number;
  /** Wait before a blocked head vehicle that cannot squeeze is removed (default REMOVE_AFTER_S). */
  removeAfterS?: number;
  /** Last step simulated; vehicles still on the road then are unfinished. */
  endS?: number;
  /** Visit every node each step in this order instead of only the woken ones (tests: any order, and the wake-ups, give the same result). */
  nodeOrder?: Uint32Array;
  /** Links closed in time windows (closures.ts): no entry and no exit while closed. */
  closures?: LinkClosures;
}

export interface QueueSimRun {
  status: Uint8Array;
  /** Arrival time (arrived), removal time (stuck) or the end step (unfinished); -1 while pending. */
  endS: Int32Array;
  /** Time each route position's link was entered (-1 if never): parallel to plan.routeLinks. */
  enterS: Int32Array;
  /** Route position a vehicle reached (for stuck and unfinished vehicles: where they were). */
  reached: Int32Array;
  arrived: number;
  stuck: number;
  unfinished: number;
  /** Vehicles squeezed onto a link past its storage. */
  squeezed: number;
  /** The step after the last one simulated. */
  lastS: number;
}

export function runQueueSim(net: MesoNetwork, plan: MesoPlan, opts: QueueSimOptions = {}): QueueSimRun {
  const seed = (opts.seed ?? 1) >>> 0;
  const squeezeAfter = opts.squeezeAfterS ?? SQUEEZE_AFTER_S;
  const removeAfter = opts.removeAfterS ?? REMOVE_AFTER_S;
  const { nodeCount: n, linkCount: m, firstOut, head, fftSteps, flowPerStep, storage, ringStart, ringSize, inFirst, inLink } = net;
  const { vehicleCount: nv, departS, routeStart, routeLinks } = plan;
  const order = opts.nodeOrder;

  // link state
  const ring = new Int32Array(net.ringTotal);
  const qHead = new Int32Array(m);
  const count = new Int32Array(m);
  const flowAcc = new Float64Array(m);
  const accAt = new Int32Array(m).fill(-1 << 30);
  const blockedSince = new Int32Array(m).fill(-1);
  const exitedAt = new Int32Array(m).fill(-1);
  const exitedN = new Int32Array(m);
  const waitHead = new Int32Array(m).fill(-1);
  const waitTail = new Int32Array(m).fill(-1);
  // time-windowed closures: open windows per link, updated at the start of each step
  const events = closureEvents(opts.closures);
  const closedNow = new Int32Array(m);
  let nextEvent = 0;
  // node state: vehicles that concern the node (on its incoming links or waiting on its outgoing ones)
  const nodeLoad = new Int32Array(n);
  // vehicle state
  const status = new Uint8Array(nv);
  const endS = new Int32Array(nv).fill(-1);
  const enterS = new Int32Array(routeLinks.length).fill(-1);
  const pos = new Int32Array(nv);
  const exitT = new Int32Array(nv);
  const waitNext = new Int32Array(nv).fill(-1);
  // merge scratch
  let maxIn = 1;
  for (let v = 0; v < n; v++) maxIn = Math.max(maxIn, inFirst[v + 1] - inFirst[v]);
  const cand = new Int32Array(maxIn);
  let maxFft = 1;
  for (let e = 0; e < m; e++) maxFft = Math.max(maxFft, fftSteps[e]);
  const wake = new NodeWake(n, maxFft + 2);
  const woken = new Int32Array(n);

  // vehicles with an empty route (trips that cannot run) never depart and stay Pending
  const runs: number[] = [];
  for (let veh = 0; veh < nv; veh++) if (routeStart[veh + 1] > routeStart[veh]) runs.push(veh);
  const departOrder = Uint32Array.from(runs.sort((a, b) => departS[a] - departS[b] || a - b));
  const departing = departOrder.length;
  let nextDepart = 0;
  let onRoad = 0; // departed, not yet done
  let arrived = 0;
  let stuck = 0;
  let squeezed = 0;
  let t = departing > 0 ? departS[departOrder[0]] : 0;
  const endStep = opts.endS ?? Number.MAX_SAFE_INTEGER;

  const enter = (veh: number, b: number, p: number, now: number): void => {
    // b has room (or squeeze room): the caller checked
    const slot = ringStart[b] + ((qHead[b] + count[b]) % ringSize[b]);
    ring[slot] = veh;
    count[b]++;
    pos[veh] = p;
    enterS[routeStart[veh] + p] = now;
    exitT[veh] = now + fftSteps[b];
    nodeLoad[head[b]]++;
    // a new head: its node acts once it has crossed
    if (count[b] === 1) wake.at(head[b], exitT[veh], now);
  };
  const room = (b: number, now: number): number => (closedNow[b] > 0 ? 0 : storage[b] - count[b] - (exitedAt[b] === now ? exitedN[b] : 0));
  const squeezeRoom = (b: number, now: number): boolean => closedNow[b] === 0 && count[b] + (exitedAt[b] === now ? exitedN[b] : 0) < ringSize[b];
  const popHead = (a: number, now: number): void => {
    qHead[a] = qHead[a] + 1 === ringSize[a] ? 0 : qHead[a] + 1;
    count[a]--;
    if (exitedAt[a] !== now) {
      exitedAt[a] = now;
      exitedN[a] = 0;
    }
    exitedN[a]++;
  };

  while (t < endStep && (nextDepart < departing || onRoad > 0)) {
    // 0. closures that start or end by now
    while (nextEvent < events.timeS.length && events.timeS[nextEvent] <= t) {
      closedNow[events.link[nextEvent]] += events.change[nextEvent];
      nextEvent++;
    }
    // 1. departures
    while (nextDepart < departing && departS[departOrder[nextDepart]] <= t) {
      const veh = departOrder[nextDepart++];
      const b = routeLinks[routeStart[veh]];
      status[veh] = VehicleStatus.EnRoute;
      if (waitTail[b] < 0) waitHead[b] = veh;
      else waitNext[waitTail[b]] = veh;
      waitTail[b] = veh;
      nodeLoad[net.tail[b]]++;
      wake.at(net.tail[b], t, t);
      onRoad++;
    }
    // 2. the nodes woken for this step
    const nw = wake.take(t, woken);
    for (let oi = 0, end = order ? n : nw; oi < end; oi++) {
      const v = order ? order[oi] : woken[oi];
      if (nodeLoad[v] === 0) continue;
      // candidates: incoming links whose head vehicle has crossed the link
      let k = 0;
      let wsum = 0;
      for (let i = inFirst[v], end = inFirst[v + 1]; i < end; i++) {
        const a = inLink[i];
        if (count[a] === 0 || closedNow[a] > 0 || exitT[ring[ringStart[a] + qHead[a]]] > t) continue;
        cand[k++] = a;
        wsum += flowPerStep[a];
      }
      for (let draw = 0; k > 0; draw++) {
        // pick one candidate with probability proportional to its capacity
        let pick = 0;
        if (k > 1) {
          let r = unitHash(seed, v, t, draw) * wsum;
          while (pick < k - 1 && (r -= flowPerStep[cand[pick]]) >= 0) pick++;
        }
        const a = cand[pick];
        wsum -= flowPerStep[a];
        cand[pick] = cand[--k];
        // lazy fractional flow accumulation: an idle link banks one step's capacity (at least one vehicle) plus its remainder
        const cap = flowPerStep[a];
        const carried = flowAcc[a];
        const bank = carried < 1 ? Math.max(1, carried + cap) : Math.max(1, cap);
        let acc = carried + cap * (t - accAt[a]);
        if (acc > bank) acc = bank;
        accAt[a] = t;
        while (count[a] > 0 && acc >= 1 - 1e-9) {
          const veh = ring[ringStart[a] + qHead[a]];
          if (exitT[veh] > t) break;
          const p = pos[veh] + 1;
          if (p === routeStart[veh + 1] - routeStart[veh]) {
            popHead(a, t);
            nodeLoad[v]--;
            acc -= 1;
            status[veh] = VehicleStatus.Arrived;
            endS[veh] = t;
            arrived++;
            onRoad--;
            blockedSince[a] = -1;
            continue;
          }
          const b = routeLinks[routeStart[veh] + p];
          if (room(b, t) > 0) {
            popHead(a, t);
            nodeLoad[v]--;
            acc -= 1;
            enter(veh, b, p, t);
            blockedSince[a] = -1;
            continue;
          }
          // spillback: the head waits for room on b
          if (blockedSince[a] < 0) blockedSince[a] = t;
          const waited = t - blockedSince[a];
          if (waited < squeezeAfter) break;
          if (squeezeRoom(b, t)) {
            popHead(a, t);
            nodeLoad[v]--;
            acc -= 1;
            enter(veh, b, p, t);
            squeezed++;
            blockedSince[a] = -1;
            continue;
          }
          if (waited < removeAfter) break;
          popHead(a, t);
          nodeLoad[v]--;
          status[veh] = VehicleStatus.Stuck;
          endS[veh] = t;
          stuck++;
          onRoad--;
          blockedSince[a] = -1;
        }
        flowAcc[a] = acc;
      }
      // waiting departures enter the node's outgoing links while there is room
      for (let b = firstOut[v], end = firstOut[v + 1]; b < end; b++) {
        let veh = waitHead[b];
        if (veh < 0) continue;
        let r = room(b, t);
        while (veh >= 0 && r > 0) {
          const next = waitNext[veh];
          waitNext[veh] = -1;
          nodeLoad[v]--;
          enter(veh, b, 0, t);
          r--;
          veh = next;
        }
        waitHead[b] = veh;
        if (veh < 0) waitTail[b] = -1;
      }
      // next step this node can act: every step while a head has crossed (it waits for room or
      // capacity) or a departure waits, else when its earliest head finishes crossing
      let next = NO_WAKE;
      for (let i = inFirst[v], end = inFirst[v + 1]; i < end; i++) {
        const a = inLink[i];
        if (count[a] === 0) continue;
        const x = exitT[ring[ringStart[a] + qHead[a]]];
        next = Math.min(next, x > t + 1 ? x : t + 1);
      }
      for (let b = firstOut[v], end = firstOut[v + 1]; b < end && next > t + 1; b++) if (waitHead[b] >= 0) next = t + 1;
      if (next < NO_WAKE) wake.at(v, next, t);
    }
    t++;
    // nothing on the road: jump to the next departure
    if (onRoad === 0 && nextDepart < departing && departS[departOrder[nextDepart]] > t) {
      t = Math.min(endStep, departS[departOrder[nextDepart]]);
      wake.clear();
    }
  }

  let unfinished = 0;
  for (let veh = 0; veh < nv; veh++) {
    if (status[veh] === VehicleStatus.EnRoute) {
      status[veh] = VehicleStatus.Unfinished;
      endS[veh] = t;
      unfinished++;
    }
  }
  return { status, endS, enterS, reached: pos, arrived, stuck, unfinished, squeezed, lastS: t };
}

/** A uniform number in [0, 1) from (seed, a, b, c): the same inputs always give the same draw. */
export function unitHash(seed: number, a: number, b: number, c: number): number {
  let h = (seed ^ Math.imul(a, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h ^= Math.imul(b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13), 0x27d4eb2f);
  h ^= Math.imul(c + 1, 0x165667b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

const NO_WAKE = 0x7fffffff;
