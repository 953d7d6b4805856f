import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random.ts';
import { BUS, CAR, calibrateConstants, DEFAULT_MODE_CHOICE, generalizedMinutes, loadModeShares, logitShares, totalShares, WALK, type PairCosts } from './mode-choice.ts';

/** Random pairs 0.3–15 km apart: car at 25 km/h, bus at 14 km/h plus 12 min, walking at 1.2 m/s × 1.3. */
function pairs(n: number, seed = 3): PairCosts {
  const rnd = mulberry32(seed);
  const c: PairCosts = { persons: new Float64Array(n), carS: new Float64Array(n), carKm: new Float64Array(n), busS: new Float64Array(n), walkS: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const km = 0.3 + rnd() * 15;
    c.persons[i] = 1 + rnd() * 20;
    c.carKm[i] = km * 1.3;
    c.carS[i] = (km * 1.3 * 3600) / 25;
    c.busS[i] = i % 7 === 0 ? NaN : 720 + (km * 1.3 * 3600) / 14;
    c.walkS[i] = (km * 1000 * 1.3) / 1.2;
  }
  return c;
}

describe('mode choice', () => {
  const targets = loadModeShares();

  it('reads the published target shares and their source', () => {
    expect(targets.shares).toEqual([0.31, 0.29, 0.4]);
    expect(targets.source).toMatch(/ANTP, Sistema de Informacoes da Mobilidade Urbana, Relatorio geral 2014/);
  });

  it('calibrated constants reproduce the target shares within 0.1 percentage point', () => {
    const c = pairs(5000);
    const g = generalizedMinutes(c);
    const cal = calibrateConstants(g, c.persons, targets.shares, DEFAULT_MODE_CHOICE.betaPerMin);
    for (const m of [CAR, BUS, WALK]) expect(Math.abs(cal.total[m] - targets.shares[m])).toBeLessThan(1e-3);
    expect(cal.asc[CAR]).toBe(0);
    // where no bus runs, nobody takes it
    expect(cal.shares[5000 + 0]).toBe(0);
  });

  it('a faster bus on some pairs raises the bus share and lowers the car share there, with the same constants', () => {
    const c = pairs(2000);
    const cal = calibrateConstants(generalizedMinutes(c), c.persons, targets.shares, DEFAULT_MODE_CHOICE.betaPerMin);
    const faster = { ...c, busS: c.busS.map((s, i) => (i % 2 ? s - 300 : s)) };
    const after = logitShares(generalizedMinutes(faster), cal.asc, DEFAULT_MODE_CHOICE.betaPerMin);
    const [car, bus] = totalShares(after, c.persons);
    expect(bus).toBeGreaterThan(targets.shares[BUS] + 0.01);
    expect(car).toBeLessThan(targets.shares[CAR]);
    for (let i = 1; i < 2000; i += 2) if (c.busS[i] === c.busS[i]) expect(after[2000 + i]).toBeGreaterThan(cal.shares[2000 + i]);
  });

  it('shares sum to one on every pair with a mode, and walking wins short pairs', () => {
    const c = pairs(500);
    const s = logitShares(generalizedMinutes(c), [0, 0, 0], 0.05);
    for (let i = 0; i < 500; i++) expect(s[i] + s[500 + i] + s[1000 + i]).toBeCloseTo(1, 12);
    const short = [...c.walkS.keys()].filter((i) => c.walkS[i] < 400);
    for (const i of short) expect(s[1000 + i]).toBeGreaterThan(0.5);
  });
});
