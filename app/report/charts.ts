/**
 * Charts of the comparison report as inline SVG strings: a log-scale line chart (convergence),
 * grouped vertical bars (v/c and zone-time distributions) and signed horizontal bars (top
 * links). No scripts, no external fonts; sizes in SVG user units, drawn at the page width.
 * Labels arrive already translated and formatted; this file only escapes them.
 */

export interface Series {
  label: string;
  color: string;
  values: number[];
}

export const COLOR_A = '#5b6b82';
export const COLOR_B = '#e07b00';
export const COLOR_WORSE = '#b2182b';
export const COLOR_BETTER = '#2166ac';

const FONT = 12;

/** Relative gap per iteration of each run on a log10 axis; values ≤ 0 or not finite are skipped. */
export function convergenceChart(series: { label: string; color: string; points: [number, number][] }[], xLabel: string, yLabel: string, title: string): string {
  const W = 640;
  const H = 260;
  const m = { l: 64, r: 16, t: 16, b: 44 };
  const pts = series.map((s) => s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && y > 0));
  const all = pts.flat();
  if (all.length === 0) return '';
  const xMax = Math.max(1, ...all.map(([x]) => x));
  const xMin = Math.min(...all.map(([x]) => x));
  let lo = Math.floor(Math.log10(Math.min(...all.map(([, y]) => y))));
  let hi = Math.ceil(Math.log10(Math.max(...all.map(([, y]) => y))));
  if (hi === lo) {
    hi++;
    lo--;
  }
  const sx = (x: number) => m.l + ((x - xMin) / Math.max(1, xMax - xMin)) * (W - m.l - m.r);
  const sy = (y: number) => m.t + ((hi - Math.log10(y)) / (hi - lo)) * (H - m.t - m.b);
  const out: string[] = [open(W, H, title)];
  for (let p = lo; p <= hi; p++) {
    const y = sy(10 ** p);
    out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${r(y)}" y2="${r(y)}" class="grid"/>`);
    out.push(`<text x="${m.l - 6}" y="${r(y + 4)}" text-anchor="end">10<tspan dy="-5" font-size="${FONT - 3}">${p < 0 ? '\u2212' : ''}${Math.abs(p)}</tspan></text>`);
  }
  for (const x of ticks(xMin, xMax, 6)) out.push(`<text x="${r(sx(x))}" y="${H - m.b + 16}" text-anchor="middle">${x}</text>`);
  out.push(axes(m.l, m.t, W - m.r, H - m.b));
  series.forEach((s, i) => {
    const p = pts[i]!;
    if (p.length === 0) return;
    out.push(`<path d="${p.map(([x, y], k) => `${k === 0 ? 'M' : 'L'}${r(sx(x))} ${r(sy(y))}`).join('')}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    // Dots for short histories, so a run that converged in one or two iterations still shows.
    if (p.length <= 40) out.push(p.map(([x, y]) => `<circle cx="${r(sx(x))}" cy="${r(sy(y))}" r="3" fill="${s.color}"/>`).join(''));
  });
  out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 8}" text-anchor="middle">${esc(xLabel)}</text>`);
  out.push(`<text transform="translate(14 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  out.push(legend(series, W - m.r - 250, m.t + 4));
  out.push('</svg>');
  return out.join('');
}

/** Vertical bars, one group per category, one bar per series; `format` labels each bar's value. */
export function groupedBars(categories: string[], series: Series[], yLabel: string, title: string, format: (v: number) => string): string {
  const W = 640;
  const H = 260;
  const m = { l: 56, r: 16, t: series.length > 1 ? 30 : 16, b: 48 };
  const top = Math.max(1e-12, ...series.flatMap((s) => s.values));
  // the y axis runs to a round value above the tallest bar, labelled at round steps
  const yTicks = niceTicks(top, 4);
  const max = yTicks[yTicks.length - 1]!;
  const groupW = (W - m.l - m.r) / categories.length;
  const barW = Math.min(36, (groupW * 0.8) / series.length);
  const sy = (v: number) => m.t + (1 - v / max) * (H - m.t - m.b);
  const out: string[] = [open(W, H, title)];
  for (const v of yTicks) {
    out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${r(sy(v))}" y2="${r(sy(v))}" class="grid"/>`);
    out.push(`<text x="${m.l - 6}" y="${r(sy(v) + 4)}" text-anchor="end" font-size="${FONT - 2}" class="tick">${esc(format(v))}</text>`);
  }
  categories.forEach((cat, c) => {
    const x0 = m.l + c * groupW + (groupW - barW * series.length) / 2;
    series.forEach((s, k) => {
      const v = Math.max(0, s.values[c] ?? 0);
      const x = x0 + k * barW;
      out.push(`<rect x="${r(x)}" y="${r(sy(v))}" width="${r(barW - 2)}" height="${r(H - m.b - sy(v))}" fill="${s.color}"><title>${esc(`${s.label} · ${cat}: ${format(v)}`)}</title></rect>`);
      if (v > 0) out.push(`<text x="${r(x + (barW - 2) / 2)}" y="${r(sy(v) - 3)}" text-anchor="middle" font-size="${FONT - 3}">${esc(format(v))}</text>`);
    });
    out.push(`<text x="${r(m.l + (c + 0.5) * groupW)}" y="${H - m.b + 16}" text-anchor="middle">${esc(cat)}</text>`);
  });
  out.push(axes(m.l, m.t, W - m.r, H - m.b));
  out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 8}" text-anchor="middle" class="muted">${esc(title)}</text>`);
  out.push(`<text transform="translate(14 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  if (series.length > 1) out.push(legend(series, m.l + 8, 6, true));
  out.push('</svg>');
  return out.join('');
}

/** Horizontal bars of signed values around a zero line (positive = `posColor`), one row each. */
export function signedBars(rows: { label: string; value: number }[], title: string, format: (v: number) => string, posColor = COLOR_WORSE, negColor = COLOR_BETTER): string {
  if (rows.length === 0) return '';
  const W = 640;
  const rowH = 22;
  const m = { l: 270, r: 70, t: 8, b: 8 };
  const H = m.t + m.b + rows.length * rowH;
  const max = Math.max(1e-12, ...rows.map((x) => Math.abs(x.value)));
  // Mixed signs grow both ways from a middle zero; one sign grows rightwards by magnitude.
  const mixed = rows.some((x) => x.value < 0) && rows.some((x) => x.value > 0);
  const zero = mixed ? m.l + (W - m.l - m.r) / 2 : m.l;
  const span = mixed ? (W - m.l - m.r) / 2 : W - m.l - m.r;
  const out: string[] = [open(W, H, title)];
  rows.forEach((row, i) => {
    const y = m.t + i * rowH;
    const len = (Math.abs(row.value) / max) * span;
    const left = mixed && row.value < 0;
    const x = left ? zero - len : zero;
    out.push(`<text x="${m.l - 8}" y="${y + 15}" text-anchor="end">${esc(row.label.length > 40 ? `${row.label.slice(0, 39)}…` : row.label)}</text>`);
    out.push(`<rect x="${r(x)}" y="${y + 3}" width="${r(Math.max(1, len))}" height="${rowH - 6}" fill="${row.value >= 0 ? posColor : negColor}"/>`);
    const tx = left ? x - 4 : x + len + 4;
    out.push(`<text x="${r(tx)}" y="${y + 15}" text-anchor="${left ? 'end' : 'start'}">${esc(format(row.value))}</text>`);
  });
  out.push(`<line x1="${r(zero)}" x2="${r(zero)}" y1="${m.t}" y2="${H - m.b}" class="axis"/>`);
  out.push('</svg>');
  return out.join('');
}

/** Escapes text for HTML and SVG content and attribute values. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function open(w: number, h: number, title: string): string {
  return `<svg viewBox="0 0 ${w} ${h}" width="100%" role="img" aria-label="${esc(title)}" class="chart" font-size="${FONT}">`;
}

function axes(x0: number, y0: number, x1: number, y1: number): string {
  return `<path d="M${x0} ${y0}V${y1}H${x1}" fill="none" class="axis"/>`;
}

/** Width of a label in user units, generously (0.62 em a character at FONT): no two legend items overlap. */
export function labelWidth(text: string): number {
  return Math.ceil(text.length * FONT * 0.62);
}

/** Swatches and labels; in a row, each item starts after the previous label's width. */
function legend(series: { label: string; color: string }[], x: number, y: number, row = false): string {
  let dx = 0;
  return series
    .map((s, i) => {
      const at = dx;
      if (row) dx += 18 + labelWidth(s.label) + 16;
      const dy = row ? 0 : i * 18;
      return `<rect x="${x + at}" y="${y + dy}" width="12" height="12" fill="${s.color}"/><text x="${x + at + 18}" y="${y + dy + 11}">${esc(s.label)}</text>`;
    })
    .join('');
}

/** 0 and round steps (1, 2 or 5 × 10ⁿ) up to the first at or above `max`, about `n` of them. */
export function niceTicks(max: number, n: number): number[] {
  const raw = max / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw)!;
  const count = Math.max(1, Math.ceil(max / step - 1e-9));
  return Array.from({ length: count }, (_, k) => Number(((k + 1) * step).toPrecision(12)));
}

/** Up to `n` whole-number ticks from lo to hi. */
function ticks(lo: number, hi: number, n: number): number[] {
  const step = Math.max(1, Math.ceil((hi - lo) / n));
  const out: number[] = [];
  for (let x = Math.ceil(lo); x <= hi; x += step) out.push(x);
  return out;
}

function r(x: number): number {
  return Math.round(x * 10) / 10;
}
