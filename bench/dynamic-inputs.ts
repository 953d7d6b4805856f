/**
 * The inputs of a Porto Alegre dynamic run (network, trips, first routes), taken from
 * `gemeo run`'s own preparation through run-dynamic.ts's tap, so the dynamic benches run the
 * equilibrium on exactly what a run would. The run stops once its inputs are taken.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dynamicInputsTap, type DynamicInputs } from '../app/run-dynamic.ts';
import { runScenario } from '../app/run-scenario.ts';
import type { Scenario } from '../engine/scenario/scenario.ts';

/** Porto Alegre's dynamic AM-peak baseline. */
export const DYNAMIC_BASELINE: Scenario = { city: 'porto-alegre', name: 'baseline dynamic', model: 'dynamic', period: 'am-peak', seed: 1, demand: { scale: 1, tourists: true }, interventions: [] };

class Taken extends Error {}

export async function dynamicInputs(scenario: Scenario, workers: number, scenarioFile?: string): Promise<DynamicInputs> {
  const runsDir = mkdtempSync(join(tmpdir(), 'gemeo-bench-dynamic-'));
  let taken: DynamicInputs | undefined;
  dynamicInputsTap.take = (x) => {
    taken = x;
    throw new Taken();
  };
  try {
    await runScenario(scenario, { runsDir, force: true, workers, catalogue: false, scenarioFile });
  } catch (e) {
    if (!(e instanceof Taken)) throw e;
  } finally {
    dynamicInputsTap.take = undefined;
    rmSync(runsDir, { recursive: true, force: true });
  }
  return taken!;
}
