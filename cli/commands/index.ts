/** Registers every subcommand on the program. */
import type { Command } from 'commander';
import { registerBench } from './bench.ts';
import { registerCity } from './city.ts';

export function registerCommands(program: Command): void {
  registerCity(program);
  registerBench(program);
}
