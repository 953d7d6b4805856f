/** Registers every subcommand on the program. */
import type { Command } from 'commander';
import { registerAssign } from './assign.ts';
import { registerBench } from './bench.ts';
import { registerCity } from './city.ts';
import { registerDemand } from './demand.ts';
import { registerDemo } from './demo.ts';

export function registerCommands(program: Command): void {
  registerCity(program);
  registerDemand(program);
  registerAssign(program);
  registerBench(program);
  registerDemo(program);
}
