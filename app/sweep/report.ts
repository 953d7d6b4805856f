/**
 * The sweep report, in Portuguese (report.html, the default) and English (report.en.html),
 * with sweep.json (the figures) and variants.csv (the table), each file written atomically into
 * `runs/<city>/_sweeps/<sweep>/`: each metric against each parameter (mean, and the band from
 * the lowest to the highest over the seeds and the other parameters), the best combination and
 * the best variant by the objective, and the table of every variant.
 */
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../../engine/util/write-atomic.ts';
import { formatNumber, type Lang } from '../report/i18n.ts';
import { aggregate, METRICS, type Aggregate, type Band, type Metric, type SweepRow } from './aggregate.ts';
import type { VaryEntry } from './variants.ts';

export interface SweepReportInput {
  name: string;
  description?: string;
  city: string;
  file: string;
  base: string;
  objective: string;
  vary: VaryEntry[];
  rows: SweepRow[];
}

export type SweepReportData = Omit<SweepReportInput, 'rows'> & Aggregate & { rows: SweepRow[]; completed: number; failed: number };

const T = {
  pt: {
    lang: 'pt-BR',
    title: 'Varredura',
    base: 'Cenário base',
    objective: 'Objetivo (menor é melhor)',
    variants: 'Variantes',
    completed: 'concluídas',
    failed: 'com falha',
    bestCombo: 'Melhor combinação (média entre sementes)',
    bestVariant: 'Melhor variante',
    charts: 'Cada indicador contra cada parâmetro',
    band: 'Linha: média das variantes com o valor; faixa: do menor ao maior valor entre as sementes e os demais parâmetros.',
    table: 'Todas as variantes',
    variant: 'Variante',
    status: 'Situação',
    run: 'Rodada',
    ok: 'concluída',
    error: 'falha',
    none: 'nenhuma variante concluída',
    metric: { vht: 'Veículos·hora', vkt: 'Veículos·km', meanTripMin: 'Viagem média (min)', delayVh: 'Atraso (veíc.·h)', co2Kg: 'CO₂ (kg)' } as Record<Metric | string, string>,
  },
  en: {
    lang: 'en',
    title: 'Sweep',
    base: 'Base scenario',
    objective: 'Objective (lower is better)',
    variants: 'Variants',
    completed: 'completed',
    failed: 'failed',
    bestCombo: 'Best combination (mean over seeds)',
    bestVariant: 'Best variant',
    charts: 'Each metric against each parameter',
    band: 'Line: mean of the variants with that value; band: lowest to highest over the seeds and the other parameters.',
    table: 'Every variant',
    variant: 'Variant',
    status: 'Status',
    run: 'Run',
    ok: 'completed',
    error: 'failed',
    none: 'no variant completed',
    metric: { vht: 'Vehicle-hours', vkt: 'Vehicle-km', meanTripMin: 'Mean trip (min)', delayVh: 'Delay (veh·h)', co2Kg: 'CO₂ (kg)' } as Record<Metric | string, string>,
  },
};

export function writeSweepReport(dir: string, input: SweepReportInput): { dir: string; pt: string; en: string; data: SweepReportData } {
  const agg = aggregate(input.rows, input.vary, input.objective);
  const completed = input.rows.filter((r) => r.result).length;
  const data: SweepReportData = { ...input, ...agg, completed, failed: input.rows.length - completed };
  writeJsonAtomic(join(dir, 'sweep.json'), data);
  writeFileAtomic(join(dir, 'variants.csv'), variantsCsv(input));
  const pt = join(dir, 'report.html');
  const en = join(dir, 'report.en.html');
  writeFileAtomic(en, renderSweepReport(data, 'en'));
  writeFileAtomic(pt, renderSweepReport(data, 'pt'));
  return { dir, pt, en, data };
}

