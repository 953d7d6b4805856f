/** Registers every subcommand on the program. */
import type { Command } from 'commander';
import { registerAssign } from './assign.ts';
import { registerBench } from './bench.ts';
import { registerCalibrate } from './calibrate.ts';
import { registerCity } from './city.ts';
import { registerCompare } from './compare.ts';
import { registerCounts } from './counts.ts';
import { registerDemand } from './demand.ts';
import { registerDemo } from './demo.ts';
import { registerRun } from './run.ts';
import { registerRuns } from './runs.ts';
import { registerSimulate } from './simulate.ts';
import { registerStreets } from './streets.ts';
import { registerSweep } from './sweep.ts';
import { registerServe } from './serve.ts';
import { registerTransit } from './transit.ts';
import { registerValidate } from './validate.ts';
import { registerWorker } from './worker.ts';

export function registerCommands(program: Command): void {
  registerCity(program);
  registerDemand(program);
  registerAssign(program);
  registerStreets(program);
  registerRun(program);
  registerRuns(program);
  registerSweep(program);
  registerCompare(program);
  registerValidate(program);
  registerCalibrate(program);
  registerCounts(program);
  registerBench(program);
  registerDemo(program);
  registerSimulate(program);
  registerTransit(program);
  registerServe(program);
  registerWorker(program);
}
