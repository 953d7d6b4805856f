import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'gemeo-demo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gemeo demo (npm start)', () => {
  it('runs the Cuiabá baseline against the Arena Pantanal game and writes the report', { timeout: 180_000 }, async () => {
    const r = await runCli(['demo', '--out', tmp, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(existsSync(out.report)).toBe(true);
    const html = readFileSync(out.report, 'utf8');
    expect(html).toContain('Jogo na Arena Pantanal');
    expect(html).toContain('Rede viária sintética');
    // a full stadium adds traffic: more vehicle-km and a longer mean trip
    expect(out.vkt.b).toBeGreaterThan(out.vkt.a);
    expect(out.meanTripMin.delta).toBeGreaterThan(0);
    expect(out.siouxFalls.relativeGap).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(out.siouxFalls.beckmann - out.siouxFalls.bestKnown) / out.siouxFalls.bestKnown).toBeLessThan(1e-5);
  });
});
