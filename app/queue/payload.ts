/**
 * What a queue job carries: a scenario (data, checked by the worker exactly as a scenario file
 * is), the name its run folder takes and its input hash — never code. What it returns: the
 * run's figures and its files, so the coordinator stores the run in its own catalogue.
 */
import { validateScenario } from '../../engine/scenario/parse-scenario.ts';
import { checkScenario, scenarioCity } from '../../engine/scenario/check-scenario.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';
import { loadCityGraph, registry } from '../city-graphs.ts';
import type { VariantResult } from '../sweep/job.ts';

export interface QueueJobData {
  scenario: Scenario;
  /** A plain file name such as `escala.json`: names the run folder. */
  scenarioFile: string;
  inputHash: string;
  /** The run this variant starts warm from: its job id (input hash) and folder name. */
  baseline?: { inputHash: string; scenarioFile: string };
}

export interface QueueJobResult {
  result: VariantResult;
  /** The run folder's files, base64. */
  files: Record<string, string>;
  /** Where it ran (host name and process id), for the logs. */
  ranOn: string;
}

export class PayloadError extends Error {
  override name = 'PayloadError';
}

const FILE_NAME = /^[a-z0-9][a-z0-9.-]{0,120}\.json$/;
const RUN_FILE = /^[a-z0-9][a-z0-9._-]{0,120}$/i;

/** The job's data, checked; a PayloadError otherwise. */
export function checkJobData(data: unknown, where: string): QueueJobData {
  if (data === null || typeof data !== 'object') throw new PayloadError(`${where}: the job holds no object`);
  const d = data as Record<string, unknown>;
  if (typeof d.scenarioFile !== 'string' || !FILE_NAME.test(d.scenarioFile)) throw new PayloadError(`${where}: scenarioFile: expected a plain .json file name`);
  if (typeof d.inputHash !== 'string' || !/^[0-9a-f]{16}$/.test(d.inputHash)) throw new PayloadError(`${where}: inputHash: expected 16 hex digits`);
  let scenario: Scenario;
  try {
    scenario = validateScenario(d.scenario, `${where}: scenario`);
    const city = scenarioCity(scenario, `${where}: scenario`, registry());
    checkScenario(scenario, `${where}: scenario`, { city, graph: loadCityGraph(city).graph });
  } catch (err) {
    throw new PayloadError((err as Error).message);
  }
  let baseline: QueueJobData['baseline'];
  if (d.baseline !== undefined) {
    const b = d.baseline as Record<string, unknown> | null;
    if (!b || typeof b.scenarioFile !== 'string' || !FILE_NAME.test(b.scenarioFile) || typeof b.inputHash !== 'string' || !/^[0-9a-f]{16}$/.test(b.inputHash)) throw new PayloadError(`${where}: baseline: expected {inputHash, scenarioFile}`);
    baseline = { inputHash: b.inputHash, scenarioFile: b.scenarioFile };
  }
  return { scenario, scenarioFile: d.scenarioFile, inputHash: d.inputHash, ...(baseline ? { baseline } : {}) };
}

/** The files of a returned run, checked to be plain names. */
export function checkRunFiles(files: unknown): Record<string, Buffer> {
  if (files === null || typeof files !== 'object') throw new PayloadError('the job returned no files');
  const out: Record<string, Buffer> = {};
  for (const [name, b64] of Object.entries(files as Record<string, unknown>)) {
    if (!RUN_FILE.test(name) || typeof b64 !== 'string') throw new PayloadError(`the job returned a file with a bad name: ${JSON.stringify(name).slice(0, 80)}`);
    out[name] = Buffer.from(b64, 'base64');
  }
  return out;
}
