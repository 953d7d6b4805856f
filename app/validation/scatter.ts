/**
 * The validation report's scatter chart as inline SVG: modelled against counted hourly flows,
 * the 1:1 line, the GEH < 5 band shaded and the GEH = 10 lines dashed, dots coloured by their
 * GEH class. Same drawing conventions as the comparison report's charts (report/charts.ts).
 */
import { gehBand } from '../../engine/counts/fit.ts';
import { esc } from '../report/charts.ts';

export const GEH_COLORS = { under5: '#1a7f37', from5to10: '#e0a800', over10: '#c62828', none: '#7a8594' } as const;

export function gehColor(g: number | null): string {
  if (g === null || !Number.isFinite(g)) return GEH_COLORS.none;
  return g < 5 ? GEH_COLORS.under5 : g < 10 ? GEH_COLORS.from5to10 : GEH_COLORS.over10;
}

export interface ScatterPoint {
  counted: number;
  modelled: number;
  geh: number;
  /** Tooltip text. */
  label: string;
}

export interface ScatterLabels {
  title: string;
  x: string;
  y: string;
  oneToOne: string;
  band5: string;
  band10: string;
  format: (v: number) => string;
}

export function scatterChart(points: ScatterPoint[], l: ScatterLabels): string {
  const W = 640;
  const H = 520;
  const m = { l: 70, r: 20, t: 20, b: 50 };
  const max = niceMax(Math.max(1, ...points.map((p) => Math.max(p.counted, p.modelled))));
  const sx = (v: number) => m.l + (v / max) * (W - m.l - m.r);
  const sy = (v: number) => H - m.b - (v / max) * (H - m.t - m.b);
  const clipY = (v: number) => sy(Math.min(v, max));
  const out: string[] = [`<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(l.title)}" class="chart" font-size="12">`];
  out.push(`<defs><clipPath id="plot"><rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}"/></clipPath></defs>`);
  const ticks = [0.25, 0.5, 0.75, 1].map((f) => f * max);
  for (const v of ticks) {
    out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${r(sy(v))}" y2="${r(sy(v))}" class="grid"/><line y1="${m.t}" y2="${H - m.b}" x1="${r(sx(v))}" x2="${r(sx(v))}" class="grid"/>`);
    out.push(`<text x="${m.l - 6}" y="${r(sy(v) + 4)}" text-anchor="end">${esc(l.format(v))}</text><text x="${r(sx(v))}" y="${H - m.b + 16}" text-anchor="middle">${esc(l.format(v))}</text>`);
  }
  // bands sampled along the counted axis; the GEH curves bend, so 48 steps keep them smooth
  const steps = Array.from({ length: 49 }, (_, i) => (max * i) / 48);
  const curve = (g: number, side: -1 | 1) => steps.map((c) => [sx(c), clipY(gehBand(c, g, side))] as const);
  const upper5 = curve(5, 1);
  const lower5 = curve(5, -1);
  const band = [...upper5, ...lower5.reverse()].map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${r(x)} ${r(y)}`).join('');
  out.push(`<g clip-path="url(#plot)"><path d="${band}Z" fill="${GEH_COLORS.under5}" fill-opacity="0.12" stroke="none"/>`);
  for (const side of [-1, 1] as const) out.push(`<path d="${curve(10, side).map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${r(x)} ${r(y)}`).join('')}" fill="none" stroke="${GEH_COLORS.over10}" stroke-width="1" stroke-dasharray="5 4"/>`);
  out.push(`<line x1="${sx(0)}" y1="${sy(0)}" x2="${sx(max)}" y2="${sy(max)}" stroke="#1d2733" stroke-width="1.2"/></g>`);
  out.push(`<path d="M${m.l} ${m.t}V${H - m.b}H${W - m.r}" fill="none" class="axis"/>`);
  for (const p of points) {
    out.push(`<circle cx="${r(sx(Math.min(p.counted, max)))}" cy="${r(clipY(p.modelled))}" r="5" fill="${gehColor(p.geh)}" fill-opacity="0.85" stroke="#fff" stroke-width="1"><title>${esc(p.label)}</title></circle>`);
  }
  out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 10}" text-anchor="middle">${esc(l.x)}</text>`);
  out.push(`<text transform="translate(16 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">${esc(l.y)}</text>`);
  const key = [
    `<line x1="0" y1="6" x2="22" y2="6" stroke="#1d2733" stroke-width="1.2"/><text x="28" y="10">${esc(l.oneToOne)}</text>`,
    `<rect x="0" y="0" width="22" height="12" fill="${GEH_COLORS.under5}" fill-opacity="0.2"/><text x="28" y="10">${esc(l.band5)}</text>`,
    `<line x1="0" y1="6" x2="22" y2="6" stroke="${GEH_COLORS.over10}" stroke-dasharray="5 4"/><text x="28" y="10">${esc(l.band10)}</text>`,
  ];
  key.forEach((k, i) => out.push(`<g transform="translate(${m.l + 12} ${m.t + 8 + i * 18})">${k}</g>`));
  out.push('</svg>');
  return out.join('');
}

/** 1, 2 or 5 times a power of ten, at or above x. */
function niceMax(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  return ([1, 2, 5, 10].find((k) => k * p >= x) ?? 10) * p;
}

function r(x: number): number {
  return Math.round(x * 10) / 10;
}
