/**
 * Builds data/cities.json, the one editable city registry, from the shipped source files:
 * IBGE municipality polygons, seats and 2021 population estimates, and the Ministry of Tourism
 * (MTur) categorisation of 2019 (cross-checked against 2017). Run `npx tsx scripts/build-cities.ts`.
 *
 * Terms: a *pilot* city is one of the 10 most populous MT municipalities (IBGE 2021); a
 * *tourism* city is a destination the tourist flows reach; a *reference* city is one of
 * Brazil's two WeGO members whose real OSM extract ships with the project. Reference cities are
 * outside MT, so their seats and population are stated below with their public source, and
 * their polygon is the bounding box of the OSM extract (marked `polygonKind: 'osm-extract-bbox'`).
 *
 * The output is deterministic (fixed entry and key order, coordinates rounded to 5 decimals), so
 * a test can check that the committed file equals what this script writes.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../engine/util/write-atomic.ts';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { City, CityPolygon, CityRole, CityTourism } from '../engine/city/registry.ts';
import { readPbf } from '../engine/osm/read-pbf.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MT = 'data/mt/';
const FILES = {
  polygons: `${MT}municipalities-51.geojson`,
  seats: `${MT}municipality-seats-51.csv`,
  population: `${MT}population-estimates-51-2019-2021.csv`,
  tourism2017: `${MT}tourism-categorization-51-2017.csv`,
  tourism2019: `${MT}tourism-categorization-51-2019.csv`,
  output: 'data/cities.json',
};

/** The pilot list the design names; the script recomputes it from the population file. */
const EXPECTED_PILOTS = [
  'Cuiabá', 'Várzea Grande', 'Rondonópolis', 'Sinop', 'Tangará da Serra',
  'Cáceres', 'Sorriso', 'Lucas do Rio Verde', 'Primavera do Leste', 'Barra do Garças',
];

/** Tourist destinations reached by the flows (Circuito das Águas and the northern Pantanal). */
const TOURISM_DESTINATIONS = ['Chapada dos Guimarães', 'Poconé', 'Nobres'];

const IBGE_2021 = 'IBGE, Estimativas da População 2021 (DOU 27 Aug 2021)';

/**
 * Brazil's two WeGO member cities. Seats: kelvins/Municipios-Brasileiros `csv/municipios.csv`
 * (the same source as the MT seats). Population: IBGE 2021 estimates,
 * https://www.ibge.gov.br/estatisticas/sociais/populacao/9103-estimativas-de-populacao.html
 * (table estimativa_dou_2021): Porto Alegre 1,492,530; São Paulo 12,396,372.
 */
const REFERENCE_CITIES = [
  { slug: 'porto-alegre', name: 'Porto Alegre', ibge: 4314902, seat: [-51.2065, -30.0318], population: 1_492_530, file: 'data/osm/porto-alegre/poa_osm.pbf' },
  { slug: 'sao-paulo', name: 'São Paulo', ibge: 3550308, seat: [-46.6395, -23.5329], population: 12_396_372, file: 'data/osm/sao-paulo/spo_osm.pbf' },
] as const;

/** The registry's text, exactly as the committed data/cities.json should read. */
export function buildCitiesJson(root = ROOT): string {
  return formatJson({ cities: buildCities(root) }) + '\n';
}

