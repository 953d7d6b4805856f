/**
 * Queries on the catalogue's `runs` table. A complete run's row is written in one statement
 * after its folder has been renamed into place (app/run-dir.ts), so a row never describes a
 * half-built folder; a run that fails with an error gets a `failed` row with the message and
 * no folder; a process killed mid-run leaves neither (its temporary folder is swept, import.ts).
 *
 * Terms: `runDir` is `<city>/<scenario>/<hash>` relative to the runs folder, forward slashes.
 */
import { relative, sep } from 'node:path';
import type { RunSummary } from '../run-files.ts';
import type { Catalogue } from './connection.ts';

export interface RunRow {
  id: number;
  runDir: string | null;
  city: string;
  scenario: string;
  name: string;
  model: string;
  period: string;
  seed: number;
  inputHash: string;
  version: string;
  status: 'complete' | 'failed';
  source: 'run' | 'import';
  assignmentStatus: string | null;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  assignmentSeconds: number | null;
  vkt: number | null;
  vht: number | null;
  meanTripMin: number | null;
  delayVh: number | null;
  co2Kg: number | null;
  trips: number | null;
  unreachableTrips: number | null;
  synthetic: boolean;
  interventions: number;
  error: string | null;
}

const COLUMNS = `id, run_dir AS runDir, city, scenario, name, model, period, seed, input_hash AS inputHash, version, status, source,
  assignment_status AS assignmentStatus, started_at AS startedAt, finished_at AS finishedAt, seconds, assignment_seconds AS assignmentSeconds,
  vkt, vht, mean_trip_min AS meanTripMin, delay_vh AS delayVh, co2_kg AS co2Kg, trips, unreachable_trips AS unreachableTrips, synthetic, interventions, error`;

function toRow(r: Record<string, unknown>): RunRow {
  return { ...(r as unknown as RunRow), synthetic: r.synthetic === 1 };
}

/** The relative runDir of an absolute run folder under the catalogue's runs folder. */
export function relativeRunDir(c: Catalogue, absDir: string): string {
  return relative(c.runsDir, absDir).split(sep).join('/');
}

/** Records a complete run from its summary (replacing an earlier row of the same folder, as a forced rerun replaces the folder). */
export function recordComplete(c: Catalogue, summary: RunSummary, options: { runDir: string; startedAt: string; scenario?: unknown; source?: 'run' | 'import' }): number {
  const row = c.db
    .prepare(
      `INSERT INTO runs (run_dir, city, scenario, name, model, period, seed, input_hash, version, status, source, assignment_status, started_at, finished_at, seconds,
         assignment_seconds, vkt, vht, mean_trip_min, delay_vh, co2_kg, trips, unreachable_trips, synthetic, interventions, scenario_json, summary_json)
       VALUES (@runDir, @city, @scenario, @name, @model, @period, @seed, @inputHash, @version, 'complete', @source, @assignmentStatus, @startedAt, @finishedAt, @seconds,
         @assignmentSeconds, @vkt, @vht, @meanTripMin, @delayVh, @co2Kg, @trips, @unreachableTrips, @synthetic, @interventions, @scenarioJson, @summaryJson)
       ON CONFLICT (run_dir) DO UPDATE SET city = excluded.city, scenario = excluded.scenario, name = excluded.name, model = excluded.model, period = excluded.period,
         seed = excluded.seed, input_hash = excluded.input_hash, version = excluded.version, source = excluded.source, assignment_status = excluded.assignment_status,
         started_at = excluded.started_at, finished_at = excluded.finished_at, seconds = excluded.seconds, assignment_seconds = excluded.assignment_seconds,
         vkt = excluded.vkt, vht = excluded.vht, mean_trip_min = excluded.mean_trip_min, delay_vh = excluded.delay_vh, co2_kg = excluded.co2_kg, trips = excluded.trips,
         unreachable_trips = excluded.unreachable_trips, synthetic = excluded.synthetic, interventions = excluded.interventions,
         scenario_json = coalesce(excluded.scenario_json, scenario_json), summary_json = excluded.summary_json
       RETURNING id`,
    )
    .get({
      runDir: options.runDir,
      city: summary.city,
      scenario: summary.scenario,
      name: summary.name,
      model: summary.model,
      period: summary.period,
      seed: summary.seed,
      inputHash: summary.inputHash,
      version: summary.version,
      source: options.source ?? 'run',
      assignmentStatus: summary.assignment?.status ?? null,
      startedAt: options.startedAt,
      finishedAt: summary.createdAt,
      seconds: summary.seconds,
      assignmentSeconds: summary.assignment?.seconds ?? null,
      vkt: summary.vkt,
      vht: summary.vht,
      meanTripMin: summary.meanTripMin,
      delayVh: summary.delayVh,
      co2Kg: summary.co2Kg,
      trips: summary.trips,
      unreachableTrips: summary.unreachableTrips,
      synthetic: summary.synthetic ? 1 : 0,
      interventions: Array.isArray(summary.interventions) ? summary.interventions.length : 0,
      scenarioJson: options.scenario === undefined ? null : JSON.stringify(options.scenario),
      summaryJson: JSON.stringify(summary),
    }) as { id: number };
  return row.id;
}

