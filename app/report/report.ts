/**
 * The comparison report for officials: one self-contained HTML page (inline CSS and SVG, no
 * scripts, no external requests; the only link is the OpenStreetMap attribution) that says in a
 * minute what an intervention changes. Portuguese by default, English with lang 'en'; every
 * visible word comes from i18n.ts.
 *
 * Terms: A is the reference run (usually the baseline), B the run with the intervention; Δ is
 * B − A. "Better" means lower for time, distance, delay and CO₂; trips are neutral.
 */
import { writeFileAtomic } from '../../engine/util/write-atomic.ts';
import { join } from 'node:path';
import type { IterationRecord } from '../../engine/assignment/result.ts';
import type { Comparison, Delta, DynamicComparison, LinkChange, ZonePairChange } from '../../engine/metrics/compare.ts';
import type { RunEdges, RunResult } from '../../engine/metrics/run-result.ts';
import { COLOR_A, COLOR_B, COLOR_BETTER, COLOR_WORSE, convergenceChart, esc, groupedBars, signedBars } from './charts.ts';
import { autoDecimals, formatNumber, formatPct, formatShare, formatSigned, strings, type Lang, type Strings } from './i18n.ts';
import { renderMap } from './map.ts';
import { transitHeading, transitSection } from './transit-section.ts';
import type { TransitComparison } from '../../engine/transit/transit-summary.ts';

export interface ReportOptions {
  lang?: Lang;
  convergenceA?: IterationRecord[];
  convergenceB?: IterationRecord[];
  /** The runs' edges, for the map; without them the map is left out. */
  edgesA?: RunEdges;
  edgesB?: RunEdges;
  /** The transit comparison, when both runs modelled transit. */
  transit?: TransitComparison;
}

export const OSM_COPYRIGHT_URL = 'https://www.openstreetmap.org/copyright';

