/**
 * Counts back to the CSV of read-counts.ts: every column of the format, then the classes.
 * parseCounts(countsCsv(c)) gives back c, with vehicles to 0.1.
 */
import { clockOf, directionText, type Counts } from './counts.ts';
import { COUNT_COLUMNS } from './read-counts.ts';

export function countsCsv(c: Counts): string {
  const rows = [[...COUNT_COLUMNS, ...c.classes].join(',')];
  const num = (x: number, d: number) => (Number.isNaN(x) ? '' : String(Math.round(x * 10 ** d) / 10 ** d));
  const exact = (x: number) => (Number.isNaN(x) ? '' : String(x));
  for (const k of c.counts) {
    const s = c.stations[k.station]!;
    const direction = s.direction.kind === 'both' ? '' : s.direction.kind === 'bearing' ? String(s.direction.degrees) : directionText(s.direction);
    const fields = [s.id, s.name, exact(s.lon), exact(s.lat), num(s.way, 0), direction, s.highway ?? '', s.lanes === null ? '' : String(s.lanes), s.note, clockOf(k.startS), clockOf(k.endS), num(k.vehicles, 1), ...Array.from(k.classes, (v) => num(v, 1))];
    rows.push(fields.map(quote).join(','));
  }
  return `${rows.join('\n')}\n`;
}

function quote(field: string): string {
  return /[",\n]/.test(field) || field !== field.trim() ? `"${field.replace(/"/g, '""')}"` : field;
}
