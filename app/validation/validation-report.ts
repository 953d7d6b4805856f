/**
 * The validation report: one self-contained HTML page (inline CSS and SVG, no scripts) that
 * shows how a run's flows meet observed counts — the fit figures, a scatter of modelled against
 * counted with the 1:1 line and GEH bands, a map of the stations coloured by GEH, the table of
 * compared counts and the stations that could not be placed. Portuguese by default; it shares
 * the comparison report's page and style sheet, number formats and words (report/).
 */
import type { RunEdges } from '../../engine/metrics/run-result.ts';
import type { ValidationJson } from '../validate-run.ts';
import { esc } from '../report/charts.ts';
import { formatNumber, formatShare, strings, type Lang } from '../report/i18n.ts';
import { htmlPage, OSM_COPYRIGHT_URL, section } from '../report/report.ts';
import { gehColor, scatterChart } from './scatter.ts';
import { stationMap } from './station-map.ts';
import { validationStrings } from './validation-i18n.ts';

/** Text columns read left-aligned; the shared style sheet right-aligns every cell but the first. */
const LEFT = ' style="text-align:left"';

export function renderValidationReport(v: ValidationJson, edges: RunEdges, lang: Lang = 'pt'): string {
  const t = strings(lang);
  const s = validationStrings(lang);
  const city = v.cityName || v.city;
  const run = v.name || v.scenario;
  const title = s.title(city, run);
  const num = (x: number | null, d = 0) => formatNumber(x, lang, d);
  const share = (x: number | null) => (x === null ? '—' : formatShare(x, lang));
  const body: string[] = [];
  body.push(`<header><p class="kind">${esc(s.docKind)}</p><h1>${esc(title)}</h1>`);
  body.push(`<p class="muted">${esc(s.periodLine(t.periods[v.period.id] ?? v.period.id, v.period.start, v.period.end, v.counts.split(/[\\/]/).pop() ?? v.counts))}</p></header>`);
  if (v.synthetic) body.push(`<div class="banner" role="note"><b>${esc(t.syntheticBanner)}</b><br>${esc(t.syntheticNote(city))}</div>`);
  const under5 = Math.round((v.gehUnder5Share ?? 0) * v.compared);
  body.push(`<p class="headline">${esc(s.headline({ under5: String(under5), n: v.compared, share: share(v.gehUnder5Share), ratio: share(v.modelToCount), meanGeh: num(v.meanGeh, 1) }))}</p>`);
  const c = v.calibration;
  body.push(
    c && c.usedCompared > 0
      ? `<p class="banner" role="note">${esc(s.calibratedNote(c.usedCompared, c.usedStationsCompared.join(' '), c.heldOut?.compared ?? 0, share(c.heldOut?.gehUnder5Share ?? null), share(c.heldOut?.modelToCount ?? null)))}</p>`
      : `<p class="muted">${esc(c ? s.targetNote.replace(/ Este resultado é o do modelo sem calibração\.| This is the uncalibrated model\./, '') : s.targetNote)}</p>`,
  );

  const figures: [string, string][] = [
    [s.gehUnder5, share(v.gehUnder5Share)],
    [s.gehUnder10, share(v.gehUnder10Share)],
    [s.meanGeh, num(v.meanGeh, 1)],
    [s.rmsePct, num(v.rmsePct, 0)],
    [s.r2, num(v.r2, 2)],
    [s.countTotal, num(v.countTotal)],
    [s.modelTotal, num(v.modelTotal)],
    [s.ratio, share(v.modelToCount)],
  ];
  const table = `<table class="figures"><thead><tr><th>${esc(s.figure)}</th><th>${esc(s.value)}</th></tr></thead><tbody>${figures.map(([k, x]) => `<tr><th scope="row">${esc(k)}</th><td>${x}</td></tr>`).join('')}</tbody></table>`;
  body.push(section(s.keyFigures, `<p>${esc(s.stationsLine(v.stations, v.matched, v.compared, v.outsidePeriod))}</p>${table}`));

  const points = v.rows.map((r) => ({ counted: r.countedVph ?? 0, modelled: r.modelledVph ?? 0, geh: r.geh ?? Infinity, label: `${r.station} ${r.name} · ${r.start}–${r.end} · ${num(r.countedVph)} / ${num(r.modelledVph)} · GEH ${num(r.geh, 1)}` }));
  const chart = points.length > 0 ? scatterChart(points, { title: s.scatter, x: s.counted, y: s.modelled, oneToOne: s.oneToOne, band5: s.band5, band10: s.band10, format: (x) => num(x) }) : '';
  body.push(section(s.scatter, `<p class="muted">${esc(s.scatterNote)}</p>${chart || `<p class="muted">${esc(s.noRows)}</p>`}`));

  const worst = new Map<string, number>();
  for (const r of v.rows) worst.set(r.station, Math.max(worst.get(r.station) ?? 0, r.geh ?? Infinity));
  const mapStations = [
    ...v.matches.map((m) => ({ id: m.station, lon: m.lon, lat: m.lat, worstGeh: worst.get(m.station) ?? null, edges: m.edges.map((x) => x.edge), label: m.name })),
    ...v.unmatched.map((u) => ({ id: u.station, lon: u.lon, lat: u.lat, worstGeh: null, edges: [], label: `${u.name}: ${u.reason}` })),
  ];
  const map = stationMap(edges, mapStations, { title: s.map, under5: s.legendUnder5, from5to10: s.legend5to10, over10: s.legendOver10, none: s.legendNone });
  body.push(section(s.map, `<p class="muted">${esc(s.mapNote)}</p>${map}`));

  const matchOf = new Map(v.matches.map((m) => [m.station, m]));
  const linkText = (id: string) => {
    const m = matchOf.get(id);
    if (!m) return '';
    const ways = [...new Set(m.edges.map((x) => t.wayLabel(x.way, 0)))].join(' + ');
    return s.matchLabel(ways, t.classes[m.roadClass] ?? m.roadClass, m.distanceM === null ? '—' : `${num(m.distanceM)} m`, m.edges.length);
  };
  const rows = v.rows
    .map((r) => `<tr><td>${esc(r.station)}</td><td${LEFT}>${esc(r.name)}</td><td>${r.start}–${r.end}</td><td>${num(r.counted)}</td><td>${num(r.modelled)}</td><td style="color:${gehColor(r.geh)};font-weight:600">${num(r.geh, 1)}</td><td${LEFT}>${esc(linkText(r.station))}</td></tr>`)
    .join('');
  const head = [s.station, '', s.interval, s.countedVeh, s.modelledVeh, s.geh, s.link].map((h) => `<th>${esc(h)}</th>`).join('');
  body.push(section(s.table, rows === '' ? `<p class="muted">${esc(s.noRows)}</p>` : `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`));

  const missing = v.unmatched.map((u) => `<tr><td>${esc(u.station)}</td><td${LEFT}>${esc(u.name)}</td><td${LEFT}>${esc(u.reason)}</td></tr>`).join('');
  body.push(section(s.unmatched, missing === '' ? `<p class="muted">${esc(s.noUnmatched)}</p>` : `<table><thead><tr><th>${esc(s.station)}</th><th></th><th>${esc(s.reason)}</th></tr></thead><tbody>${missing}</tbody></table>`));
  body.push(section(s.glossary, `<dl>${s.glossaryTerms.map(([term, text]) => `<dt>${esc(term)}</dt><dd>${esc(text)}</dd>`).join('')}</dl>`));
  body.push(`<p class="muted">${esc(s.runInfo(v.assignment.method, v.inputHash.slice(0, 12)))}</p>`);
  const footer = [v.synthetic ? '' : `<a href="${OSM_COPYRIGHT_URL}">${esc(t.attribution)}</a>`, esc(t.generated)].filter((x) => x !== '').join(' · ');
  body.push(`<footer>${footer}</footer>`);
  return htmlPage(t.lang, title, body);
}
