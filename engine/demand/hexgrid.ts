/**
 * Hexgrid files: the population/jobs cells shipped with the reference cities
 * (data/osm/<city>/<x>_hexgrid.csv, header `id,lon,lat,population,...,jobs,...`). Ids are H3
 * cells; lon/lat the cell centre. Other columns are ignored. An empty population or jobs field
 * reads as 0 (the r5r sample leaves a few cells' jobs blank). Bad rows are one-line InputErrors
 * naming the file, the line and the column.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getResolution, isValidCell } from 'h3-js';
import { parseCsv } from '../util/csv.ts';
import { InputError } from '../util/input-error.ts';

export interface Hexgrid {
  file: string;
  resolution: number;
  id: string[];
  lon: Float64Array;
  lat: Float64Array;
  population: Float64Array;
  jobs: Float64Array;
}

export function readHexgrid(file: string): Hexgrid {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const table = parseCsv(text, (line, problem) => {
    throw new InputError(file, `line ${line}: ${problem}`);
  });
  const header = table.header;
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new InputError(file, `line 1: no "${name}" column (header is ${header.join(',').slice(0, 80)})`);
    return i;
  };
  const [cId, cLon, cLat, cPop, cJobs] = ['id', 'lon', 'lat', 'population', 'jobs'].map(col);
  const id: string[] = [];
  const lon: number[] = [];
  const lat: number[] = [];
  const pop: number[] = [];
  const jobs: number[] = [];
  let resolution = -1;
  for (let row = 0; row < table.rows.length; row++) {
    const f = table.rows[row];
    const i = table.lines[row] - 1;
    const num = (c: number, name: string, lo: number, hi: number, blank?: number): number => {
      if (blank !== undefined && f[c] !== undefined && f[c].trim() === '') return blank;
      const v = Number(f[c]);
      if (f[c] === undefined || f[c].trim() === '' || !Number.isFinite(v) || v < lo || v > hi) {
        throw new InputError(file, `line ${i + 1}: ${name} is "${f[c] ?? ''}", expected a number in [${lo}, ${hi}]`);
      }
      return v;
    };
    const cell = (f[cId] ?? '').trim();
    if (!isValidCell(cell)) throw new InputError(file, `line ${i + 1}: id is "${cell}", expected an H3 cell index`);
    const r = getResolution(cell);
    if (resolution < 0) resolution = r;
    else if (r !== resolution) throw new InputError(file, `line ${i + 1}: id ${cell} has H3 resolution ${r}, expected ${resolution} like the rows above`);
    id.push(cell);
    lon.push(num(cLon, 'lon', -180, 180));
    lat.push(num(cLat, 'lat', -90, 90));
    pop.push(num(cPop, 'population', 0, Infinity, 0));
    jobs.push(num(cJobs, 'jobs', 0, Infinity, 0));
  }
  if (id.length === 0) throw new InputError(file, 'no rows after the header');
  return { file, resolution, id, lon: Float64Array.from(lon), lat: Float64Array.from(lat), population: Float64Array.from(pop), jobs: Float64Array.from(jobs) };
}

/** The `*_hexgrid.csv` beside an OSM file, or null when there is none. */
export function hexgridBeside(osmFile: string): string | null {
  const dir = dirname(osmFile);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  const hit = names.filter((n) => n.endsWith('_hexgrid.csv')).sort()[0];
  return hit ? join(dir, hit) : null;
}
