/**
 * Where the relative gap of a dynamic run lives: `npx tsx bench/dynamic-gap.ts [--workers N]
 * [--runs N] [--at 5,10,21] [--variant 'scheme=capacity,step=1'] [--sample 20] [--reseed 2]`.
 *
 * Runs Porto Alegre's AM-peak equilibrium loop (inputs as bench/dynamic-profile.ts builds them)
 * and, after each run listed in --at, splits the gap's numerator Σ (experienced − best) by the
 * vehicle's departure interval, the length of its best path, the worst delay it met on one link,
 * whether its group (origin, destination, interval) drives the best path, the group's number of
 * distinct routes and the vehicle's relative excess; then into the part the bin-averaged link
 * times do not see (experienced − own route priced on them) and route choice (own route priced −
 * best). For every --sample-th vehicle it also grows a tree from the vehicle's own departure
 * second: the gap against that exact best time, beside the per-interval one. After every run it
 * says how much of the positive excess is with vehicles that had none the run before; at the end
 * it runs the last plan again with --reseed other seeds of the queue model (the gap of one plan).
 */
import { loadavg } from 'node:os';
import { DYNAMIC_MARGIN_S, runDynamic } from '../app/run-dynamic.ts';
import { equilibriumTap, LINK_TIME_BIN_S, type MeasuredRun } from '../engine/meso/dynamic-equilibrium.ts';
import { routeTime } from '../engine/meso/path-cost.ts';
import { bestPathOrder, bestPaths } from '../engine/meso/best-paths.ts';
import { mesoNetwork } from '../engine/meso/meso-network.ts';
import { runQueueSim, VehicleStatus } from '../engine/meso/queue-sim.ts';
import { relativeGap } from '../engine/meso/relative-gap.ts';
import { experiencedTimes } from '../engine/meso/simulate.ts';
import { TdTree } from '../engine/meso/td-tree.ts';
import { bestPathsOnPool } from '../workers/meso-best-path-pool.ts';
import { DYNAMIC_BASELINE, dynamicInputs } from './dynamic-inputs.ts';
import { machineLine } from './machine.ts';

const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const workers = Number(flag('--workers') ?? 2);
const runs = Number(flag('--runs') ?? 21);
const at = new Set((flag('--at') ?? String(runs)).split(',').map(Number));
const sample = Number(flag('--sample') ?? 20);
const reseeds = Number(flag('--reseed') ?? 2);
const variant = Object.fromEntries((flag('--variant') ?? 'scheme=capacity,step=1').split(',').map((kv) => kv.split('=')).map(([k, x]) => [k, Number.isFinite(Number(x)) ? Number(x) : x]));
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');


/** Σ experienced and Σ excess per bucket label. */
class Split {
  readonly rows = new Map<string, { n: number; took: number; excess: number }>();
  add(label: string, took: number, excess: number): void {
    const r = this.rows.get(label) ?? { n: 0, took: 0, excess: 0 };
    r.n++;
    r.took += took;
    r.excess += excess;
    this.rows.set(label, r);
  }
  print(title: string, totalTook: number, totalExcess: number): void {
    console.log(`  by ${title}:  vehicles | share of time | share of excess | gap within`);
    for (const [label, r] of [...this.rows].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      console.log(`    ${label.padEnd(28)} ${String(r.n).padStart(7)} | ${((100 * r.took) / totalTook).toFixed(1).padStart(6)} % | ${((100 * r.excess) / totalExcess).toFixed(1).padStart(6)} % | ${(r.excess / r.took).toFixed(4)}`);
    }
  }
}

const bucket = (x: number, edges: number[], unit: string) => {
  for (let i = 0; i < edges.length; i++) if (x < edges[i]) return `${String.fromCharCode(97 + i)}) < ${edges[i]}${unit}`;
  return `${String.fromCharCode(97 + edges.length)}) ≥ ${edges[edges.length - 1]}${unit}`;
};

function routeHash(links: Int32Array, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ links[i], 0x01000193) >>> 0;
  return (h ^ (b - a)) >>> 0;
}

