/**
 * The viewer end to end in Debian's Chromium: two real Porto Alegre runs (poa-runs.ts) served by
 * `gemeo serve`, the comparison drawn with deck.gl on SwiftShader, checked against the run files
 * themselves (summary.json, links.csv, links.geojson). Screenshots go to test-artifacts/viewer/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../app/server.ts';
import { ensureViewerBuilt } from '../../app/viewer-build.ts';
import { formatNumber, formatSigned, tIn } from '../src/i18n.ts';
import { ARTIFACTS, changedPixels, drawnPixels, launchBrowser, mapShot, pixelsAround, settle, type Browser } from './browser.ts';
import { CLOSED_RGB } from '../../engine/display/palette.ts';
import type { RunResult } from '../../engine/metrics/run-result.ts';
import { writeGridRuns } from './fixture-runs.ts';
import { poaRuns, type PoaRuns } from './poa-runs.ts';

/** The map's background (#eceae4). */
const MAP_BG: [number, number, number] = [236, 234, 228];

interface LinkRow {
  edge: number;
  /** The street's label as the viewer writes it: "name (ref)", the name or the ref. */
  name: string;
  way: number;
  dir: number;
  flow: number;
  vc: number;
}

/** The fields of a links.csv row (RFC 4180: a quoted field may hold commas and doubled quotes). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k];
    if (quoted) {
      if (ch === '"' && line[k + 1] === '"') {
        field += '"';
        k++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

let poa: PoaRuns;
let grid: { a: string; b: string; pair: { a: RunResult; b: RunResult } };
let server: RunningServer;
let browser: Browser;
let page: Page;

function readLinks(runDir: string): LinkRow[] {
  const [head, ...rows] = readFileSync(join(runDir, 'links.csv'), 'utf8').trim().split('\n');
  const col = head.split(',');
  const at = (name: string) => col.indexOf(name);
  return rows.map((line) => {
    const f = csvFields(line);
    const [name, ref] = [f[at('name')] ?? '', f[at('ref')] ?? ''];
    return { edge: Number(f[at('edge')]), name: name && ref ? `${name} (${ref})` : name || ref, way: Number(f[at('way')]), dir: Number(f[at('dir')]), flow: Number(f[at('flow_vph')]), vc: Number(f[at('vc')]) };
  });
}

function readGeometry(runDir: string): number[][][] {
  const doc = JSON.parse(readFileSync(join(runDir, 'links.geojson'), 'utf8')) as { features: { geometry: { coordinates: number[][] } }[] };
  return doc.features.map((f) => f.geometry.coordinates);
}

async function open(query: string): Promise<void> {
  await page.goto(`${server.url}${query}`);
  await page.waitForFunction(() => {
    const g = (window as unknown as { gemeo?: { ready: boolean; error: string | null } }).gemeo;
    return g?.ready || g?.error;
  }, null, { timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { gemeo: { error: string | null } }).gemeo.error)).toBeNull();
  await settle(page);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  poa = await poaRuns();
  grid = writeGridRuns(poa.runsDir);
  await ensureViewerBuilt();
  server = await startServer({ runsDir: poa.runsDir, port: 0 });
  browser = await launchBrowser();
  page = browser.page;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('viewer in Chromium', () => {
  it('draws run A of the Porto Alegre comparison', async () => {
    await open(`?a=${poa.a}&b=${poa.b}&view=a`);
    const drawn = await drawnPixels(page, await mapShot(page, 'poa-a'), MAP_BG);
    // the street network covers a good share of the map at the fitted zoom
    expect(drawn).toBeGreaterThan(40_000);
    await page.screenshot({ path: join(ARTIFACTS, 'poa-page-a.png') });
  });

  it('shows the numbers of both summary.json files in the indicators panel', async () => {
    const sa = JSON.parse(readFileSync(join(poa.absA, 'summary.json'), 'utf8')) as Record<string, number>;
    const sb = JSON.parse(readFileSync(join(poa.absB, 'summary.json'), 'utf8')) as Record<string, number>;
    for (const [key, digits] of [['vkt', 0], ['vht', 0], ['meanTripMin', 2], ['delayVh', 1], ['co2Kg', 0], ['trips', 0]] as const) {
      const cell = (field: string) => page.locator(`#metrics tr[data-metric="${key}"] td[data-field="${field}"]`).textContent();
      expect(await cell('a')).toBe(formatNumber(sa[key], 'pt', digits));
      expect(await cell('b')).toBe(formatNumber(sb[key], 'pt', digits));
      expect(await cell('delta')).toBe(formatSigned(sb[key] - sa[key], 'pt', digits));
    }
    expect(await page.locator('#metrics').textContent()).toContain('Veículos·km');
    expect(sb.trips).toBeGreaterThan(sa.trips); // the event adds trips
  });

  it('has a legend with the v/c classes and the largest volume of links.csv', async () => {
    const top = Math.max(...readLinks(poa.absA).map((r) => r.flow), ...readLinks(poa.absB).map((r) => r.flow));
    const legend = (await page.locator('#legend').textContent()) ?? '';
    expect(legend).toContain(tIn('pt', 'legend.vc'));
    expect(legend).toContain('0,50 – 0,75');
    expect(legend).toContain('≥ 1,00');
    expect(legend).toContain(`${formatNumber(top, 'pt', 0)} veíc/h`);
    expect(await page.locator('#attribution').textContent()).toContain('© colaboradores do OpenStreetMap');
    expect(await page.locator('#banner').isVisible()).toBe(false);
  });

  it('changes the drawing when switching from A to B and to the difference map', async () => {
    const a = await mapShot(page, 'poa-a-again');
    await page.getByLabel(tIn('pt', 'view.b')).check();
    await settle(page);
    const b = await mapShot(page, 'poa-b');
    expect(await changedPixels(page, a, b)).toBeGreaterThan(300);
    await page.getByLabel(tIn('pt', 'view.diff')).check();
    await settle(page);
    const diff = await mapShot(page, 'poa-diff');
    expect(await changedPixels(page, b, diff)).toBeGreaterThan(5_000);
    expect(await page.locator('#legend').textContent()).toContain(tIn('pt', 'legend.diff'));
    await page.getByLabel(tIn('pt', 'view.side')).check();
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'poa-side-by-side.png') });
    expect(await page.locator('#side-labels').isVisible()).toBe(true);
  });

  it('shows before/after values of a clicked link', async () => {
    await page.getByLabel(tIn('pt', 'view.b')).check();
    const linksA = readLinks(poa.absA);
    const linksB = readLinks(poa.absB);
    const geoA = readGeometry(poa.absA);
    const geoB = readGeometry(poa.absB);
    // a one-way link (no twin drawn on top of it) with the largest volume change
    const dirs = new Map<number, Set<number>>();
    for (const r of linksB) dirs.set(r.way, (dirs.get(r.way) ?? new Set()).add(r.dir));
    const key = (way: number, dir: number, g: number[][]) => `${way}:${dir}:${g[0].join()}>${g[g.length - 1].join()}`;
    const inA = new Map(linksA.map((r) => [key(r.way, r.dir, geoA[r.edge]), r]));
    let best: { b: LinkRow; a: LinkRow } | null = null;
    for (const r of linksB) {
      const a = inA.get(key(r.way, r.dir, geoB[r.edge]));
      if (!a || dirs.get(r.way)!.size !== 1) continue;
      if (!best || Math.abs(r.flow - a.flow) > Math.abs(best.b.flow - best.a.flow)) best = { b: r, a };
    }
    expect(best).not.toBeNull();
    const g = geoB[best!.b.edge];
    let s = 0;
    for (let k = 1; k < g.length - 1; k++) if (Math.hypot(g[k + 1][0] - g[k][0], g[k + 1][1] - g[k][1]) > Math.hypot(g[s + 1][0] - g[s][0], g[s + 1][1] - g[s][1])) s = k;
    const mid = [(g[s][0] + g[s + 1][0]) / 2, (g[s][1] + g[s + 1][1]) / 2];
    await page.evaluate(([lon, lat]) => (window as unknown as { gemeo: { flyTo(a: number, b: number, z: number): void } }).gemeo.flyTo(lon, lat, 17), mid);
    await settle(page);
    const xy = await page.evaluate(([lon, lat]) => (window as unknown as { gemeo: { project(a: number, b: number): [number, number] } }).gemeo.project(lon, lat), mid);
    await page.mouse.click(xy[0], xy[1]);
    await page.locator('#popup').waitFor({ state: 'visible' });
    await page.screenshot({ path: join(ARTIFACTS, 'poa-popup.png') });
    expect(await page.locator('#popup [data-field="way"]').textContent()).toBe(String(best!.b.way));
    // the street by name, the way id second
    if (best!.b.name) expect(await page.locator('#popup [data-field="name"]').textContent()).toBe(best!.b.name);
    else expect(await page.locator('#popup [data-field="name"]').count()).toBe(0);
    const cell = (row: string, field: string) => page.locator(`#popup tr[data-row="${row}"] td[data-field="${field}"]`).textContent();
    expect(await cell('flowVph', 'a')).toBe(formatNumber(best!.a.flow, 'pt', 0));
    expect(await cell('flowVph', 'b')).toBe(formatNumber(best!.b.flow, 'pt', 0));
    expect(await cell('vc', 'a')).toBe(formatNumber(best!.a.vc, 'pt', 2));
    expect(await cell('vc', 'b')).toBe(formatNumber(best!.b.vc, 'pt', 2));
  });

  it('switches to English and back', async () => {
    await page.locator('#lang').click();
    await settle(page);
    expect(await page.locator('#metrics').textContent()).toContain('Vehicle-km');
    expect(await page.locator('#attribution').textContent()).toContain('© OpenStreetMap contributors');
    const sa = JSON.parse(readFileSync(join(poa.absA, 'summary.json'), 'utf8')) as { vkt: number };
    expect(await page.locator('#metrics tr[data-metric="vkt"] td[data-field="a"]').textContent()).toBe(formatNumber(sa.vkt, 'en', 0));
    expect(await page.locator('#lang').textContent()).toBe('Português');
    await page.screenshot({ path: join(ARTIFACTS, 'poa-english.png') });
    await page.locator('#lang').click();
    expect(await page.locator('#metrics').textContent()).toContain('Veículos·km');
  });

  it('marks a stand-in network with the banner and no OSM attribution', async () => {
    await open(`?a=${grid.a}&b=${grid.b}`);
    const banner = page.locator('#banner');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toContain('Rede viária sintética (stand-in) — não são ruas levantadas');
    expect(await page.locator('#attribution').textContent()).not.toContain('OpenStreetMap');
    expect(await drawnPixels(page, await mapShot(page, 'standin-diff'), MAP_BG)).toBeGreaterThan(2_000);
    await page.screenshot({ path: join(ARTIFACTS, 'standin-page.png') });
  });

  it('draws a street closed in B in the closed style, with its legend entry, in every view', async () => {
    // the grid pair's B closes one street (its edges are in A only)
    const { a, b } = grid.pair;
    const inB = new Set<number>(Array.from(b.edges.osmWayId));
    const e = Array.from(a.edges.osmWayId).findIndex((w) => !inB.has(w) && w > 0);
    expect(e).toBeGreaterThanOrEqual(0);
    const p = a.edges.geometryOffsets[e]!;
    const c = a.edges.geometryCoords;
    // a quarter of the way along its first segment, away from the junctions
    const at = [c[2 * p]! + 0.25 * (c[2 * p + 2]! - c[2 * p]!), c[2 * p + 1]! + 0.25 * (c[2 * p + 3]! - c[2 * p + 1]!)];
    const closedPixels = async (name: string) => {
      await page.evaluate(([lon, lat]) => (window as unknown as { gemeo: { flyTo(a: number, b: number, z: number): void } }).gemeo.flyTo(lon, lat, 17), at);
      await settle(page);
      const xy = await page.evaluate(([lon, lat]) => (window as unknown as { gemeo: { project(a: number, b: number): [number, number] } }).gemeo.project(lon, lat), at);
      const box = (await page.locator('#map canvas').first().boundingBox())!;
      const png = await mapShot(page, name);
      const px = await pixelsAround(page, png, xy[0] - box.x, xy[1] - box.y, 1);
      return px.filter(([r, g, bl]) => Math.abs(r - CLOSED_RGB[0]) < 25 && Math.abs(g - CLOSED_RGB[1]) < 25 && Math.abs(bl - CLOSED_RGB[2]) < 25).length;
    };
    await open(`?a=${grid.a}&b=${grid.b}`);
    expect(await page.locator('#legend [data-mark="closed"]').textContent()).toBe('via fechada (só em A)');
    expect(await page.locator('#legend [data-mark="added"]').isVisible()).toBe(true);
    expect(await closedPixels('closed-diff')).toBeGreaterThanOrEqual(5);
    // clicked, it says the street is closed in B
    const xy = await page.evaluate(([lon, lat]) => (window as unknown as { gemeo: { project(a: number, b: number): [number, number] } }).gemeo.project(lon, lat), at);
    await page.mouse.click(xy[0], xy[1]);
    await page.locator('#popup').waitFor({ state: 'visible' });
    expect(await page.locator('#popup [data-field="closure"]').textContent()).toBe('Fechada em B: nenhum veículo passa');
    expect(await page.locator('#popup [data-field="way"]').textContent()).toBe(String(a.edges.osmWayId[e]));
    await page.locator('#popup-close').click();
    for (const view of ['b', 'a'] as const) {
      await page.getByLabel(tIn('pt', `view.${view}`)).check();
      await settle(page);
      expect(await closedPixels(`closed-${view}`), view).toBeGreaterThanOrEqual(5);
      expect(await page.locator('#legend [data-mark="closed"]').isVisible(), view).toBe(true);
    }
    // without the closure drawn, the spot in view B is background: the check above sees the closure, not a road of B
    await open(`?a=${grid.a}&b=${grid.a}&view=b`);
    expect(await closedPixels('closed-none')).toBe(0);
    expect(await page.locator('#legend [data-mark="closed"]').count()).toBe(0);
  });

  it('draws the 3D view of a run', async () => {
    await page.goto(`${server.url}3d?run=${poa.b}`);
    await page.waitForFunction(() => {
      const g = (window as unknown as { gemeo3d?: { ready: boolean; error: string | null } }).gemeo3d;
      return g?.ready || g?.error;
    }, null, { timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { gemeo3d: { error: string | null } }).gemeo3d.error)).toBeNull();
    const png = await page.locator('#scene canvas').screenshot();
    writeFileSync(join(ARTIFACTS, 'poa-3d.png'), png);
    // tolerance 20 leaves out the dark ground disc: what counts is ribbons and roads
    expect(await drawnPixels(page, png, [13, 27, 42], 20)).toBeGreaterThan(30_000);
  });

  it('stands the closed street of the grid pair as a wall in the 3D view, with its legend entry', async () => {
    await page.goto(`${server.url}3d?run=${grid.b}&base=${grid.a}`);
    await page.waitForFunction(() => {
      const g = (window as unknown as { gemeo3d?: { ready: boolean; error: string | null } }).gemeo3d;
      return g?.ready || g?.error;
    }, null, { timeout: 60_000 });
    const marks = await page.evaluate(() => (window as unknown as { gemeo3d: { marks: Record<string, number> | null } }).gemeo3d.marks);
    // the closed street's two directions, the added link's two
    expect(marks).toMatchObject({ closed: 2, added: 2 });
    expect(await page.locator('#legend3d [data-mark="closed"]').textContent()).toBe('via fechada (só em A)');
    expect(await page.locator('#legend3d [data-mark="added"]').isVisible()).toBe(true);
  });
});
