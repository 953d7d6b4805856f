/**
 * `gemeo city list | info | import | fetch`: the cities gemeo knows and their road graphs.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { City } from '../../engine/city/registry.ts';
import { readGraphFile } from '../../engine/graph/graph-file.ts';
import { summarizeGraph } from '../../engine/graph/graph-summary.ts';
import { importOsm } from '../../engine/osm/import-osm.ts';
import { fetchOverpass, overpassQuery, DEFAULT_OVERPASS_ENDPOINT } from '../../engine/osm/overpass-client.ts';
import { ExitCode, UserError } from '../errors.ts';
import { cityBySlug, cityGraphDir, cityNetwork, loadCityGraph, readGraphInfo, registry, saveGraph, type GraphInfo } from '../../app/city-graphs.ts';
import { writeJsonAtomic } from '../../engine/util/write-atomic.ts';
import { printJson, printTable } from '../output.ts';
import { status } from '../status.ts';

export function registerCity(program: Command): void {
  const city = program.command('city').description("the cities gemeo knows and their road graphs");

  city
    .command('list')
    .description('list the cities of the registry (data/cities.json) and the street network each runs on')
    .option('--json', 'print JSON for machines')
    .action((opts: { json?: boolean }) => {
      const rows = registry().map((c) => ({
        slug: c.slug,
        name: c.name,
        ibge: c.ibge,
        role: c.role,
        population: c.population.value,
        network: { source: cityNetwork(c).source, synthetic: cityNetwork(c).synthetic },
      }));
      if (opts.json) return printJson(rows);
      const width = Math.max(...rows.map((r) => r.slug.length));
      for (const r of rows) {
        const net = r.network.synthetic ? 'stand-in (SYNTHETIC streets)' : `${r.network.source} streets`;
        process.stdout.write(`${r.slug.padEnd(width)}  ${r.role.padEnd(9)}  ${String(r.population).padStart(10)}  ${net}  ${r.name}\n`);
      }
    });

  city
    .command('info')
    .description("counts, extent and tag coverage of a city's road graph (builds it on first use)")
    .argument('<slug|dir>', 'a city slug from `gemeo city list`, or a folder holding graph.fb')
    .option('--json', 'print JSON for machines')
    .action((target: string, opts: { json?: boolean }) => {
      const { info, dir } = graphFor(target);
      const s = info.summary;
      const out = {
        ...(info.slug ? { slug: info.slug } : {}),
        dir,
        name: s.name,
        source: s.source,
        synthetic: s.synthetic,
        nodes: s.nodes,
        edges: s.edges,
        bbox: s.bbox,
        edgeKm: s.edgeKm,
        taggedSpeedShare: s.taggedSpeedShare,
        taggedLanesShare: s.taggedLanesShare,
        classes: s.classes,
        from: info.from,
        built: info.built,
        ...(info.import ? { import: info.import } : {}),
      };
      if (opts.json) return printJson(out);
      printTable([
        ['graph', `${s.name}${s.synthetic ? '  — SYNTHETIC stand-in, not surveyed streets' : ''}`],
        ['from', info.from],
        ['nodes', s.nodes],
        ['edges', s.edges],
        ['length', `${s.edgeKm} km of directed edges`],
        ['extent', s.bbox.map((v) => v.toFixed(5)).join(', ')],
        ['speed tagged', `${(s.taggedSpeedShare * 100).toFixed(1)} % of edges`],
        ['lanes tagged', `${(s.taggedLanesShare * 100).toFixed(1)} % of edges`],
        ['classes', s.classes.slice(0, 6).map((c) => `${c.roadClass} ${c.edges}`).join(', ')],
        ['file', join(dir, 'graph.fb')],
      ]);
    });

  city
    .command('import')
    .description('import a local OSM extract (.osm.pbf, .osm XML or Overpass JSON) as a city\'s road graph')
    .argument('<file>', 'the OSM file')
    .requiredOption('--city <slug>', 'the city it belongs to (a registry slug, or a new slug for a city outside the registry)')
    .option('--out <dir>', "folder to write graph.fb and graph.json to (default: the city's graph folder)")
    .option('--no-clip', 'keep every street of the file instead of clipping to the municipality boundary')
    .option('--setting <urban|rural>', 'CTB art. 61 speed setting for streets without a zone tag', 'urban')
    .option('--json', 'print JSON for machines')
    .action((file: string, opts: { city: string; out?: string; clip: boolean; setting: string; json?: boolean }) => {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(opts.city)) throw new UserError(`--city "${opts.city}": expected a slug of lower-case letters, digits and dashes`);
      if (opts.setting !== 'urban' && opts.setting !== 'rural') throw new UserError(`--setting "${opts.setting}": expected urban or rural`);
      const known = registry().find((c) => c.slug === opts.city);
      const clipTo = opts.clip && known?.polygonKind === 'municipality' ? known.polygon : undefined;
      status(`reading ${file}…`);
      const { graph, report, extract } = importOsm(file, { name: `${known?.name ?? opts.city} (OpenStreetMap)`, setting: opts.setting, clipTo });
      const dir = opts.out ?? cityGraphDir(opts.city);
      status(`writing ${join(dir, 'graph.fb')}…`);
      saveGraph(dir, graph, file, report, opts.city, extract.pois);
      const out = {
        city: opts.city,
        dir,
        nodes: graph.nodeCount,
        edges: graph.edgeCount,
        drivableWays: report.drivableWays,
        droppedNodes: report.droppedNodes,
        droppedEdges: report.droppedEdges,
        waysOutsidePolygon: report.waysOutsidePolygon,
        seconds: round3(report.seconds),
      };
      if (opts.json) return printJson(out);
      printTable([
        ['imported', `${file} → ${join(dir, 'graph.fb')}`],
        ['drivable ways', report.drivableWays],
        ['graph', `${graph.nodeCount} nodes, ${graph.edgeCount} edges`],
        ['dropped', `${report.droppedNodes} nodes / ${report.droppedEdges} edges outside the largest strongly connected component`],
        ...(clipTo ? ([['clipped', `${report.waysOutsidePolygon} ways outside the ${known!.name} boundary`]] as [string, string][]) : []),
        ['seconds', round3(report.seconds)],
      ]);
    });

  city
    .command('fetch')
    .description("download a city's streets from the OpenStreetMap Overpass API, inside its IBGE boundary, and import them")
    .argument('<slug>', 'a city slug from `gemeo city list`')
    .option('--endpoint <url>', 'Overpass API endpoint', DEFAULT_OVERPASS_ENDPOINT)
    .option('--timeout <seconds>', 'give up after this many seconds', '200')
    .option('--json', 'print JSON for machines')
    .action(async (slug: string, opts: { endpoint: string; timeout: string; json?: boolean }) => {
      const c = cityBySlug(slug);
      const timeoutS = Number(opts.timeout);
      if (!(timeoutS > 0)) throw new UserError(`--timeout "${opts.timeout}": expected a number of seconds > 0`);
      const dir = cityGraphDir(c.slug);
      status(`asking ${opts.endpoint} for the streets of ${c.name} (this can take minutes)…`);
      const text = await fetchOverpass(overpassQuery(outerRing(c)), { endpoint: opts.endpoint, timeoutMs: timeoutS * 1000 });
      const responseFile = join(dir, 'overpass.json');
      writeJsonAtomic(responseFile, JSON.parse(text));
      const { graph, report, extract } = importOsm(responseFile, { name: `${c.name} (OpenStreetMap)`, clipTo: c.polygonKind === 'municipality' ? c.polygon : undefined });
      saveGraph(dir, graph, `Overpass API ${opts.endpoint}`, report, c.slug, extract.pois);
      const out = { city: c.slug, dir, nodes: graph.nodeCount, edges: graph.edgeCount, drivableWays: report.drivableWays, droppedNodes: report.droppedNodes, seconds: round3(report.seconds) };
      if (opts.json) return printJson(out);
      printTable([
        ['fetched', `${c.name}: ${report.drivableWays} drivable ways → ${graph.nodeCount} nodes, ${graph.edgeCount} edges`],
        ['kept in', dir],
        ['data', '© OpenStreetMap contributors, ODbL 1.0'],
      ]);
    });
}

/** A slug's graph (built on first use) or a folder's graph.fb. */
function graphFor(target: string): { info: GraphInfo; dir: string } {
  if (existsSync(target) && statSync(target).isDirectory()) {
    const fb = join(target, 'graph.fb');
    if (!existsSync(fb)) throw new UserError(`${target}: no graph.fb in this folder`);
    if (existsSync(join(target, 'graph.json'))) return { info: readGraphInfo(target), dir: target };
    const graph = readGraphFile(fb);
    return { info: { built: 'unknown', from: fb, summary: summarizeGraph(graph) }, dir: target };
  }
  const city = cityBySlug(target);
  if (!existsSync(join(cityGraphDir(city.slug), 'graph.json'))) status(`building the ${city.slug} graph (first use)…`);
  const { info, dir } = loadCityGraph(city);
  return { info, dir };
}

/** The longest outer ring of the city's polygon, for the Overpass query. */
function outerRing(city: City): [number, number][] {
  if (city.polygonKind !== 'municipality') {
    throw new UserError(`${city.slug}: its streets come from ${city.network.source === 'osm' ? city.network.file : 'a shipped file'}; fetch is for municipalities with an IBGE boundary`, ExitCode.BadInput);
  }
  const rings = city.polygon.type === 'Polygon' ? [city.polygon.coordinates[0]] : city.polygon.coordinates.map((p) => p[0]);
  return rings.reduce((a, b) => (b.length > a.length ? b : a));
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
