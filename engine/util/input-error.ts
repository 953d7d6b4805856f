/**
 * The one error type for user mistakes: every reader throws it, every command prints its message
 * as one line (no stack trace) and exits non-zero.
 */

/** A user-facing input problem: names the file and what is wrong, in one line. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/** An input problem at a known line: message `file:line: problem` (1-based line; 0 = no line). */
export class LineInputError extends InputError {
  override name = 'InputError';
  constructor(
    file: string,
    readonly line: number,
    problem: string,
  ) {
    super(file, problem);
    this.message = line > 0 ? `${file}:${line}: ${problem}` : `${file}: ${problem}`;
  }
}
