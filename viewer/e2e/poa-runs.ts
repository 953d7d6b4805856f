/**
 * The two real Porto Alegre runs the browser tests and the viewer benchmark load: the baseline
 * of the morning peak and the same hour with an 8,000-person event at the Beira-Rio stadium
 * (arrivals fall in the peak). Made with runScenario into a runs folder under the system's
 * temporary directory and reused while their inputs are unchanged (the run cache: about 75 s a
 * run on 2 cores the first time, well under a second after).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../app/run-scenario.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';

export const E2E_RUNS_DIR = process.env.GEMEO_E2E_RUNS ?? join(tmpdir(), 'gemeo-e2e-runs');

export const POA_BASELINE: Scenario = {
  city: 'porto-alegre',
  name: 'Linha de base',
  model: 'static',
  period: 'am-peak',
  seed: 1,
  demand: { scale: 1, tourists: true },
  interventions: [],
};

export const POA_EVENT: Scenario = {
  ...POA_BASELINE,
  name: 'Jogo no Beira-Rio',
  interventions: [{ type: 'event', name: 'Estádio Beira-Rio', at: [-51.2364, -30.0656], attendance: 8_000, from: '08:15', to: '10:15' }],
};

export interface PoaRuns {
  runsDir: string;
  /** runDir of each run relative to runsDir (what the viewer's URLs name). */
  a: string;
  b: string;
  absA: string;
  absB: string;
  seconds: number;
}

export async function poaRuns(runsDir = E2E_RUNS_DIR): Promise<PoaRuns> {
  const started = performance.now();
  const a = await runScenario(POA_BASELINE, { runsDir, workers: 2 });
  const b = await runScenario(POA_EVENT, { runsDir, workers: 2 });
  const rel = (dir: string) => dir.slice(runsDir.length + 1).split(/[\\/]/).join('/');
  return { runsDir, a: rel(a.runDir), b: rel(b.runDir), absA: a.runDir, absB: b.runDir, seconds: (performance.now() - started) / 1000 };
}
