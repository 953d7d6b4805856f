import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../util/input-error.ts';
import { findCity, loadCities, pointInCityPolygon, UnknownCityError, validateCities, type City } from './registry.ts';

function entry(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    slug: 'test-town',
    name: 'Test Town',
    ibge: 5100000,
    role: 'pilot',
    seat: [-56, -15],
    population: { value: 1000, year: 2021, source: 'test' },
    polygonKind: 'municipality',
    polygon: { type: 'Polygon', coordinates: [[[-56.1, -15.1], [-55.9, -15.1], [-55.9, -14.9], [-56.1, -14.9], [-56.1, -15.1]]] },
    tourism: null,
    network: { source: 'stand-in' },
    ...over,
  };
}

const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

describe('loadCities', () => {
  it('loads the committed registry: 15 cities, unique slugs, seats inside their polygons', () => {
    const cities = loadCities();
    expect(cities).toHaveLength(15);
    expect(new Set(cities.map((c) => c.slug)).size).toBe(15);
    expect(cities.filter((c) => c.role === 'pilot')).toHaveLength(10);
    for (const c of cities) expect(pointInCityPolygon(c.seat, c.polygon)).toBe(true);
  });

  it('names the entry and field of a bad value', () => {
    const bad = { cities: [entry(), entry({ slug: 'sinop', population: { value: -5, year: 2021, source: 'x' } })] };
    expect(message(() => validateCities(bad, 'cities.json'))).toBe(
      'cities.json: cities[1] (sinop): population.value is -5, expected a positive integer',
    );
  });

  it('rejects duplicate slugs, unknown roles, open rings and seats outside the polygon', () => {
    expect(message(() => validateCities({ cities: [entry(), entry()] }, 'f'))).toMatch(/cities\[1\] \(test-town\): slug .* not used by an earlier entry/);
    expect(message(() => validateCities({ cities: [entry({ role: 'capital' })] }, 'f'))).toMatch(/role is "capital", expected "pilot", "tourism" or "reference"/);
    const open = entry({ polygon: { type: 'Polygon', coordinates: [[[-56.1, -15.1], [-55.9, -15.1], [-55.9, -14.9], [-56.1, -14.9]]] } });
    expect(message(() => validateCities({ cities: [open] }, 'f'))).toMatch(/polygon\.coordinates\[0\] is open .* expected a closed ring/);
    expect(message(() => validateCities({ cities: [entry({ seat: [-50, -15] })] }, 'f'))).toMatch(/seat is \[-50,-15\], expected a point inside the polygon/);
    expect(message(() => validateCities({ cities: [entry({ slug: 'Cuiabá' })] }, 'f'))).toMatch(/cities\[0\] \(Cuiabá\): slug/);
    expect(message(() => validateCities({ cities: [entry({ network: { source: 'osm' } })] }, 'f'))).toMatch(/network\.file is undefined/);
    expect(message(() => validateCities({ cities: [entry({ tourism: { domesticVisitors: 1, internationalVisitors: 1, lodgingEstablishments: 1, lodgingJobs: 1, category: 'Z', year: 2019, source: 's' } })] }, 'f'))).toMatch(/tourism\.category is "Z"/);
  });

  it('reports a missing file, bad JSON and a wrong shape in one line naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gemeo-cities-'));
    expect(message(() => loadCities(join(dir, 'none.json')))).toBe(`${join(dir, 'none.json')}: file not found`);
    writeFileSync(join(dir, 'bad.json'), '{"cities": [');
    expect(message(() => loadCities(join(dir, 'bad.json')))).toMatch(/bad\.json: not valid JSON/);
    writeFileSync(join(dir, 'shape.json'), '[]');
    expect(message(() => loadCities(join(dir, 'shape.json')))).toMatch(/shape\.json: expected an object with a "cities" array/);
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ cities: [entry()] }));
    expect(loadCities(join(dir, 'ok.json'))[0].name).toBe('Test Town');
  });
});

describe('findCity', () => {
  it('finds a city of the default registry by slug', () => {
    const c = findCity('varzea-grande');
    expect(c.name).toBe('Várzea Grande');
    expect(c.ibge).toBe(5108402);
  });

  it('answers an unknown slug with one line listing the valid ones', () => {
    const cities = validateCities({ cities: [entry(), entry({ slug: 'other' })] }, 'f') as City[];
    expect(() => findCity('cuiba', cities)).toThrow(UnknownCityError);
    expect(() => findCity('cuiba', cities)).toThrow('unknown city "cuiba"; valid slugs: test-town, other');
    expect(() => findCity('nowhere')).toThrow(/valid slugs: cuiaba, varzea-grande, .*, sao-paulo$/);
  });
});