function decompose(m: MeasuredRun, fftS: Float64Array): void {
  const { plan, run, times, trips, best, intervalS, graph, origin, dest } = m;
  const { departS, routeStart, routeLinks } = plan;
  // groups (origin, destination, interval): distinct routes, and whether the best path is driven
  const key = (t: number) => `${origin[t]}:${dest[t]}:${Math.floor(departS[t] / intervalS)}`;
  const routesOf = new Map<string, Set<number>>();
  const ok: number[] = [];
  for (let i = 0; i < trips.length; i++) {
    const t = trips[i];
    if (run.status[t] === VehicleStatus.Pending || !Number.isFinite(best.timeS[i])) continue;
    ok.push(i);
    const k = key(t);
    let s = routesOf.get(k);
    if (!s) routesOf.set(k, (s = new Set()));
    s.add(routeHash(routeLinks, routeStart[t], routeStart[t + 1]));
  }
  const bySlot = new Split();
  const byLength = new Split();
  const byDelay = new Split();
  const byBest = new Split();
  const bySet = new Split();
  const byRel = new Split();
  let took = 0;
  let excess = 0;
  let unseen = 0;
  let choice = 0;
  for (const i of ok) {
    const t = trips[i];
    const e = run.endS[t] - departS[t];
    took += e;
    excess += e - best.timeS[i];
  }
  for (const i of ok) {
    const t = trips[i];
    const e = run.endS[t] - departS[t];
    const x = e - best.timeS[i];
    const own = routeTime(times, routeLinks, routeStart[t], routeStart[t + 1], departS[t]);
    unseen += e - own;
    choice += own - best.timeS[i];
    const h = (Math.floor(departS[t] / intervalS) * intervalS) / 3600;
    bySlot.add(`${String(Math.floor(h)).padStart(2, '0')}:${String(Math.round((h % 1) * 60)).padStart(2, '0')}`, e, x);
    byLength.add(bucket(best.timeS[i] / 60, [5, 10, 20, 30], ' min best'), e, x);
    let worst = 0;
    for (let k = routeStart[t]; k < routeStart[t + 1]; k++) {
      if (run.enterS[k] < 0) break;
      const out = k + 1 < routeStart[t + 1] && run.enterS[k + 1] >= 0 ? run.enterS[k + 1] : run.endS[t];
      worst = Math.max(worst, out - run.enterS[k] - fftS[routeLinks[k]]);
    }
    byDelay.add(run.status[t] === VehicleStatus.Arrived ? bucket(worst, [30, 120, 300, 900], ' s worst link delay') : 'z) stuck or unfinished', e, x);
    const bh = routeHash(best.links, best.starts[i], best.starts[i + 1]);
    const mine = routeHash(routeLinks, routeStart[t], routeStart[t + 1]);
    const set = routesOf.get(key(t))!;
    byBest.add(mine === bh ? 'a) on the best path' : set.has(bh) ? 'b) best path in group set' : 'c) best path new to group', e, x);
    bySet.add(bucket(set.size, [2, 3, 5, 10], ' routes in group'), e, x);
    byRel.add(bucket(x / e, [0, 0.05, 0.15, 0.3, 0.5], ' relative excess'), e, x);
  }
  console.log(`\n  after run ${m.index + 1}: gap ${m.gap.toFixed(4)} over ${ok.length} vehicles, Σ experienced ${(took / 3600).toFixed(0)} veh·h, Σ excess ${(excess / 3600).toFixed(0)} veh·h`);
  console.log(`  excess = experienced − own route on the binned times ${((100 * unseen) / excess).toFixed(1)} % + own route − best ${((100 * choice) / excess).toFixed(1)} %`);
  bySlot.print('departure interval', took, excess);
  byLength.print('best-path time', took, excess);
  byDelay.print('worst delay on one link', took, excess);
  byBest.print('best path and the group', took, excess);
  bySet.print('routes in the group', took, excess);
  byRel.print('relative excess', took, excess);

  // exact best time for the departure second, on a sample
  const tree = new TdTree(graph.nodeCount);
  let sTook = 0;
  let sExcess = 0;
  let sExact = 0;
  let sBetter = 0;
  let count = 0;
  const one = new Int32Array(1);
  const t0 = performance.now();
  for (let j = 0; j < ok.length; j += sample) {
    const i = ok[j];
    const t = trips[i];
    one[0] = dest[t];
    tree.grow(graph, times, origin[t], departS[t], one, 0, 1);
    const exact = tree.timeTo(dest[t]);
    if (!Number.isFinite(exact)) continue;
    const e = run.endS[t] - departS[t];
    sTook += e;
    sExcess += e - best.timeS[i];
    sExact += e - exact;
    if (exact < best.timeS[i] - 1e-6) sBetter++;
    count++;
  }
  console.log(`  every ${sample}th vehicle (${count}, ${((performance.now() - t0) / 1000).toFixed(1)} s of trees): gap on the interval's best path ${(sExcess / sTook).toFixed(4)}, on the best path for the departure second ${(sExact / sTook).toFixed(4)}; the second's path faster for ${((100 * sBetter) / count).toFixed(1)} %`);
}

