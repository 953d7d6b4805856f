/**
 * The DOM around the map: controls (pickers, view, colour, layers), the indicators table with
 * deltas, the legend, the link popup, the stand-in banner and the attribution. Each function
 * renders its element whole from the state it is given, in the current language.
 */
import type { ComparisonJson, Delta, RunEntry } from './api.ts';
import { fmt, t, type StringKey } from './i18n.ts';
import { DIFF_CLASSES, NEW_LINK_RGB, SPEED_CLASSES, VC_CLASSES, CHANGED_RGB, CLOSED_RGB, CLOSED_WINDOW_RGB, type ColorClass, type Rgb } from '../../engine/display/palette.ts';
import type { ViewerRun } from './result-decode.ts';
import { roadClassName } from '../../engine/graph/road-class.ts';

export type ViewMode = 'diff' | 'a' | 'b' | 'side';
export type ColorBy = 'vc' | 'speed';

export interface UiState {
  city: string;
  period: string;
  a: string;
  b: string;
  view: ViewMode;
  colorBy: ColorBy;
  toggles: { arcs: boolean; hex: boolean; attractions: boolean; boundary: boolean; changed: boolean; busRoutes: boolean };
}

const $ = (id: string) => document.getElementById(id)!;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const rgb = (c: Rgb) => `rgb(${c[0]},${c[1]},${c[2]})`;

