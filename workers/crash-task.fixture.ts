/**
 * A task file that fails on purpose, for the worker-pool tests: 'throw' raises an error,
 * 'exit' ends the worker thread abruptly, anything else echoes back.
 */
export default function crashTask(mode: string): string {
  if (mode === 'throw') throw new Error('task failed on purpose');
  if (mode === 'exit') process.exit(3);
  return mode;
}
