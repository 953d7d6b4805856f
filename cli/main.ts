/**
 * The gemeo command line. Each subcommand lives in cli/commands/<name>.ts, all registered at
 * start: their modules (about 250, through tsx) load in about half a second, and `gemeo run`
 * alone needs most of them.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ExitCode, reportError } from './errors.ts';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; description: string };

export function buildProgram(): Command {
  const program = new Command('gemeo')
    .description(pkg.description)
    .version(pkg.version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.addHelpText(
    'after',
    `
Examples:
  gemeo city list                          the cities gemeo knows and where their streets come from
  gemeo city info porto-alegre             counts, extent and tag coverage of a city's road graph
  gemeo city import extract.osm.pbf --city cuiaba
  gemeo assign --net data/tntp/SiouxFalls/SiouxFalls_net.tntp --trips data/tntp/SiouxFalls/SiouxFalls_trips.tntp --method algb
  gemeo bench graph

Street data from OpenStreetMap: © OpenStreetMap contributors, ODbL 1.0.`,
  );
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const { registerCommands } = await import('./commands/index.ts');
  registerCommands(program);
  overrideExits(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? ExitCode.Ok : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed the message or the help text
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.BadInput;
    }
    return reportError(error);
  }
}

/** Makes every (nested) command throw instead of exiting, so errors are reported in one place. */
function overrideExits(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) overrideExits(sub);
}

