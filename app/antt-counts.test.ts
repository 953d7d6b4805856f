/**
 * The ANTT plazas as counts, on the real files of data/mt: where the plazas land, which way
 * increasing km runs, and that data/counts/antt-mt-2023.csv is what the converter writes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { angleBetween } from '../engine/counts/match-stations.ts';
import { parseCounts } from '../engine/counts/read-counts.ts';
import { countsCsv } from '../engine/counts/write-counts.ts';
import { Ring } from '../engine/spatial/ring.ts';
import { ANTT_FILES, anttCounts } from './antt-counts.ts';

const SHIPPED = fileURLToPath(new URL('../data/counts/antt-mt-2023.csv', import.meta.url));

describe('anttCounts(2023)', () => {
  const a = anttCounts(2023);
  const station = (id: string) => a.counts.stations.find((s) => s.id === id)!;

  it('gives a station per plaza and direction for the 11 plazas in Mato Grosso, and says why Trairão (Pará) is left out', () => {
    expect(a.counts.stations).toHaveLength(22);
    expect(a.notPlaced).toEqual([{ plaza: 'VIA BRASIL P3 - TRAIRÃO', reason: 'municipality "Trairão (Pará)" has no IBGE polygon in data/mt (outside Mato Grosso)' }]);
    for (const s of a.counts.stations) expect(s.note).toMatch(/^posição aproximada: /);
  });

  it('puts each plaza inside its municipality, on its highway', () => {
    const doc = JSON.parse(readFileSync(ANTT_FILES.municipalities, 'utf8')) as { features: { properties: { name: string }; geometry: { coordinates: [number, number][][] } }[] };
    for (const s of a.counts.stations) {
      const municipality = s.name.split(', ').pop()!.split(':')[0]!;
      const f = doc.features.find((x) => x.properties.name === municipality)!;
      expect(f, s.id).toBeDefined();
      expect(new Ring(f.geometry.coordinates[0]!).touchesSegment(s.lon, s.lat, s.lon, s.lat), s.id).toBe(true);
    }
    // Rondonópolis: BR-364 passes the town 2–3 km from the seat (-54.6358, -16.4673)
    expect(station('CRO-P2-C').lon).toBeCloseTo(-54.654, 2);
    expect(station('CRO-P2-C').lat).toBeCloseTo(-16.475, 2);
  });

  it('increasing km runs north on BR-163 (from Mato Grosso do Sul to Pará) and north-west on BR-364 (from Goiás to Rondônia)', () => {
    const bearing = (id: string) => (station(id).direction as { degrees: number }).degrees;
    for (const id of ['CRO-P1-C', 'CRO-P7-C', 'CRO-P8-C', 'CRO-P9-C', 'VIA-BRASIL-P1-C', 'VIA-BRASIL-P2-C']) expect(angleBetween(bearing(id), 0), id).toBeLessThan(60);
    for (const id of ['CRO-P2-C', 'CRO-P3-C', 'CRO-P4-C', 'CRO-P5-C', 'CRO-P6-C']) expect(angleBetween(bearing(id), 300), id).toBeLessThan(60);
    for (const s of a.counts.stations.filter((x) => x.id.endsWith('-C'))) {
      expect(angleBetween(bearing(s.id), bearing(s.id.replace(/-C$/, '-D')))).toBeCloseTo(180, 6);
    }
  });

  it('counts a whole day with the classes summing to the total', () => {
    for (const k of a.counts.counts) {
      expect([k.startS, k.endS]).toEqual([0, 86_400]);
      expect(k.classes[0]! + k.classes[1]! + k.classes[2]!).toBeCloseTo(k.vehicles, 6);
    }
  });

  it('is what data/counts/antt-mt-2023.csv holds (rerun `gemeo counts antt --year 2023 --out data/counts/antt-mt-2023.csv` after a source changes)', () => {
    const csv = countsCsv(a.counts);
    expect(readFileSync(SHIPPED, 'utf8')).toBe(csv);
    // and the file reads back as the same stations and counts
    const back = parseCounts(csv, SHIPPED);
    expect(back.stations.map((s) => [s.id, s.lon, s.lat, s.direction, s.note])).toEqual(a.counts.stations.map((s) => [s.id, s.lon, s.lat, s.direction, s.note]));
    expect(back.counts.map((k) => k.vehicles)).toEqual(a.counts.counts.map((k) => Math.round(k.vehicles * 10) / 10));
  });
});
