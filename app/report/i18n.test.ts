import { describe, expect, it } from 'vitest';
import { formatNumber, formatPct, formatShare, formatSigned, LANGS, MINUS, strings } from './i18n.ts';

describe('number formats', () => {
  it('writes pt-BR 1.234,5 and English 1,234.5', () => {
    expect(formatNumber(1234.5, 'pt', 1)).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5');
    expect(formatNumber(1234567.891, 'pt', 2)).toBe('1.234.567,89');
    expect(formatNumber(999, 'pt')).toBe('999');
    expect(formatNumber(-3227.5, 'pt')).toBe(`${MINUS}3.228`);
    expect(formatNumber(null, 'en')).toBe('—');
    expect(formatNumber(NaN, 'pt')).toBe('—');
    expect(formatNumber(-0.001, 'pt', 1)).toBe('0,0');
  });

  it('agrees with the platform locale data (ICU) for pt-BR and en-US', () => {
    const values = [0, 7, 12.25, 999.5, 1000, 18_446.75, 1_234_567.125, -42_000.5, 0.049];
    for (const [lang, locale] of [
      ['pt', 'pt-BR'],
      ['en', 'en-US'],
    ] as const) {
      for (const decimals of [0, 1, 2]) {
        const icu = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: true });
        for (const v of values) {
          // ICU writes a hyphen-minus and may keep a "-0"; ours writes U+2212 and drops it.
          const expected = icu.format(v).replace('-', MINUS).replace(new RegExp(`^${MINUS}(?=[0.,]+$)`), '');
          expect(formatNumber(v, lang, decimals), `${lang} ${v} ${decimals}`).toBe(expected);
        }
      }
    }
  });

  it('signs changes and percentages', () => {
    expect(formatSigned(1.5, 'pt', 1)).toBe('+1,5');
    expect(formatSigned(-1.5, 'en', 1)).toBe(`${MINUS}1.5`);
    expect(formatSigned(0, 'pt', 1)).toBe('0,0');
    expect(formatPct(-6.04, 'pt', 0)).toBe(`${MINUS}6\u00a0%`);
    expect(formatPct(-6.04, 'en', 1)).toBe(`${MINUS}6.0%`);
    expect(formatPct(null, 'pt')).toBe('—');
    expect(formatShare(0.4567, 'pt')).toBe('46\u00a0%');
    expect(formatShare(0.4567, 'en', 1)).toBe('45.7%');
  });
});

describe('strings', () => {
  it('has every key in both languages, with the same shape', () => {
    const pt = strings('pt');
    const en = strings('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(pt).sort());
    for (const key of Object.keys(pt) as (keyof typeof pt)[]) {
      expect(typeof en[key], key).toBe(typeof pt[key]);
      if (Array.isArray(pt[key])) expect((en[key] as unknown[]).length, key).toBe((pt[key] as unknown[]).length);
    }
    expect(Object.keys(en.classes).sort()).toEqual(Object.keys(pt.classes).sort());
    expect(Object.keys(en.periods).sort()).toEqual(Object.keys(pt.periods).sort());
    expect(Object.keys(en.interventionTypes).sort()).toEqual(Object.keys(pt.interventionTypes).sort());
    expect(LANGS).toEqual(['pt', 'en']);
  });

  it('builds the headline from its parts in each language', () => {
    const parts = { a: 'Base', b: 'BRT', tripDelta: -1.8, tripPct: `${MINUS}6\u00a0%`, tripA: '23,4', tripB: '21,6', tripAbs: '1,8', delayDelta: -289, delayAbs: '289', co2Delta: 0, co2Abs: '0', faster: '46 %', slower: '16 %' };
    expect(strings('pt').headline(parts)).toContain(`o tempo médio de viagem cai 1,8 min (${MINUS}6\u00a0%)`);
    expect(strings('pt').headline(parts)).toContain('as emissões de CO₂ não mudam no período');
    expect(strings('en').headline({ ...parts, tripDelta: 0.5 })).toContain('the mean trip time rises by 1,8 min');
    expect(strings('en').headline({ ...parts, tripDelta: 0.01 })).toContain('hardly changes');
  });
});