export function renderReport(c: Comparison, options: ReportOptions = {}): string {
  const lang = options.lang ?? 'pt';
  const t = strings(lang);
  const city = c.meta.cityName || c.meta.city;
  const nameA = c.meta.a.name || c.meta.a.scenario;
  const nameB = c.meta.b.name || c.meta.b.scenario;
  const title = t.title(city, nameA, nameB);
  const body: string[] = [];

  body.push(`<header><p class="kind">${esc(t.docKind)}</p><h1>${esc(title)}</h1>`);
  body.push(`<p class="muted">${esc(t.periodSeed(t.periods[c.meta.period] ?? c.meta.period, c.meta.seed))}</p>`);
  body.push(`<p><span class="tag a">A</span> ${esc(t.scenarioA)}: <b>${esc(nameA)}</b><br><span class="tag b">B</span> ${esc(t.scenarioB)}: <b>${esc(nameB)}</b></p></header>`);
  if (c.meta.synthetic) body.push(`<div class="banner" role="note"><b>${esc(t.syntheticBanner)}</b><br>${esc(t.syntheticNote(city))}</div>`);
  if (!c.sameTrips) body.push(`<div class="banner" role="note"><b>${esc(t.differentTrips(whatDiffers(c, lang, t)))}</b></div>`);
  body.push(`<p class="headline">${esc(headline(c, lang, t))}</p>`);
  const u = c.totals.unreachableTrips;
  if (u.a >= 0.5 || u.b >= 0.5) body.push(`<p class="unreachable">${esc(t.unreachableLine(formatNumber(u.a, lang), formatNumber(u.b, lang)))}</p>`);

  body.push(section(t.keyFigures, keyFigures(c, lang, t)));
  body.push(section(t.interventions, interventions(c, lang, t)));
  body.push(section(t.map, mapSection(c, options, lang, t)));
  body.push(section(t.topWorse, topLinks(c.topWorse, lang, t)));
  body.push(section(t.topBetter, topLinks(c.topBetter, lang, t)));

  const bins = vcBinLabels(c.vc.limits, lang);
  const share = (values: number[]) => {
    const total = values.reduce((s, v) => s + v, 0);
    return values.map((v) => (total > 0 ? v / total : 0));
  };
  const pct = (v: number) => formatShare(v, lang);
  const vcCharts =
    groupedBars(bins, [series(`A — ${nameA}`, COLOR_A, share(c.vc.a.vkm)), series(`B — ${nameB}`, COLOR_B, share(c.vc.b.vkm))], t.shareOfVkm, t.vcByVkm, pct) +
    groupedBars(bins, [series(`A — ${nameA}`, COLOR_A, share(c.vc.a.edges)), series(`B — ${nameB}`, COLOR_B, share(c.vc.b.edges))], t.shareOfLinks, t.vcByEdges, pct);
  body.push(section(t.vcDistribution, vcCharts));

  body.push(section(t.zoneTimes, zoneSection(c, lang, t)));
  if (c.dynamic) {
    body.push(section(t.dynTrips, dynamicTrips(c.dynamic, lang, t)));
    body.push(section(t.dynQueues, dynamicQueues(c.dynamic, nameA, nameB, lang, t)));
  }
  if (options.transit) body.push(section(transitHeading(lang), transitSection(options.transit, lang)));
  body.push(section(t.attractions, attractions(c, lang, t)));
  body.push(section(t.convergence, convergence(options, nameA, nameB, t)));

  const run = (label: string, s: Comparison['meta']['a']) =>
    `<li>${label} <b>${esc(s.name || s.scenario)}</b> — ${esc(s.synthetic ? t.standInNetwork(city) : s.graphName)}; ${esc(t.runInfo(s.method, s.iterations, formatSci(s.relativeGap, lang)))} <span class="muted">(${esc(s.inputHash.slice(0, 12))})</span></li>`;
  body.push(section(t.runs, `<ul>${run('<span class="tag a">A</span>', c.meta.a)}${run('<span class="tag b">B</span>', c.meta.b)}</ul>`));
  body.push(section(t.glossary, `<dl>${t.glossaryTerms.map(([term, text]) => `<dt>${esc(term)}</dt><dd>${esc(text)}</dd>`).join('')}</dl>`));

  const footer = [c.meta.osm ? `<a href="${OSM_COPYRIGHT_URL}">${esc(t.attribution)}</a>` : '', esc(t.generated)].filter((x) => x !== '').join(' · ');
  body.push(`<footer>${footer}</footer>`);
  return htmlPage(t.lang, title, body);
}

/** A whole report page: the shared style sheet and the sections in `body`, one per line. */
export function htmlPage(lang: string, title: string, body: string[]): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}

/** The report inputs a pair of runs gives, beside the comparison itself. */
export function reportInputs(a: RunResult, b: RunResult): Omit<ReportOptions, 'lang'> {
  return { convergenceA: a.convergence, convergenceB: b.convergence, edgesA: a.edges, edgesB: b.edges };
}

/** Writes the page into `dir` as report.html (pt) or report.en.html (en) through a temporary name; returns its path. */
export function writeReport(dir: string, html: string, lang: Lang = 'pt'): string {
  const path = join(dir, lang === 'pt' ? 'report.html' : `report.${lang}.html`);
  writeFileAtomic(path, html);
  return path;
}

/** What differs between the trips of A and B, in words: more or fewer trips, more stranded. */
function whatDiffers(c: Comparison, lang: Lang, t: Strings): string {
  const parts: string[] = [];
  const extra = c.totals.trips.delta;
  const stranded = c.totals.unreachableTrips;
  if (extra >= 0.5) parts.push(t.moreTrips(formatNumber(extra, lang)));
  else if (extra <= -0.5) parts.push(t.fewerTrips(formatNumber(-extra, lang)));
  if (Math.abs(stranded.delta) >= 0.5) parts.push(t.moreStranded(formatNumber(stranded.b, lang), formatNumber(stranded.a, lang)));
  return parts.join('; ');
}

