/**
 * The scenario file format, defined once (zod). The same definition checks a parsed file
 * (parse-scenario.ts turns its first issue into one line) and is published as JSON Schema
 * 2020-12 in scenarios/scenario.schema.json (`npm run scenario-schema` writes it; a test fails
 * when the file is out of date).
 *
 * Every check carries the words of its message: "<path>: expected <words>, got <value>", or
 * "<path>: missing, expected <words>". Rules a JSON Schema cannot say (a window's order, ways or
 * street, distinct points) are checked after the definition in parse-scenario.ts.
 *
 * Terms: clock times "HH:MM" from "00:00" to "24:00"; positions [lon, lat] WGS84 degrees.
 */
import { z } from 'zod';
import { ASSIGNMENT_METHODS } from '../assignment/result.ts';
import { PERIODS } from '../demand/time-of-day.ts';
import { ROAD_CLASSES } from '../graph/road-class.ts';
import { INTERVENTION_TYPES } from './scenario.ts';
import { closest } from './closest-word.ts';

/** Ranges, inclusive unless said otherwise. */
export const LIMITS = {
  seed: { min: 0, max: 4_294_967_295 },
  scale: { min: 0, max: 100 },
  lanes: { min: 1, max: 8 },
  kmh: { min: 5, max: 130 },
  /** Exclusive at 0: a capacity of 0 is a closure, which `close` says plainly. */
  factor: { min: 0, max: 5 },
  brl: { min: 0, max: 1000 },
  /** Exclusive at 0; the largest crowds in Brazil (Carnival blocks, Círio de Nazaré) reach ~10⁶. */
  attendance: { min: 0, max: 2_000_000 },
  gap: { min: 0, max: 1 },
  maxIter: { min: 1, max: 1_000_000 },
  /** Re-routing iterations of the dynamic model, the share of vehicles re-routed in each, and the relative gap that stops them. */
  reroute: { min: 0, max: 50 },
  /** First step of the route swap of the dynamic equilibrium (shrinks as step/√k). */
  step: { min: 0, max: 1 },
  share: { min: 0, max: 1 },
  rerouteGap: { min: 0, max: 1 },
  ways: { max: 10_000 },
  polygonPoints: { min: 3, max: 10_000 },
  text: { max: 2_000 },
  /** Rounds of mode choice and assignment in a transit run. */
  rounds: { min: 1, max: 10 },
  headwayMin: { min: 1, max: 120 },
  lineStops: { min: 2, max: 500 },
} as const;

/** Street classes an added link may have (not the connector and abstract classes). */
export const LINK_CLASSES: readonly string[] = ROAD_CLASSES.filter((c) => c !== 'connector' && c !== 'abstract');

export const CLOCK = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

/** Words for a value that is absent and for one that is wrong; `missing` defaults to `wrong`. */
function words(wrong: string, missing = wrong) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? missing : wrong) };
}

function text(expected = 'a non-empty string', missing?: string) {
  const w = words(expected, missing);
  return z
    .string(w)
    .min(1, w)
    .regex(/\S/, w)
    .max(LIMITS.text.max, { error: `at most ${LIMITS.text.max} characters` });
}

function number(range: { min: number; max: number }, openMin = false, missing?: string) {
  const expected = `a number ${openMin ? `greater than ${range.min} and at most` : `from ${range.min} to`} ${range.max}`;
  const w = words(expected, missing);
  const n = z.number(w);
  return (openMin ? n.gt(range.min, w) : n.min(range.min, w)).max(range.max, w);
}

function integer(range: { min: number; max: number }, openMin = false, missing?: string) {
  const expected = `an integer ${openMin ? `greater than ${range.min} and at most` : `from ${range.min} to`} ${range.max}`;
  const w = words(expected, missing);
  const n = z.int(w);
  return (openMin ? n.gt(range.min, w) : n.min(range.min, w)).max(range.max, w);
}

/** One of `options`, naming the nearest when the value looks like a typo of one. */
function oneOf<T extends string>(options: readonly [T, ...T[]]) {
  return z.enum(options, {
    error: (issue: { input?: unknown }) => {
      const near = typeof issue.input === 'string' ? closest(issue.input, options) : undefined;
      return `${near ? `"${near}" or ` : ''}one of ${options.join(', ')}`;
    },
  });
}

const wayId = z
  .int(words('an OSM way id (a non-zero integer; negative ids are stand-in roads)'))
  .refine((id) => id !== 0, { error: 'an OSM way id (a non-zero integer; negative ids are stand-in roads)' })
  .meta({ not: { const: 0 } });

