/**
 * Versioned migrations of the catalogue. `PRAGMA user_version` holds how many have run; each
 * runs once, in order, inside an IMMEDIATE transaction (so two processes opening a new file at
 * once cannot both apply it). Never edit a migration that has shipped: add the next one.
 */
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  // 1: runs — one row per run folder (complete) or per run that failed with an error (no folder)
  `CREATE TABLE runs (
     id INTEGER PRIMARY KEY,
     run_dir TEXT UNIQUE,
     city TEXT NOT NULL,
     scenario TEXT NOT NULL,
     name TEXT NOT NULL,
     model TEXT NOT NULL,
     period TEXT NOT NULL,
     seed INTEGER NOT NULL,
     input_hash TEXT NOT NULL,
     version TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('complete', 'failed')),
     source TEXT NOT NULL CHECK (source IN ('run', 'import')),
     assignment_status TEXT,
     started_at TEXT NOT NULL,
     finished_at TEXT NOT NULL,
     seconds REAL NOT NULL,
     assignment_seconds REAL,
     vkt REAL, vht REAL, mean_trip_min REAL, delay_vh REAL, co2_kg REAL, trips REAL, unreachable_trips REAL,
     synthetic INTEGER NOT NULL DEFAULT 0,
     interventions INTEGER NOT NULL DEFAULT 0,
     scenario_json TEXT,
     summary_json TEXT,
     error TEXT,
     CHECK ((status = 'complete') = (run_dir IS NOT NULL AND summary_json IS NOT NULL))
   );
   CREATE INDEX runs_city_scenario ON runs (city, scenario, finished_at);
   CREATE INDEX runs_input_hash ON runs (input_hash);`,
  // 2: sweeps — one row per sweep run, one per variant with its parameters and run
  `CREATE TABLE sweeps (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL,
     file TEXT NOT NULL,
     city TEXT NOT NULL,
     objective TEXT NOT NULL,
     started_at TEXT NOT NULL,
     finished_at TEXT NOT NULL,
     seconds REAL NOT NULL,
     variants INTEGER NOT NULL,
     completed INTEGER NOT NULL,
     failed INTEGER NOT NULL,
     report_dir TEXT NOT NULL,
     spec_json TEXT NOT NULL
   );
   CREATE TABLE sweep_variants (
     sweep_id INTEGER NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
     idx INTEGER NOT NULL,
     params_json TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('complete', 'failed')),
     run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
     input_hash TEXT,
     error TEXT,
     PRIMARY KEY (sweep_id, idx)
   );`,
];

/** Applies the migrations `db` has not had yet; returns its version after. */
export function migrate(db: Database.Database): number {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() > MIGRATIONS.length) throw new Error(`the run catalogue is at version ${version()}, newer than this gemeo (${MIGRATIONS.length}); update gemeo`);
  db.transaction(() => {
    for (let v = version(); v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
  return version();
}
