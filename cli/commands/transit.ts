/**
 * `gemeo transit info <city>` and `gemeo transit route <city> --from lon,lat --to lon,lat
 * --depart HH:MM [--date YYYYMMDD] [--json]`: the city's bus feed, and the earliest journey
 * between two points by bus and on foot (RAPTOR; walking access, egress and transfers along
 * the streets at 1.2 m/s where the street extract has them, else straight-line distance × 1.3);
 * `gemeo transit zones <city> --period P` the mean
 * door-to-door times between the demand model's zones over the period's departures;
 * `gemeo transit buses <city>` the bus patterns on the road graph and their free-flow run times
 * against the schedule.
 */
import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadCityBuses } from '../../app/city-buses.ts';
import { cityDemand } from '../../app/city-demand.ts';
import { parseScenario } from '../../engine/scenario/parse-scenario.ts';
import { busLaneEdges } from '../../engine/transit/bus-lanes.ts';
import { compareWithSchedule } from '../../engine/transit/bus-times.ts';
import { cityBySlug } from '../../app/city-graphs.ts';
import { loadCityFeed, loadCityTimetable, serviceWindow } from '../../app/city-transit.ts';
import { parseServiceDate } from '../../engine/transit/calendar.ts';
import { hms } from '../../engine/transit/gtfs.ts';
import { DEFAULT_JOURNEY, planJourney, type Leg, type Place, type StopRef } from '../../engine/transit/journey.ts';
import { Raptor } from '../../engine/transit/raptor.ts';
import { zoneTransitTimes } from '../../engine/transit/zone-times.ts';
import { PERIODS } from '../../engine/demand/time-of-day.ts';
import { UserError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';

export function registerTransit(program: Command): void {
  const transit = program.command('transit').description("a city's buses: its GTFS feed and journeys by bus and on foot (RAPTOR)");
  transit
    .command('info')
    .description("the city's transit feed: routes, stops, trips, the service day and its hours")
    .argument('<city>', 'a city slug with a feed (porto-alegre)')
    .option('--date <YYYYMMDD>', 'service day (default: the feed\'s typical weekday)')
    .option('--json', 'print JSON for machines')
    .action((slug: string, opts: { date?: string; json?: boolean }) => {
      const city = cityBySlug(slug);
      const feed = loadCityFeed(city.slug);
      const tt = loadCityTimetable(city.slug, opts.date ? parseServiceDate(opts.date) : undefined);
      const window = serviceWindow(tt);
      const info = {
        city: city.slug, feed: feed.name, routes: feed.routeId.length, stops: feed.stopId.length, trips: feed.tripId.length, shapes: feed.shapes.size,
        frequencyTrips: feed.frequencyTrips, date: tt.date, tripsThatDay: tt.slotTrip.length, patterns: tt.patternCount, footpaths: tt.transferStop.length,
        firstDeparture: window ? hms(window.firstS) : null, lastDeparture: window ? hms(window.lastS) : null,
      };
      if (opts.json) return printJson(info);
      printTable([
        ['feed', `${info.feed} (${city.name})`],
        ['routes, stops, trips', `${info.routes}, ${info.stops}, ${info.trips}${info.frequencyTrips ? ` (${info.frequencyTrips} from frequencies)` : ''}`],
        ['service day', `${info.date}: ${info.tripsThatDay} trips in ${info.patterns} patterns, departures ${info.firstDeparture ?? '—'}–${info.lastDeparture ?? '—'}`],
        ['footpaths', `${info.footpaths} between stops within ${tt.walk.radiusM} m`],
      ]);
    });

  transit
    .command('route')
    .description('the earliest journey between two points by bus and on foot: legs, lines, times')
    .argument('<city>', 'a city slug with a feed (porto-alegre)')
    .requiredOption('--from <lon,lat>', 'origin, WGS84 longitude,latitude')
    .requiredOption('--to <lon,lat>', 'destination, WGS84 longitude,latitude')
    .requiredOption('--depart <HH:MM>', 'departure time on the service day')
    .option('--date <YYYYMMDD>', "service day (default: the feed's typical weekday)")
    .option('--walk-radius <m>', 'farthest walk to or from a stop, straight-line metres', String(DEFAULT_JOURNEY.accessRadiusM))
    .option('--max-transfers <n>', 'most transfers between vehicles', '4')
    .option('--json', 'print JSON for machines')
    .addHelpText('after', '\nExample:\n  gemeo transit route porto-alegre --from -51.2287,-30.0277 --to -51.1727,-30.0553 --depart 12:00')
    .action((slug: string, opts: { from: string; to: string; depart: string; date?: string; walkRadius: string; maxTransfers: string; json?: boolean }) => {
      const from = place('--from', opts.from);
      const to = place('--to', opts.to);
      const departS = clock(opts.depart);
      const radius = Number(opts.walkRadius);
      if (!Number.isFinite(radius) || radius <= 0 || radius > 5000) throw new UserError(`--walk-radius "${opts.walkRadius}": expected metres, more than 0 and at most 5000`);
      const transfers = Number(opts.maxTransfers);
      if (!Number.isInteger(transfers) || transfers < 0 || transfers > 10) throw new UserError(`--max-transfers "${opts.maxTransfers}": expected a whole number from 0 to 10`);
      const city = cityBySlug(slug);
      const tt = loadCityTimetable(city.slug, opts.date ? parseServiceDate(opts.date) : undefined);
      const journey = planJourney(new Raptor(tt, transfers + 1), from, to, departS, { accessRadiusM: radius });
      const window = serviceWindow(tt);
      const note = journey.vehicles === 0 ? (window && (departS > window.lastS || departS + 3600 < window.firstS) ? `no bus: the feed's trips leave ${hms(window.firstS)}–${hms(window.lastS)} on ${tt.date}` : 'walking is fastest') : null;
      if (opts.json) return printJson({ city: city.slug, date: tt.date, ...journey, note });
      process.stdout.write(`${city.name}, ${tt.date}: leave ${hms(departS).slice(0, 5)}, arrive ${hms(journey.arriveS).slice(0, 5)} — ${Math.round(journey.durationS / 60)} min, ${journey.vehicles} bus${journey.vehicles === 1 ? '' : 'es'}, ${Math.round(journey.walkS / 60)} min on foot\n`);
      for (const leg of journey.legs) process.stdout.write(`  ${legLine(leg)}\n`);
      if (note) process.stdout.write(`${note}\n`);
    });

  registerTransitZones(transit);
  registerTransitBuses(transit);
}

function registerTransitBuses(transit: Command): void {
  transit
    .command('buses')
    .description("the bus patterns matched to the city's road graph, and their free-flow run times against the schedule")
    .argument('<city>', 'a city slug with a feed (porto-alegre)')
    .option('--date <YYYYMMDD>', "service day (default: the feed's typical weekday)")
    .option('--scenario <file>', "also count the patterns that run on the scenario's bus lanes")
    .option('--json', 'print JSON for machines')
    .action((slug: string, opts: { date?: string; scenario?: string; json?: boolean }) => {
      const city = cityBySlug(slug);
      const { graph, busGraph, tt, matches } = loadCityBuses(city.slug, opts.date ? parseServiceDate(opts.date) : undefined);
      const rows = compareWithSchedule(busGraph, tt, matches, graph.freeFlowS);
      const within = rows.filter((r) => Math.abs(r.ratio - 1) <= 0.15).length;
      let onLanes: number | null = null;
      if (opts.scenario) {
        let text: string;
        try {
          text = readFileSync(opts.scenario, 'utf8');
        } catch {
          throw new UserError(`${opts.scenario}: cannot read the scenario file`);
        }
        const lanes = busLaneEdges(graph, parseScenario(text, opts.scenario));
        onLanes = matches.filter((m) => m.pieceEdge.some((e) => busGraph.carEdge[e] >= 0 && lanes[busGraph.carEdge[e]])).length;
      }
      const out = {
        city: city.slug, date: tt.date, patterns: matches.length, matchedEndToEnd: rows.length, matchedMostly: matches.filter((m) => m.share >= 0.9).length,
        withinFifteenPct: within, patternsOnBusLanes: onLanes,
        schedule: rows.map((r) => ({ line: r.line, stops: r.stops, modelledMin: Math.round(r.modelledS / 6) / 10, scheduledMin: Math.round(r.scheduledS / 6) / 10, ratio: Math.round(r.ratio * 100) / 100 })),
      };
      if (opts.json) return printJson(out);
      printTable([
        ['patterns', `${out.patterns} on ${tt.date}: ${out.matchedEndToEnd} matched to the streets end to end, ${out.matchedMostly} with ≥ 90 % of their hops`],
        ['free-flow vs schedule', `${within} of ${rows.length} within 15 %`],
        ...(onLanes !== null ? [['on the bus lanes', `${onLanes} patterns`] as [string, string]] : []),
      ]);
      process.stdout.write(`\n${'line'.padEnd(8)} ${'stops'.padStart(5)} ${'model'.padStart(7)} ${'schedule'.padStart(8)}  ratio\n`);
      for (const r of out.schedule) process.stdout.write(`${r.line.padEnd(8)} ${String(r.stops).padStart(5)} ${`${r.modelledMin.toFixed(0)} min`.padStart(7)} ${`${r.scheduledMin.toFixed(0)} min`.padStart(8)}  ${r.ratio.toFixed(2)}\n`);
    });
}

export function registerTransitZones(transit: Command): void {
  transit
    .command('zones')
    .description("zone-to-zone transit times of a period: mean door-to-door minutes between the demand model's zones, departures every 10 min")
    .argument('<city>', 'a city slug with a feed (porto-alegre)')
    .option('--period <id>', `the period (${PERIODS.filter((p) => p.id !== 'day').map((p) => p.id).join(', ')})`, 'midday')
    .option('--date <YYYYMMDD>', "service day (default: the feed's typical weekday)")
    .option('--out <file>', 'write origin,destination,minutes,bus_share per zone pair as CSV')
    .option('--json', 'print JSON for machines')
    .action((slug: string, opts: { period: string; date?: string; out?: string; json?: boolean }) => {
      const period = PERIODS.find((p) => p.id === opts.period && p.id !== 'day');
      if (!period) throw new UserError(`--period "${opts.period}": expected one of ${PERIODS.filter((p) => p.id !== 'day').map((p) => p.id).join(', ')}`);
      const city = cityBySlug(slug);
      const tt = loadCityTimetable(city.slug, opts.date ? parseServiceDate(opts.date) : undefined);
      const { zones } = cityDemand(city.slug, { seed: 1 }).demand;
      const cells = [...zones.id.keys()].filter((z) => zones.kind[z] === 0);
      const places = cells.map((z) => ({ lon: zones.lon[z], lat: zones.lat[z] }));
      const t0 = performance.now();
      const r = zoneTransitTimes(tt, places, period.startS, period.endS);
      const seconds = (performance.now() - t0) / 1000;
      const n = cells.length;
      let sum = 0;
      let bus = 0;
      for (let i = 0; i < n * n; i++) {
        sum += r.seconds[i];
        if (r.busShare[i] > 0) bus++;
      }
      if (opts.out) {
        const lines = ['origin,destination,minutes,bus_share'];
        for (let o = 0; o < n; o++) for (let d = 0; d < n; d++) lines.push(`${zones.id[cells[o]]},${zones.id[cells[d]]},${(r.seconds[o * n + d] / 60).toFixed(1)},${r.busShare[o * n + d].toFixed(2)}`);
        writeFileSync(opts.out, `${lines.join('\n')}\n`);
      }
      const window = serviceWindow(tt);
      const out = { city: city.slug, date: tt.date, period: period.id, zones: n, departures: r.departures, meanMinutes: sum / (n * n) / 60, pairsWithBus: bus, pairs: n * n, seconds, out: opts.out ?? null, serviceWindow: window ? [hms(window.firstS), hms(window.lastS)] : null };
      if (opts.json) return printJson(out);
      printTable([
        ['period', `${period.id} on ${tt.date}, ${r.departures} departures`],
        ['zones', `${n} (${n * n} pairs)`],
        ['mean door to door', `${out.meanMinutes.toFixed(1)} min`],
        ['pairs with a bus faster than walking', `${bus} (${((100 * bus) / (n * n)).toFixed(0)} %)${bus === 0 && window ? `; the feed's trips leave ${hms(window.firstS)}–${hms(window.lastS)}` : ''}`],
        ['computed in', `${seconds.toFixed(1)} s`],
        ...(opts.out ? [['written', opts.out] as [string, string]] : []),
      ]);
    });
}

function legLine(leg: Leg): string {
  const t = `${hms(leg.departS).slice(0, 5)}–${hms(leg.arriveS).slice(0, 5)}`;
  const name = (p: StopRef | Place) => ('name' in p ? `${p.name} (stop ${p.stop})` : `${p.lon.toFixed(5)},${p.lat.toFixed(5)}`);
  if (leg.mode === 'walk') return `${t}  walk ${Math.round((leg.arriveS - leg.departS) / 60)} min: ${name(leg.from)} → ${name(leg.to)}`;
  return `${t}  bus ${leg.line} ${leg.lineName}: ${name(leg.from)} → ${name(leg.to)}, ${leg.stops! - 1} stops`;
}

function place(flag: string, text: string): Place {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  const lon = m ? Number(m[1]) : NaN;
  const lat = m ? Number(m[2]) : NaN;
  if (!m || Math.abs(lon) > 180 || Math.abs(lat) > 90) throw new UserError(`${flag} "${text}": expected lon,lat in degrees, e.g. -51.2287,-30.0277`);
  return { lon, lat };
}

function clock(text: string): number {
  const m = /^(\d{1,2}):([0-5]\d)$/.exec(text.trim());
  if (!m || Number(m[1]) > 47) throw new UserError(`--depart "${text}": expected a time HH:MM, e.g. 07:30`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60;
}
