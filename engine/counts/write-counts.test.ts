import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCounts, readCounts } from './read-counts.ts';
import { countsCsv } from './write-counts.ts';

describe('countsCsv', () => {
  it('writes the CET counts so that they read back the same, classes included', () => {
    const c = readCounts(fileURLToPath(new URL('../../data/counts/cet-sao-paulo-2012-dev.csv', import.meta.url)));
    const back = parseCounts(countsCsv(c), 'back.csv');
    expect(back.classes).toEqual(c.classes);
    expect(back.stations.map(({ line: _, ...s }) => s)).toEqual(c.stations.map(({ line: _, ...s }) => s));
    expect(back.counts.map(({ line: _, ...k }) => k)).toEqual(c.counts.map(({ line: _, ...k }) => k));
  });

  it('quotes names with commas and quotes, and writes way stations with their direction', () => {
    const c = parseCounts('station,name,way,direction,start,end,vehicles\nA,"Av. X, ""norte""",123,backward,00:00,24:00,10\n', 'x.csv');
    const csv = countsCsv(c);
    expect(csv.split('\n')[1]).toBe('A,"Av. X, ""norte""",,,123,backward,,,,00:00,24:00,10');
    expect(parseCounts(csv, 'y.csv').stations[0]).toMatchObject({ name: 'Av. X, "norte"', way: 123, direction: { kind: 'way', reverse: true } });
  });
});