/** Records a run that stopped with an error (no folder was kept). */
export function recordFailed(
  c: Catalogue,
  run: { city: string; scenario: string; name: string; model: string; period: string; seed: number; inputHash: string; version: string; startedAt: string; seconds: number; scenarioJson: unknown; error: string },
): number {
  const row = c.db
    .prepare(
      `INSERT INTO runs (run_dir, city, scenario, name, model, period, seed, input_hash, version, status, source, started_at, finished_at, seconds, scenario_json, error)
       VALUES (NULL, @city, @scenario, @name, @model, @period, @seed, @inputHash, @version, 'failed', 'run', @startedAt, @finishedAt, @seconds, @scenarioJson, @error) RETURNING id`,
    )
    .get({ ...run, finishedAt: new Date().toISOString(), scenarioJson: JSON.stringify(run.scenarioJson), error: run.error.split('\n')[0].slice(0, 2000) }) as { id: number };
  return row.id;
}

export interface RunFilter {
  city?: string;
  scenario?: string;
  status?: 'complete' | 'failed';
}

/** Rows in the order city, scenario, period, time of finishing. */
export function listRunRows(c: Catalogue, filter: RunFilter = {}): RunRow[] {
  const where: string[] = [];
  if (filter.city) where.push('city = @city');
  if (filter.scenario) where.push('scenario = @scenario');
  if (filter.status) where.push('status = @status');
  const sql = `SELECT ${COLUMNS} FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY city, scenario, period, finished_at, id`;
  return (c.db.prepare(sql).all(filter) as Record<string, unknown>[]).map(toRow);
}

/** One run by id, runDir or (a prefix of at least 4 digits of) its input hash; undefined when none or several match. */
export function findRun(c: Catalogue, ref: string): { row?: RunRow; matches: number } {
  const rows = (
    /^\d+$/.test(ref)
      ? c.db.prepare(`SELECT ${COLUMNS} FROM runs WHERE id = ?`).all(Number(ref))
      : ref.includes('/')
        ? c.db.prepare(`SELECT ${COLUMNS} FROM runs WHERE run_dir = ?`).all(ref.replace(/\/+$/, ''))
        : /^[0-9a-f]{4,16}$/.test(ref)
          ? c.db.prepare(`SELECT ${COLUMNS} FROM runs WHERE input_hash LIKE ? AND status = 'complete'`).all(`${ref}%`)
          : []
  ) as Record<string, unknown>[];
  return { row: rows.length === 1 ? toRow(rows[0]) : undefined, matches: rows.length };
}

/** The stored summary.json and scenario of a run. */
export function runDocuments(c: Catalogue, id: number): { summary: RunSummary | null; scenario: unknown } {
  const r = c.db.prepare('SELECT summary_json AS s, scenario_json AS sc FROM runs WHERE id = ?').get(id) as { s: string | null; sc: string | null } | undefined;
  return { summary: r?.s ? (JSON.parse(r.s) as RunSummary) : null, scenario: r?.sc ? JSON.parse(r.sc) : null };
}

export function deleteRuns(c: Catalogue, ids: number[]): void {
  const del = c.db.prepare('DELETE FROM runs WHERE id = ?');
  c.db.transaction(() => {
    for (const id of ids) del.run(id);
  }).immediate();
}

/** The runDirs the catalogue knows. */
export function knownRunDirs(c: Catalogue): Set<string> {
  return new Set((c.db.prepare('SELECT run_dir AS d FROM runs WHERE run_dir IS NOT NULL').all() as { d: string }[]).map((r) => r.d));
}
