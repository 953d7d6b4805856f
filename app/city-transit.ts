/**
 * The transit feeds shipped per city, and a city's timetable for a service day. Porto Alegre
 * runs on EPTC's 2019 GTFS (data/SOURCES.md); a city without a feed is refused by name.
 */
import { join } from 'node:path';
import { typicalWeekday } from '../engine/transit/calendar.ts';
import { readGtfsZip, type GtfsFeed } from '../engine/transit/gtfs.ts';
import { GtfsError } from '../engine/transit/gtfs-error.ts';
import { buildTimetable, DEFAULT_WALK, type Timetable } from '../engine/transit/timetable.ts';
import { cityBySlug, loadCityGraph, REPO_ROOT } from './city-graphs.ts';
import { cityStreets } from './city-streets.ts';

export const TRANSIT_FEEDS: Record<string, string> = {
  'porto-alegre': 'data/osm/porto-alegre/poa_eptc.zip',
};

const feeds = new Map<string, GtfsFeed>();

/** The city's GTFS feed (read once per process). */
export function loadCityFeed(slug: string): GtfsFeed {
  const file = TRANSIT_FEEDS[slug];
  if (!file) throw new GtfsError(`${slug}: no transit feed shipped for this city; cities with one: ${Object.keys(TRANSIT_FEEDS).join(', ')}`);
  if (!feeds.has(slug)) feeds.set(slug, readGtfsZip(join(REPO_ROOT, file)));
  return feeds.get(slug)!;
}

/** The city's timetable on `date` (YYYYMMDD; the feed's typical weekday when absent), walking on its streets. */
export function loadCityTimetable(slug: string, date?: string): Timetable {
  const feed = loadCityFeed(slug);
  const city = cityBySlug(slug);
  const { walk } = cityStreets(city, loadCityGraph(city).graph);
  return buildTimetable(feed, date ?? typicalWeekday(feed), DEFAULT_WALK, walk ?? undefined);
}

/** First and last departure of the day's trips, seconds after midnight (null when none runs). */
export function serviceWindow(tt: Timetable): { firstS: number; lastS: number } | null {
  let firstS = Infinity;
  let lastS = -Infinity;
  for (let p = 0; p < tt.patternCount; p++) {
    const n = tt.patternStopStart[p + 1] - tt.patternStopStart[p];
    for (let j = tt.patternTripStart[p]; j < tt.patternTripStart[p + 1]; j++) {
      const at = tt.patternTimeStart[p] + (j - tt.patternTripStart[p]) * n;
      firstS = Math.min(firstS, tt.dep[at]);
      lastS = Math.max(lastS, tt.dep[at]);
    }
  }
  return firstS === Infinity ? null : { firstS, lastS };
}