console.log(`dynamic gap decomposition, Porto Alegre AM peak, ${workers} worker(s) — ${machineLine()}; load average ${load()}`);
const x = await dynamicInputs(DYNAMIC_BASELINE, workers);
const fftS = Float64Array.from(x.graph.freeFlowS, (f) => (Number.isFinite(f) && f > 1 ? Math.round(f) : 1));
let last: MeasuredRun | undefined;
let before: Float64Array | undefined;
equilibriumTap.measured = (m) => {
  last = m;
  // each vehicle's excess against the run before: how much of this run's is new (churn) and how much stayed
  const now = new Float64Array(m.plan.vehicleCount);
  for (let i = 0; i < m.trips.length; i++) {
    const t = m.trips[i];
    if (m.run.status[t] !== VehicleStatus.Pending && Number.isFinite(m.best.timeS[i])) now[t] = m.run.endS[t] - m.plan.departS[t] - m.best.timeS[i];
  }
  let churn = '';
  if (before) {
    let fresh = 0;
    let kept = 0;
    let all = 0;
    for (let t = 0; t < now.length; t++) {
      if (!(now[t] > 0)) continue;
      all += now[t];
      if (before[t] > 0) kept += Math.min(now[t], before[t]);
      else fresh += now[t];
    }
    churn = `; of the positive excess ${((100 * fresh) / all).toFixed(1)} % with vehicles that had none the run before, ${((100 * kept) / all).toFixed(1)} % kept from it`;
  }
  before = now;
  console.log(`  run ${m.index + 1}: gap ${m.gap.toFixed(4)}${churn}; load average ${load()}`);
  if (at.has(m.index + 1)) decompose(m, fftS);
};
const pool = workers > 1 ? bestPathsOnPool(workers) : undefined;
const start = performance.now();
try {
  await runDynamic({ ...x, bestPathFn: pool?.find, due: { maxRuns: runs, gap: 0.02, ...variant } });
  console.log(`\nloop ${((performance.now() - start) / 1000).toFixed(1)} s (decompositions included); load average ${load()}`);
  // the same last plan run again with other seeds of the queue model's merge draws: how much of the gap is the run's own noise
  const m = last!;
  const net = mesoNetwork(x.graph);
  const endS = x.period.endS + DYNAMIC_MARGIN_S + 3 * 3600;
  for (let r = 0; r <= reseeds; r++) {
    const run = runQueueSim(net, m.plan, { seed: x.seed + r, endS, closures: x.closures });
    const times = experiencedTimes(net, m.plan, run, LINK_TIME_BIN_S, x.closures);
    const ran = Uint8Array.from(m.plan.departS, (_d, t) => (run.status[t] !== VehicleStatus.Pending && m.plan.routeStart[t + 1] > m.plan.routeStart[t] ? 1 : 0));
    const trips = bestPathOrder(m.origin, m.plan.departS, ran, m.intervalS);
    const best = pool ? await pool.find(m.graph, times, m.origin, m.dest, m.plan.departS, trips, m.intervalS) : bestPaths(m.graph, times, m.origin, m.dest, m.plan.departS, trips, m.intervalS);
    let vehS = 0;
    for (const t of trips) vehS += run.endS[t] - m.plan.departS[t];
    console.log(`  last plan, queue-model seed ${x.seed + r}: gap ${relativeGap(run, m.plan.departS, trips, best.timeS).toFixed(4)}, stuck ${run.stuck}, squeezed ${run.squeezed}, ${(vehS / 3600).toFixed(0)} veh·h`);
  }
} finally {
  pool?.close();
}
