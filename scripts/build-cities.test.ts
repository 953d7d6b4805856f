import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateCities } from '../engine/city/registry.ts';
import { buildCitiesJson, formatJson, slugify } from './build-cities.ts';

const committed = readFileSync(new URL('../data/cities.json', import.meta.url), 'utf8');

describe('scripts/build-cities.ts', () => {
  const built = buildCitiesJson();
  const cities = validateCities(JSON.parse(built), 'built');

  it('writes exactly the committed data/cities.json (rerun the script after editing a source)', () => {
    expect(built).toBe(committed);
  });

  it('lists the 10 pilots by 2021 population, the 3 tourism destinations and the 2 reference cities', () => {
    expect(cities.map((c) => `${c.role}:${c.slug}`)).toEqual([
      'pilot:cuiaba', 'pilot:varzea-grande', 'pilot:rondonopolis', 'pilot:sinop', 'pilot:tangara-da-serra',
      'pilot:caceres', 'pilot:sorriso', 'pilot:lucas-do-rio-verde', 'pilot:primavera-do-leste', 'pilot:barra-do-garcas',
      'tourism:chapada-dos-guimaraes', 'tourism:pocone', 'tourism:nobres',
      'reference:porto-alegre', 'reference:sao-paulo',
    ]);
    const pilots = cities.filter((c) => c.role === 'pilot').map((c) => c.population.value);
    expect([...pilots].sort((a, b) => b - a)).toEqual(pilots);
  });

  it('carries the IBGE 2021 figures published for the pilots and the reference cities', () => {
    const pop = Object.fromEntries(cities.map((c) => [c.slug, c.population.value]));
    // IBGE 2021 estimates as quoted in the provenance notes of the shipped data
    expect(pop.cuiaba).toBe(623_614);
    expect(pop['barra-do-garcas']).toBe(61_702);
    expect(pop['chapada-dos-guimaraes']).toBe(22_521);
    expect(pop['porto-alegre']).toBe(1_492_530);
    expect(pop['sao-paulo']).toBe(12_396_372);
  });

  it('fixes the swapped 2019 tourism headers: Cuiabá has ~1.1 M domestic and ~23 k international visitors', () => {
    const cuiaba = cities.find((c) => c.slug === 'cuiaba')!;
    expect(cuiaba.tourism).toMatchObject({ domesticVisitors: 1_099_626, internationalVisitors: 22_923, year: 2019, category: 'A' });
    // Rondonópolis is not categorised in 2019: the 2017 figures stand, '.' read as thousands
    const roo = cities.find((c) => c.slug === 'rondonopolis')!;
    expect(roo.tourism).toMatchObject({ domesticVisitors: 165_958, internationalVisitors: 1_418, year: 2017 });
    for (const c of cities) if (c.tourism) expect(c.tourism.domesticVisitors).toBeGreaterThan(c.tourism.internationalVisitors);
  });

  it('puts seats from the source and polygons rounded to 5 decimals', () => {
    const cuiaba = cities.find((c) => c.slug === 'cuiaba')!;
    expect(cuiaba.seat).toEqual([-56.0974, -15.601]);
    const ring = cuiaba.polygon.coordinates[0] as [number, number][];
    for (const [lon, lat] of ring) {
      expect(Math.round(lon * 1e5) / 1e5).toBe(lon);
      expect(Math.round(lat * 1e5) / 1e5).toBe(lat);
    }
  });

  it('boxes the reference cities by their OSM extract (osmium fileinfo: -51.2663537,-30.1133278,-51.1321566,-29.9876429)', () => {
    const poa = cities.find((c) => c.slug === 'porto-alegre')!;
    expect(poa.polygonKind).toBe('osm-extract-bbox');
    expect(poa.network).toEqual({ source: 'osm', file: 'data/osm/porto-alegre/poa_osm.pbf' });
    expect(poa.polygon.coordinates[0]).toEqual([
      [-51.26636, -30.11333], [-51.13215, -30.11333], [-51.13215, -29.98764], [-51.26636, -29.98764], [-51.26636, -30.11333],
    ]);
  });
});

describe('helpers', () => {
  it('slugify drops accents and joins words', () => {
    expect(slugify('Várzea Grande')).toBe('varzea-grande');
    expect(slugify('Chapada dos Guimarães')).toBe('chapada-dos-guimaraes');
    expect(slugify('São Paulo')).toBe('sao-paulo');
  });

  it('formatJson keeps numeric arrays on one line and round-trips', () => {
    const v = { a: [1, 2], b: { c: [[[0.5, 1]]], d: 'x', e: null } };
    const text = formatJson(v);
    expect(JSON.parse(text)).toEqual(v);
    expect(text).toContain('"c": [[[0.5,1]]]');
  });
});