function headline(c: Comparison, lang: Lang, t: Strings): string {
  const trip = c.totals.meanTripMin;
  const abs0 = (x: number, d: number) => formatNumber(Math.abs(x), lang, d);
  // new demand (an event): the baseline's trips compared on their own, the new ones counted apart
  if (c.totals.trips.delta >= 0.5 && Math.abs(c.totals.unreachableTrips.delta) < 0.5) {
    return t.newTripsHeadline({
      a: c.meta.a.name || c.meta.a.scenario,
      b: c.meta.b.name || c.meta.b.scenario,
      extra: formatNumber(c.totals.trips.delta, lang),
      baseTrips: formatNumber(c.totals.trips.a, lang),
      change: c.zones.meanChangeMin,
      changeAbs: abs0(c.zones.meanChangeMin, 2),
      faster: formatShare(c.zones.shareFaster, lang),
      slower: formatShare(c.zones.shareSlower, lang),
      delayDelta: shown(c.totals.delayVh.delta),
      delayAbs: abs0(c.totals.delayVh.delta, autoDecimals(c.totals.delayVh.delta)),
    });
  }
  const abs = (x: number, d: number) => formatNumber(Math.abs(x), lang, d);
  const pctDecimals = trip.pct !== null && Math.abs(trip.pct) >= 10 ? 0 : 1;
  return t.headline({
    a: c.meta.a.name || c.meta.a.scenario,
    b: c.meta.b.name || c.meta.b.scenario,
    tripDelta: trip.delta,
    tripPct: formatPct(trip.pct, lang, pctDecimals),
    tripA: formatNumber(trip.a, lang, 1),
    tripB: formatNumber(trip.b, lang, 1),
    tripAbs: abs(trip.delta, 1),
    delayDelta: shown(c.totals.delayVh.delta),
    delayAbs: abs(c.totals.delayVh.delta, autoDecimals(c.totals.delayVh.delta)),
    co2Delta: shown(c.totals.co2Kg.delta),
    co2Abs: abs(c.totals.co2Kg.delta, autoDecimals(c.totals.co2Kg.delta)),
    faster: formatShare(c.zones.shareFaster, lang),
    slower: formatShare(c.zones.shareSlower, lang),
  });
}

/** A change as the page shows it: 0 when it rounds to zero at the digits it is written with. */
function shown(delta: number): number {
  return Number(Math.abs(delta).toFixed(autoDecimals(delta))) === 0 ? 0 : delta;
}

/** Which way is better for each key figure: −1 lower is better, 0 neutral; `overTrips`: a sum or mean over the trips, rated only when both runs total the same trips. */
const KEY_FIGURES: { key: keyof Comparison['totals']; decimals: number; better: -1 | 0; overTrips: boolean }[] = [
  { key: 'vkt', decimals: 0, better: -1, overTrips: true },
  { key: 'vht', decimals: 0, better: -1, overTrips: true },
  { key: 'meanTripMin', decimals: 1, better: -1, overTrips: true },
  { key: 'delayVh', decimals: 0, better: -1, overTrips: true },
  { key: 'co2Kg', decimals: 0, better: -1, overTrips: true },
  { key: 'trips', decimals: 0, better: 0, overTrips: false },
  { key: 'unreachableTrips', decimals: 0, better: -1, overTrips: false },
];