export function buildCities(root = ROOT): City[] {
  const read = (rel: string) => readFileSync(root + rel, 'utf8');
  const population = parseCsv(read(FILES.population), FILES.population);
  const seats = parseCsv(read(FILES.seats), FILES.seats);
  const polygons = JSON.parse(read(FILES.polygons)) as { features: { properties: { id: string; name: string }; geometry: CityPolygon }[] };
  const tourism = readTourism(parseCsv(read(FILES.tourism2017), FILES.tourism2017), parseCsv(read(FILES.tourism2019), FILES.tourism2019));

  const byPopulation = [...population.rows].sort((a, b) => int(b.pop2021, FILES.population, 'pop2021') - int(a.pop2021, FILES.population, 'pop2021'));
  const pilots = byPopulation.slice(0, 10);
  const pilotNames = pilots.map((r) => r.municipio);
  if (pilotNames.join('|') !== EXPECTED_PILOTS.join('|')) {
    throw new Error(`${FILES.population}: the 10 most populous municipalities are ${pilotNames.join(', ')}, expected ${EXPECTED_PILOTS.join(', ')}`);
  }
  const byName = (name: string) => {
    const row = population.rows.find((r) => r.municipio === name);
    if (!row) throw new Error(`${FILES.population}: no municipality named ${name}`);
    return row;
  };

  const mtCity = (row: Record<string, string>, role: CityRole): City => {
    const ibge = int(row.ibge, FILES.population, 'ibge');
    const seat = seats.rows.find((r) => Number(r.codigo_ibge) === ibge);
    if (!seat) throw new Error(`${FILES.seats}: no seat for IBGE ${ibge} (${row.municipio})`);
    const feature = polygons.features.find((f) => Number(f.properties.id) === ibge);
    if (!feature) throw new Error(`${FILES.polygons}: no polygon for IBGE ${ibge} (${row.municipio})`);
    return {
      slug: slugify(row.municipio),
      name: row.municipio,
      ibge,
      role,
      seat: [Number(seat.longitude), Number(seat.latitude)],
      population: { value: int(row.pop2021, FILES.population, 'pop2021'), year: 2021, source: `${IBGE_2021}, via ${FILES.population}` },
      polygonKind: 'municipality',
      polygon: roundGeometry(feature.geometry),
      tourism: tourism.get(ibge) ?? null,
      network: { source: 'stand-in' },
    };
  };

  const cities = [
    ...pilots.map((row) => mtCity(row, 'pilot')),
    ...TOURISM_DESTINATIONS.map((name) => mtCity(byName(name), 'tourism')),
    ...REFERENCE_CITIES.map((c): City => ({
      slug: c.slug,
      name: c.name,
      ibge: c.ibge,
      role: 'reference',
      seat: [c.seat[0], c.seat[1]],
      population: { value: c.population, year: 2021, source: IBGE_2021 },
      polygonKind: 'osm-extract-bbox',
      polygon: bboxPolygon(extractBbox(root + c.file)),
      tourism: null,
      network: { source: 'osm', file: c.file },
    })),
  ];
  return cities;
}

/**
 * MTur figures per IBGE code: 2019 where the municipality is categorised in 2019, else 2017.
 * The 2019 file's "Domésticos" and "Internacionais" headers are swapped; the swap is checked
 * against 2017 (the corrected columns must agree with 2017 better than the raw ones), so a
 * corrected upstream file is noticed instead of silently swapped back.
 */
function readTourism(t2017: Csv, t2019: Csv): Map<number, CityTourism> {
  const f17 = FILES.tourism2017;
  const f19 = FILES.tourism2019;
  const out = new Map<number, CityTourism>();
  const y2017 = new Map<number, CityTourism>();
  for (const r of t2017.rows) {
    const ibge = int(r['Código Município'], f17, 'Código Município');
    y2017.set(ibge, {
      domesticVisitors: count(r['Demanda Doméstica'], f17, 'Demanda Doméstica'),
      internationalVisitors: count(r['Demanda Internacional'], f17, 'Demanda Internacional'),
      lodgingEstablishments: count(r['Qtd. Estabelecimentos Hospedagem'], f17, 'Qtd. Estabelecimentos Hospedagem'),
      lodgingJobs: count(r['Qtd. Empregos Hospedagem'], f17, 'Qtd. Empregos Hospedagem'),
      category: r['Cluster 2017 (Categoria)'],
      year: 2017,
      source: `MTur Categorização dos Municípios 2017, via ${f17}`,
    });
  }
  let rawMismatch = 0;
  let fixedMismatch = 0;
  for (const r of t2019.rows) {
    const ibge = int(r['Código Município'], f19, 'Código Município');
    const labelledDomestic = count(r['Domésticos'], f19, 'Domésticos');
    const labelledInternational = count(r['Internacionais'], f19, 'Internacionais');
    const rec: CityTourism = {
      domesticVisitors: labelledInternational,
      internationalVisitors: labelledDomestic,
      lodgingEstablishments: count(r['Estabelecimentos'], f19, 'Estabelecimentos'),
      lodgingJobs: count(r['Empregos'], f19, 'Empregos'),
      category: r['Categoria'],
      year: 2019,
      source: `MTur Categorização dos Municípios 2019, via ${f19} (its domestic/international headers are swapped; corrected here, checked against 2017)`,
    };
    out.set(ibge, rec);
    const old = y2017.get(ibge);
    if (old) {
      rawMismatch += logGap(labelledDomestic, old.domesticVisitors) + logGap(labelledInternational, old.internationalVisitors);
      fixedMismatch += logGap(rec.domesticVisitors, old.domesticVisitors) + logGap(rec.internationalVisitors, old.internationalVisitors);
    }
  }
  if (!(fixedMismatch < rawMismatch)) {
    throw new Error(`${f19}: the domestic/international columns no longer look swapped against ${f17}; review the correction in scripts/build-cities.ts`);
  }
  for (const [ibge, rec] of y2017) if (!out.has(ibge)) out.set(ibge, rec);
  return out;
}

