/**
 * The parts of Algorithm B that read link costs but never change link flows, over a range of
 * bush slots: planting the first bushes, updating bush topology, and the shortest-path
 * travel time behind the relative gap. They run in this thread or on a worker pool
 * (workers/algb-pool.ts) with bit-identical results, because every slot reads the same costs
 * and writes only its own slice of the bush storage (or its own SPTT entry).
 *
 * Terms: a BushWorkspace is what one thread needs: Bushes over the (shared) storage with its
 * own scratch labels, a PathTree, and the link state it reads. Flow shifting, which changes
 * link costs as it goes, is the other kind of step: it runs in this thread alone or in step
 * with one other (shift-pipeline.ts), never split by ranges.
 */
import { LinkState, type LinkColumns } from './algorithm-b-links.ts';
import { PathTree } from './algorithm-b-paths.ts';
import { ShiftPipeline, type ShiftBuffers } from './shift-pipeline.ts';
import { Bushes, type BushStorage } from './bush.ts';
import type { AssignmentNetwork, OdDemand } from './network.ts';
import { sharedCopy } from '../util/shared-array.ts';

/**
 * 'warm': the fast path of a warm start, for every slot with an ordered warm-start row
 * (Bushes.plantOrdered, no search; the bush then lacks the nodes that carried none of the
 * origin's flow, and those a closure cut off). 'repair': for the slots 'warm' planted without
 * some destinations (a closure moved their zone or cut their approach), a search at the
 * current costs joins every node to the bush and routes those destinations' demand. 'plant': a
 * slot's first bush at the current costs, warm where it can be, for the slots 'warm' did not
 * take. 'finish': the SPTT of 'sptt', and on the way the fast path's bushes completed from the
 * same search (Bushes.finish, no flow moves, so the gap holds). 'complete': that completion
 * alone, with each completed slot's SPTT, where no gap is measured (a repair moved demand).
 */
export type CostTask = 'warm' | 'repair' | 'plant' | 'finish' | 'complete' | 'update' | 'widen' | 'sptt';

/**
 * An earlier solution to start from (a warm start): for each listed origin zone, edges of this
 * network with a positive weight proportional to that origin's flow on them, as in
 * Bushes.plantWarm. Origins not listed start cold. Columns shareable with workers.
 */
export interface WarmStart {
  /** Origin zone ids, each at most once. */
  zone: Int32Array;
  /** Entries of zone[i]: edge[rowStart[i] .. rowStart[i+1]-1]. */
  rowStart: Uint32Array;
  edge: Int32Array;
  weight: Float32Array;
  /**
   * True where each row is grouped by head, heads in a topological order of the old bush (as
   * bushes store their edges): then 'warm' plants such origins with no search.
   */
  ordered?: boolean;
}

/** Per-slot outputs of cost tasks, shareable: SPTT for 'sptt', unreachable OD pairs and demand for 'plant'. */
export interface SlotOutput {
  sptt: Float64Array;
  /** 1 where 'warm' or 'plant' started the slot from the warm start ('plant' takes the slots where it is 0). */
  warm: Float64Array;
  /** 1 where 'warm' planted the slot and 'finish' has yet to complete its bush; 2 where 'repair' has yet to. */
  partial: Float64Array;
  unreachablePairs: Float64Array;
  unreachableDemand: Float64Array;
  /** Travel cost of slot s's flows on its bush at the costs of its last SPTT search (its excess is this minus sptt). */
  travel: Float64Array;
  /** Row s: slot s's shortest-path cost to every zone from its last SPTT search (NaN where none); empty unless asked for. */
  skim: Float32Array;
}

/** Per-slot outputs; `skimZones` > 0 adds a row of costs to that many zones per slot. */
export function slotOutput(slotCount: number, shared: boolean, skimZones = 0): SlotOutput {
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(Math.max(8, bytes)) : new ArrayBuffer(Math.max(8, bytes)));
  const column = () => new Float64Array(buffer(8 * slotCount));
  return { sptt: column(), warm: column(), partial: column(), unreachablePairs: column(), unreachableDemand: column(), travel: column(), skim: new Float32Array(buffer(4 * slotCount * skimZones), 0, slotCount * skimZones) };
}