function keyFigures(c: Comparison, lang: Lang, t: Strings): string {
  const rows = KEY_FIGURES.map(({ key, decimals, better, overTrips }) => {
    const d: Delta = c.totals[key];
    // trip counts are whole numbers; small figures (a small town's delay) keep enough decimals not to read as 0
    const dec = (x: number) => (key === 'trips' || key === 'unreachableTrips' ? 0 : Math.max(decimals, autoDecimals(x)));
    const verdict = overTrips && !c.sameTrips ? { cls: 'same', text: esc(t.notComparable) } : assess(d, dec(d.delta), better, t);
    return `<tr><th scope="row">${esc(t[key])}</th><td>${formatNumber(d.a, lang, dec(d.a))}</td><td>${formatNumber(d.b, lang, dec(d.b))}</td><td class="${verdict.cls}">${formatSigned(d.delta, lang, dec(d.delta))}</td><td class="${verdict.cls}">${formatPct(d.pct, lang)}</td><td class="${verdict.cls}">${verdict.text}</td></tr>`;
  });
  const links = `<p class="muted">${esc(t.linksNote(c.edges.removed.length, c.edges.added.length, c.edges.changedB))}</p>`;
  return `<table class="figures"><thead><tr><th>${esc(t.indicator)}</th><th>A</th><th>B</th><th>${esc(t.change)}</th><th>${esc(t.changePct)}</th><th>${esc(t.assessment)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>${links}`;
}

/** Better, worse or the same; a change that rounds to 0 as written, or under 0.05 %, is the same. */
function assess(d: Delta, decimals: number, better: -1 | 0, t: Strings): { cls: string; text: string } {
  const tiny = Number(Math.abs(d.delta).toFixed(decimals)) === 0 || (d.pct !== null && Math.abs(d.pct) < 0.05);
  if (tiny) return { cls: 'same', text: esc(t.same) };
  if (better === 0) return { cls: 'same', text: esc(t.neutral) };
  const good = Math.sign(d.delta) === better;
  return good ? { cls: 'good', text: `▼ ${esc(t.better)}` } : { cls: 'bad', text: `▲ ${esc(t.worse)}` };
}

function interventions(c: Comparison, lang: Lang, t: Strings): string {
  if (c.interventions.length === 0) return `<p class="muted">${esc(t.noInterventions)}</p>`;
  const items = c.interventions.map((x) => {
    const kind = t.interventionTypes[x.type] ?? x.type;
    if (x.type === 'event') {
      const what = x.attendance !== undefined && x.from && x.to ? t.eventLine(x.label || kind, formatNumber(x.attendance, lang), x.from, x.to) : x.label || '';
      return `<li>${esc(kind)} — ${esc(what)}</li>`;
    }
    const when = x.type === 'close' || x.type === 'close-area' ? ` · ${x.from && x.to ? t.windowLine(x.from, x.to) : t.allDay}` : '';
    return `<li>${esc(kind)}${x.label ? ` — <b>${esc(x.label)}</b>` : ''} — ${esc(t.linksTouched(x.edges))}${esc(when)}</li>`;
  });
  return `<ol>${items.join('')}</ol>`;
}

function mapSection(c: Comparison, options: ReportOptions, lang: Lang, t: Strings): string {
  if (options.edgesA === undefined || options.edgesB === undefined) return `<p class="muted">${esc(t.noMap)}</p>`;
  const map = renderMap(options.edgesA, options.edgesB, c.edges.join, t, (x) => formatSigned(x, lang, 2));
  return `<p class="muted">${esc(t.mapNote)}</p>${map}`;
}

function topLinks(rows: LinkChange[], lang: Lang, t: Strings): string {
  if (rows.length === 0) return `<p class="muted">${esc(t.noLinks)}</p>`;
  const label = (r: LinkChange) => (r.name ? t.streetLabel(r.name, r.way, r.heading) : t.classes[r.roadClass] ? t.unnamedLabel(t.classes[r.roadClass]!, r.way) : t.wayLabel(r.way, r.dir));
  const chart = signedBars(
    rows.map((r) => ({ label: label(r), value: r.deltaVc })),
    'Δ v/c',
    (v) => formatVc(v, lang, true),
    COLOR_WORSE,
    COLOR_BETTER,
  );
  const body = rows
    .map(
      (r) =>
        `<tr><td>${esc(label(r))}</td><td>${esc(t.classes[r.roadClass] ?? r.roadClass)}</td><td>${formatVc(r.vcA, lang)}</td><td>${formatVc(r.vcB, lang)}</td><td class="${r.deltaVc > 0 ? 'bad' : 'good'}">${formatVc(r.deltaVc, lang, true)}</td><td>${formatNumber(r.flowA, lang)}</td><td>${formatNumber(r.flowB, lang)}</td></tr>`,
    )
    .join('');
  return `<p class="muted">${esc(t.topNote)}</p>${chart}<table><thead><tr><th>${esc(t.link)}</th><th>${esc(t.roadClass)}</th><th>v/c A</th><th>v/c B</th><th>Δ v/c</th><th>${esc(t.flowA)}</th><th>${esc(t.flowB)}</th></tr></thead><tbody>${body}</tbody></table>`;
}

