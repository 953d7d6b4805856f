/**
 * OSM tag parsing for the road network: speed limits (`maxspeed`), lane counts (`lanes`) and
 * travel direction (`oneway`, `junction`). Pure functions of strings and tag records, no
 * defaults: `undefined` means "not stated or not understood", and the caller falls back on the
 * class defaults of data/road-classes.json.
 *
 * Terms: "forward" is the drawing direction of the way (its node order), "backward" the other.
 */

/** Which directions of a way cars may drive; `closed` for oneway=reversible (unknown at any time). */
export type Oneway = 'both' | 'forward' | 'backward' | 'closed';

const MPH = 1.609344;
const KNOT = 1.852;
/** maxspeed=walk: walking pace, the limit on pedestrian-priority streets. */
const WALK_KMH = 6;

/**
 * A speed limit in km/h, or undefined. Accepts `60`, `60 km/h`, `60kmh`, `60 kph`, `40 mph`,
 * `10 knots`, `walk`; a list `60;40` gives the lowest. `none`, `signals`, `variable`, zone values
 * (`BR:urban`, see maxspeedZone) and anything unreadable give undefined.
 */
export function parseMaxspeed(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  let lowest: number | undefined;
  for (const part of value.split(';')) {
    const kmh = parseOneSpeed(part.trim().toLowerCase());
    // A list with one unreadable part is unreliable as a whole.
    if (kmh === undefined) return undefined;
    if (lowest === undefined || kmh < lowest) lowest = kmh;
  }
  return lowest;
}

function parseOneSpeed(s: string): number | undefined {
  if (s === 'walk') return WALK_KMH;
  const m = /^(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph|knots)?$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  const kmh = m[2] === 'mph' ? n * MPH : m[2] === 'knots' ? n * KNOT : n;
  // 0 is not a speed; above 300 km/h is a typo, not a road.
  return kmh > 0 && kmh <= 300 ? kmh : undefined;
}

/**
 * The zone of an implicit limit such as `BR:urban`, `BR:rural`, `BR:trunk` or `DE:zone30`:
 * the lower-cased part after the colon, or undefined for anything else.
 */
export function maxspeedZone(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^([A-Za-z]{2}(?:-[A-Za-z0-9]+)?):([A-Za-z_0-9]+)$/.exec(value.trim());
  return m ? m[2].toLowerCase() : undefined;
}

/**
 * A positive integer lane count, or undefined. A list `2;3` gives the lowest (the bottleneck);
 * fractions (`1.5`), 0, negatives and words give undefined.
 */
export function parseLanes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  let lowest: number | undefined;
  for (const part of value.split(';')) {
    const s = part.trim();
    if (!/^\d+$/.test(s)) return undefined;
    const n = Number(s);
    // More than 20 lanes one way is a typo, not a road.
    if (n < 1 || n > 20) return undefined;
    if (lowest === undefined || n < lowest) lowest = n;
  }
  return lowest;
}

/**
 * Allowed directions from `oneway`, `junction` and `highway`. `yes/true/1` forward,
 * `-1/reverse` backward, `no/false/0` and `alternating` both ways, `reversible` closed;
 * junction=roundabout|circular and highway=motorway imply forward unless oneway says otherwise.
 */
export function onewayOf(tags: Record<string, string>): Oneway {
  const v = tags.oneway?.trim().toLowerCase();
  switch (v) {
    case 'yes':
    case 'true':
    case '1':
      return 'forward';
    case '-1':
    case 'reverse':
      return 'backward';
    case 'reversible':
      return 'closed';
    case 'no':
    case 'false':
    case '0':
    case 'alternating':
      return 'both';
  }
  const junction = tags.junction;
  if (junction === 'roundabout' || junction === 'circular' || tags.highway === 'motorway') return 'forward';
  return 'both';
}

/** Lanes and speed stated by tags for one direction of a way; undefined where not stated. */
export interface DirectionTags {
  lanes: number | undefined;
  speedKmh: number | undefined;
}

/**
 * The lanes and maxspeed tags that apply to each direction. `lanes:forward`/`lanes:backward`
 * and `maxspeed:forward`/`maxspeed:backward` win; otherwise a one-way way puts all its `lanes`
 * in its one direction, and a two-way way splits `lanes` (less `lanes:both_ways`, a shared
 * centre turn lane) in two, rounded up, at least 1.
 */
export function directionTags(tags: Record<string, string>, oneway: Oneway): { forward: DirectionTags; backward: DirectionTags } {
  const total = parseLanes(tags.lanes);
  const fwLanes = parseLanes(tags['lanes:forward']);
  const bwLanes = parseLanes(tags['lanes:backward']);
  let forward: number | undefined;
  let backward: number | undefined;
  if (oneway === 'forward') forward = fwLanes ?? total;
  else if (oneway === 'backward') backward = bwLanes ?? total;
  else if (oneway === 'both') {
    const shared = parseLanes(tags['lanes:both_ways']) ?? 0;
    const half = total === undefined ? undefined : Math.max(1, Math.ceil((total - shared) / 2));
    // With one side tagged and a total, the other side gets the rest.
    forward = fwLanes ?? (bwLanes !== undefined && total !== undefined && total - shared - bwLanes >= 1 ? total - shared - bwLanes : half);
    backward = bwLanes ?? (fwLanes !== undefined && total !== undefined && total - shared - fwLanes >= 1 ? total - shared - fwLanes : half);
  }
  const speed = parseMaxspeed(tags.maxspeed);
  return {
    forward: { lanes: forward, speedKmh: parseMaxspeed(tags['maxspeed:forward']) ?? speed },
    backward: { lanes: backward, speedKmh: parseMaxspeed(tags['maxspeed:backward']) ?? speed },
  };
}