const waysWords = words(`a non-empty array (at most ${LIMITS.ways.max}) of OSM way ids`);
const ways = z
  .array(wayId, waysWords)
  .min(1, waysWords)
  .max(LIMITS.ways.max, waysWords)
  .meta({ id: 'ways', description: 'OSM way ids (negative: roads of a synthetic stand-in).' });

const street = text().meta({
  id: 'street',
  description:
    'A street\'s name or route number as OpenStreetMap writes it (e.g. "Avenida Ipiranga", "BR-116"); case and accents are ignored. Instead of ways: every way of that name. List the names with gemeo streets <city> --search <word>.',
});

const clock = z
  .string(words('a clock time "HH:MM" from "00:00" to "24:00"', 'a clock time "HH:MM"'))
  .regex(CLOCK, { error: 'a clock time "HH:MM" from "00:00" to "24:00"' })
  .meta({ id: 'clock', description: 'HH:MM, 24-hour clock of the modelled day.' });

function lonLat(missing?: string) {
  return z
    .tuple([z.number(words('a longitude from -180 to 180')).min(-180).max(180), z.number(words('a latitude from -90 to 90')).min(-90).max(90)], words('[lon, lat], two numbers in degrees', missing))
    .meta({ description: '[longitude, latitude], WGS84 degrees.' });
}

const polygon = z
  .array(lonLat(), words(`an array of at least ${LIMITS.polygonPoints.min} [lon, lat] points`))
  // at least 3 distinct points: counted in parse-scenario.ts, which can say how many there are
  .meta({ id: 'polygon', minItems: LIMITS.polygonPoints.min, maxItems: LIMITS.polygonPoints.max, description: 'One ring of [lon, lat] points, closed or not; no holes.' });

const note = text().optional().meta({ description: 'What the way ids are, for people reading the file (free text).' });

/** The ways an intervention acts on: exactly one of `ways` and `street` (checked after the definition). */
const onWays = { ways: ways.optional(), street: street.optional() };
const waysOrStreet = { oneOf: [{ required: ['ways'] }, { required: ['street'] }] };
const pairedWindow = { dependentRequired: { from: ['to'], to: ['from'] } };

function variant<T extends (typeof INTERVENTION_TYPES)[number], S extends z.ZodRawShape>(type: T, description: string, shape: S, extra: Record<string, unknown> = {}) {
  return z.strictObject({ type: z.literal(type), ...shape }).meta({ title: type, description, ...extra });
}