function zoneSection(c: Comparison, lang: Lang, t: Strings): string {
  const z = c.zones;
  const total = z.histogram.trips.reduce((s, v) => s + v, 0);
  const shares = z.histogram.trips.map((v) => (total > 0 ? v / total : 0));
  const note = `<p>${esc(t.zoneNote(formatShare(z.shareFaster, lang), formatShare(z.shareSlower, lang), formatSigned(z.meanChangeMin, lang, 2)))}</p>`;
  const chart = groupedBars(t.zoneBins, [{ label: t.shareOfTrips, color: COLOR_B, values: shares }], t.shareOfTrips, t.minutesChange, (v) => formatShare(v, lang));
  const table = (rows: ZonePairChange[], heading: string) => {
    if (rows.length === 0) return '';
    const body = rows
      .map((p) => `<tr><td>${esc(p.from)}</td><td>${esc(p.to)}</td><td>${formatNumber(p.trips, lang)}</td><td>${formatNumber(p.minA, lang, 1)}</td><td>${formatNumber(p.minB, lang, 1)}</td><td class="${p.deltaMin > 0 ? 'bad' : 'good'}">${formatSigned(p.deltaMin, lang, 1)}</td></tr>`)
      .join('');
    return `<h3>${esc(heading)}</h3><table><thead><tr><th>${esc(t.from)}</th><th>${esc(t.to)}</th><th>${esc(t.tripsCol)}</th><th>${esc(t.minA)}</th><th>${esc(t.minB)}</th><th>${esc(t.deltaMin)}</th></tr></thead><tbody>${body}</tbody></table>`;
  };
  const tables = table(z.topSlower, t.topSlowerPairs) + table(z.topFaster, t.topFasterPairs);
  return `${note}${chart}${tables || `<p class="muted">${esc(t.noPairs)}</p>`}`;
}

/** Per-trip travel-time change of two dynamic runs: headline figures and the distribution. */
function dynamicTrips(d: DynamicComparison, lang: Lang, t: Strings): string {
  const x = d.trips;
  const total = x.histogram.trips.reduce((s, v) => s + v, 0);
  const shares = x.histogram.trips.map((v) => (total > 0 ? v / total : 0));
  const min = (s: number) => formatNumber(s / 60, lang, 1);
  const figures = `<p>${esc(t.dynFigures(formatNumber(d.vehicles.a, lang), formatNumber(d.vehicles.b, lang), formatNumber(d.stuck.a, lang), formatNumber(d.stuck.b, lang), min(d.meanTravelTimeS.a), min(d.meanTravelTimeS.b), formatNumber(d.squeezed.a, lang), formatNumber(d.squeezed.b, lang)))}</p>`;
  const gap = (g: number) => (Number.isFinite(g) ? formatShare(g, lang) : '—');
  const convergence = `<p>${esc(t.dynGap(gap(d.relativeGap.a), gap(d.relativeGap.b), formatNumber(d.iterations.a, lang), formatNumber(d.iterations.b, lang)))}</p>`;
  const note = `<p>${esc(t.dynTripsNote(formatNumber(x.compared, lang), formatShare(x.shareFaster, lang), formatShare(x.shareSlower, lang), formatSigned(x.meanChangeS / 60, lang, 2)))}</p>`;
  const chart = groupedBars(t.zoneBins, [{ label: t.shareOfTrips, color: COLOR_B, values: shares }], t.shareOfTrips, t.minutesChange, (v) => formatShare(v, lang));
  return figures + convergence + note + chart;
}

