/**
 * The calibration file of `gemeo calibrate` (JSON, written atomically): which demand it
 * calibrates (city, period, seed, demand settings and `demandKey`, a hash of those and of the
 * demand's input files), the counts and stations it used, the method and its parameters, the
 * convergence history, the fit before and after, and the factors.
 *
 * Factors are kept per OD cell of the period's zone matrix: `cells` lists [origin zone, destination
 * zone, factor] (zone indices of the demand model, 0-based) for every cell whose factor is not 1;
 * a scenario that names the file (`"demand": {"calibration": "<file>"}`) has each listed cell of
 * its demand multiplied by its factor, so every intervention runs on the calibrated demand (an
 * event's extra trips in a calibrated cell are scaled with it). A file that is not a calibration,
 * or one made for another city, period, seed or demand, is refused in one line.
 */
import { readFileSync } from 'node:fs';
import type { OdDemand } from '../engine/assignment/network.ts';
import { ScenarioError } from '../engine/scenario/scenario.ts';
import { writeFileAtomic } from '../engine/util/write-atomic.ts';

export const CALIBRATION_FORMAT = 'gemeo-calibration/1';

export interface CalibrationFit {
  /** Station-hours compared. */
  n: number;
  gehUnder5Share: number;
  meanGeh: number;
  countTotal: number;
  modelTotal: number;
}

export interface CalibrationHistoryRow {
  iteration: number;
  /** ½ Σ (modelled − counted)² over the used observations, (veh/h)². */
  objective: number;
  gehUnder5Share: number;
  modelToCount: number;
  trips: number;
  relativeGap: number;
  /** Seconds since the calibration started, at the end of this iteration's assignment. */
  seconds: number;
  /** Seconds of this iteration's assignment, and of the gradient steps after it (0 after the last). */
  assignSeconds?: number;
  stepSeconds?: number;
}

export interface CalibrationFile {
  format: typeof CALIBRATION_FORMAT;
  city: string;
  period: string;
  seed: number;
  demand: Record<string, unknown>;
  demandKey: string;
  zones: number;
  /** The counts file, the stations fitted, and those of the file that could not be placed on a link, with the reason. */
  counts: { file: string; stations: string[]; unmatched?: { station: string; reason: string }[] };
  method: { name: string; scaleFirst: boolean; scaleBlocks?: 'matrix' | 'gateway'; outerIterations: number; loopGap: number; finalGap?: number; innerSteps: number; endsSteps?: number; endsMinDecrease?: number; maxFactor: number; maxShrink: number; weights?: 'geh' | 'uniform'; cells?: 'all' | 'external'; fitted?: string[]; truckPce?: number; regularisation: string };
  history: CalibrationHistoryRow[];
  /** Before: the prior's equilibrium; after: the calibrated baseline run's, on the same counts. */
  fit: { before: CalibrationFit; after: CalibrationFit };
  trips: { prior: number; calibrated: number };
  createdAt: string;
  cells: [number, number, number][];
}

/** Writes the file atomically: the record indented, the cells one short line each. */
export function writeCalibrationFile(file: string, c: CalibrationFile): void {
  const { cells, ...rest } = c;
  const head = JSON.stringify({ ...rest, cells: [] }, null, 2);
  writeFileAtomic(file, `${head.slice(0, head.lastIndexOf('[]'))}[\n${cells.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]\n}\n`);
}

/** Reads and checks a calibration file against the demand it is to adjust; a ScenarioError of one line otherwise. */
export function readCalibrationFile(file: string, expect: { city: string; period: string; seed: number; demandKey: string; zones: number }): CalibrationFile {
  let c: CalibrationFile;
  try {
    c = JSON.parse(readFileSync(file, 'utf8')) as CalibrationFile;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError(`${file}: demand.calibration: ${code === 'ENOENT' ? 'no such file' : code ? `cannot be read (${code})` : 'not valid JSON'}`);
  }
  if (!c || c.format !== CALIBRATION_FORMAT || !Array.isArray(c.cells)) throw new ScenarioError(`${file}: demand.calibration: not a calibration file of gemeo calibrate (expected "format": "${CALIBRATION_FORMAT}")`);
  for (const k of ['city', 'period', 'seed'] as const) {
    if (c[k] !== expect[k]) throw new ScenarioError(`${file}: demand.calibration: made for ${k} ${JSON.stringify(c[k])}, the scenario has ${JSON.stringify(expect[k])}`);
  }
  if (c.demandKey !== expect.demandKey || c.zones !== expect.zones) throw new ScenarioError(`${file}: demand.calibration: made for other demand settings or inputs (demand key ${c.demandKey}, the scenario's ${expect.demandKey}); run gemeo calibrate again`);
  for (const cell of c.cells) {
    if (!Array.isArray(cell) || !(cell[0] >= 0 && cell[0] < c.zones && cell[1] >= 0 && cell[1] < c.zones && cell[2] >= 0 && Number.isFinite(cell[2]))) throw new ScenarioError(`${file}: demand.calibration: cells: expected [origin zone, destination zone, factor ≥ 0] with zones below ${c.zones}, got ${JSON.stringify(cell)}`);
  }
  return c;
}

/** The zone matrix with the calibration's factors applied (a new matrix; cells not listed keep their trips). */
export function applyCalibration(od: OdDemand, c: Pick<CalibrationFile, 'cells'>): OdDemand {
  const z = od.zoneCount;
  const factor = new Map<number, number>();
  for (const [o, d, f] of c.cells) factor.set(o * z + d, f);
  const flow = new Float64Array(od.flow.length);
  let total = 0;
  for (let o = 0; o < z; o++) {
    for (let k = od.rowStart[o]; k < od.rowStart[o + 1]; k++) {
      flow[k] = od.flow[k] * (factor.get(o * z + od.dest[k]) ?? 1);
      total += flow[k];
    }
  }
  return { zoneCount: z, rowStart: od.rowStart, dest: od.dest, flow, total };
}
