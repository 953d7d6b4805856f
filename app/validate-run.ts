/**
 * Validating a run directory against a counts file: read both, place the stations on the run's
 * links, compare the counts of the run's period (engine/counts), and write validation.json and
 * the HTML report (Portuguese and English) into a validation folder. Bad input is refused
 * before anything is written; each file is written atomically.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { clockOf, directionText } from '../engine/counts/counts.ts';
import { matchStations, type MatchOptions } from '../engine/counts/match-stations.ts';
import { readCounts } from '../engine/counts/read-counts.ts';
import { observationPeriod } from '../engine/counts/observations.ts';
import { fitStats } from '../engine/counts/fit.ts';
import { validateFlows } from '../engine/counts/validate-flows.ts';
import { PERIODS } from '../engine/demand/time-of-day.ts';
import { writeJsonAtomic } from '../engine/util/write-atomic.ts';
import { readRun } from './compare-runs.ts';
import type { Lang } from './report/i18n.ts';
import { writeReport } from './report/report.ts';
import { renderValidationReport } from './validation/validation-report.ts';
import { countsOfClass, readClassFlows, truckClassIndex } from './truck-class.ts';

export interface ValidateOptions extends MatchOptions {
  out?: string;
  lang?: Lang;
}

export type ValidationJson = ReturnType<typeof validationJson> & Partial<Exclude<ReturnType<typeof calibrationNote>, Record<string, never>>> & { classes?: ReturnType<typeof classValidation> };

export interface ValidateOutcome {
  json: ValidationJson;
  reportPath: string;
  dir: string;
}

/** Where a validation goes by default: runs/<city>/_validate/<scenario>-<hash8>--<counts stem>/. */
export function defaultValidateDir(runDir: string, countsFile: string): string {
  const stem = basename(countsFile).replace(/\.csv$/i, '');
  return join(dirname(dirname(runDir)), '_validate', `${basename(dirname(runDir))}-${basename(runDir).slice(0, 8)}--${stem}`);
}

export function validateRunDir(runDir: string, countsFile: string, options: ValidateOptions = {}): ValidateOutcome {
  const run = readRun(runDir);
  const counts = readCounts(countsFile);
  const matches = matchStations(counts, run.edges, options);
  const validation = validateFlows(counts, matches, run.edges.flowVph, observationPeriod(run.meta.period, PERIODS));
  const dir = options.out ?? defaultValidateDir(runDir, countsFile);
  const lang = options.lang ?? 'pt';
  const other: Lang = lang === 'pt' ? 'en' : 'pt';
  const period = observationPeriod(run.meta.period, PERIODS);
  const trucks = run.edges.trucksVph ?? readClassFlows(runDir, run.edges.count);
  const classes = trucks && truckClassIndex(counts) >= 0 ? classValidation(counts, matches, run.edges.flowVph, trucks, period) : undefined;
  const json0 = { ...validationJson(runDir, countsFile, run, counts, matches, validation, ''), ...calibrationNote(runDir, countsFile, counts, validation), ...(classes ? { classes } : {}) };
  writeReport(dir, renderValidationReport(json0, run.edges, other), other);
  const reportPath = writeReport(dir, renderValidationReport(json0, run.edges, lang), lang);
  const json = { ...json0, report: reportPath };
  writeJsonAtomic(join(dir, 'validation.json'), json);
  return { json, reportPath, dir };
}