export function renderControls(runs: RunEntry[], s: UiState, onChange: (next: Partial<UiState>) => void): void {
  const cities = [...new Map(runs.map((r) => [r.city, r.cityName])).entries()];
  const ofCity = runs.filter((r) => r.city === s.city);
  const periods = [...new Set(ofCity.map((r) => r.period))];
  const choices = ofCity.filter((r) => r.period === s.period);
  const option = (value: string, label: string, selected: boolean) => `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
  const runLabel = (r: RunEntry) => `${r.name}${r.interventions === 0 ? '' : ` (${r.interventions})`} · ${r.createdAt.slice(0, 16).replace('T', ' ')}`;
  const radio = (name: string, value: string, key: StringKey, checked: boolean) =>
    `<label><input type="radio" name="${name}" value="${value}"${checked ? ' checked' : ''}/> ${esc(t(key))}</label>`;
  const check = (key: keyof UiState['toggles']) => `<label><input type="checkbox" name="toggle" value="${key}"${s.toggles[key] ? ' checked' : ''}/> ${esc(t(`layer.${key}` as StringKey))}</label>`;
  $('controls').innerHTML = `
    <label for="pick-city">${esc(t('city'))}</label>
    <select id="pick-city">${cities.map(([slug, name]) => option(slug, name, slug === s.city)).join('')}</select>
    <label for="pick-period">${esc(t('period'))}</label>
    <select id="pick-period">${periods.map((p) => option(p, periodLabel(p), p === s.period)).join('')}</select>
    <label for="pick-a">${esc(t('scenarioA'))}</label>
    <select id="pick-a">${choices.map((r) => option(r.runDir, runLabel(r), r.runDir === s.a)).join('')}</select>
    <label for="pick-b">${esc(t('scenarioB'))}</label>
    <select id="pick-b">${choices.map((r) => option(r.runDir, runLabel(r), r.runDir === s.b)).join('')}</select>
    <fieldset id="pick-view"><legend>${esc(t('view'))}</legend>
      ${(['diff', 'a', 'b', 'side'] as const).map((v) => radio('view', v, `view.${v}`, s.view === v)).join('')}</fieldset>
    <fieldset id="pick-color"><legend>${esc(t('colorBy'))}</legend>
      ${(['vc', 'speed'] as const).map((v) => radio('color', v, `colorBy.${v}`, s.colorBy === v)).join('')}</fieldset>
    <fieldset id="pick-layers"><legend>${esc(t('layers'))}</legend>
      ${(['changed', 'boundary', 'arcs', 'hex', 'attractions', 'busRoutes'] as const).map(check).join('')}</fieldset>`;
  const value = (id: string) => ($(id) as HTMLSelectElement).value;
  $('pick-city').onchange = () => onChange({ city: value('pick-city') });
  $('pick-period').onchange = () => onChange({ period: value('pick-period') });
  $('pick-a').onchange = () => onChange({ a: value('pick-a') });
  $('pick-b').onchange = () => onChange({ b: value('pick-b') });
  for (const el of document.querySelectorAll<HTMLInputElement>('#controls input')) {
    el.onchange = () => {
      if (el.name === 'view') onChange({ view: el.value as ViewMode });
      else if (el.name === 'color') onChange({ colorBy: el.value as ColorBy });
      else onChange({ toggles: { ...s.toggles, [el.value]: el.checked } });
    };
  }
}

export function periodLabel(p: string): string {
  return ['am-peak', 'midday', 'pm-peak', 'day'].includes(p) ? t(`period.${p}` as StringKey) : p;
}

/** Indicator rows: key, decimals, and whether a rise is bad (colours the delta). */
const METRICS: [keyof Pick<ComparisonJson, 'vkt' | 'vht' | 'meanTripMin' | 'delayVh' | 'co2Kg' | 'trips'>, number, boolean][] = [
  ['vkt', 0, true],
  ['vht', 0, true],
  ['meanTripMin', 2, true],
  ['delayVh', 1, true],
  ['co2Kg', 0, true],
  ['trips', 0, false],
];

export function renderMetrics(c: ComparisonJson, a: RunEntry, b: RunEntry): void {
  const cell = (d: Delta, digits: number, riseIsBad: boolean) => {
    const cls = !riseIsBad || d.delta === 0 ? '' : (d.delta > 0) === riseIsBad ? 'worse' : 'better';
    return `<td data-field="a">${fmt(d.a, digits)}</td><td data-field="b">${fmt(d.b, digits)}</td><td data-field="delta" class="${cls}">${fmt(d.delta, digits, true)}</td><td data-field="pct" class="${cls}">${fmt(d.pct, 1, true)}</td>`;
  };
  $('metrics').innerHTML = `<h2>${esc(t('metrics'))} — ${esc(periodLabel(c.period))}</h2>
    <p class="sub">A: ${esc(a.name)}<br/>B: ${esc(b.name)}</p>
    <table><thead><tr><th></th><th>A</th><th>B</th><th>${t('delta')}</th><th>${t('deltaPct')}</th></tr></thead><tbody>
    ${METRICS.map(([k, digits, bad]) => `<tr data-metric="${k}"><td>${esc(t(`metric.${k}` as StringKey))}</td>${cell(c[k], digits, bad)}</tr>`).join('')}
    </tbody></table>`;
  $('interventions').innerHTML = `<h2>${esc(t('interventions'))}</h2>${
    c.interventions.length === 0 ? `<p>${esc(t('noInterventions'))}</p>` : `<ul>${c.interventions.map((x) => `<li><b>${esc(t(`iv.${x.type}` as StringKey))}</b>${x.label ? `: ${esc(x.label)}` : ''}${x.type === 'event' ? (x.attendance ? ` — ${fmt(x.attendance, 0)} ${esc(t('people'))}` : '') : ` — ${x.edges} ${esc(t('edges'))}`}${x.from && x.to ? ` · ${x.from}–${x.to}` : ''}</li>`).join('')}</ul>`
  }`;
}

/** Which intervention marks the map shows (intervention-marks.ts), each with a legend entry. */
export interface LegendMarks {
  closed: boolean;
  closedWindow: boolean;
  /** The windows of the timed closures, "07:15–07:45" (shown beside their legend entry). */
  windows?: string[];
  added: boolean;
  changed: boolean;
}

export function renderLegend(mode: 'vc' | 'speed' | 'diff', flowTop: number, marks: LegendMarks): void {
  const classes: readonly ColorClass[] = mode === 'vc' ? VC_CLASSES : mode === 'speed' ? SPEED_CLASSES : DIFF_CLASSES;
  const digits = mode === 'speed' ? 0 : 2;
  const rows = classes.map((c, i) => {
    const lo = i === 0 ? null : classes[i - 1].upTo;
    const hi = c.upTo === Infinity ? null : c.upTo;
    const label = lo === null ? `< ${fmt(hi, digits, mode === 'diff')}` : hi === null ? `≥ ${fmt(lo, digits, mode === 'diff')}` : `${fmt(lo, digits, mode === 'diff')} – ${fmt(hi, digits, mode === 'diff')}`;
    return `<div class="row"><span class="sw" style="background:${rgb(c.rgb)}"></span>${label}</div>`;
  });
  const mark = (key: string, color: Rgb, label: StringKey, extra = '') => `<div class="row" data-mark="${key}"><span class="sw" style="background:${rgb(color)}"></span>${esc(t(label))}${esc(extra)}</div>`;
  if (marks.closed) rows.push(mark('closed', CLOSED_RGB, 'legend.closed'));
  if (marks.closedWindow) rows.push(mark('closed-window', CLOSED_WINDOW_RGB, 'legend.closedWindow', marks.windows?.length ? ` (${marks.windows.join(', ')})` : ''));
  if (mode === 'diff' || marks.added) rows.push(mark('added', NEW_LINK_RGB, 'legend.newLink'));
  if (marks.changed) rows.push(mark('changed', CHANGED_RGB, 'legend.changed'));
  const note = mode === 'diff' ? `<div>${esc(t('legend.diffBetter'))} · ${esc(t('legend.diffWorse'))}</div>` : '';
  $('legend').innerHTML = `<h3>${esc(t(`legend.${mode}`))}</h3>${rows.join('')}${note}<div class="row" data-field="flow-top">${esc(t('legend.width'))} ${fmt(flowTop, 0)} ${esc(t('vph'))}</div>`;
}

/** The popup of edge `e` of the clicked run, with its counterpart in the other run. */
export function renderPopup(x: number, y: number, edge: { run: ViewerRun; e: number }, before: { run: ViewerRun; e: number } | null, after: { run: ViewerRun; e: number } | null, closure?: 'closed' | 'closedWindow'): void {
  const { run, e } = edge;
  const way = run.edges.osmWayId[e];
  const street = run.wayNames?.label(way);
  const row = (key: StringKey, col: 'flowVph' | 'trucksVph' | 'vc' | 'speedKmh' | 'timeS', digits: number) => {
    const va = before ? (before.run.edges[col]?.[before.e] ?? null) : null;
    const vb = after ? (after.run.edges[col]?.[after.e] ?? null) : null;
    const notInB = after === null && closure === 'closed';
    const d = va !== null && vb !== null ? vb - va : null;
    return `<tr data-row="${col}"><td>${esc(t(key))}</td><td data-field="a">${va === null ? esc(t('notInA')) : fmt(va, digits)}</td><td data-field="b">${notInB ? esc(t('closedInB')) : fmt(vb, digits)}</td><td data-field="delta">${fmt(d, digits, true)}</td></tr>`;
  };
  const p = $('popup');
  p.innerHTML = `<button type="button" aria-label="${esc(t('close'))}" id="popup-close">×</button>
    ${street ? `<h4 data-field="name">${esc(street)}</h4>` : ''}
    <div class="sub">${esc(t('popupTitle'))} <span data-field="way">${way}</span></div>
    ${closure ? `<div class="closure" data-field="closure">${esc(t(closure === 'closed' ? 'popup.closed' : 'popup.closedWindow'))}</div>` : ''}
    <div>${esc(t(`direction.${run.edges.dir[e] ? 1 : 0}` as StringKey))} · ${esc(t('roadClass'))}: ${esc(roadClassName(run.edges.roadClass[e]))} · ${run.edges.lanes[e]} ${esc(t('lanes'))}</div>
    <table><thead><tr><th></th><th>${esc(t('before'))}</th><th>${esc(t('after'))}</th><th>${t('delta')}</th></tr></thead><tbody>
    ${row('flow', 'flowVph', 0)}${before?.run.edges.trucksVph || after?.run.edges.trucksVph ? row('trucks', 'trucksVph', 0) : ''}${row('vc', 'vc', 2)}${row('speed', 'speedKmh', 1)}${row('time', 'timeS', 1)}</tbody></table>`;
  p.hidden = false;
  p.style.left = `${Math.min(x + 12, window.innerWidth - 320)}px`;
  p.style.top = `${Math.min(y + 12, window.innerHeight - 190)}px`;
  $('popup-close').onclick = () => hidePopup();
}

export function hidePopup(): void {
  $('popup').hidden = true;
}

export function renderBanner(synthetic: boolean): void {
  const b = $('banner');
  b.hidden = !synthetic;
  b.innerHTML = synthetic ? `⚠ ${esc(t('syntheticBanner'))}<small>${esc(t('syntheticDetail'))}</small>` : '';
}

export function renderAttribution(osm: boolean, basemap: boolean): void {
  const parts = [osm ? t('attribution') : '', basemap ? 'MapLibre' : '', 'deck.gl'].filter(Boolean);
  $('attribution').textContent = parts.join(' · ');
}

/** The play button and time slider of a dynamic run's animation; hidden when `clock` is null. */
export function renderPlayer(clock: { span: [number, number]; time: number; playing: boolean } | null, label: string): void {
  const box = $('player');
  box.hidden = clock === null;
  if (!clock) return;
  box.title = t('tripsTitle');
  $('play').textContent = t(clock.playing ? 'pause' : 'play');
  const slider = $('time') as HTMLInputElement;
  slider.min = String(clock.span[0]);
  slider.max = String(clock.span[1]);
  slider.value = String(Math.round(clock.time));
  slider.setAttribute('aria-label', t('timeSlider'));
  $('clock').textContent = label;
}