/** Network queue by time of day (A and B) and the links whose peak queue changes most. */
function dynamicQueues(d: DynamicComparison, nameA: string, nameB: string, lang: Lang, t: Strings): string {
  const q = d.queueByTime;
  // the bins where either run had a queue, so a long quiet night does not squeeze the chart
  let from = q.startS.findIndex((_, k) => q.a[k]! > 0 || q.b[k]! > 0);
  let to = q.startS.length - 1;
  while (to > from && q.a[to] === 0 && q.b[to] === 0) to--;
  if (from < 0) from = to = 0;
  const labels = q.startS.slice(from, to + 1).map(clock);
  const chart =
    labels.length > 0
      ? groupedBars(labels, [series(`A — ${nameA}`, COLOR_A, q.a.slice(from, to + 1)), series(`B — ${nameB}`, COLOR_B, q.b.slice(from, to + 1))], t.queueVeh, t.dynQueues, (v) => formatNumber(v, lang, v < 10 ? 1 : 0))
      : '';
  const rows = [...d.topQueueWorse, ...d.topQueueBetter];
  const table =
    rows.length === 0
      ? `<p class="muted">${esc(t.noQueues)}</p>`
      : `<h3>${esc(t.topQueues)}</h3><table><thead><tr><th>${esc(t.link)}</th><th>${esc(t.atTime)}</th><th>${esc(t.peakA)}</th><th>${esc(t.peakB)}</th><th>Δ</th></tr></thead><tbody>${rows
          .map((r) => `<tr><td>${esc(r.name ? t.streetLabel(r.name, r.way, undefined) : t.wayLabel(r.way, r.dir))}</td><td>${clock(r.binStartS)}</td><td>${formatNumber(r.peakA, lang, 1)}</td><td>${formatNumber(r.peakB, lang, 1)}</td><td class="${r.delta > 0 ? 'bad' : 'good'}">${formatSigned(r.delta, lang, 1)}</td></tr>`)
          .join('')}</tbody></table>`;
  return `<p class="muted">${esc(t.dynQueuesNote)}</p>${chart}${table}`;
}