export function variantsCsv(input: SweepReportInput): string {
  const head = ['variant', ...input.vary.map((v) => v.path), 'status', ...METRICS, 'run_dir', 'error'];
  const cell = (v: unknown) => {
    const s = v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = input.rows.map((r) =>
    [r.index + 1, ...input.vary.map((v) => r.params.find((p) => p.path === v.path)?.value), r.result ? 'complete' : 'failed', ...METRICS.map((m) => r.result?.metrics[m]), r.result?.runDir.split(/[\\/]/).slice(-3).join('/'), r.error].map(cell).join(','),
  );
  return `${[head.join(','), ...lines].join('\n')}\n`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderSweepReport(d: SweepReportData, lang: Lang): string {
  const t = T[lang];
  const n = (x: number, digits = 1) => formatNumber(x, lang, digits);
  const objName = t.metric[d.objective] ?? d.objective;
  const charts = d.vary
    .map((v) => `<h3>${esc(v.path)}</h3><div class="charts">${METRICS.map((m) => chart(d.series[v.path][m], `${t.metric[m]} × ${v.path}`, lang)).join('')}</div>`)
    .join('');
  const rows = d.rows
    .map(
      (r) =>
        `<tr><td>${r.index + 1}</td>${d.vary.map((v) => `<td>${esc(JSON.stringify(r.params.find((p) => p.path === v.path)?.value))}</td>`).join('')}<td>${r.result ? t.ok : `${t.error}: ${esc(r.error ?? '')}`}</td>${METRICS.map((m) => `<td class="n">${r.result ? n(r.result.metrics[m]) : '—'}</td>`).join('')}<td>${r.result ? esc(r.result.runDir.split(/[\\/]/).slice(-3).join('/')) : ''}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${t.lang}"><head><meta charset="utf-8"><title>${esc(t.title)}: ${esc(d.name)}</title><link rel="icon" href="data:,">
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1200px;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}td.n{text-align:right}.charts{display:flex;flex-wrap:wrap;gap:12px}.best{background:#eef6ee;padding:.5em 1em;border-left:4px solid #3a3}</style></head><body>
<h1>${esc(t.title)}: ${esc(d.name)}</h1>
${d.description ? `<p>${esc(d.description)}</p>` : ''}
<p>${t.base}: <code>${esc(d.base)}</code> (${esc(d.city)}). ${t.objective}: <b>${esc(objName)}</b>. ${t.variants}: ${d.rows.length} — ${d.completed} ${t.completed}, ${d.failed} ${t.failed}.</p>
<div class="best">${d.bestCombo ? `<p>${t.bestCombo}: <b>${esc(d.bestCombo.label)}</b> — ${esc(objName)} ${n(d.bestCombo.mean)} (n = ${d.bestCombo.n})</p>` : `<p>${t.none}</p>`}
${d.best ? `<p>${t.bestVariant}: ${d.best.index + 1} (<b>${esc(d.best.label)}</b>) — ${esc(objName)} ${n(d.best.value)}</p>` : ''}</div>
<h2>${t.charts}</h2><p>${t.band}</p>${charts}
<h2>${t.table}</h2>
<table><thead><tr><th>${t.variant}</th>${d.vary.map((v) => `<th>${esc(v.path)}</th>`).join('')}<th>${t.status}</th>${METRICS.map((m) => `<th>${t.metric[m]}</th>`).join('')}<th>${t.run}</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}

/** A small SVG: the mean per value as a line, the band as a shaded area. */
function chart(bands: Band[], title: string, lang: Lang): string {
  const W = 260;
  const H = 160;
  const L = 56;
  const B = 28;
  const ok = bands.filter((b) => b.n > 0);
  if (ok.length === 0) return `<svg width="${W}" height="${H}"><text x="8" y="20">${esc(title)}: —</text></svg>`;
  const lo = Math.min(...ok.map((b) => b.min));
  const hi = Math.max(...ok.map((b) => b.max));
  const span = hi - lo || Math.abs(hi) || 1;
  const y = (v: number) => 20 + (H - B - 20) * (1 - (v - lo) / span);
  const x = (i: number) => L + (bands.length === 1 ? (W - L - 10) / 2 : ((W - L - 10) * i) / (bands.length - 1));
  const pts = bands.map((b, i) => ({ b, i })).filter((p) => p.b.n > 0);
  const area = [...pts.map((p) => `${x(p.i).toFixed(1)},${y(p.b.max).toFixed(1)}`), ...pts.reverse().map((p) => `${x(p.i).toFixed(1)},${y(p.b.min).toFixed(1)}`)].join(' ');
  pts.reverse();
  const line = pts.map((p) => `${x(p.i).toFixed(1)},${y(p.b.mean).toFixed(1)}`).join(' ');
  const labels = bands.map((b, i) => `<text x="${x(i).toFixed(1)}" y="${H - 10}" font-size="10" text-anchor="middle">${esc(JSON.stringify(b.value))}</text>`).join('');
  return `<svg width="${W}" height="${H}" role="img" aria-label="${esc(title)}"><text x="4" y="12" font-size="11">${esc(title)}</text>
<text x="${L - 4}" y="${y(hi).toFixed(1)}" font-size="10" text-anchor="end">${formatNumber(hi, lang, 1)}</text><text x="${L - 4}" y="${y(lo).toFixed(1)}" font-size="10" text-anchor="end">${formatNumber(lo, lang, 1)}</text>
<polygon points="${area}" fill="#9cc3e6" opacity="0.5"/><polyline points="${line}" fill="none" stroke="#1f5f9f" stroke-width="2"/>${pts.map((p) => `<circle cx="${x(p.i).toFixed(1)}" cy="${y(p.b.mean).toFixed(1)}" r="3" fill="#1f5f9f"/>`).join('')}${labels}</svg>`;
}