const intervention = z
  .discriminatedUnion(
    'type',
    [
      variant('close', "Remove the ways' edges; with a [from, to) window, only when it overlaps the scenario's period (static model). No window: all day.", { ...onWays, from: clock.optional(), to: clock.optional(), note }, { ...pairedWindow, ...waysOrStreet }),
      variant('lanes', "Set lanes per direction; capacity scales with the edge's capacity per lane.", { ...onWays, lanes: integer(LIMITS.lanes).meta({ description: 'Lanes per direction.' }), note }, waysOrStreet),
      variant('speed', 'Set the speed; free-flow time = length / speed.', { ...onWays, kmh: number(LIMITS.kmh).meta({ description: 'Speed limit, km/h.' }), note }, waysOrStreet),
      variant('capacity', 'Multiply capacity by factor (use close to remove a road).', { ...onWays, factor: number(LIMITS.factor, true), note }, waysOrStreet),
      variant('bus-lane', 'One general lane per direction goes to buses: capacity × (lanes − 1) / lanes; a one-lane way is closed to cars.', { ...onWays, note }, waysOrStreet),
      variant('reverse', 'Flip the direction of one-way ways (a two-way way is an error).', { ...onWays, note }, waysOrStreet),
      variant('toll', "A toll in BRL on the ways' edges, weighed as time at the value of time (engine/scenario/value-of-time.ts).", { ...onWays, brl: number(LIMITS.brl, false, 'a toll in BRL (a number ≥ 0)'), note }, waysOrStreet),
      variant(
        'add-link',
        "A new straight road between the graph nodes nearest to from and to (each within 300 m): two edges, or one if oneway, with the class's default speed and capacity per lane.",
        {
          from: lonLat("[lon, lat] of the link's start"),
          to: lonLat("[lon, lat] of the link's end"),
          class: oneOf(LINK_CLASSES as [string, ...string[]]).meta({ description: 'OSM highway class (data/road-classes.json gives its defaults).' }),
          lanes: integer(LIMITS.lanes).meta({ description: 'Lanes per direction.' }),
          kmh: number(LIMITS.kmh).optional().meta({ description: "Speed, km/h; default: the class's urban speed." }),
          oneway: z.boolean(words('true or false')).optional().meta({ default: false }),
          name: text().optional(),
          note,
        },
      ),
      variant('close-area', 'Remove every edge with any part inside the polygon; window rule as for close.', { polygon, from: clock.optional(), to: clock.optional(), note }, pairedWindow),
      variant('event', "An event: attendees' vehicle trips to the place before from and back after to.", {
        at: lonLat('[lon, lat] of the event'),
        attendance: integer(LIMITS.attendance, true, 'the number of people attending (an integer > 0)'),
        from: clock,
        to: clock,
        name: text().optional(),
        note,
      }),
      variant(
        'transit-line',
        'A new bus line (a BRT): stops as [lon, lat] points in running order, or way ids (a stop at the middle of each way, in order); a bus every headwayMin minutes each way at kmh between stops; dedicated (default true): its own right of way, neither slowed by traffic nor slowing it. Needs "transit" in the scenario.',
        {
          name: text().meta({ description: "The line's name, shown in results." }),
          stops: z
            .array(lonLat(), words(`an array of ${LIMITS.lineStops.min} to ${LIMITS.lineStops.max} [lon, lat] stops`))
            .min(LIMITS.lineStops.min, words(`an array of ${LIMITS.lineStops.min} to ${LIMITS.lineStops.max} [lon, lat] stops`))
            .max(LIMITS.lineStops.max, words(`an array of ${LIMITS.lineStops.min} to ${LIMITS.lineStops.max} [lon, lat] stops`))
            .optional(),
          ways: z
            .array(wayId, words(`${LIMITS.lineStops.min} to ${LIMITS.lineStops.max} way ids, one per stop`))
            .min(LIMITS.lineStops.min, words(`${LIMITS.lineStops.min} to ${LIMITS.lineStops.max} way ids, one per stop`))
            .max(LIMITS.lineStops.max, words(`${LIMITS.lineStops.min} to ${LIMITS.lineStops.max} way ids, one per stop`))
            .optional(),
          headwayMin: number(LIMITS.headwayMin).meta({ description: 'Minutes between buses, each way.' }),
          kmh: number(LIMITS.kmh).meta({ description: 'Running speed between stops, km/h.' }),
          dedicated: z.boolean(words('true or false')).optional().meta({ default: true }),
          note,
        },
        { oneOf: [{ required: ['stops'] }, { required: ['ways'] }] },
      ),
    ],
    {
      error: (issue: { input?: unknown; code?: string }) => {
        if (issue.code === 'invalid_type') return 'an object {"type": …}';
        const near = typeof issue.input === 'string' ? closest(issue.input, INTERVENTION_TYPES) : undefined;
        return `${near ? `"${near}" or ` : ''}one of ${INTERVENTION_TYPES.join(', ')}`;
      },
    },
  )
  .meta({ id: 'intervention' });

const SLUG = 'a city slug such as "cuiaba" (lower-case ascii words joined by "-")';
const CALIBRATION = 'a calibration file name ending in .json (written by gemeo calibrate)';
const PERIOD_IDS = PERIODS.map((p) => p.id) as [string, ...string[]];

