/**
 * ANTT toll-plaza volumes (data/mt/antt-toll-volumes-mt.csv, "Volume de tráfego por praça de
 * pedágio") and the plaza list (data/mt/antt-toll-plazas-mt.csv), and their average day.
 *
 *   concession,plaza,month,direction,vehicle_type,axles,vehicles     monthly vehicles
 *   concession,plaza,highway,km,municipality,note                     where each plaza is
 *
 * direction is CRESCENTE (towards increasing km) or DECRESCENTE; vehicle_type PASSEIO (cars),
 * COMERCIAL (trucks and buses) or MOTO. The volumes are monthly totals, so the average day of a
 * year is the year's vehicles over the days of the months present: the annual average daily
 * traffic (VDMA), every day of the week alike — monthly totals cannot tell weekdays apart.
 * Bad rows are one-line InputErrors naming the file, line and field.
 */
import { InputError } from '../util/input-error.ts';
import { splitCsvLine } from '../util/csv.ts';

export type AnttDirection = 'CRESCENTE' | 'DECRESCENTE';
export const ANTT_CLASSES = { PASSEIO: 'cars', COMERCIAL: 'commercial', MOTO: 'motorcycles' } as const;
type AnttType = keyof typeof ANTT_CLASSES;

export interface AnttVolume {
  concession: string;
  plaza: string;
  /** YYYY-MM */
  month: string;
  direction: AnttDirection;
  type: AnttType;
  vehicles: number;
}

export interface AnttPlaza {
  concession: string;
  plaza: string;
  /** "BR-163" */
  highway: string;
  /** NaN when the list gives none. */
  km: number;
  municipality: string;
  note: string;
}

/** The average day of one plaza and direction in a year. */
export interface PlazaDay {
  concession: string;
  plaza: string;
  direction: AnttDirection;
  /** Months of the year present in the data, and their days. */
  months: number;
  days: number;
  vehicles: number;
  cars: number;
  commercial: number;
  motorcycles: number;
}

const VOLUME_HEADER = ['concession', 'plaza', 'month', 'direction', 'vehicle_type', 'axles', 'vehicles'];
const PLAZA_HEADER = ['concession', 'plaza', 'highway', 'km', 'municipality', 'note'];

export function parseAnttVolumes(text: string, file: string): AnttVolume[] {
  const lines = checkedLines(text, file, VOLUME_HEADER);
  const out: AnttVolume[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const f = fields(lines[i]!, VOLUME_HEADER.length, file, i + 1);
    const fail = (field: string, what: string): never => {
      throw new InputError(file, `line ${i + 1}: ${field} — ${what}`);
    };
    const [concession, plaza, month, direction, type, , vehicles] = f as [string, string, string, string, string, string, string];
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) fail('month', `expected YYYY-MM, got "${month}"`);
    if (direction !== 'CRESCENTE' && direction !== 'DECRESCENTE') fail('direction', `expected CRESCENTE or DECRESCENTE, got "${direction}"`);
    if (!(type in ANTT_CLASSES)) fail('vehicle_type', `expected PASSEIO, COMERCIAL or MOTO, got "${type}"`);
    const v = Number(vehicles);
    if (vehicles === '' || !Number.isFinite(v) || v < 0) fail('vehicles', `expected a number ≥ 0, got "${vehicles}"`);
    out.push({ concession, plaza, month, direction: direction as AnttDirection, type: type as AnttType, vehicles: v });
  }
  return out;
}

export function parseAnttPlazas(text: string, file: string): AnttPlaza[] {
  const lines = checkedLines(text, file, PLAZA_HEADER);
  const out: AnttPlaza[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const [concession, plaza, highway, km, municipality, note] = fields(lines[i]!, PLAZA_HEADER.length, file, i + 1) as [string, string, string, string, string, string];
    if (!/^BR-\d{3}$/.test(highway)) throw new InputError(file, `line ${i + 1}: highway — expected BR-nnn, got "${highway}"`);
    const k = km === '' ? NaN : Number(km);
    if (km !== '' && !(Number.isFinite(k) && k >= 0)) throw new InputError(file, `line ${i + 1}: km — expected a number ≥ 0 or empty, got "${km}"`);
    if (municipality === '') throw new InputError(file, `line ${i + 1}: municipality — empty`);
    out.push({ concession, plaza, highway, km: k, municipality, note });
  }
  return out;
}

/** Average day of `year` per plaza and direction, in plaza order of first appearance, CRESCENTE first. */
export function averageDays(volumes: AnttVolume[], year: number): PlazaDay[] {
  const byKey = new Map<string, PlazaDay & { monthSet: Set<string> }>();
  for (const v of volumes) {
    if (!v.month.startsWith(`${year}-`)) continue;
    const key = `${v.concession}\u0000${v.plaza}\u0000${v.direction}`;
    let d = byKey.get(key);
    if (!d) {
      d = { concession: v.concession, plaza: v.plaza, direction: v.direction, months: 0, days: 0, vehicles: 0, cars: 0, commercial: 0, motorcycles: 0, monthSet: new Set() };
      byKey.set(key, d);
    }
    d.monthSet.add(v.month);
    d[ANTT_CLASSES[v.type]] += v.vehicles;
  }
  const out: PlazaDay[] = [];
  for (const { monthSet, ...d } of byKey.values()) {
    const days = [...monthSet].reduce((s, m) => s + daysInMonth(year, Number(m.slice(5))), 0);
    out.push({ ...d, months: monthSet.size, days, cars: d.cars / days, commercial: d.commercial / days, motorcycles: d.motorcycles / days, vehicles: (d.cars + d.commercial + d.motorcycles) / days });
  }
  const order = new Map<string, number>();
  for (const d of out) if (!order.has(`${d.concession}\u0000${d.plaza}`)) order.set(`${d.concession}\u0000${d.plaza}`, order.size);
  return out.sort((a, b) => order.get(`${a.concession}\u0000${a.plaza}`)! - order.get(`${b.concession}\u0000${b.plaza}`)! || (a.direction < b.direction ? -1 : 1));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checkedLines(text: string, file: string, header: string[]): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const got = (lines[0] ?? '').trim();
  if (got !== header.join(',')) throw new InputError(file, `line 1: header — expected "${header.join(',')}", got "${got.slice(0, 80)}"`);
  return lines;
}

function fields(line: string, n: number, file: string, ln: number): string[] {
  const f = splitCsvLine(line)?.map((x) => x.trim());
  if (f === undefined) throw new InputError(file, `line ${ln}: row — unbalanced quotes`);
  if (f.length !== n) throw new InputError(file, `line ${ln}: row — expected ${n} fields, got ${f.length}`);
  return f;
}
