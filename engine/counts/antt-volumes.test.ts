import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { averageDays, parseAnttPlazas, parseAnttVolumes } from './antt-volumes.ts';

const file = (rel: string) => fileURLToPath(new URL(`../../data/mt/${rel}`, import.meta.url));
const VOLUMES = file('antt-toll-volumes-mt.csv');

describe('the ANTT toll-plaza volumes of Mato Grosso', () => {
  const volumes = parseAnttVolumes(readFileSync(VOLUMES, 'utf8'), VOLUMES);
  const days = averageDays(volumes, 2023);
  const day = (plaza: string, direction: string) => days.find((d) => d.plaza === plaza && d.direction === direction)!;

  it('reads every row and averages 2023 per plaza and direction: 12 plazas, both directions', () => {
    expect(volumes).toHaveLength(31_513);
    expect(days).toHaveLength(24);
    expect(new Set(days.map((d) => d.concession))).toEqual(new Set(['CRO', 'VIA BRASIL']));
  });

  it('Rondonópolis (CRO P2): the year over the days of the months present, as awk sums the file', () => {
    // November and December 2023 have no CRESCENTE rows: 10 months, 304 days
    expect(day('P2', 'CRESCENTE')).toMatchObject({ months: 10, days: 304 });
    expect(day('P2', 'CRESCENTE').vehicles).toBeCloseTo(1_899_264 / 304, 9);
    expect(day('P2', 'CRESCENTE').commercial).toBeCloseTo(1_060_882 / 304, 9);
    expect(day('P2', 'CRESCENTE').cars).toBeCloseTo(838_382 / 304, 9);
    expect(day('P2', 'DECRESCENTE')).toMatchObject({ months: 12, days: 365 });
    expect(day('P2', 'DECRESCENTE').vehicles).toBeCloseTo(2_374_035 / 365, 9);
    // over half of the traffic at the plaza is commercial (trucks and buses), as ANTT reports
    const both = day('P2', 'CRESCENTE').vehicles + day('P2', 'DECRESCENTE').vehicles;
    expect((day('P2', 'CRESCENTE').commercial + day('P2', 'DECRESCENTE').commercial) / both).toBeGreaterThan(0.5);
  });

  it('Via Brasil starts in February 2023: 11 months at Cláudia', () => {
    expect(day('P1 - CLAÚDIA', 'CRESCENTE')).toMatchObject({ months: 11, days: 334 });
    expect(day('P1 - CLAÚDIA', 'CRESCENTE').vehicles).toBeCloseTo(626_217 / 334, 9);
  });

  it('has nothing for a year outside the data', () => {
    expect(averageDays(volumes, 2015)).toEqual([]);
  });
});

describe('ANTT files: bad input', () => {
  const head = 'concession,plaza,month,direction,vehicle_type,axles,vehicles';
  it.each([
    [`${head}\nCRO,P1,2023-13,CRESCENTE,PASSEIO,2,5`, 'v.csv: line 2: month — expected YYYY-MM, got "2023-13"'],
    [`${head}\nCRO,P1,2023-01,NORTE,PASSEIO,2,5`, 'v.csv: line 2: direction — expected CRESCENTE or DECRESCENTE, got "NORTE"'],
    [`${head}\nCRO,P1,2023-01,CRESCENTE,ONIBUS,2,5`, 'v.csv: line 2: vehicle_type — expected PASSEIO, COMERCIAL or MOTO, got "ONIBUS"'],
    [`${head}\nCRO,P1,2023-01,CRESCENTE,PASSEIO,2,-5`, 'v.csv: line 2: vehicles — expected a number ≥ 0, got "-5"'],
    [`${head}\nCRO,P1,2023-01,CRESCENTE,PASSEIO,2`, 'v.csv: line 2: row — expected 7 fields, got 6'],
    ['plaza,month\nP1,2023-01', 'v.csv: line 1: header — expected "concession,plaza,month,direction,vehicle_type,axles,vehicles"'],
  ])('volumes %#', (text, message) => {
    expect(() => parseAnttVolumes(text, 'v.csv')).toThrow(message);
  });

  it('plazas: a highway that is not BR-nnn, a bad km', () => {
    const h = 'concession,plaza,highway,km,municipality,note';
    expect(() => parseAnttPlazas(`${h}\nCRO,P1,163,33.6,Itiquira,`, 'p.csv')).toThrow('p.csv: line 2: highway — expected BR-nnn, got "163"');
    expect(() => parseAnttPlazas(`${h}\nCRO,P1,BR-163,km 33,Itiquira,`, 'p.csv')).toThrow('p.csv: line 2: km — expected a number ≥ 0 or empty, got "km 33"');
  });
});
