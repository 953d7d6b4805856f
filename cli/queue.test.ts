import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../app/queue/connection.ts';
import { runCli } from './run-cli.ts';

// A real redis-server (Debian's; .ci/run installs it) on a free loopback port, with a password,
// two `gemeo worker` processes, and a real sweep on Nobres whose first worker is killed mid-job.
const BIN = fileURLToPath(new URL('../bin/gemeo', import.meta.url));
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'gemeo-queue-'));
const children: ChildProcess[] = [];
const PASSWORD = 's3cr3t:with@odd/chars';
let url = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a process and resolves once `ready` shows on its output; collects the output. */
function start(cmd: string, args: string[], ready: RegExp): Promise<{ child: ChildProcess; out: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    let done = false;
    const onData = (d: Buffer) => {
      out += d;
      if (!done && ready.test(out)) {
        done = true;
        resolve({ child, out: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      if (!done) reject(new Error(`${cmd} exited (${code}) before it was ready: ${out.slice(-500)}`));
    });
  });
}

const worker = (name: string) => start(process.execPath, [BIN, 'worker', '--queue', url, '--out', join(dir, name), '--lock-ms', '2000'], /waiting for jobs/);

describe('gemeo sweep --queue with gemeo workers (BullMQ on a real redis-server)', () => {
  beforeAll(async () => {
    // A real server, never a mock: .ci/run installs Debian's redis-server (apt-get install -y redis-server).
    if (!hasRedis) throw new Error('redis-server is not installed: apt-get install -y redis-server');
    const port = await freePort();
    await start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', PASSWORD], /Ready to accept connections/);
    url = `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`;
  }, 30_000);

  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs every variant once though a worker is killed mid-job; results land in the coordinator\'s catalogue', async () => {
    const a = await worker('worker-a');
    const b = await worker('worker-b');
    const runs = join(dir, 'coordinator');
    const sweep = runCli(['sweep', 'sweeps/nobres-escala.json', '--queue', url, '--out', runs, '--json']);
    // kill worker A as soon as it starts its first job
    const killed = await new Promise<string>((resolve) => {
      const look = () => {
        const m = /job ([0-9a-f]{16}) started/.exec(a.out());
        if (m) {
          a.child.kill('SIGKILL');
          resolve(m[1]);
        } else setTimeout(look, 5);
      };
      look();
    });
    const r = await sweep;
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ variants: 9, completed: 9, failed: 0 });
    expect(a.child.signalCode).toBe('SIGKILL');
    // the job A held ran again, on B
    expect(b.out()).toMatch(new RegExp(`job ${killed} started \\(attempt \\d\\)`));
    expect(b.out()).toMatch(new RegExp(`job ${killed} finished`));
    const db = new Database(join(runs, 'catalogue.sqlite'), { readonly: true });
    const rows = db.prepare("SELECT input_hash AS h, count(*) AS n FROM runs WHERE status = 'complete' GROUP BY input_hash").all() as { h: string; n: number }[];
    db.close();
    expect(rows).toHaveLength(9);
    expect(rows.every((x) => x.n === 1)).toBe(true);
    expect(new Set(out.results.map((x: { inputHash: string }) => x.inputHash)).size).toBe(9);
    expect(rows.map((x) => x.h)).toContain(killed);
    // the same sweep again from a fresh coordinator: each job is found by its input hash, none runs again
    const before = (b.out().match(/started/g) ?? []).length;
    const again = await runCli(['sweep', 'sweeps/nobres-escala.json', '--queue', url, '--out', join(dir, 'coordinator-2'), '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ completed: 9 });
    expect((b.out().match(/started/g) ?? []).length).toBe(before);
  }, 120_000);

  it('starts every variant warm, on whichever worker: a worker without the baseline fetches its run from the queue', async () => {
    await worker('worker-c');
    await worker('worker-d');
    const f = join(dir, 'warm.json');
    writeFileSync(f, JSON.stringify({ name: 'Interdição na fila', base: 'scenarios/nobres/acidente-br-163-interdicao.json', vary: [{ path: 'demand.scale', values: [0.9, 1, 1.1, 1.2] }], objective: 'delayVh' }));
    const r = await runCli(['sweep', f, '--queue', url, '--out', join(dir, 'coordinator-warm'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ variants: 4, completed: 4, baselines: 4 });
    for (const v of out.results) expect(readFileSync(join(v.runDir, 'run.log'), 'utf8')).toMatch(/warm start from the baseline run/);
  }, 60_000);

  it('fails a job whose payload is not a valid scenario at once, without retries', async () => {
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection });
    try {
      const job = await queue.add('variant', { scenario: { city: 'nobres', name: 'x', interventions: 'rm -rf /' }, scenarioFile: 'x.json', inputHash: '0123456789abcdef' }, { jobId: 'bad-payload', attempts: 3 });
      let state = '';
      for (let i = 0; i < 200 && state !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        state = await job.getState();
      }
      expect(state).toBe('failed');
      const failed = await queue.getJob('bad-payload');
      expect(failed?.attemptsMade).toBe(1);
      expect(failed?.failedReason).toMatch(/interventions: expected an array/);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  }, 30_000);

  it('refuses a URL that is not redis:// or rediss:// with one line and exit 2', async () => {
    const r = await runCli(['worker', '--queue', 'http://127.0.0.1:1']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
