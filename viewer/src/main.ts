/**
 * The comparison page: loads the run list, picks a city, period and runs A and B (from the URL
 * `?a=<runDir>&b=<runDir>` or a baseline and an intervention of the first city with two runs),
 * draws them with deck.gl and keeps the panels in step. `window.gemeo` exposes the state and a
 * few hooks (project, flyTo, frame times) for the browser tests and the benchmark. A dynamic
 * run (the one on the map: B, or A in the A-only view) is animated with its sampled
 * trajectories, a play button and a time slider (trips-anim.ts).
 */
import { Deck, MapView, type PickingInfo, type Viewport } from '@deck.gl/core';
import { busRouteData, type BusRouteDatum } from './bus-routes.ts';
import { fetchCity, fetchComparison, fetchConfig, fetchJoin, fetchRun, fetchRuns, fetchTransit, type CityInfo, type ComparisonJson, type RunEntry } from './api.ts';
import { attachBasemap } from './basemap.ts';
import { lang, setLang, t, type Lang } from './i18n.ts';
import { buildLayers, type SideScene } from './layers.ts';
import { interventionMarks, type InterventionMarks } from './intervention-marks.ts';
import { hidePopup, renderAttribution, renderBanner, renderControls, renderLegend, renderMetrics, renderPlayer, renderPopup, type UiState } from './panels.ts';
import { maxFlow, paintRoads, roadPathData, runBounds, type PathData } from './road-attributes.ts';
import type { ViewerRun } from './result-decode.ts';
import { clockLabel, tripsData, tripsLayer, tripsSpan, TripsClock, type TripsData } from './trips-anim.ts';

interface Loaded {
  a: ViewerRun;
  b: ViewerRun;
  aOfB: Int32Array;
  bOfA: Int32Array;
  comparison: ComparisonJson;
  city: CityInfo | null;
  roadsA: PathData;
  roadsB: PathData;
  flowTop: number;
  marks: InterventionMarks;
  busRoutes: BusRouteDatum[];
}

/** The animation of the dynamic run on the map. */
interface Anim {
  run: ViewerRun;
  side: 'a' | 'b';
  data: TripsData;
  clock: TripsClock;
}

interface ViewState {
  longitude: number;
  latitude: number;
  zoom: number;
  pitch: number;
  bearing: number;
}

const params = new URLSearchParams(location.search);
setLang(params.get('lang') === 'en' ? 'en' : 'pt');
const probe = {
  ready: false,
  error: null as string | null,
  firstFrameMs: null as number | null,
  frames: [] as number[],
  state: null as UiState | null,
  project: (lon: number, lat: number): [number, number] | null => null,
  flyTo: (lon: number, lat: number, zoom: number): void => void [lon, lat, zoom],
  redraw: (): void => undefined,
  lastClick: null as string | null,
  pick: (x: number, y: number): string | null => (x === y ? null : null),
  /** Ids of the layers drawn now. */
  layerIds: (): string[] => [],
  /** The animation's clock (seconds after midnight) and sampled vehicle count; null for static runs. */
  trips: null as { time: number; playing: boolean; vehicles: number } | null,
};
(window as unknown as { gemeo: typeof probe }).gemeo = probe;

let runs: RunEntry[] = [];
let state: UiState;
let loaded: Loaded | null = null;
let paintVersion = 0;
let viewState: ViewState = { longitude: -51.2, latitude: -30.05, zoom: 11, pitch: 0, bearing: 0 };
let lastFrame = 0;
let anim: Anim | null = null;
/** The layers of the last draw, without the trips layer (which each clock step replaces). */
let baseLayers: ReturnType<typeof buildLayers> = [];

