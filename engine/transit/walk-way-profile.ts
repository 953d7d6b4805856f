/**
 * What an OSM way means for a person on foot: streets (both ways, whatever their one-way tags)
 * and the ways for people — footway, pedestrian, path, steps, living streets — but not the
 * motorways and trunk roads (unless tagged foot=yes or with a sidewalk), nor ways closed to
 * people (foot=no, or access=no/private without a foot tag that opens them). Speed, lanes and
 * capacity mean nothing here: edges keep a nominal walking profile.
 */
import { roadClassCode } from '../graph/road-class.ts';
import type { DirectionProfile, Exclusion, WayProfile } from '../osm/way-profile.ts';

const WALKABLE = new Set([
  'primary', 'primary_link', 'secondary', 'secondary_link', 'tertiary', 'tertiary_link', 'unclassified', 'residential',
  'living_street', 'service', 'road', 'pedestrian', 'footway', 'path', 'steps', 'track', 'cycleway', 'corridor', 'platform',
]);
const FAST_ROADS = new Set(['motorway', 'motorway_link', 'trunk', 'trunk_link']);
const FOOT_YES = new Set(['yes', 'designated', 'permissive', 'official', 'destination']);
const CLOSED = new Set(['no', 'private']);
const SIDEWALK = new Set(['both', 'left', 'right', 'yes', 'separate']);
/** 1.2 m/s, the walking speed of the timetable's defaults (timetable.ts). */
const ON_FOOT: DirectionProfile = { speedKmh: 4.32, lanes: 1, capacityVph: 1, flags: 0 };

export function walkWayProfile(tags: Record<string, string>): WayProfile | Exclusion {
  const h = tags.highway ?? '';
  const foot = tags.foot?.trim().toLowerCase();
  const opened = foot !== undefined && FOOT_YES.has(foot);
  if (!WALKABLE.has(h) && !(FAST_ROADS.has(h) && (opened || SIDEWALK.has(tags.sidewalk ?? '')))) return 'class';
  if (foot !== undefined && CLOSED.has(foot)) return 'access';
  if (!opened && CLOSED.has((tags.access ?? '').trim().toLowerCase())) return 'access';
  const code = roadClassCode(h);
  return { roadClass: code >= 0 ? code : roadClassCode('road'), forward: ON_FOOT, backward: ON_FOOT };
}
