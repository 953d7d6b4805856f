import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clockOf } from './counts.ts';
import { parseCounts, readCounts, splitCsvLine } from './read-counts.ts';

const CET = fileURLToPath(new URL('../../data/counts/cet-sao-paulo-2012-dev.csv', import.meta.url));
const HEAD = 'station,name,lon,lat,direction,osm_highway,start,end,vehicles,cars';

describe('readCounts on the CET São Paulo 2012 counts', () => {
  const c = readCounts(CET);

  it('reads 14 stations with 6 hourly counts each, classes from the extra columns', () => {
    expect(c.stations).toHaveLength(14);
    expect(c.counts).toHaveLength(84);
    expect(c.classes).toEqual(['cars', 'urban_buses', 'other_buses', 'trucks_2axle', 'trucks_3axle', 'trucks_4axle_plus', 'motorcycles']);
    expect(new Set(c.counts.map((x) => `${clockOf(x.startS)}-${clockOf(x.endS)}`))).toEqual(new Set(['07:00-08:00', '08:00-09:00', '09:00-10:00', '17:00-18:00', '18:00-19:00', '19:00-20:00']));
  });

  it('keeps the first station as recorded: position, class, lanes, no direction', () => {
    const s = c.stations[0]!;
    expect(s).toMatchObject({ id: 'CET018', highway: 'secondary', lanes: 6, direction: { kind: 'both' }, line: 2 });
    expect(s.lon).toBeCloseTo(-46.65036, 5);
    expect(s.lat).toBeCloseTo(-23.56906, 5);
    const first = c.counts[0]!;
    expect([first.startS, first.endS, first.vehicles]).toEqual([7 * 3600, 8 * 3600, 1271]);
    // cars + buses + trucks + motorcycles of the row: 983 + 168 + 2 + 6 + 0 + 0 + 112
    expect(Array.from(first.classes).reduce((a, b) => a + b, 0)).toBe(1271);
  });

  it('sums the 07–08 h counts of the 14 stations as awk over the file does', () => {
    const am = c.counts.filter((x) => x.startS === 7 * 3600).reduce((s, x) => s + x.vehicles, 0);
    expect(am).toBe(74_169);
  });
});

describe('parseCounts: the format', () => {
  it('accepts quoted names, way stations with a direction along the way, bearings and 24:00', () => {
    const c = parseCounts(
      'station,name,way,lon,lat,direction,start,end,vehicles\nA,"Av. X, norte",123,,,backward,00:00,24:00,9000\nB,B,,-46.6,-23.5,NE,07:00,08:00,10\nB,B,,-46.6,-23.5,NE,08:00,09:00,12\n',
      'x.csv',
    );
    expect(c.stations.map((s) => [s.id, s.name, s.way, s.direction])).toEqual([
      ['A', 'Av. X, norte', 123, { kind: 'way', reverse: true }],
      ['B', 'B', NaN, { kind: 'bearing', degrees: 45 }],
    ]);
    expect(c.counts[0]!.endS).toBe(86_400);
  });

  const bad: [string, string, string][] = [
    ['no vehicles column', 'station,lon,lat,start,end\nA,1,2,07:00,08:00', 'x.csv: line 1: header — no "vehicles" column'],
    ['no position column', 'station,start,end,vehicles\nA,07:00,08:00,1', 'x.csv: line 1: header — no position'],
    ['a bad time', `${HEAD}\nA,a,-46,-23,,primary,7h,08:00,1,1`, 'x.csv: line 2: start — expected a time HH:MM from 00:00 to 24:00, got "7h"'],
    ['end before start', `${HEAD}\nA,a,-46,-23,,primary,08:00,07:00,1,1`, 'x.csv: line 2: end — expected a time after start (08:00), got "07:00"'],
    ['negative vehicles', `${HEAD}\nA,a,-46,-23,,primary,07:00,08:00,-4,1`, 'x.csv: line 2: vehicles — expected a number ≥ 0, got -4'],
    ['a class that is not a number', `${HEAD}\nA,a,-46,-23,,primary,07:00,08:00,4,lots`, 'x.csv: line 2: cars — expected a number, got "lots"'],
    ['an unknown road class', `${HEAD}\nA,a,-46,-23,,avenue,07:00,08:00,4,1`, 'x.csv: line 2: osm_highway — "avenue" is not a road class gemeo knows'],
    ['a bad direction', `${HEAD}\nA,a,-46,-23,north-ish,primary,07:00,08:00,4,1`, 'x.csv: line 2: direction — expected empty, both'],
    ['forward without a way', `${HEAD}\nA,a,-46,-23,forward,primary,07:00,08:00,4,1`, 'x.csv: line 2: direction — "forward" is along the OSM way, but the row gives no way'],
    ['lon without lat', `${HEAD}\nA,a,-46,,,primary,07:00,08:00,4,1`, 'x.csv: line 2: lat — empty while lon is given'],
    ['a latitude out of range', `${HEAD}\nA,a,-46,-95,,primary,07:00,08:00,4,1`, 'x.csv: line 2: lat — expected a number in [-90, 90], got -95'],
    ['a short row', `${HEAD}\nA,a,-46,-23,,primary,07:00,08:00,4`, 'x.csv: line 2: row — expected 10 fields like the header, got 9'],
    ['a station that moves', `${HEAD}\nA,a,-46,-23,,primary,07:00,08:00,4,1\nA,a,-46.1,-23,,primary,08:00,09:00,4,1`, 'x.csv: line 3: lon — station A has "-46.1" here but another value on line 2'],
    ['overlapping periods', `${HEAD}\nA,a,-46,-23,,primary,07:00,08:00,4,1\nA,a,-46,-23,,primary,07:30,08:30,4,1`, 'x.csv: line 3: start — station A already has a count for a period overlapping 07:30–08:30 (line 2)'],
    ['only a header', HEAD, 'x.csv: no rows after the header'],
    ['an open quote', `${HEAD}\nA,"a,-46,-23,,primary,07:00,08:00,4,1`, 'x.csv: line 2: row — unbalanced quotes'],
  ];
  it.each(bad)('refuses %s with one line naming file, line and field', (_what, text, message) => {
    let error: unknown;
    try {
      parseCounts(text, 'x.csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('InputError');
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('names a missing file', () => {
    expect(() => readCounts('no/such/counts.csv')).toThrow('no/such/counts.csv: file not found');
  });
});

describe('splitCsvLine', () => {
  it('splits quoted fields with commas and doubled quotes', () => {
    expect(splitCsvLine('a,"b, c","say ""hi""",')).toEqual(['a', 'b, c', 'say "hi"', '']);
    expect(splitCsvLine('"open')).toBeNull();
  });
});
