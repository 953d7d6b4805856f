/**
 * End-to-end run benchmark: `npx tsx bench/run.ts [--runs N] [--cities a,b]`.
 *
 * Wall seconds of a whole baseline run (graph load, demand, Algorithm B to relative gap 1e-4,
 * zone-pair times, metrics, writing the run directory) for Cuiabá (stand-in network) and Porto
 * Alegre (OSM), am-peak, seed 1, one worker; median of N forced runs (default 3) into a
 * temporary runs folder, after the city graph exists; then the same baseline with
 * `"model": "dynamic"` (equilibrium + mesoscopic simulation of 06:00–09:00 departures).
 * Prints the machine with the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../app/run-scenario.ts';
import type { Scenario } from '../engine/scenario/scenario.ts';
import { machineLine } from './machine.ts';
import { median } from './stats.ts';

const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(flag('--runs') ?? 3);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs is ${flag('--runs')}, expected a positive integer`);
  process.exit(2);
}
const cities = (flag('--cities') ?? 'cuiaba,porto-alegre').split(',');
const runsDir = mkdtempSync(join(tmpdir(), 'gemeo-bench-run-'));

try {
  console.log(`run (end to end, baseline am-peak, seed 1, algb gap 1e-4, 1 worker) — ${machineLine()}`);
  for (const city of cities) {
    const scenario: Scenario = { city, name: 'baseline', model: 'static', period: 'am-peak', seed: 1, demand: { scale: 1, tourists: true }, interventions: [] };
    const times: number[] = [];
    let last = await runScenario(scenario, { runsDir, force: true }); // warm-up; builds the graph if needed
    for (let r = 0; r < runs; r++) {
      last = await runScenario(scenario, { runsDir, force: true });
      times.push(last.seconds);
    }
    const cached = await runScenario(scenario, { runsDir });
    const { totals: t, edges, zones, assignment: a } = last.result;
    console.log(
      `${city.padEnd(14)} ${median(times).toFixed(2)} s (median of ${runs}; min ${Math.min(...times).toFixed(2)}) | ` +
        `${edges.count} edges, ${zones.count} zones, algb ${a.iterations} it ${a.seconds.toFixed(2)} s, gap ${a.relativeGap.toExponential(2)} | ` +
        `VKT ${Math.round(t.vkt)}, VHT ${Math.round(t.vht)}, mean trip ${t.meanTripMin.toFixed(2)} min | cached rerun ${cached.seconds.toFixed(3)} s`,
    );
    // the same run with the mesoscopic model on the equilibrium routes (period ± 1 h of departures)
    const dynamic: Scenario = { ...scenario, name: 'baseline dynamic', model: 'dynamic' };
    const dtimes: number[] = [];
    let dlast = await runScenario(dynamic, { runsDir, force: true });
    for (let r = 0; r < runs; r++) {
      dlast = await runScenario(dynamic, { runsDir, force: true });
      dtimes.push(dlast.seconds);
    }
    const d = dlast.result.dynamic!.summary;
    console.log(
      `${`${city} dyn`.padEnd(14)} ${median(dtimes).toFixed(2)} s (median of ${runs}; min ${Math.min(...dtimes).toFixed(2)}) | ` +
        `${d.vehicles} vehicles, ${d.arrived} arrived, ${d.stuck} stuck, conserved ${d.conserved} | mean travel ${(d.meanTravelTimeS / 60).toFixed(2)} min | simulation ${d.seconds.toFixed(2)} s`,
    );
  }
} finally {
  rmSync(runsDir, { recursive: true, force: true });
}
