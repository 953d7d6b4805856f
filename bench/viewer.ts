/**
 * Viewer benchmark: `npx tsx bench/viewer.ts [--runs N]`, in Debian's Chromium (headless,
 * WebGL on SwiftShader — software rendering, so GPU machines draw far faster).
 *
 * 1. Porto Alegre comparison (the e2e runs, viewer/e2e/poa-runs.ts): milliseconds from the start
 *    of navigation to the first frame drawn with the roads (result.fb fetched and decoded, binary
 *    attributes built), median of N page loads (default 5) in one browser.
 * 2. The largest city's full network (the reference extract with the most links, every directed
 *    link, flows set from capacity — drawing cost does not depend on the values): median frame time of 60
 *    forced redraws of the whole map.
 * Prints the machine with the figures.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../app/server.ts';
import { ensureViewerBuilt } from '../app/viewer-build.ts';
import { cityBySlug, loadCityGraph } from '../app/city-graphs.ts';
import { linkMetrics } from '../engine/metrics/link-metrics.ts';
import { runEdges, type RunResult } from '../engine/metrics/run-result.ts';
import { launchBrowser } from '../viewer/e2e/browser.ts';
import { writeRunFolder } from '../viewer/e2e/fixture-runs.ts';
import { poaRuns } from '../viewer/e2e/poa-runs.ts';
import { machineLine } from './machine.ts';
import { median } from './stats.ts';

const arg = process.argv.indexOf('--runs');
const runs = arg > 0 ? Number(process.argv[arg + 1]) : 5;
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs is ${process.argv[arg + 1]}, expected a positive integer`);
  process.exit(2);
}

type Probe = { ready: boolean; error: string | null; firstFrameMs: number | null };

const poa = await poaRuns();
const big = largestCityRun(join(tmpdir(), 'gemeo-bench-viewer-runs'));
await ensureViewerBuilt();
const poaServer = await startServer({ runsDir: poa.runsDir, port: 0 });
const bigServer = await startServer({ runsDir: big.runsDir, port: 0 });
const browser = await launchBrowser();
const page = browser.page;

async function load(url: string): Promise<Probe> {
  await page.goto(url);
  await page.waitForFunction(() => {
    const g = (globalThis as unknown as { gemeo?: Probe }).gemeo;
    return g?.ready || g?.error;
  }, null, { timeout: 300_000 });
  const probe = (await page.evaluate('({ ready: gemeo.ready, error: gemeo.error, firstFrameMs: gemeo.firstFrameMs })')) as Probe;
  if (probe.error) throw new Error(`viewer: ${probe.error}`);
  return probe;
}

try {
  const firsts: number[] = [];
  await load(`${poaServer.url}?a=${poa.a}&b=${poa.b}&view=b`); // warm-up: vite chunks in the cache
  for (let r = 0; r < runs; r++) firsts.push((await load(`${poaServer.url}?a=${poa.a}&b=${poa.b}&view=b`)).firstFrameMs!);

  await load(`${bigServer.url}?a=${big.runDir}&b=${big.runDir}&view=b`);
  // a string, so that tsx's transform adds no helper names to the code run in the page
  const frames = (await page.evaluate(`new Promise((done) => {
    const out = [];
    let last = performance.now();
    function step() {
      const now = performance.now();
      out.push(now - last);
      last = now;
      if (out.length > 60) return done(out.slice(1));
      gemeo.redraw();
      requestAnimationFrame(step);
    }
    gemeo.redraw();
    requestAnimationFrame(step);
  })`)) as number[];
  console.log(`viewer (Chromium ${browser.context.browser()?.version() ?? ''}, SwiftShader WebGL) — ${machineLine()}`);
  console.log(`porto-alegre   first drawn frame ${median(firsts).toFixed(0)} ms from navigation (median of ${runs}; min ${Math.min(...firsts).toFixed(0)})`);
  console.log(`${big.slug.padEnd(14)} frame time ${median(frames).toFixed(1)} ms with all ${big.edges} links drawn (median of ${frames.length} redraws; p90 ${[...frames].sort((x, y) => x - y)[Math.floor(frames.length * 0.9)].toFixed(1)} ms)`);
} finally {
  await browser.close();
  await poaServer.close();
  await bigServer.close();
}

/** A run folder with every link of the reference city with the most links (OSM extracts: Porto Alegre, São Paulo). */
function largestCityRun(runsDir: string): { runsDir: string; runDir: string; slug: string; edges: number } {
  const [slug, city, { graph }] = ['porto-alegre', 'sao-paulo']
    .map((s) => [s, cityBySlug(s), loadCityGraph(cityBySlug(s))] as const)
    .sort((x, y) => y[2].graph.edgeCount - x[2].graph.edgeCount)[0];
  const n = graph.edgeCount;
  const flow = Float64Array.from(graph.capacityVph, (c, e) => c * (0.15 + 0.8 * (((e * 2654435761) >>> 0) / 2 ** 32)));
  const result: RunResult = {
    meta: { city: slug, cityName: city.name, scenario: 'bench-all-links', name: 'Todas as vias', model: 'static', period: 'am-peak', seed: 1, synthetic: graph.meta.synthetic, graphName: graph.meta.name, inputHash: 'bench', version: 'bench', createdAt: '2000-01-01T00:00:00.000Z' },
    edges: runEdges(graph, linkMetrics(graph, flow), new Uint8Array(n)),
    zones: { count: 0, ids: [], lon: new Float64Array(0), lat: new Float64Array(0), timeS: new Float32Array(0), trips: new Float32Array(0) },
    totals: { vkt: 0, vht: 0, delayVh: 0, meanTripMin: 0, trips: 0, unreachableTrips: 0, co2Kg: 0 },
    convergence: [],
    assignment: { method: 'none', iterations: 0, relativeGap: 0, seconds: 0 },
    attractions: [],
    interventions: [],
  };
  return { runsDir, runDir: writeRunFolder(runsDir, result, 'bench0000000001'), slug, edges: n };
}