/** A scenario file as written (defaults filled by parsing). */
export const scenarioFile = z
  .strictObject(
    {
      $schema: z.string(words('a non-empty string')).optional().meta({ description: 'Path or URL of this schema, for editors; ignored by gemeo.' }),
      city: z
        .string(words(SLUG))
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: SLUG })
        .meta({ description: 'Slug of a city in data/cities.json, e.g. "cuiaba".' }),
      name: text(),
      description: text().optional().meta({ description: 'What the scenario asks and why it matters for the place; say when the network is a synthetic stand-in.' }),
      model: oneOf(['static', 'dynamic'])
        .default('static')
        .meta({ description: 'static: user-equilibrium assignment; dynamic: the mesoscopic queue model on routes from the equilibrium, with time windows of closures applied in time.' }),
      period: oneOf(PERIOD_IDS).default('am-peak').meta({ description: 'am-peak 07:00–08:00, midday 12:00–13:00, pm-peak 18:00–19:00, day: the whole day.' }),
      seed: integer(LIMITS.seed).default(1),
      demand: z
        .strictObject(
          {
            scale: number(LIMITS.scale).default(1).meta({ description: 'Multiplies the modelled demand.' }),
            tourists: z.boolean(words('true or false')).default(true).meta({ description: 'Include tourist trips.' }),
            month: integer({ min: 1, max: 12 }).optional().meta({ description: 'Month of the year, for tourist seasonality.' }),
            external: z
              .boolean(words('true or false'))
              .optional()
              .meta({
                default: false,
                description:
                  'Add external and through traffic (cars and trucks) at the gateways where the DNIT highways leave the network, with the volumes of the nearest ANTT toll plaza on the same highway (data/counts/antt-mt-2023.csv). In a city with no highway gateway whose network is an OSM extract (São Paulo), at cordon gateways where the extract\'s boundary cuts a major road instead, with assumed volumes (data/demand/cordon.json).',
              }),
            // a calibration file is named relative to the scenario file; kept as given and resolved by the run
            calibration: z
              .string(words(CALIBRATION))
              .regex(/\.json$/, { error: CALIBRATION })
              .optional()
              .meta({ description: 'A calibration file written by gemeo calibrate (relative to this scenario file): its OD cell factors multiply the demand of the same city, period, seed and demand settings.' }),
          },
          words('an object'),
        )
        .default({ scale: 1, tourists: true }),
      assignment: z
        .strictObject(
          {
            method: oneOf(ASSIGNMENT_METHODS as unknown as [string, ...string[]]).optional(),
            gap: number(LIMITS.gap, true).optional(),
            maxIter: integer(LIMITS.maxIter).optional(),
          },
          words('an object'),
        )
        .optional()
        .meta({ description: 'Overrides of the assignment defaults (Algorithm B to relative gap 1e-4).' }),
      dynamic: z
        .strictObject(
          {
            // defaults live in the dynamic model (app/run-dynamic.ts); the schema only documents them
            reroute: integer(LIMITS.reroute).optional().meta({ default: 20, description: 'iterations after the first queue-model run at most' }),
            share: number(LIMITS.share).optional().meta({ description: 'scheme sample only: share of the vehicles moved to their best path in each iteration' }),
            scheme: oneOf(['capacity', 'swap', 'sample']).optional().meta({ default: 'capacity', description: "swap: each vehicle moves to its best path with probability step/√k × its relative excess time (proportional swapping); capacity: the same draw, and a drawn vehicle moves only while its best path, loaded with the queue the movers before it add over the links' capacities, is still faster than its route; sample: a share of all vehicles moves, whatever it gains" }),
            step: number(LIMITS.step).optional().meta({ default: 1, description: "schemes swap and capacity: the first iteration's step (default 1 for capacity, 0.5 for swap)" }),
            gap: number(LIMITS.rerouteGap)
              .optional()
              .meta({ default: 0.02, description: 'the iterations stop once the relative gap of all vehicles is at most this: Σ (experienced time − best time-dependent path time for the departure) / Σ experienced time' }),
          },
          words('an object'),
        )
        .optional()
        .meta({ description: 'Dynamic model only: the dynamic-user-equilibrium loop — after each queue-model run, every vehicle\'s best time-dependent path on the link times experienced, the relative gap of all vehicles, and vehicles moved towards their best paths.' }),
      transit: z
        .strictObject({ rounds: integer(LIMITS.rounds).optional().meta({ default: 2, description: 'Rounds of mode choice and assignment.' }) }, words('an object'))
        .optional()
        .meta({
          description:
            'Transit modelling (static model): buses preloaded on the links, bus run times, zone transit times by RAPTOR and a car-bus-walk mode choice calibrated to published mode shares. Off when absent; a transit-line needs it.',
        }),
      interventions: z.array(intervention, words('an array of interventions (empty for a baseline)')),
    },
    words('an object'),
  )
  .meta({
    $id: 'urn:gemeo:scenario:1',
    title: 'gemeo scenario',
    description:
      'A city, a demand period and a list of interventions, applied to the city\'s road graph and compared with the baseline. Interventions name streets by OSM way id (negative ids are the generated roads of a synthetic stand-in network) or by name ("street": every way of that name in the city\'s graph; a name that fits several streets is refused with the candidates). Required: city, name, interventions (empty for a baseline). Rules a schema cannot say, checked by gemeo: a window\'s to must be after its from (HH:MM, 00:00 to 24:00; split a window across midnight); way ids must exist in the city\'s graph and a street name must name one street of it; points must lie inside the city polygon; reverse needs one-way ways; a close window must overlap the period; a polygon needs at least 3 distinct points; add-link ends differ.',
  });

export type ScenarioFile = z.output<typeof scenarioFile>;

/** The options of the intervention union, by type. */
export const INTERVENTION_SHAPES = Object.fromEntries(intervention.options.map((o) => [o.shape.type.value, o.shape])) as unknown as Record<(typeof INTERVENTION_TYPES)[number], z.ZodRawShape>;

/** The published JSON Schema of the scenario file. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioFile, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
}
