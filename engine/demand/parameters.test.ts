import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCity, pointInCityPolygon } from '../city/registry.ts';
import { loadAttractions, loadDemandParameters, loadTourismData, normaliseSeason } from './parameters.ts';
import { touristVolume, regionalVisitorsPerDay } from './tourism.ts';

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

describe('data/demand files', () => {
  it('load, and the hourly profiles put the cited OD 2017 peak-hour shares on commute trips', () => {
    const p = loadDemandParameters();
    // 4.5 M of 42 M trips at 07:00, 4.0 M at 18:00 (Pesquisa OD 2017); commute = outbound + return.
    expect((p.outboundByHour[7] + p.returnByHour[7]) / 2).toBeCloseTo(4.5 / 42, 3);
    expect((p.outboundByHour[18] + p.returnByHour[18]) / 2).toBeCloseTo(4.0 / 42, 3);
    expect(p.workTripsPerResident).toBeCloseTo(11_654_344 / 12_106_920, 3);
  });

  it('every curated attraction lies inside its city polygon and cites a public page', () => {
    for (const [slug, list] of loadAttractions()) {
      const city = findCity(slug);
      for (const a of list) {
        expect(pointInCityPolygon([a.lon, a.lat], city.polygon), `${slug}/${a.id}`).toBe(true);
        expect(a.source).toMatch(/^https:\/\//);
      }
    }
  });

  it('rejects a bad parameter file with one line naming the file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'demand-'));
    const file = join(dir, 'p.json');
    writeFileSync(file, JSON.stringify({ commute: { workTripsPerResident: { value: -1, source: 'model-assumption' } }, tourism: {}, events: {} }));
    expect(() => loadDemandParameters(file)).toThrow(/p\.json: .*targetMeanTripKm is missing|p\.json: workTripsPerResident\.value is -1/);
    writeFileSync(file, '{');
    expect(() => loadDemandParameters(file)).toThrow(/p\.json: not valid JSON/);
  });
});

describe('tourist volumes', () => {
  const data = loadTourismData();

  it('seasonality keeps the published months and averages 1', () => {
    const f = normaliseSeason(Float64Array.of(2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), [true, ...Array(11).fill(false)]);
    expect(f[0]).toBe(2);
    expect(f.reduce((a, b) => a + b, 0) / 12).toBeCloseTo(1, 12);
    const s = data.seasonality.get('chapada-dos-guimaraes')!;
    expect(s.factors[0]).toBeCloseTo(16_000 / (158_300 / 12), 3);
    expect(s.factors[9]).toBeCloseTo(7_867 / (135_651 / 12), 3);
  });

  it('Chapada dos Guimarães: the months add up to the park’s 183,675 visitors of 2025', () => {
    const chapada = findCity('chapada-dos-guimaraes');
    let year = 0;
    for (let m = 1; m <= 12; m++) year += touristVolume(chapada, data, m).visitorsPerDay * DAYS[m - 1];
    expect(year).toBeCloseTo(183_675, 6);
    expect(touristVolume(chapada, data).visitorsPerDay).toBeCloseTo(183_675 / 365, 9);
    // Day visitors from Cuiabá = park visitors not lodged in the town (MTur).
    const lodged = chapada.tourism!.domesticVisitors + chapada.tourism!.internationalVisitors;
    expect(regionalVisitorsPerDay(chapada, data)).toBeCloseTo((183_675 - lodged) / 365, 9);
  });

  it('Cuiabá: MTur domestic + international visitors a year / 365', () => {
    const v = touristVolume(findCity('cuiaba'), data);
    expect(v.visitorsPerYear).toBe(1_099_626 + 22_923);
    expect(v.visitorsPerDay).toBeCloseTo((1_099_626 + 22_923) / 365, 9);
    expect(v.sources).toContain('mtur-categorizacao');
  });
});
