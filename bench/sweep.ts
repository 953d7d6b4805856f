/**
 * Sweeps end to end: the queue's overhead per job (Nobres, where a run is a fraction of a second:
 * the same 27 variants locally and through Redis with one `gemeo worker`), the 12-variant Porto
 * Alegre sweep with one worker process against two, and the 24-variant Cuiabá sweep, locally.
 * Each figure is one wall-clock run of the CLI from scratch (fresh runs folders, fresh Redis).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineLine } from './machine.ts';

const BIN = fileURLToPath(new URL('../bin/gemeo', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gemeo-bench-sweep-'));
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function start(cmd: string, args: string[], ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    const on = (d: Buffer) => {
      out += d;
      if (ready.test(out)) resolve(child);
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    child.once('exit', (code) => reject(new Error(`${cmd} exited ${code}: ${out.slice(-300)}`)));
  });
}

async function redis(): Promise<string> {
  const port = await freePort();
  await start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], /Ready to accept connections/);
  return `redis://127.0.0.1:${port}`;
}

function sweep(file: string, out: string, extra: string[]): { seconds: number; variants: number; completed: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'sweep', file, '--out', out, '--json', ...extra], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`gemeo sweep ${file} failed: ${r.stderr}`);
  const j = JSON.parse(r.stdout) as { variants: number; completed: number };
  return { seconds: (performance.now() - t) / 1000, variants: j.variants, completed: j.completed };
}

async function workers(url: string, n: number, tag: string): Promise<ChildProcess[]> {
  const out: ChildProcess[] = [];
  for (let i = 0; i < n; i++) out.push(await start(process.execPath, [BIN, 'worker', '--queue', url, '--out', join(dir, `${tag}-w${i}`)], /waiting for jobs/));
  return out;
}

const stop = (ps: ChildProcess[]) => ps.forEach((p) => p.kill('SIGTERM'));

try {
  console.log(`machine: ${machineLine()}`);
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const want = (name: string) => only.length === 0 || only.includes(name);
  if (want('overhead')) {
    const file = join(dir, 'nobres-27.json');
    writeFileSync(file, JSON.stringify({ name: 'Nobres 27', base: 'scenarios/nobres/baseline.json', vary: [{ path: 'demand.scale', values: [0.9, 1.0, 1.1] }, { path: 'seed', values: [1, 2, 3, 4, 5, 6, 7, 8, 9] }], objective: 'vht' }));
    const local = sweep(file, join(dir, 'local'), ['--workers', '1']);
    const url = await redis();
    const ws = await workers(url, 1, 'overhead');
    const queued = sweep(file, join(dir, 'queued'), ['--queue', url]);
    stop(ws);
    console.log(`queue overhead: Nobres ${local.variants} variants, local (1 thread) ${local.seconds.toFixed(2)} s, through Redis with one worker ${queued.seconds.toFixed(2)} s: ${(((queued.seconds - local.seconds) / local.variants) * 1000).toFixed(0)} ms a job`);
  }
  if (want('porto-alegre')) {
    const url = await redis();
    for (const n of [1, 2]) {
      const ws = await workers(url, n, `poa${n}`);
      const r = sweep('sweeps/porto-alegre-borges-capacidade.json', join(dir, `poa-${n}`), ['--queue', url]);
      stop(ws);
      // a fresh Redis for the next figure, so no job is found already done
      spawnSync('redis-cli', ['-u', url, 'FLUSHALL']);
      console.log(`Porto Alegre sweep (${r.variants} variants + 1 baseline): ${n} worker process(es) ${r.seconds.toFixed(1)} s, ${r.completed} completed`);
    }
  }
  if (want('cuiaba')) {
    for (const n of [1, 2]) {
      const r = sweep('sweeps/cuiaba-demanda.json', join(dir, `cuiaba-${n}`), ['--workers', String(n)]);
      console.log(`Cuiabá sweep (${r.variants} variants), local, ${n} thread(s): ${r.seconds.toFixed(1)} s, ${r.completed} completed`);
    }
  }
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