// deck's generics tie the view state to one fixed list of views; ours switches between one and two
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const deck: Deck<any> = new Deck<any>({
  parent: document.getElementById('map') as HTMLDivElement,
  initialViewState: viewState,
  viewState,
  controller: true,
  views: views('diff'),
  layers: [],
  onViewStateChange: ({ viewState: v }) => {
    viewState = v as unknown as ViewState;
    deck.setProps({ viewState });
    return v;
  },
  onAfterRender: () => {
    const now = performance.now();
    if (lastFrame > 0) probe.frames.push(now - lastFrame);
    lastFrame = now;
    if (loaded && probe.firstFrameMs === null && deck.props.layers.length > 0) {
      // from the start of navigation: fetching, decoding and the first draw included
      probe.firstFrameMs = now;
      probe.ready = true;
      document.body.dataset.state = 'ready';
    }
  },
  pickingRadius: 4,
  getCursor: ({ isHovering }) => (isHovering ? 'pointer' : 'grab'),
});
probe.project = (lon, lat) => {
  const vp = deck.getViewports()[deck.getViewports().length - 1] as Viewport | undefined;
  if (!vp) return null;
  const [x, y] = vp.project([lon, lat]);
  const box = document.getElementById('map')!.getBoundingClientRect();
  return [x + vp.x + box.left, y + vp.y + box.top];
};
probe.flyTo = (lon, lat, zoom) => {
  viewState = { ...viewState, longitude: lon, latitude: lat, zoom };
  deck.setProps({ viewState });
};
probe.redraw = () => deck.redraw('bench');
probe.layerIds = () => (deck.props.layers as { id: string }[]).map((l) => l.id);
// Clicks are picked here rather than through deck's onClick, which did not fire in headless
// Chromium with the controller's double-click recogniser; a press that moved is a drag, not a click.
let pressedAt: [number, number] | null = null;
const mapEl = document.getElementById('map')!;
mapEl.addEventListener('pointerdown', (ev) => void (pressedAt = [ev.clientX, ev.clientY]));
mapEl.addEventListener('click', (ev) => {
  if (pressedAt && Math.hypot(ev.clientX - pressedAt[0], ev.clientY - pressedAt[1]) > 4) return;
  const box = mapEl.getBoundingClientRect();
  onPick(deck.pickObject({ x: ev.clientX - box.left, y: ev.clientY - box.top, radius: 4 }), ev.clientX, ev.clientY);
});
probe.pick = (x, y) => {
  const box = document.getElementById('map')!.getBoundingClientRect();
  const info = deck.pickObject({ x: x - box.left, y: y - box.top, radius: 4 });
  return info ? `${info.layer?.id}#${info.index}` : null;
};

function views(view: UiState['view']) {
  return view === 'side'
    ? [new MapView({ id: 'left', x: 0, width: '50%', controller: true }), new MapView({ id: 'right', x: '50%', width: '50%', controller: true })]
    : [new MapView({ id: 'main', controller: true })];
}

async function start(): Promise<void> {
  status(t('loading'));
  document.getElementById('lang')!.onclick = () => switchLang(lang() === 'pt' ? 'en' : 'pt');
  document.getElementById('play')!.onclick = () => (anim?.clock.playing ? anim.clock.pause() : anim?.clock.play());
  document.getElementById('time')!.oninput = (ev) => anim?.clock.seek(Number((ev.target as HTMLInputElement).value));
  const config = await fetchConfig();
  if (config.style || params.get('style')) attachBasemap(deck, params.get('style') ?? config.style!);
  runs = await fetchRuns();
  renderStatic();
  if (runs.length === 0) return status(t('noRuns'));
  state = initialState();
  await load();
}

function initialState(): UiState {
  const byDir = new Map(runs.map((r) => [r.runDir, r]));
  let a = byDir.get(params.get('a') ?? '');
  let b = byDir.get(params.get('b') ?? '');
  if (!a || !b) {
    // the first city and period with a baseline and something else: A the baseline, B the newest other
    const groups = new Map<string, RunEntry[]>();
    for (const r of runs) groups.set(`${r.city}\0${r.period}`, [...(groups.get(`${r.city}\0${r.period}`) ?? []), r]);
    const group = [...groups.values()].find((g) => g.length >= 2) ?? [...groups.values()][0];
    a = group.find((r) => r.interventions === 0) ?? group[0];
    b = [...group].reverse().find((r) => r !== a) ?? a;
  }
  const view = params.get('view');
  return {
    city: a.city,
    period: a.period,
    a: a.runDir,
    b: b.runDir,
    view: view === 'a' || view === 'b' || view === 'side' ? view : 'diff',
    colorBy: params.get('color') === 'speed' ? 'speed' : 'vc',
    toggles: { arcs: false, hex: false, attractions: true, boundary: true, changed: true, busRoutes: true },
  };
}

/** Applies a UI change; a new city or period re-picks A and B among its runs. */
async function change(next: Partial<UiState>): Promise<void> {
  const s = { ...state, ...next };
  if (next.city || next.period) {
    const period = next.city ? (runs.find((r) => r.city === s.city)?.period ?? s.period) : s.period;
    const group = runs.filter((r) => r.city === s.city && r.period === period);
    s.period = period;
    // keep the same scenarios across periods (the time-of-day selector), else baseline and newest
    const same = (dir: string) => group.find((r) => r.scenario === runs.find((x) => x.runDir === dir)?.scenario);
    s.a = (same(state.a) ?? group.find((r) => r.interventions === 0) ?? group[0]).runDir;
    s.b = (same(state.b) ?? [...group].reverse().find((r) => r.runDir !== s.a) ?? group[0]).runDir;
  }
  const reload = s.a !== state.a || s.b !== state.b;
  state = s;
  if (reload) await load();
  else draw();
}

