/** One-line progress notes on stderr for people at a terminal; silent in pipes and tests. */
export function status(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`${message}\n`);
}
