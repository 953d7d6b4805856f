import { describe, expect, it } from 'vitest';
import { runCliInProcess } from './run-cli.ts';

describe('gemeo transit', () => {
  it('routes a real Porto Alegre journey by bus: Mercado Público to PUCRS at noon', async () => {
    const r = await runCliInProcess(['transit', 'route', 'porto-alegre', '--from', '-51.2287,-30.0277', '--to', '-51.1727,-30.0553', '--depart', '12:00', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ city: 'porto-alegre', date: '20190416', departS: 43_200 });
    expect(j.durationS).toBe(j.arriveS - j.departS);
    // 5.6 km as the crow flies: by bus in well under the 112 min on foot, and not faster than a car could
    expect(j.durationS).toBeGreaterThan(15 * 60);
    expect(j.durationS).toBeLessThan(60 * 60);
    expect(j.vehicles).toBeGreaterThanOrEqual(1);
    expect(j.legs[0]).toMatchObject({ mode: 'walk', departS: 43_200 });
    expect(j.legs.at(-1)).toMatchObject({ mode: 'walk', arriveS: j.arriveS });
    for (const leg of j.legs) {
      expect(leg).toEqual(expect.objectContaining({ mode: expect.stringMatching(/^(walk|bus)$/), from: expect.any(Object), to: expect.any(Object), departS: expect.any(Number), arriveS: expect.any(Number) }));
      if (leg.mode === 'bus') expect(leg.line).toMatch(/\w/);
    }
    const text = await runCliInProcess(['transit', 'route', 'porto-alegre', '--from', '-51.2287,-30.0277', '--to', '-51.1727,-30.0553', '--depart', '12:00']);
    expect(text.stdout).toMatch(/^Porto Alegre, 20190416: leave 12:00, arrive \d\d:\d\d — \d+ min, \d bus/);
    expect(text.stdout).toMatch(/ bus \S+ .*\(stop \d+\) → /);
  });

  it('says when no bus runs at the hour asked', async () => {
    const r = await runCliInProcess(['transit', 'route', 'porto-alegre', '--from', '-51.2287,-30.0277', '--to', '-51.1727,-30.0553', '--depart', '07:00', '--json']);
    const j = JSON.parse(r.stdout);
    expect(j.vehicles).toBe(0);
    expect(j.note).toMatch(/^no bus: the feed's trips leave 11:20:00–16:00:00/);
  });

  it('summarises the feed', async () => {
    const r = await runCliInProcess(['transit', 'info', 'porto-alegre', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ routes: 115, stops: 3986, trips: 2374, date: '20190416', tripsThatDay: 2374 });
  });

  it("gives zone-to-zone transit times of a period between the demand model's zones", async () => {
    const r = await runCliInProcess(['transit', 'zones', 'porto-alegre', '--period', 'midday', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const z = JSON.parse(r.stdout);
    expect(z).toMatchObject({ city: 'porto-alegre', period: 'midday', departures: 6 });
    expect(z.zones).toBeGreaterThan(1000);
    expect(z.pairsWithBus / z.pairs).toBeGreaterThan(0.5);
    expect(z.meanMinutes).toBeGreaterThan(20);
    expect(z.meanMinutes).toBeLessThan(120);
  });

  it('lists the bus patterns on the streets and their run times against the schedule', async () => {
    const r = await runCliInProcess(['transit', 'buses', 'porto-alegre', '--scenario', 'scenarios/porto-alegre/borges-de-medeiros-faixa-onibus.json', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const b = JSON.parse(r.stdout);
    expect(b).toMatchObject({ city: 'porto-alegre', patterns: 201, matchedEndToEnd: 57, withinFifteenPct: 41 });
    expect(b.patternsOnBusLanes).toBeGreaterThan(10);
    expect(b.schedule[0]).toEqual({ line: expect.any(String), stops: expect.any(Number), modelledMin: expect.any(Number), scheduledMin: expect.any(Number), ratio: expect.any(Number) });
  });

  it('refuses bad input with exit 2 and one line', async () => {
    for (const args of [
      ['transit', 'route', 'porto-alegre', '--from', 'x', '--to', '-51.17,-30.05', '--depart', '12:00'],
      ['transit', 'route', 'porto-alegre', '--from', '-51.22,-30.02', '--to', '-51.17,-30.05', '--depart', 'noon'],
      ['transit', 'route', 'porto-alegre', '--from', '-51.22,-30.02', '--to', '-51.17,-30.05', '--depart', '12:00', '--date', '2019-02-30'],
      ['transit', 'zones', 'porto-alegre', '--period', 'night'],
      ['transit', 'buses', 'porto-alegre', '--scenario', 'no-such-file.json'],
      ['transit', 'route', 'sao-paulo', '--from', '-46.63,-23.55', '--to', '-46.64,-23.56', '--depart', '12:00'],
    ]) {
      const r = await runCliInProcess(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
