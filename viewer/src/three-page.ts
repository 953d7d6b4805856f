/**
 * The 3D page (/3d?run=<runDir>): one run shown by three-scene.ts, with its caption, the
 * stand-in banner and the attribution; without `run` it shows the newest run.
 */
import { fetchRun, fetchRuns } from './api.ts';
import { setLang, t } from './i18n.ts';
import { showCity } from './three-scene.ts';

const params = new URLSearchParams(location.search);
setLang(params.get('lang') === 'en' ? 'en' : 'pt');
const probe = { ready: false, error: null as string | null, frames: 0 };
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
  const scene = showCity(document.getElementById('scene')!, run);
  const back = `/?lang=${params.get('lang') === 'en' ? 'en' : 'pt'}`;
  caption.innerHTML = '';
  const title = document.createElement('b');
  title.textContent = `${run.meta.cityName} — ${run.meta.name}`;
  const line = document.createElement('div');
  line.textContent = t('threeTitle');
  const link = document.createElement('a');
  link.href = back;
  link.textContent = t('back2d');
  caption.append(title, line, link);
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