/** "07:15" from seconds after midnight. */
function clock(s: number): string {
  const m = Math.floor(s / 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function attractions(c: Comparison, lang: Lang, t: Strings): string {
  if (c.attractions.length === 0) return `<p class="muted">${esc(t.noAttractions)}</p>`;
  const rows = c.attractions
    .map((x) => {
      const cls = x.delta === null || Math.abs(x.delta) < 0.05 ? 'same' : x.delta > 0 ? 'bad' : 'good';
      return `<tr><td>${esc(x.name)}</td><td>${formatNumber(x.a, lang, 1)}</td><td>${formatNumber(x.b, lang, 1)}</td><td class="${cls}">${formatSigned(x.delta, lang, 1)}</td></tr>`;
    })
    .join('');
  return `<p class="muted">${esc(t.attractionsNote)}</p><table><thead><tr><th>${esc(t.attraction)}</th><th>${esc(t.minA)}</th><th>${esc(t.minB)}</th><th>${esc(t.deltaMin)}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function convergence(options: ReportOptions, nameA: string, nameB: string, t: Strings): string {
  const points = (h: IterationRecord[] | undefined): [number, number][] => (h ?? []).map((r) => [r.iteration, r.gap]);
  const chart = convergenceChart(
    [
      { label: `A — ${short(nameA, 28)}`, color: COLOR_A, points: points(options.convergenceA) },
      { label: `B — ${short(nameB, 28)}`, color: COLOR_B, points: points(options.convergenceB) },
    ],
    t.iteration,
    t.relativeGapLog,
    t.convergence,
  );
  return chart === '' ? `<p class="muted">${esc(t.noConvergence)}</p>` : `<p class="muted">${esc(t.convergenceNote)}</p>${chart}`;
}

function vcBinLabels(limits: number[], lang: Lang): string[] {
  const f = (x: number) => formatNumber(x, lang, 2);
  const labels = [`< ${f(limits[0]!)}`];
  for (let i = 1; i < limits.length; i++) labels.push(`${f(limits[i - 1]!)}–${f(limits[i]!)}`);
  labels.push(`≥ ${f(limits[limits.length - 1]!)}`);
  return labels;
}

/** v/c with two decimals, three below 0.01 so a small change does not read as 0. */
function formatVc(x: number, lang: Lang, signed = false): string {
  const d = x !== 0 && Math.abs(x) < 0.01 ? 3 : 2;
  return signed ? formatSigned(x, lang, d) : formatNumber(x, lang, d);
}

function series(label: string, color: string, values: number[]) {
  return { label: short(label), color, values };
}

function short(text: string, max = 30): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A small number as mantissa × 10^exponent in the language's decimals (1,2 × 10⁻⁴). */
function formatSci(x: number, lang: Lang): string {
  if (!Number.isFinite(x) || x === 0) return formatNumber(x, lang, 0);
  const exp = Math.floor(Math.log10(Math.abs(x)));
  if (exp >= -2) return formatNumber(x, lang, 3);
  const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const sup = `⁻${String(-exp)
    .split('')
    .map((d) => SUP[Number(d)])
    .join('')}`;
  return `${formatNumber(x / 10 ** exp, lang, 1)} × 10${sup}`;
}

export function section(heading: string, html: string): string {
  return `<section><h2>${esc(heading)}</h2>${html}</section>`;
}

const CSS = `
:root{--good:#1a7f37;--bad:#c62828;--muted:#5f6b7a;--line:#d9dee5}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d2733;background:#f5f6f8;line-height:1.45}
main{max-width:920px;margin:0 auto;padding:24px 28px 40px;background:#fff}
h1{font-size:1.6rem;margin:.2rem 0 .4rem}
h2{font-size:1.2rem;margin:2rem 0 .6rem;padding-bottom:.25rem;border-bottom:2px solid var(--line)}
h3{font-size:1rem;margin:1.2rem 0 .4rem}
.kind{margin:0;color:var(--muted);text-transform:uppercase;letter-spacing:.05em;font-size:.8rem}
.muted{color:var(--muted);font-size:.9rem}
.unreachable{font-weight:600;color:var(--bad)}
.headline{font-size:1.15rem;background:#eef4fb;border-left:5px solid #2166ac;padding:12px 16px;margin:1rem 0}
.banner{background:#fff4d6;border:2px solid #e0a800;padding:10px 14px;margin:1rem 0;border-radius:4px}
.tag{display:inline-block;min-width:1.5em;text-align:center;border-radius:3px;color:#fff;font-weight:700;font-size:.85rem}
.tag.a{background:${COLOR_A}}.tag.b{background:${COLOR_B}}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}
thead th{background:#f0f2f5}
td.good{color:var(--good);font-weight:600}td.bad{color:var(--bad);font-weight:600}td.same{color:var(--muted)}
.chart{display:block;margin:.6rem 0;max-width:640px}
.chart text{fill:#1d2733}
.chart .grid{stroke:#e6e9ee}.chart .axis{stroke:#7a8594;fill:none}
.map{display:block;max-width:640px;border:1px solid var(--line)}
.legend{font-size:.82rem;margin:.4rem 0;max-width:640px}
.chip{display:inline-flex;align-items:center;gap:4px;margin:2px 10px 2px 0;white-space:nowrap}
dt{font-weight:700;margin-top:.5rem}dd{margin:0 0 0 1rem}
footer{margin-top:2rem;padding-top:.6rem;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}
footer a{color:inherit}
@media print{body{background:#fff}main{padding:0}}
`;
