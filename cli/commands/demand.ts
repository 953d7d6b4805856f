/**
 * `gemeo demand <city>`: commuters, tourists and events for a city, from a seed: prints the
 * summary and, with --out, writes the OD matrices per period (CSV keyed by OSM node ids, ready
 * for `gemeo assign --graph <city> --od …`) and the agent list.
 */
import { writeFileAtomic } from '../../engine/util/write-atomic.ts';
import { join } from 'node:path';
import type { Command } from 'commander';
import { TRIP_KIND_NAMES } from '../../engine/demand/agents.ts';
import type { DemandEvent } from '../../engine/demand/events.ts';
import { demandOnNodes } from '../../engine/demand/node-demand.ts';
import { cityDemand } from '../../app/city-demand.ts';
import { UserError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';
import { status } from '../status.ts';

export interface DemandCliOpts {
  seed: string;
  scale: string;
  tourists: boolean;
  month?: string;
  event?: string[];
}

/** Demand options shared by `gemeo demand` and `gemeo assign --city`. */
export function addDemandOptions(command: Command): Command {
  return command
    .option('--seed <n>', 'random seed: the same seed gives the same demand', '1')
    .option('--scale <x>', 'multiply every trip volume (e.g. 1.2 for 20 % growth)', '1')
    .option('--no-tourists', 'leave tourist flows out')
    .option('--month <1-12>', 'tourist flows of an average day of this month (default: of the year)')
    .option('--event <name@lon,lat,attendance,HH:MM-HH:MM>', 'add an event (repeatable)', (v: string, all: string[] = []) => [...all, v]);
}

export function demandOptions(opts: DemandCliOpts) {
  const seed = Number(opts.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new UserError(`--seed "${opts.seed}": expected a whole number ≥ 0`);
  const scale = Number(opts.scale);
  if (!Number.isFinite(scale) || scale < 0) throw new UserError(`--scale "${opts.scale}": expected a number ≥ 0`);
  let tourists: boolean | { month: number } = opts.tourists;
  if (opts.month !== undefined) {
    const month = Number(opts.month);
    if (!Number.isInteger(month) || month < 1 || month > 12) throw new UserError(`--month "${opts.month}": expected 1 to 12`);
    if (tourists) tourists = { month };
  }
  return { seed, scale, tourists, events: (opts.event ?? []).map(parseEvent) };
}

/** "Show@-56.12,-15.60,40000,16:00-22:00" → DemandEvent. */
function parseEvent(text: string): DemandEvent {
  const m = /^(.+)@(-?[\d.]+),(-?[\d.]+),(\d+),(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) throw new UserError(`--event "${text}": expected name@lon,lat,attendance,HH:MM-HH:MM (e.g. Show@-56.12,-15.60,40000,16:00-22:00)`);
  const startS = Number(m[5]) * 3600 + Number(m[6]) * 60;
  const endS = Number(m[7]) * 3600 + Number(m[8]) * 60;
  if (endS <= startS) throw new UserError(`--event "${text}": the event ends at or before it starts`);
  return { name: m[1], lon: Number(m[2]), lat: Number(m[3]), attendance: Number(m[4]), startS, endS };
}

export function registerDemand(program: Command): void {
  addDemandOptions(
    program
      .command('demand')
      .description('build the travel demand of a city: commuters (gravity model), tourists and events')
      .argument('<city>', 'a city slug from `gemeo city list`'),
  )
    .option('--out <dir>', 'write od-<period>.csv and agents.csv to this folder')
    .option('--json', 'print JSON for machines')
    .action((slug: string, opts: DemandCliOpts & { out?: string; json?: boolean }) => {
      status(`building the demand of ${slug}…`);
      const { graph, demand } = cityDemand(slug, demandOptions(opts));
      const s = demand.summary;
      if (opts.out) writeDemand(opts.out, graph.nodeOsmId, demand);
      const out = {
        city: s.city,
        zones: s.zones,
        population: s.population,
        jobs: s.jobs,
        trips: s.trips,
        touristVisitorsPerDay: s.touristVisitorsPerDay,
        meanTripLengthKm: s.meanTripLengthKm,
        periods: s.periods,
        estimated: s.estimated,
        syntheticNetwork: s.syntheticNetwork,
        gravity: s.gravity,
        sources: s.sources,
        ...(opts.out ? { out: opts.out } : {}),
      };
      if (opts.json) return printJson(out);
      printTable([
        ['city', `${s.city}${s.syntheticNetwork ? '  — on a SYNTHETIC stand-in street network' : ''}`],
        ['zones', `${s.zones}${s.estimated ? ' (population and jobs spread by proxy: estimated)' : ''}`],
        ['population / jobs', `${Math.round(s.population)} / ${Math.round(s.jobs)}`],
        ['vehicle trips a day', `${Math.round(s.trips.commute)} commute, ${Math.round(s.trips.tourist)} tourist, ${Math.round(s.trips.event)} event`],
        ['tourist visitors a day', Math.round(s.touristVisitorsPerDay)],
        ['mean trip length', `${s.meanTripLengthKm.toFixed(2)} km`],
        ['trips per period', Object.entries(s.periods).map(([p, v]) => `${p} ${Math.round(v)}`).join(', ')],
        ['sources', s.sources.join('; ')],
        ...(opts.out ? ([['written to', opts.out]] as [string, string][]) : []),
      ]);
    });
}

function writeDemand(dir: string, nodeOsmId: Float64Array, demand: ReturnType<typeof cityDemand>['demand']): void {
  const write = (name: string, lines: string[]) => writeFileAtomic(join(dir, name), `${lines.join('\n')}\n`);
  for (const [period, od] of Object.entries(demand.matrices)) {
    const { zoneNodes, demand: nodeOd } = demandOnNodes(od, demand.zoneNode);
    const lines = ['origin_osm_node,dest_osm_node,flow'];
    for (let o = 0; o < nodeOd.zoneCount; o++) {
      for (let k = nodeOd.rowStart[o]; k < nodeOd.rowStart[o + 1]; k++) {
        lines.push(`${nodeOsmId[zoneNodes[o]]},${nodeOsmId[zoneNodes[nodeOd.dest[k]]]},${nodeOd.flow[k]}`);
      }
    }
    write(`od-${period}.csv`, lines);
  }
  const a = demand.agents;
  const lines = ['id,kind,depart_s,from_osm_node,to_osm_node,chain,leg'];
  for (let t = 0; t < a.count; t++) {
    lines.push(`${t},${TRIP_KIND_NAMES[a.kind[t]]},${a.departS[t]},${nodeOsmId[a.originNode[t]]},${nodeOsmId[a.destNode[t]]},${a.chain[t]},${a.leg[t]}`);
  }
  write('agents.csv', lines);
}