export class BushWorkspace {
  readonly bushes: Bushes;
  readonly tree: PathTree;
  private readonly nodeDemand: Float64Array;
  private readonly weight: Float64Array;
  /** Scratch of 'repair': 1 on the nodes of the bush it completes. */
  private readonly inBush: Uint8Array;
  /** Row of the warm start for each zone, -1 where it has none. */
  private readonly warmRow: Int32Array;

  constructor(
    readonly net: AssignmentNetwork,
    readonly demand: OdDemand,
    origins: Int32Array,
    storage: BushStorage,
    /** The run's link state, or shared columns of it: cost tasks read its costs, shifting writes all three. */
    readonly links: LinkColumns,
    private readonly warmStart?: WarmStart,
    private readonly shiftBuffers?: ShiftBuffers,
  ) {
    this.bushes = new Bushes(net, origins, storage);
    this.tree = new PathTree(net);
    this.nodeDemand = new Float64Array(net.nodeCount);
    this.weight = new Float64Array(warmStart ? net.edgeCount : 0);
    this.inBush = new Uint8Array(warmStart ? net.nodeCount : 0);
    this.warmRow = new Int32Array(net.zoneCount).fill(-1);
    if (warmStart) for (let i = 0; i < warmStart.zone.length; i++) this.warmRow[warmStart.zone[i]] = i;
  }

  private pipeline: ShiftPipeline | undefined;

  /** The flow-shifting pipeline over this workspace's bushes and the run's link columns. */
  shifter(): ShiftPipeline {
    if (!this.shiftBuffers) throw new Error('BushWorkspace: no shift buffers were given');
    this.pipeline ??= new ShiftPipeline(this.bushes, this.links instanceof LinkState ? this.links : new LinkState(this.net, false, this.links), this.shiftBuffers);
    return this.pipeline;
  }

  /**
   * Runs `task` for slots [from, to); with `cursor`, only for the slots this thread takes from
   * it (cursor[0], shared by the threads of the step and starting at `from`, one slot at a
   * time: no thread idles while another has a long range left). A slot's result never depends
   * on the thread that ran it.
   */
  run(task: CostTask, from: number, to: number, out: SlotOutput, cursor?: Int32Array): void {
    const cost = this.links.cost;
    for (let s = cursor ? Atomics.add(cursor, 0, 1) : from; s < to; s = cursor ? Atomics.add(cursor, 0, 1) : s + 1) {
      if (task === 'warm') this.plantFast(s, out);
      else if (task === 'repair') {
        if (out.partial[s] === 2) this.repair(s, out);
      } else if (task === 'plant') {
        if (out.warm[s] === 0) this.plant(s, out);
      } else if (task === 'sptt') out.sptt[s] = this.sptt(s, out);
      else if (task === 'finish' || task === 'complete') {
        if (task === 'finish' || out.partial[s] === 1) out.sptt[s] = this.sptt(s, out);
        if (out.partial[s] === 1) this.bushes.finish(s, this.tree.pred, this.tree.dist);
        out.partial[s] = 0;
      } else if (this.shiftBuffers?.active[s] !== 0) this.bushes.update(s, cost, task === 'widen');
    }
  }

  /** Slot s from the warm start without a search (else left to 'plant'); destinations it no longer reaches are left to 'repair'. */
  private plantFast(s: number, out: SlotOutput): void {
    const { nodeDemand, demand } = this;
    const o = this.bushes.origins[s];
    const row = this.warmRow[o];
    out.warm[s] = 0;
    out.partial[s] = 0;
    if (row < 0 || !this.warmStart?.ordered) return;
    for (let q = demand.rowStart[o]; q < demand.rowStart[o + 1]; q++) if (demand.flow[q] > 0 && demand.dest[q] !== o) nodeDemand[demand.dest[q]] += demand.flow[q];
    const { rowStart, edge, weight } = this.warmStart;
    const planted = this.bushes.plantOrdered(s, edge, weight, rowStart[row], rowStart[row + 1], nodeDemand);
    nodeDemand.fill(0);
    if (planted === 'refused') return;
    // every destination reached over old edges, or left to 'repair', which counts what it cannot reach
    out.unreachablePairs[s] = 0;
    out.unreachableDemand[s] = 0;
    out.warm[s] = 1;
    out.partial[s] = planted === 'deferred' ? 2 : 1;
  }

