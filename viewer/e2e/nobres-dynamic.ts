/**
 * The Nobres dynamic runs the animation tests load: the library scenario closing the
 * BR-163/BR-364 from 07:15 to 07:45 (scenarios/nobres/acidente-br-163-dinamico.json) and the
 * same hour with no intervention as its dynamic baseline, made with runScenario into a runs
 * folder (about a second each on 2 cores; served from the run cache after).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runScenario, type RunOutcome } from '../../app/run-scenario.ts';
import { parseScenario } from '../../engine/scenario/parse-scenario.ts';

export const NOBRES_DYNAMIC = fileURLToPath(new URL('../../scenarios/nobres/acidente-br-163-dinamico.json', import.meta.url));

export async function nobresDynamicRuns(runsDir: string): Promise<{ a: RunOutcome; b: RunOutcome; rel: (o: RunOutcome) => string }> {
  const closure = parseScenario(readFileSync(NOBRES_DYNAMIC, 'utf8'), NOBRES_DYNAMIC);
  const b = await runScenario(closure, { runsDir, workers: 1, scenarioFile: NOBRES_DYNAMIC });
  const a = await runScenario({ ...closure, name: 'Linha de base (modelo dinâmico)', interventions: [] }, { runsDir, workers: 1 });
  const rel = (o: RunOutcome) => o.runDir.slice(runsDir.length + 1).split(/[\\/]/).join('/');
  return { a, b, rel };
}
