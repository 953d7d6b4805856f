/**
 * Service days: which of a feed's services run on a date (calendar.txt weekdays within their
 * range, then calendar_dates.txt additions and removals), and the feed's typical weekday — the
 * Tuesday, Wednesday or Thursday within its calendars on which the most services run, the
 * earliest of equals — used when no date is given.
 */
import type { GtfsFeed } from './gtfs.ts';
import { GtfsError } from './gtfs-error.ts';

/** The services that run on `date` (YYYYMMDD). */
export function activeServices(feed: GtfsFeed, date: string): Set<string> {
  const weekday = (dayOf(date).getUTCDay() + 6) % 7; // Monday 0
  const out = new Set<string>();
  for (const [id, s] of feed.services) {
    const regular = s.days[weekday] && s.start <= date && date <= s.end;
    if ((regular && !s.removed.has(date)) || s.added.has(date)) out.add(id);
  }
  return out;
}

/** The feed's typical weekday (see the file comment). */
export function typicalWeekday(feed: GtfsFeed): string {
  let first = '99999999';
  let last = '00000000';
  for (const s of feed.services.values()) {
    for (const d of [s.start, s.end, ...s.added]) {
      if (d === '99999999' || d === '00000000') continue;
      if (d < first) first = d;
      if (d > last) last = d;
    }
  }
  if (first > last) throw new GtfsError(`${feed.name}: no service has a date, expected calendar.txt or calendar_dates.txt rows`);
  let best = '';
  let bestCount = -1;
  for (let t = dayOf(first).getTime(), end = dayOf(last).getTime(); t <= end; t += 86_400_000) {
    const d = new Date(t);
    const wd = d.getUTCDay();
    if (wd < 2 || wd > 4) continue;
    const date = d.toISOString().slice(0, 10).replaceAll('-', '');
    const n = activeServices(feed, date).size;
    if (n > bestCount) [best, bestCount] = [date, n];
  }
  if (!best) throw new GtfsError(`${feed.name}: its calendars hold no Tuesday to Thursday; give a date (--date YYYYMMDD)`);
  return best;
}

/** Checks a YYYYMMDD date from a user (`--date`), also accepting YYYY-MM-DD. */
export function parseServiceDate(text: string): string {
  const d = text.replaceAll('-', '');
  if (!/^\d{8}$/.test(d) || dayOf(d).toISOString().slice(0, 10).replaceAll('-', '') !== d) throw new GtfsError(`--date "${text}": expected a date YYYYMMDD or YYYY-MM-DD`);
  return d;
}

function dayOf(date: string): Date {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))));
}