  /** Completes slot s's fast-path bush from a search at the current costs, and routes the demand of the destinations it lacked. */
  private repair(s: number, out: SlotOutput): void {
    const { tree, nodeDemand, bushes } = this;
    const o = bushes.origins[s];
    tree.distances(o, this.links.cost);
    const inBush = this.inBush;
    const orderBase = s * this.net.nodeCount;
    for (let k = 0, len = bushes.orderLength[s]; k < len; k++) inBush[bushes.order[orderBase + k]] = 1;
    this.loadDemand(s, out, inBush);
    for (let k = 0, len = bushes.orderLength[s]; k < len; k++) inBush[bushes.order[orderBase + k]] = 0;
    bushes.finish(s, tree.pred, tree.dist);
    bushes.route(s, nodeDemand);
    out.partial[s] = 0;
    this.excessAtPlanting(s, out);
  }

  /** Slot s's first bush: from the warm start where it has one, else the shortest-path tree at the current costs. */
  private plant(s: number, out: SlotOutput): void {
    const { tree, nodeDemand } = this;
    const o = this.bushes.origins[s];
    const row = this.warmRow[o];
    out.warm[s] = 0;
    if (row >= 0 && this.warmStart) {
      // Any order of the reached nodes will do here (plantWarm sorts): the faster search.
      tree.distances(o, this.links.cost);
      this.loadDemand(s, out);
      const reached = tree.settled;
      let count = 0;
      reached[count++] = o;
      for (let v = 0; v < this.net.nodeCount; v++) if (v !== o && tree.dist[v] < Infinity) reached[count++] = v;
      const { rowStart, edge, weight } = this.warmStart;
      for (let q = rowStart[row]; q < rowStart[row + 1]; q++) this.weight[edge[q]] = weight[q];
      // plantWarm leaves nodeDemand untouched when it fails, for the cold plant below
      const ok = this.bushes.plantWarm(s, this.weight, tree.pred, reached, count, nodeDemand);
      for (let q = rowStart[row]; q < rowStart[row + 1]; q++) this.weight[edge[q]] = 0;
      if (ok) {
        out.warm[s] = 1;
        this.excessAtPlanting(s, out);
        return;
      }
      nodeDemand.fill(0);
    }
    tree.run(o, this.links.cost);
    this.loadDemand(s, out);
    this.bushes.plant(s, tree.pred, tree.settled, tree.settledCount, nodeDemand);
    this.excessAtPlanting(s, out);
  }

  /** Slot s's SPTT and travel just after its search and planting: its excess where no gap check follows (a warm start's repairs). */
  private excessAtPlanting(s: number, out: SlotOutput): void {
    out.sptt[s] = this.spttOfTree(s);
    out.travel[s] = this.bushes.travel(s, this.links.cost);
  }

  /** nodeDemand[d] = slot s's demand to each destination the last search reached (but those skip marks); counts the rest as unreachable. */
  private loadDemand(s: number, out: SlotOutput, skip?: Uint8Array): void {
    const { demand, tree, nodeDemand } = this;
    const o = this.bushes.origins[s];
    let pairs = 0;
    let lost = 0;
    for (let q = demand.rowStart[o]; q < demand.rowStart[o + 1]; q++) {
      const d = demand.dest[q];
      const flow = demand.flow[q];
      if (!(flow > 0) || d === o || skip?.[d] === 1) continue;
      if (tree.dist[d] === Infinity) {
        pairs++;
        lost += flow;
      } else nodeDemand[d] += flow;
    }
    out.unreachablePairs[s] = pairs;
    out.unreachableDemand[s] = lost;
  }

  /** Shortest-path travel time of slot s's demand at the current costs (and its row of out.skim, if kept). */
  private sptt(s: number, out: SlotOutput): number {
    const { tree } = this;
    const o = this.bushes.origins[s];
    tree.distances(o, this.links.cost);
    if (out.skim.length > 0) {
      const z = this.net.zoneCount;
      for (let j = 0, at = s * z; j < z; j++) out.skim[at + j] = tree.dist[j] < Infinity ? tree.dist[j] : NaN;
    }
    out.travel[s] = this.bushes.travel(s, this.links.cost);
    return this.spttOfTree(s);
  }

