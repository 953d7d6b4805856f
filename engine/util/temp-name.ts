/**
 * The part of a temporary file or folder name that no other writer shares: the process id and
 * a number unique within the process. Worker threads share the process id (a local sweep runs
 * its variants on threads that may write the same demand cache or warm-start file at the same
 * moment), so the number counts per thread and starts at the thread's id × 1,000,000; digits
 * only, as the catalogue's clean-up of stale run folders expects (`.<hash>.<pid>.<n>.tmp`).
 */
import { threadId } from 'node:worker_threads';

let count = 0;

export function tempSuffix(): string {
  return `${process.pid}.${threadId * 1_000_000 + ++count}`;
}
