import { describe, expect, it } from 'vitest';
import { fitStats, geh, gehBand } from './fit.ts';

describe('GEH and the fit figures', () => {
  it('GEH: 0 when equal or both empty, √(2·100²/300) for 100 against 200, symmetric', () => {
    expect(geh(0, 0)).toBe(0);
    expect(geh(500, 500)).toBe(0);
    expect(geh(100, 200)).toBeCloseTo(Math.sqrt(20_000 / 300), 12);
    expect(geh(200, 100)).toBe(geh(100, 200));
    // the classic reading: a 1,000 veh/h count is met within GEH 5 by about ±160 veh/h
    expect(geh(1_160, 1_000)).toBeLessThan(5);
    expect(geh(1_170, 1_000)).toBeGreaterThan(5);
  });

  it('the GEH bands are where GEH equals the band, clipped at 0', () => {
    for (const c of [0, 10, 400, 6_000]) {
      for (const g of [5, 10]) {
        expect(geh(gehBand(c, g, 1), c)).toBeCloseTo(g, 9);
        const lo = gehBand(c, g, -1);
        if (lo > 0) expect(geh(lo, c)).toBeCloseTo(g, 9);
      }
    }
    expect(gehBand(10, 10, -1)).toBe(0);
  });

  it('share under 5, mean GEH, RMSE % and R² of a small set worked by hand', () => {
    // pairs (M, C): (100, 100) GEH 0; (150, 100) GEH √(5000/250)=4.47; (0, 400) GEH √(320000/400)=28.28
    const f = fitStats([100, 150, 0], [100, 100, 400]);
    expect(f.n).toBe(3);
    expect(f.gehUnder5Share).toBeCloseTo(2 / 3, 12);
    expect(f.gehUnder10Share).toBeCloseTo(2 / 3, 12);
    expect(f.meanGeh).toBeCloseTo((0 + Math.sqrt(20) + Math.sqrt(800)) / 3, 12);
    // RMSE = √((0 + 2500 + 160000)/3) = 232.74; mean count 200
    expect(f.rmsePct).toBeCloseTo((100 * Math.sqrt(162_500 / 3)) / 200, 9);
    // counted −100, −100, +200 about the mean; modelled 16.7, 66.7, −83.3: r = −0.9449
    expect(f.r2).toBeCloseTo(0.892857, 5);
    expect(fitStats([1, 2, 3], [2, 4, 6]).r2).toBeCloseTo(1, 12);
    expect(fitStats([1, 2], [5, 3]).r2).toBeNaN();
    expect(fitStats([], []).n).toBe(0);
    expect(() => fitStats([1], [])).toThrow(RangeError);
  });
});