function logGap(a: number, b: number): number {
  return Math.abs(Math.log((a + 1) / (b + 1)));
}

/** Bounding box [minLon, minLat, maxLon, maxLat] of every node in an OSM extract. */
function extractBbox(file: string): [number, number, number, number] {
  const { nodeLon, nodeLat } = readPbf(file);
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (let i = 0; i < nodeLon.length; i++) {
    minLon = Math.min(minLon, nodeLon[i]);
    maxLon = Math.max(maxLon, nodeLon[i]);
    minLat = Math.min(minLat, nodeLat[i]);
    maxLat = Math.max(maxLat, nodeLat[i]);
  }
  // Round outwards so the box still holds every node.
  const down = (v: number) => Math.floor(v * 1e5) / 1e5;
  const up = (v: number) => Math.ceil(v * 1e5) / 1e5;
  return [down(minLon), down(minLat), up(maxLon), up(maxLat)];
}

function bboxPolygon([w, s, e, n]: [number, number, number, number]): CityPolygon {
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

function roundGeometry(g: CityPolygon): CityPolygon {
  const ring = (r: [number, number][]) => {
    const out: [number, number][] = [];
    for (const [lon, lat] of r) {
      const p: [number, number] = [round5(lon), round5(lat)];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    return out;
  };
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(ring) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

function round5(v: number): number {
  return Math.round(v * 1e5) / 1e5;
}

/** ASCII slug: accents dropped, lower case, words joined by '-'. */
export function slugify(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

interface Csv {
  header: string[];
  rows: Record<string, string>[];
}

/** Comma-separated, no quoting (none of the shipped MT files quote), optional BOM. */
function parseCsv(text: string, file: string): Csv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((line, i) => {
    const cells = line.split(',');
    if (cells.length !== header.length) throw new Error(`${file}:${i + 2}: ${cells.length} fields, expected ${header.length}`);
    return Object.fromEntries(header.map((h, k) => [h, cells[k]]));
  });
  return { header, rows };
}

function int(value: string | undefined, file: string, field: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n)) throw new Error(`${file}: ${field} is "${value}", expected an integer`);
  return n;
}

/** A visitor or job count: MTur files write thousands with '.' (1.099.626). */
function count(value: string | undefined, file: string, field: string): number {
  if (value === undefined || !/^\d{1,3}(\.\d{3})*$|^\d+$/.test(value)) throw new Error(`${file}: ${field} is "${value}", expected a count such as 1.099.626`);
  return Number(value.replace(/\./g, ''));
}

/** JSON with 2-space indentation, but arrays of numbers (and of such arrays) kept on one line. */
export function formatJson(value: unknown, indent = ''): string {
  if (Array.isArray(value) && isNumeric(value)) return JSON.stringify(value);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function isNumeric(a: unknown[]): boolean {
  return a.every((v) => typeof v === 'number' || (Array.isArray(v) && isNumeric(v)));
}

function main(): void {
  const text = buildCitiesJson();
  const out = ROOT + FILES.output;
  writeFileAtomic(out, text);
  const n = (JSON.parse(text) as { cities: unknown[] }).cities.length;
  console.log(`wrote ${FILES.output}: ${n} cities, ${text.length} bytes`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
