/**
 * `gemeo worker --queue <url>`: runs the variants that `gemeo sweep --queue` enqueues, on its
 * own pool of threads, until stopped (Ctrl+C or SIGTERM finish the jobs in hand first).
 */
import type { Command } from 'commander';
import { checkQueueUrl, redact } from '../../app/queue/connection.ts';
import { UserError } from '../errors.ts';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run the sweep variants waiting on a Redis queue (gemeo sweep --queue), on this machine\'s threads')
    .requiredOption('--queue <url>', 'the Redis of the queue: redis://[user:password@]host:port[/db], rediss:// for TLS')
    .option('--concurrency <n>', 'variants run at once, each on its own thread', '1')
    .option('--out <dir>', 'this worker\'s own runs folder (a cache of what it ran)', 'runs')
    .option('--lock-ms <ms>', 'how long a job stays this worker\'s without a sign of life; after that (a killed worker) it runs elsewhere', '30000')
    .action(async (opts: { queue: string; concurrency: string; out: string; lockMs: string }) => {
      checkQueueUrl(opts.queue);
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UserError(`--concurrency "${opts.concurrency}": expected a whole number from 1 to 64`);
      const lockMs = Number(opts.lockMs);
      if (!Number.isInteger(lockMs) || lockMs < 1000) throw new UserError(`--lock-ms "${opts.lockMs}": expected a whole number of milliseconds, at least 1000`);
      const { startQueueWorker } = await import('../../app/queue/consumer.ts');
      const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
      const worker = startQueueWorker({ url: opts.queue, runsDir: opts.out, concurrency, lockMs, log });
      log(`gemeo worker: waiting for jobs on ${redact(opts.queue)} (${concurrency} at a time)`);
      const stop = () => void worker.close();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await worker.done;
    });
}
