/**
 * The 3D page (/3d?run=<runDir>): one run shown by three-scene.ts, with its caption, the
 * stand-in banner and the attribution; without `run` it shows the newest run.
 */
import { fetchJoin, fetchRun, fetchRuns } from './api.ts';
import { setLang, t, type StringKey } from './i18n.ts';
import { CHANGED_RGB, CLOSED_3D_RGB, CLOSED_WINDOW_RGB, NEW_LINK_RGB, type Rgb } from '../../engine/display/palette.ts';
import { markWalls, type MarkCounts } from './three-marks.ts';
import { showCity } from './three-scene.ts';

const params = new URLSearchParams(location.search);
setLang(params.get('lang') === 'en' ? 'en' : 'pt');
const probe = { ready: false, error: null as string | null, frames: 0, marks: null as MarkCounts | null };
(window as unknown as { gemeo3d: typeof probe }).gemeo3d = probe;

async function start(): Promise<void> {
  const caption = document.getElementById('caption')!;
  caption.textContent = t('loading');
  let runDir = params.get('run');
  if (!runDir) {
    const runs = await fetchRuns();
    if (runs.length === 0) throw new Error(t('noRuns'));
    runDir = [...runs].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0].runDir;
  }
  const run = await fetchRun(runDir);
  // the run it is compared with (?base=<runDir>): its links missing from this run are closures
  const baseDir = params.get('base');
  let base = null;
  let join: { aOfB: Int32Array; bOfA: Int32Array } | null = null;
  if (baseDir && baseDir !== runDir) {
    const [a, aOfB] = await Promise.all([fetchRun(baseDir), fetchJoin(baseDir, runDir)]);
    base = a;
    const bOfA = new Int32Array(a.edges.count).fill(-1);
    for (let e = 0; e < aOfB.length; e++) if (aOfB[e] >= 0) bOfA[aOfB[e]] = e;
    join = { aOfB, bOfA };
  }
  let counts: MarkCounts | null = null;
  const scene = showCity(document.getElementById('scene')!, run, (frame, height) => {
    const m = markWalls(run, base, join, frame, height);
    counts = m.counts;
    return m;
  });
  probe.marks = counts;
  const back = `/?lang=${params.get('lang') === 'en' ? 'en' : 'pt'}`;
  caption.innerHTML = '';
  const title = document.createElement('b');
  title.textContent = `${run.meta.cityName} — ${run.meta.name}`;
  const line = document.createElement('div');
  line.textContent = t('threeTitle');
  const link = document.createElement('a');
  link.href = back;
  link.textContent = t('back2d');
  caption.append(title, line, legend(counts), link);
  const banner = document.getElementById('banner')!;
  banner.hidden = !run.meta.synthetic;
  banner.textContent = run.meta.synthetic ? `⚠ ${t('syntheticBanner')}` : '';
  document.getElementById('attribution')!.textContent = run.meta.synthetic ? 'three.js' : `${t('attribution')} · three.js`;
  const tick = () => {
    probe.frames = scene.frames;
    if (scene.frames > 1) {
      probe.ready = true;
      document.body.dataset.state = 'ready';
    } else requestAnimationFrame(tick);
  };
  tick();
}

start().catch((err: Error) => {
  probe.error = err.message;
  document.getElementById('caption')!.textContent = `${t('error')}: ${err.message}`;
});

/** One row per kind of mark the scene shows. */
function legend(counts: MarkCounts | null): HTMLElement {
  const box = document.createElement('div');
  box.id = 'legend3d';
  if (!counts) return box;
  const rows: [keyof MarkCounts, Rgb, StringKey][] = [
    ['closed', CLOSED_3D_RGB, 'legend.closed'],
    ['closedWindow', CLOSED_WINDOW_RGB, 'legend.closedWindow'],
    ['added', NEW_LINK_RGB, 'legend.newLink'],
    ['changed', CHANGED_RGB, 'legend.changed'],
  ];
  for (const [key, rgb, label] of rows) {
    if (counts[key] === 0) continue;
    const row = document.createElement('div');
    row.dataset.mark = key;
    const sw = document.createElement('span');
    sw.style.cssText = `display:inline-block;width:14px;height:10px;margin-right:6px;background:rgb(${rgb.join(',')})`;
    row.append(sw, t(label));
    box.append(row);
  }
  return box;
}
