/**
 * Where a dynamic-equilibrium run's time goes, and its gap against seconds:
 * `npx tsx bench/dynamic-profile.ts [--workers N] [--runs N] [--scenario baseline|closure]
 * [--variants 'scheme=swap,step=0.5;scheme=...'] [--seed N]`.
 *
 * Builds Porto Alegre's AM-peak dynamic inputs once through `gemeo run` (the tap of
 * app/run-dynamic.ts stops the run there), then runs the equilibrium loop of each variant on
 * them (`--seed`: another seed for the routes drawn from the static equilibrium, the queue
 * model's draws and the swaps, instead of the scenario's): per queue-model run the seconds since the loop started, the relative gap of all
 * vehicles, the vehicles moved, stuck and squeezed; then the seconds per phase (simulation,
 * experienced link times, best paths, gap, route swapping); and per run how the vehicles moved
 * before it fared (engine/meso/mover-check.ts). Prints the machine and load average.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { runDynamic } from '../app/run-dynamic.ts';
import { parseScenario } from '../engine/scenario/parse-scenario.ts';
import { bestPathsOnPool } from '../workers/meso-best-path-pool.ts';
import { DYNAMIC_BASELINE, dynamicInputs } from './dynamic-inputs.ts';
import { machineLine } from './machine.ts';

const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const workers = Number(flag('--workers') ?? 2);
const runs = Number(flag('--runs') ?? 13);
const which = flag('--scenario') ?? 'baseline';
const seed = flag('--seed');
const variants = (flag('--variants') ?? 'scheme=swap').split(';').map((v) => Object.fromEntries(v.split(',').map((kv) => kv.split('=')).map(([k, x]) => [k, Number.isFinite(Number(x)) ? Number(x) : x])));
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

const closureFile = new URL('../scenarios/porto-alegre/ipiranga-fechada-dinamico.json', import.meta.url).pathname;

console.log(`dynamic equilibrium profile, Porto Alegre AM peak (${which}), ${workers} worker(s) — ${machineLine()}; load average ${load()}`);
const t0 = performance.now();
const x = which === 'closure' ? await dynamicInputs(parseScenario(readFileSync(closureFile, 'utf8'), closureFile), workers, closureFile) : await dynamicInputs(DYNAMIC_BASELINE, workers);
console.log(`inputs built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
for (const v of variants) {
  const pool = workers > 1 ? bestPathsOnPool(workers) : undefined;
  const start = performance.now();
  console.log(`\nvariant ${JSON.stringify(v)}; load average ${load()}`);
  console.log('  run | seconds | relative gap | moved | stuck | squeezed | mean trip');
  const out = await runDynamic({
    ...x,
    ...(seed !== undefined ? { seed: Number(seed) } : {}),
    bestPathFn: pool?.find,
    due: { maxRuns: runs, gap: 0.02, ...v },
    onIteration: (h) => console.log(`  ${String(h.iteration + 1).padStart(3)} | ${((performance.now() - start) / 1000).toFixed(1).padStart(7)} | ${h.gap.toFixed(4).padStart(12)} | ${String(h.moved).padStart(5)} | ${String(h.stuck).padStart(5)} | ${String(h.squeezed).padStart(8)} | ${(h.meanTravelTimeS / 60).toFixed(1)} min`),
  }).finally(() => pool?.close());
  for (const [i, c] of out.moverChecks.entries()) console.log(`  run ${i + 2}: ${c.movers} movers predicted ${(c.predictedS / Math.max(1, c.movers) / 60).toFixed(1)} min, took ${(c.experiencedS / Math.max(1, c.movers) / 60).toFixed(1)} min; their share of the excess ${(100 * c.excessShare).toFixed(1)} %`);
  const d = out.dynamic.summary;
  const p = out.phases;
  console.log(`  phases (s): simulation ${p.simulation.toFixed(1)}, link times ${p.linkTimes.toFixed(1)}, best paths ${p.bestPaths.toFixed(1)}, gap ${p.gap.toFixed(2)}, swap ${p.swap.toFixed(2)}; total ${((performance.now() - start) / 1000).toFixed(1)} s`);
  console.log(`  final gap ${d.relativeGap.toFixed(4)} after ${d.iterations} runs; removed as stuck ${d.stuckTimedOut} (${((100 * d.stuckTimedOut) / d.vehicles).toFixed(3)} %), unfinished ${d.unfinished}, squeezed ${d.squeezed}, ended where a closure begins ${d.endedAtClosure ?? 0}; load average ${load()}`);
}
