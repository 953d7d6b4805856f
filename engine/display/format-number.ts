/**
 * Numbers as the viewer and the report print them, in Portuguese (pt-BR, the default) and
 * English: pt 1.234,5 and −6 %, en 1,234.5 and −6%. Negative numbers use the true minus sign
 * (U+2212). Formatting is done here, not by Intl, so it does not depend on the ICU data a Node
 * build or a browser carries.
 */

export type Lang = 'pt' | 'en';

export const LANGS: readonly Lang[] = ['pt', 'en'];

export const MINUS = '\u2212';

/** Formats x with `decimals` digits and the language's separators; '—' for a missing value. */
export function formatNumber(x: number | null, lang: Lang, decimals = 0): string {
  if (x === null || !Number.isFinite(x)) return '—';
  const [int, frac] = Math.abs(x).toFixed(decimals).split('.') as [string, string | undefined];
  const group = lang === 'pt' ? '.' : ',';
  const point = lang === 'pt' ? ',' : '.';
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const body = frac === undefined ? grouped : `${grouped}${point}${frac}`;
  const zero = /^[0.,]*$/.test(body);
  return x < 0 && !zero ? `${MINUS}${body}` : body;
}

/** Like formatNumber with a sign always shown: +1,5 / −1,5 / 0. */
export function formatSigned(x: number | null, lang: Lang, decimals = 0): string {
  const text = formatNumber(x, lang, decimals);
  if (text === '—' || text.startsWith(MINUS) || /^[0.,]*$/.test(text)) return text;
  return `+${text}`;
}

/** A percentage with sign: pt "−6,1 %", en "−6.1%". */
export function formatPct(pct: number | null, lang: Lang, decimals = 1): string {
  if (pct === null || !Number.isFinite(pct)) return '—';
  return `${formatSigned(pct, lang, decimals)}${lang === 'pt' ? '\u00a0%' : '%'}`;
}

/** A share 0..1 as a percentage without sign: pt "12 %", en "12%". */
export function formatShare(share: number, lang: Lang, decimals = 0): string {
  return `${formatNumber(share * 100, lang, decimals)}${lang === 'pt' ? '\u00a0%' : '%'}`;
}
