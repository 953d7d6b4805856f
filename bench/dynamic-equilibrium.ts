/**
 * Dynamic user equilibrium on Porto Alegre: `npx tsx bench/dynamic-equilibrium.ts [--workers N]
 * [--reroute N] [--scheme capacity|swap|sample] [--step X] [--scenarios baseline,closure]`.
 *
 * One forced `gemeo run` each of Porto Alegre's AM peak in the dynamic model (departures
 * 06:00–09:00): the baseline, and the timed closure of Avenida Ipiranga 07:00–08:00
 * (scenarios/porto-alegre/ipiranga-fechada-dinamico.json). Prints, run by run, the vehicles moved,
 * the relative gap of all vehicles, arrivals, stuck vehicles and squeezes; then wall time, the
 * share of vehicles removed as stuck and the final gap. Prints the machine with the figures.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../app/run-scenario.ts';
import { parseScenario } from '../engine/scenario/parse-scenario.ts';
import type { Scenario } from '../engine/scenario/scenario.ts';
import { machineLine } from './machine.ts';

const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const workers = Number(flag('--workers') ?? 2);
const reroute = flag('--reroute') !== undefined ? Number(flag('--reroute')) : undefined;
const scheme = flag('--scheme') as 'capacity' | 'swap' | 'sample' | undefined;
const step = flag('--step') !== undefined ? Number(flag('--step')) : undefined;
const which = (flag('--scenarios') ?? 'baseline,closure').split(',');
const runsDir = mkdtempSync(join(tmpdir(), 'gemeo-bench-due-'));
const closureFile = new URL('../scenarios/porto-alegre/ipiranga-fechada-dinamico.json', import.meta.url).pathname;

try {
  console.log(`dynamic equilibrium, Porto Alegre AM peak, ${workers} worker(s) — ${machineLine()}`);
  const dynamic = { ...(reroute !== undefined ? { reroute } : {}), ...(scheme ? { scheme } : {}), ...(step !== undefined ? { step } : {}) };
  const cases: [string, Scenario, string | undefined][] = [];
  if (which.includes('baseline')) cases.push(['baseline', { city: 'porto-alegre', name: 'baseline dynamic', model: 'dynamic', period: 'am-peak', seed: 1, demand: { scale: 1, tourists: true }, dynamic, interventions: [] }, undefined]);
  if (which.includes('closure')) {
    const s = parseScenario(readFileSync(closureFile, 'utf8'), closureFile);
    cases.push(['Ipiranga closed 07:00–08:00', { ...s, dynamic: { ...s.dynamic, ...dynamic } }, closureFile]);
  }
  for (const [label, scenario, scenarioFile] of cases) {
    const t0 = performance.now();
    // progress on stderr: which queue-model run, and when
    const onProgress = (stage: string, done: number) => stage === 'simulate' && done > 0 && process.stderr.write(`  ${label}: queue-model run ${done} done at ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    const r = await runScenario(scenario, { runsDir, force: true, workers, scenarioFile, onProgress });
    const d = r.result.dynamic!.summary;
    console.log(`\n${label}: ${d.vehicles} vehicles`);
    console.log('  run | moved before | relative gap | arrived | stuck | squeezed | mean trip');
    for (const h of d.history) console.log(`  ${String(h.iteration + 1).padStart(3)} | ${String(h.moved).padStart(12)} | ${h.gap.toFixed(4).padStart(12)} | ${String(h.arrived).padStart(7)} | ${String(h.stuck).padStart(5)} | ${String(h.squeezed).padStart(8)} | ${(h.meanTravelTimeS / 60).toFixed(1)} min`);
    console.log(`  wall ${r.seconds.toFixed(1)} s (simulation and equilibrium ${d.seconds.toFixed(1)} s), ${d.iterations} queue-model runs, final relative gap ${d.relativeGap.toFixed(4)}, removed as stuck ${d.stuckTimedOut} (${((100 * d.stuckTimedOut) / d.vehicles).toFixed(3)} %), unfinished ${d.unfinished}, squeezed ${d.squeezed}`);
  }
} finally {
  rmSync(runsDir, { recursive: true, force: true });
}