  /** Slot s's demand times the last search's distances. */
  private spttOfTree(s: number): number {
    const { demand, tree } = this;
    const o = this.bushes.origins[s];
    let sum = 0;
    for (let q = demand.rowStart[o]; q < demand.rowStart[o + 1]; q++) {
      const d = demand.dest[q];
      const dist = tree.dist[d];
      if (d !== o && demand.flow[q] > 0 && dist < Infinity) sum += demand.flow[q] * dist;
    }
    return sum;
  }
}

/** Runs cost tasks over all slots: in this thread, or split over a worker pool; and flow-shifting sweeps. */
export interface CostTaskRunner {
  readonly workers: number;
  /** Runs `task` for slots [from, to) (default: all). */
  run(task: CostTask, from?: number, to?: number): Promise<void>;
  /** A round of flow shifting over every bush (shift-pipeline.ts); resolves to its largest single shift. */
  shift(): Promise<number>;
  close(): Promise<void>;
}

/** What a pool needs to build its workspaces; every array lives in a SharedArrayBuffer. */
export interface BushPoolSetup {
  net: AssignmentNetwork;
  demand: OdDemand;
  origins: Int32Array;
  storage: BushStorage;
  /** The run's link columns: costs read by cost tasks, all three written by shifting. */
  links: LinkColumns;
  /** The next slot to take in a cost task's range (one Int32, shared). */
  cursor: Int32Array;
  shift: ShiftBuffers;
  out: SlotOutput;
  warmStart?: WarmStart;
}

/** Makes a CostTaskRunner over `threads` worker threads (workers/algb-pool.ts `poolBushRunner`). */
export type BushPoolFactory = (setup: BushPoolSetup, threads: number) => Promise<CostTaskRunner>;

export class InProcessCostTasks implements CostTaskRunner {
  readonly workers = 1;
  constructor(
    private readonly ws: BushWorkspace,
    private readonly slotCount: number,
    private readonly out: SlotOutput,
  ) {}

  async run(task: CostTask, from = 0, to = this.slotCount): Promise<void> {
    this.ws.run(task, from, to, this.out);
  }

  async shift(): Promise<number> {
    return this.ws.shifter().round();
  }

  async close(): Promise<void> {}
}


/** The network, demand and warm start with every column in a SharedArrayBuffer (copied where it is not). */
export function sharedProblem(net: AssignmentNetwork, demand: OdDemand, warm?: WarmStart): { net: AssignmentNetwork; demand: OdDemand; warmStart?: WarmStart } {
  return {
    ...(warm ? { warmStart: { ...warm, zone: sharedCopy(warm.zone), rowStart: sharedCopy(warm.rowStart), edge: sharedCopy(warm.edge), weight: sharedCopy(warm.weight) } } : {}),
    // only the fields of an AssignmentNetwork: whatever else the caller's object carries
    // (a road network's edge map, say) would be copied into every task message
    net: {
      nodeCount: net.nodeCount,
      edgeCount: net.edgeCount,
      zoneCount: net.zoneCount,
      firstThruNode: net.firstThruNode,
      tollFactor: net.tollFactor,
      distanceFactor: net.distanceFactor,
      firstOut: sharedCopy(net.firstOut),
      tail: sharedCopy(net.tail),
      head: sharedCopy(net.head),
      freeFlowTime: sharedCopy(net.freeFlowTime),
      capacity: sharedCopy(net.capacity),
      alpha: sharedCopy(net.alpha),
      beta: sharedCopy(net.beta),
      toll: sharedCopy(net.toll),
      length: sharedCopy(net.length),
      ...(net.preload ? { preload: sharedCopy(net.preload) } : {}),
    },
    demand: { zoneCount: demand.zoneCount, total: demand.total, rowStart: sharedCopy(demand.rowStart), dest: sharedCopy(demand.dest), flow: sharedCopy(demand.flow) },
  };
}