/** The machine-readable validation: headline figures first, then stations and compared counts. */
export function validationJson(
  runDir: string,
  countsFile: string,
  run: ReturnType<typeof readRun>,
  counts: ReturnType<typeof readCounts>,
  matches: ReturnType<typeof matchStations>,
  v: ReturnType<typeof validateFlows>,
  report: string,
) {
  const e = run.edges;
  const station = (s: number) => counts.stations[s]!;
  const round = (x: number, d: number) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);
  const none = v.rows.length === 0;
  return {
    runDir,
    counts: countsFile,
    city: run.meta.city,
    cityName: run.meta.cityName,
    scenario: run.meta.scenario,
    name: run.meta.name,
    synthetic: run.meta.synthetic,
    period: { id: v.period.id, start: clockOf(v.period.startS), end: clockOf(v.period.endS) },
    stations: v.stations,
    matched: v.matched,
    compared: v.rows.length,
    outsidePeriod: v.outsidePeriod,
    ofUnmatched: v.ofUnmatched,
    // with nothing compared there is no fit to state
    gehUnder5Share: none ? null : v.fit.gehUnder5Share,
    gehUnder10Share: none ? null : v.fit.gehUnder10Share,
    meanGeh: none ? null : v.fit.meanGeh,
    rmsePct: none ? null : v.fit.rmsePct,
    r2: round(v.fit.r2, 6),
    countTotal: v.countTotal,
    modelTotal: v.modelTotal,
    modelToCount: v.countTotal > 0 ? v.modelTotal / v.countTotal : null,
    unmatched: matches.unmatched.map((u) => ({ station: station(u.station).id, name: station(u.station).name, lon: station(u.station).lon, lat: station(u.station).lat, reason: u.reason })),
    matches: matches.matched.map((m) => ({
      station: station(m.station).id,
      name: station(m.station).name,
      lon: station(m.station).lon,
      lat: station(m.station).lat,
      direction: directionText(station(m.station).direction),
      note: station(m.station).note,
      edges: m.edges.map((k) => ({ edge: k, way: e.osmWayId[k]!, dir: e.dir[k]! })),
      roadClass: m.roadClass,
      classAgreement: m.classAgreement,
      distanceM: round(m.distanceM, 1),
    })),
    rows: v.rows.map((r) => {
      const c = counts.counts[r.count]!;
      return {
        station: station(r.station).id,
        name: station(r.station).name,
        start: clockOf(c.startS),
        end: clockOf(c.endS),
        counted: r.countedVehicles,
        modelled: round(r.modelledVehicles, 1),
        countedVph: round(r.countedVph, 1),
        modelledVph: round(r.modelledVph, 1),
        geh: round(r.geh, 2),
      };
    }),
    assignment: { method: run.assignment.method, relativeGap: run.assignment.relativeGap },
    inputHash: run.meta.inputHash,
    report,
  };
}

/**
 * A calibrated run (summary.json names its calibration): which of the compared counts it was
 * fitted to, and the fit of the others alone — the counts used to calibrate are no validation.
 */
export function calibrationNote(runDir: string, countsFile: string, counts: ReturnType<typeof readCounts>, v: ReturnType<typeof validateFlows>) {
  const file = join(runDir, 'summary.json');
  if (!existsSync(file)) return {};
  const cal = (JSON.parse(readFileSync(file, 'utf8')) as { calibration?: { file: string; counts: string; stations: string[] } }).calibration;
  if (!cal) return {};
  const used = new Set(cal.stations);
  const sameFile = cal.counts === basename(countsFile);
  const isUsed = (station: number) => sameFile && used.has(counts.stations[station]!.id);
  const held = v.rows.filter((r) => !isUsed(r.station));
  const f = fitStats(held.map((r) => r.modelledVph), held.map((r) => r.countedVph));
  const countTotal = held.reduce((t, r) => t + r.countedVehicles, 0);
  const modelTotal = held.reduce((t, r) => t + r.modelledVehicles, 0);
  return {
    calibration: {
      file: cal.file,
      counts: cal.counts,
      stations: cal.stations,
      usedCompared: v.rows.length - held.length,
      usedStationsCompared: [...new Set(v.rows.filter((r) => isUsed(r.station)).map((r) => counts.stations[r.station]!.id))],
      heldOut: held.length === 0 ? null : { compared: held.length, gehUnder5Share: f.gehUnder5Share, meanGeh: f.meanGeh, countTotal, modelTotal, modelToCount: countTotal > 0 ? modelTotal / countTotal : null },
    },
  };
}

/**
 * A run with a truck class (class-flows.csv) against counts that give their trucks: trucks
 * compared with the run's trucks, the other vehicles with the run's other vehicles.
 */
export function classValidation(counts: ReturnType<typeof readCounts>, matches: ReturnType<typeof matchStations>, flowVph: Float64Array, trucksVph: Float64Array, period: ReturnType<typeof observationPeriod>) {
  const others = Float64Array.from(flowVph, (f, e) => Math.max(0, f - trucksVph[e]!));
  const one = (c: ReturnType<typeof readCounts>, flow: Float64Array) => {
    const v = validateFlows(c, matches, flow, period);
    return {
      compared: v.rows.length,
      gehUnder5Share: v.rows.length === 0 ? null : v.fit.gehUnder5Share,
      countTotal: v.countTotal,
      modelTotal: v.modelTotal,
      modelToCount: v.countTotal > 0 ? v.modelTotal / v.countTotal : null,
      rows: v.rows.map((r) => ({ station: c.stations[r.station]!.id, counted: r.countedVehicles, modelled: Math.round(r.modelledVehicles * 10) / 10, geh: Math.round(r.geh * 100) / 100 })),
    };
  };
  return { trucks: one(countsOfClass(counts, 'trucks'), trucksVph), others: one(countsOfClass(counts, 'others'), others) };
}
