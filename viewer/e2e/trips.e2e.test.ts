/**
 * The animation of a dynamic run in Chromium: the Nobres BR-163 closure and its dynamic
 * baseline in a temporary runs folder, served by `gemeo serve`; the player shows for the dynamic
 * run, play advances the clock and the drawn vehicles move. Screenshots to test-artifacts/viewer/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../app/server.ts';
import { ensureViewerBuilt } from '../../app/viewer-build.ts';
import type { RunOutcome } from '../../app/run-scenario.ts';
import { tIn } from '../src/i18n.ts';
import { clockLabel } from '../src/trips-anim.ts';
import { ARTIFACTS, changedPixels, launchBrowser, mapShot, settle, type Browser } from './browser.ts';
import { writeGridRuns } from './fixture-runs.ts';
import { nobresDynamicRuns } from './nobres-dynamic.ts';


interface TripsProbe {
  ready: boolean;
  error: string | null;
  trips: { time: number; playing: boolean; vehicles: number } | null;
}
const probe = (p: Page) => p.evaluate(() => (window as unknown as { gemeo: TripsProbe }).gemeo);

let runsDir: string;
let runs: { a: RunOutcome; b: RunOutcome; rel: (o: RunOutcome) => string };
let grid: { a: string; b: string };
let server: RunningServer;
let browser: Browser;
let page: Page;

async function open(query: string): Promise<void> {
  await page.goto(`${server.url}${query}`);
  await page.waitForFunction(() => {
    const g = (window as unknown as { gemeo?: TripsProbe }).gemeo;
    return g?.ready || g?.error;
  }, null, { timeout: 60_000 });
  expect((await probe(page)).error).toBeNull();
  await settle(page);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  runsDir = mkdtempSync(join(tmpdir(), 'gemeo-trips-e2e-'));
  runs = await nobresDynamicRuns(runsDir);
  grid = writeGridRuns(runsDir);
  await ensureViewerBuilt();
  server = await startServer({ runsDir, port: 0 });
  browser = await launchBrowser();
  page = browser.page;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (runsDir) rmSync(runsDir, { recursive: true, force: true });
});

describe('dynamic run animation in Chromium', () => {
  it('shows the player with the trajectories of the run in result.fb', async () => {
    const traj = runs.b.result.dynamic!.trajectories;
    expect(traj.count).toBeGreaterThan(20);
    await open(`?a=${runs.rel(runs.a)}&b=${runs.rel(runs.b)}&view=b`);
    expect(await page.locator('#player').isVisible()).toBe(true);
    const p = (await probe(page)).trips!;
    expect(p.vehicles).toBe(traj.count);
    expect(p.playing).toBe(false);
    const first = Math.floor(Math.min(...traj.timestamps));
    expect(p.time).toBe(first);
    expect(await page.locator('#clock').textContent()).toBe(clockLabel(first));
    expect(await page.locator('#play').textContent()).toBe(tIn('pt', 'play'));
  });

  it('marks the highway closed 07:15–07:45 with its window in the legend, and never among the improved', async () => {
    expect(await page.locator('#legend [data-mark="closed-window"]').textContent()).toBe(`${tIn('pt', 'legend.closedWindow')} (07:15–07:45)`);
    expect(await page.locator('#legend [data-mark="closed"]').count()).toBe(0);
    const c = await page.evaluate(async ([a, b]) => (await fetch(`/api/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`)).json(), [runs.rel(runs.a), runs.rel(runs.b)]);
    expect(c.topBetter.some((l: { way: number }) => l.way === -1)).toBe(false);
  });

  it('draws the timed closure only while the clock is inside its window', async () => {
    const layers = () => page.evaluate(() => (window as unknown as { gemeo: { layerIds(): string[] } }).gemeo.layerIds());
    await page.locator('#time').fill(String(7 * 3600 + 30 * 60));
    await settle(page);
    expect(await layers()).toContain('b:closed-window');
    await page.locator('#time').fill(String(7 * 3600 + 5 * 60));
    await settle(page);
    expect(await layers()).not.toContain('b:closed-window');
    expect(await layers()).toContain('b:roads');
  });

  it('moves the vehicles when playing and when the slider is dragged', async () => {
    // the town, where the sampled vehicles drive (the fitted view shows the whole municipality)
    const c = runs.b.result.dynamic!.trajectories.coords;
    let lon = 0;
    let lat = 0;
    for (let i = 0; i < c.length; i += 2) [lon, lat] = [lon + c[i], lat + c[i + 1]];
    const centre = [(2 * lon) / c.length, (2 * lat) / c.length];
    await page.evaluate(([x, y]) => (window as unknown as { gemeo: { flyTo(a: number, b: number, z: number): void } }).gemeo.flyTo(x, y, 13.5), centre);
    // the closure starts at 07:15: the slider takes the clock to 07:20, inside the queue
    await page.locator('#time').fill(String(7 * 3600 + 20 * 60));
    await settle(page);
    expect(await page.locator('#clock').textContent()).toBe('07:20');
    const before = await mapShot(page, 'nobres-trips-0720');
    await page.locator('#play').click();
    await page.waitForFunction(() => ((window as unknown as { gemeo: TripsProbe }).gemeo.trips?.time ?? 0) > 7 * 3600 + 24 * 60, null, { timeout: 20_000 });
    expect(await page.locator('#play').textContent()).toBe(tIn('pt', 'pause'));
    await page.locator('#play').click();
    await settle(page);
    const p = (await probe(page)).trips!;
    expect(p.playing).toBe(false);
    const after = await mapShot(page, 'nobres-trips-later');
    expect(await page.locator('#clock').textContent()).toBe(clockLabel(p.time));
    const changed = await changedPixels(page, before, after);
    writeFileSync(join(ARTIFACTS, 'nobres-trips-changed.txt'), `${changed} pixels changed between 07:20 and ${clockLabel(p.time)}\n`);
    expect(changed).toBeGreaterThan(200);
    await page.screenshot({ path: join(ARTIFACTS, 'nobres-trips-page.png') });
  });

  it('hides the player for static runs', async () => {
    await open(`?a=${grid.a}&b=${grid.b}`);
    expect((await probe(page)).trips).toBeNull();
    expect(await page.locator('#player').isVisible()).toBe(false);
  });
});
