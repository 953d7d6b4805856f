/**
 * The parts of Algorithm B that read link costs but never change link flows, over a range of
 * bush slots: planting the first bushes, updating bush topology, and the shortest-path
 * travel time behind the relative gap. They run in this thread or on a worker pool
 * (workers/algb-pool.ts) with bit-identical results, because every slot reads the same costs
 * and writes only its own slice of the bush storage (or its own SPTT entry).
 *
 * Terms: a BushWorkspace is what one thread needs: Bushes over the (shared) storage with its
 * own scratch labels, a PathTree, and the link state it reads. Flow shifting, which changes
 * link costs as it goes, stays in the run's own thread (algorithm-b.ts).
 */
import { PathTree } from './algorithm-b-paths.ts';
import { Bushes, type BushStorage } from './bush.ts';
import type { AssignmentNetwork, OdDemand } from './network.ts';

export type CostTask = 'plant' | 'update' | 'widen' | 'sptt';

/** Per-slot outputs of cost tasks, shareable: SPTT for 'sptt', unreachable OD pairs and demand for 'plant'. */
export interface SlotOutput {
  sptt: Float64Array;
  unreachablePairs: Float64Array;
  unreachableDemand: Float64Array;
}

export function slotOutput(slotCount: number, shared: boolean): SlotOutput {
  const column = () => new Float64Array(shared ? new SharedArrayBuffer(8 * Math.max(1, slotCount)) : new ArrayBuffer(8 * Math.max(1, slotCount)));
  return { sptt: column(), unreachablePairs: column(), unreachableDemand: column() };
}

export class BushWorkspace {
  readonly bushes: Bushes;
  readonly tree: PathTree;
  private readonly nodeDemand: Float64Array;

  constructor(
    readonly net: AssignmentNetwork,
    readonly demand: OdDemand,
    origins: Int32Array,
    storage: BushStorage,
    /** Costs are read from here (the run's link state, or shared columns of it). */
    readonly links: { cost: Float64Array },
  ) {
    this.bushes = new Bushes(net, origins, storage);
    this.tree = new PathTree(net);
    this.nodeDemand = new Float64Array(net.nodeCount);
  }

  /** Runs `task` for slots [from, to). */
  run(task: CostTask, from: number, to: number, out: SlotOutput): void {
    const cost = this.links.cost;
    for (let s = from; s < to; s++) {
      if (task === 'plant') this.plant(s, out);
      else if (task === 'sptt') out.sptt[s] = this.sptt(s);
      else this.bushes.update(s, cost, task === 'widen');
    }
  }

  /** Slot s's first bush: the shortest-path tree at the current costs, loaded with its demand. */
  private plant(s: number, out: SlotOutput): void {
    const { demand, tree, nodeDemand } = this;
    const o = this.bushes.origins[s];
    tree.run(o, this.links.cost);
    let pairs = 0;
    let lost = 0;
    for (let q = demand.rowStart[o]; q < demand.rowStart[o + 1]; q++) {
      const d = demand.dest[q];
      const flow = demand.flow[q];
      if (!(flow > 0) || d === o) continue;
      if (tree.dist[d] === Infinity) {
        pairs++;
        lost += flow;
      } else nodeDemand[d] += flow;
    }
    out.unreachablePairs[s] = pairs;
    out.unreachableDemand[s] = lost;
    this.bushes.plant(s, tree.pred, tree.settled, tree.settledCount, nodeDemand);
  }

  /** Shortest-path travel time of slot s's demand at the current costs. */
  private sptt(s: number): number {
    const { demand, tree } = this;
    const o = this.bushes.origins[s];
    tree.distances(o, this.links.cost);
    let sum = 0;
    for (let q = demand.rowStart[o]; q < demand.rowStart[o + 1]; q++) {
      const d = demand.dest[q];
      const dist = tree.dist[d];
      if (d !== o && demand.flow[q] > 0 && dist < Infinity) sum += demand.flow[q] * dist;
    }
    return sum;
  }
}

/** Runs cost tasks over all slots: in this thread, or split over a worker pool. */
export interface CostTaskRunner {
  readonly workers: number;
  /** Runs `task` for slots [from, to) (default: all). */
  run(task: CostTask, from?: number, to?: number): Promise<void>;
  close(): Promise<void>;
}

/** What a pool needs to build its workspaces; every array lives in a SharedArrayBuffer. */
export interface BushPoolSetup {
  net: AssignmentNetwork;
  demand: OdDemand;
  origins: Int32Array;
  storage: BushStorage;
  /** The run's link costs, read by workers at each task. */
  cost: Float64Array;
  out: SlotOutput;
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

  async close(): Promise<void> {}
}


/** The network and demand with every column in a SharedArrayBuffer (copied where it is not). */
export function sharedProblem(net: AssignmentNetwork, demand: OdDemand): { net: AssignmentNetwork; demand: OdDemand } {
  return {
    net: {
      ...net,
      firstOut: shared(net.firstOut),
      tail: shared(net.tail),
      head: shared(net.head),
      freeFlowTime: shared(net.freeFlowTime),
      capacity: shared(net.capacity),
      alpha: shared(net.alpha),
      beta: shared(net.beta),
      toll: shared(net.toll),
      length: shared(net.length),
    },
    demand: { ...demand, rowStart: shared(demand.rowStart), dest: shared(demand.dest), flow: shared(demand.flow) },
  };
}

function shared<T extends Uint32Array | Float64Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const copy = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
  copy.set(a as never);
  return copy;
}