async function load(): Promise<void> {
  status(t('loading'));
  hidePopup();
  try {
    const [a, b, aOfB, comparison, transitA, transitB] = await Promise.all([fetchRun(state.a), fetchRun(state.b), fetchJoin(state.a, state.b), fetchComparison(state.a, state.b), fetchTransit(state.a).catch(() => null), fetchTransit(state.b).catch(() => null)]);
    const city = await fetchCity(a.meta.city).catch(() => null);
    const bOfA = new Int32Array(a.edges.count).fill(-1);
    for (let e = 0; e < aOfB.length; e++) if (aOfB[e] >= 0) bOfA[aOfB[e]] = e;
    const first = loaded === null || loaded.a.meta.city !== a.meta.city;
    loaded = { a, b, aOfB, bOfA, comparison, city, roadsA: roadPathData(a), roadsB: roadPathData(b), flowTop: Math.max(maxFlow(a), maxFlow(b)), marks: interventionMarks(a, b, aOfB, bOfA), busRoutes: busRouteData(transitA, transitB) };
    if (first) fitTo(b);
    status('');
    draw();
  } catch (err) {
    probe.error = (err as Error).message;
    status(`${t('error')}: ${(err as Error).message}`);
  }
}

function fitTo(run: ViewerRun): void {
  const [w, s, e, n] = runBounds(run);
  const box = document.getElementById('map')!.getBoundingClientRect();
  const zoom = Math.log2(Math.min((box.width * 360) / ((e - w) * 512), (box.height * 360) / ((n - s) * 512 * (1 / Math.cos(((s + n) / 2) * (Math.PI / 180)))))) ;
  viewState = { longitude: (w + e) / 2, latitude: (s + n) / 2, zoom: Math.max(1, zoom - 0.1), pitch: 0, bearing: 0 };
}

function draw(): void {
  probe.state = state;
  renderStatic();
  if (!loaded) return;
  const L = loaded;
  const mode = state.view === 'diff' ? 'diff' : state.colorBy;
  const sides: SideScene[] = [];
  paintVersion++;
  if (state.view === 'diff') {
    paintRoads(L.roadsB, L.b, 'diff', L.flowTop, L.a, L.aOfB);
    sides.push({ side: 'b', run: L.b, roads: L.roadsB, paintVersion });
  } else {
    if (state.view !== 'b') {
      paintRoads(L.roadsA, L.a, state.colorBy, L.flowTop);
      sides.push({ side: 'a', run: L.a, roads: L.roadsA, paintVersion });
    }
    if (state.view !== 'a') {
      paintRoads(L.roadsB, L.b, state.colorBy, L.flowTop);
      sides.push({ side: 'b', run: L.b, roads: L.roadsB, paintVersion });
    }
  }
  const flowSource = state.view === 'a' ? L.a : L.b;
  setAnim(flowSource, state.view === 'a' ? 'a' : 'b');
  baseLayers = buildLayers(sides, L.city, state.toggles, flowSource, L.marks, L.busRoutes);
  deck.setProps({
    views: views(state.view),
    viewState,
    layers: withTrips(),
    layerFilter: ({ layer, viewport }) => (viewport.id === 'left' ? !layer.id.startsWith('b:') : viewport.id === 'right' ? !layer.id.startsWith('a:') : true),
  });
  const m = L.marks;
  const windows = [...new Set(L.comparison.interventions.filter((x) => (x.type === 'close' || x.type === 'close-area') && x.from && x.to).map((x) => `${x.from}–${x.to}`))];
  renderLegend(mode, L.flowTop, { closed: m.closed.length > 0, closedWindow: m.closedWindow.length > 0, windows, added: m.added.length > 0, changed: state.toggles.changed && m.changed.length > 0 });
  const entry = (dir: string) => runs.find((r) => r.runDir === dir)!;
  renderMetrics(L.comparison, entry(state.a), entry(state.b));
  renderBanner(L.a.meta.synthetic || L.b.meta.synthetic);
  renderAttribution(L.city?.osm ?? !L.b.meta.synthetic, Boolean(params.get('style')));
  const labels = document.getElementById('side-labels')!;
  labels.hidden = state.view !== 'side';
  document.getElementById('side-a')!.textContent = `A: ${L.a.meta.name}`;
  document.getElementById('side-b')!.textContent = `B: ${L.b.meta.name}`;
  const link = document.getElementById('link3d') as HTMLAnchorElement;
  link.href = `/3d?run=${encodeURIComponent(state.view === 'a' ? state.a : state.b)}${state.view === 'a' ? '' : `&base=${encodeURIComponent(state.a)}`}&lang=${lang()}`;
}

