/**
 * How the CLI reports failures. Mistakes in what the user gave (a bad file, an unknown slug,
 * a wrong flag) print one line and exit 2; the network being unreachable exits 3; anything
 * else is a defect in gemeo and exits 1, with the stack only when GEMEO_DEBUG is set.
 */
export const ExitCode = { Ok: 0, Internal: 1, BadInput: 2, Unavailable: 3 } as const;

/** A mistake in what the user asked for, reported as one line. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.BadInput,
  ) {
    super(message);
  }
}

/** Errors thrown by the engine for bad input carry one of these names. */
const USER_FACING = new Set(['UserError', 'InputError', 'GraphError', 'UnknownCityError', 'DemandInputError', 'ScenarioError', 'CompareError', 'GtfsError']);

export function exitCodeOf(error: unknown): number {
  if (error instanceof Error && error.name === 'OverpassError') return ExitCode.Unavailable;
  if (error instanceof Error && USER_FACING.has(error.name)) {
    const code = (error as { exitCode?: number }).exitCode;
    return typeof code === 'number' ? code : ExitCode.BadInput;
  }
  return ExitCode.Internal;
}

/** Prints the error as the user should see it and returns the exit code. */
export function reportError(error: unknown): number {
  const code = exitCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === ExitCode.Internal) {
    process.stderr.write(`gemeo: internal error: ${message}\n`);
    if (process.env.GEMEO_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write('gemeo: set GEMEO_DEBUG=1 to see where it happened, and please report it.\n');
  } else {
    process.stderr.write(`gemeo: ${message.split('\n')[0]}\n`);
  }
  return code;
}