/** Keeps `anim` on `run` when it is dynamic with trajectories, else none; the clock survives redraws. */
function setAnim(run: ViewerRun, side: 'a' | 'b'): void {
  const traj = run.dynamic?.trajectories;
  if (anim && anim.run === run) {
    anim.side = side;
  } else {
    anim?.clock.pause();
    anim = null;
    if (traj && traj.count > 0) {
      const clock = new TripsClock(tripsSpan(traj), onClock);
      anim = { run, side, data: tripsData(traj), clock };
    }
  }
  probe.trips = anim ? { time: anim.clock.time, playing: anim.clock.playing, vehicles: anim.data.length } : null;
  renderPlayer(anim?.clock ?? null, anim ? clockLabel(anim.clock.time) : '');
}

function withTrips() {
  if (!anim) return baseLayers;
  const layers = [...baseLayers, tripsLayer(`${anim.side}:trips`, anim.data, anim.clock.time)];
  // while the animation's clock is outside the closure's window, the road is open: not drawn closed
  const w = closureWindow();
  const t = anim.clock.time;
  return w && (t < w[0] || t >= w[1]) ? layers.filter((l) => !l.id.endsWith(':closed-window')) : layers;
}

/** The one window of the comparison's timed closures, seconds after midnight; null when none or several. */
function closureWindow(): [number, number] | null {
  const windows = new Set((loaded?.comparison.interventions ?? []).filter((x) => (x.type === 'close' || x.type === 'close-area') && x.from && x.to).map((x) => `${x.from}-${x.to}`));
  if (windows.size !== 1) return null;
  const [from, to] = [...windows][0].split('-').map((c) => Number(c.slice(0, 2)) * 3600 + Number(c.slice(3, 5)) * 60);
  return [from, to];
}

function onClock(time: number, playing: boolean): void {
  if (!anim) return;
  probe.trips = { time, playing, vehicles: anim.data.length };
  renderPlayer(anim.clock, clockLabel(time));
  deck.setProps({ layers: withTrips() });
}

function onPick(info: PickingInfo | null, x: number, y: number): void {
  probe.lastClick = info ? `${info.layer?.id ?? 'none'}#${info.index}` : null;
  if (!loaded || !info || !info.layer || info.index < 0) return hidePopup();
  const L = loaded;
  const id = info.layer.id;
  // a closed link: A's edge, with nothing in B
  if (id.endsWith(':closed')) {
    const e = L.marks.closed[info.index].edge;
    return renderPopup(x, y, { run: L.a, e }, { run: L.a, e }, null, 'closed');
  }
  if (id.endsWith(':closed-window')) {
    const e = L.marks.closedWindow[info.index].edge;
    return renderPopup(x, y, { run: L.b, e }, L.aOfB[e] >= 0 ? { run: L.a, e: L.aOfB[e] } : null, { run: L.b, e }, 'closedWindow');
  }
  if (!id.endsWith(':roads')) return hidePopup();
  const side = info.layer.id.startsWith('a:') ? 'a' : 'b';
  const e = info.index;
  const inA = side === 'a' ? e : L.aOfB[e];
  const inB = side === 'b' ? e : L.bOfA[e];
  renderPopup(x, y, { run: side === 'a' ? L.a : L.b, e }, inA >= 0 ? { run: L.a, e: inA } : null, inB >= 0 ? { run: L.b, e: inB } : null);
}

function switchLang(l: Lang): void {
  setLang(l);
  const url = new URL(location.href);
  url.searchParams.set('lang', l);
  history.replaceState(null, '', url);
  hidePopup();
  if (loaded) draw();
  else renderStatic();
}

function renderStatic(): void {
  document.title = `gemeo — ${t('title')}`;
  document.getElementById('title')!.textContent = t('title');
  document.getElementById('subtitle')!.textContent = t('subtitle');
  document.getElementById('lang')!.textContent = t('lang');
  document.getElementById('link3d')!.textContent = t('view3d');
  if (state) renderControls(runs, state, (next) => void change(next));
}

function status(text: string): void {
  document.getElementById('status')!.textContent = text;
}

start().catch((err: Error) => {
  probe.error = err.message;
  status(`${t('error')}: ${err.message}`);
});
