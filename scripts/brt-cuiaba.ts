/**
 * Writes scenarios/cuiaba/brt-cuiaba-varzea-grande.json: the Cuiabá–Várzea Grande BRT as
 * transit lines on Cuiabá's SYNTHETIC stand-in network, from the published figures
 * (data/mt/published-figures.csv: 49.2 km of dedicated lanes, 46 stations, terminals André
 * Maggi, CPA and Coxipó). Two lines meet in the centre: André Maggi side (the municipal
 * boundary towards Várzea Grande) – Centro – CPA, and Centro – Coxipó. Each runs the street
 * path between its terminals on the stand-in, the terminals moved out from the centre along
 * their real directions until the lines total the published 49.2 km (the stand-in's streets
 * are not the real ones); stations are spread evenly along them, 46 in all in
 * proportion to the lines' lengths. The lines run in their own right of way (dedicated); the
 * car lanes are left as they are — the stand-in's ways are whole arterials, so a bus-lane on
 * them would take car lanes far beyond the lines. Terminal points are approximate places of the real terminals, snapped to the
 * stand-in's nearest nodes. Run with: npx tsx scripts/brt-cuiaba.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cityBySlug, loadCityGraph, REPO_ROOT } from '../app/city-graphs.ts';
import { AStar, minCostPerMetre } from '../engine/routing/astar.ts';
import { nearestNode } from '../engine/scenario/graph-lookup.ts';
import { pointInCityPolygon } from '../engine/city/registry.ts';

const { graph } = loadCityGraph(cityBySlug('cuiaba'));
// approximate places: Centro (Praça Alencastro), CPA terminal, Coxipó terminal, the Ponte Sérgio Motta towards André Maggi (VG)
const place = { centro: [-56.0974, -15.601], cpa: [-56.0545, -15.5606], coxipo: [-56.0718, -15.6312], vg: [-56.1132, -15.6148] } as const;
const node = (p: readonly [number, number]) => nearestNode(graph, p[0], p[1]).node;
const astar = new AStar(graph.nodeCount);
const rate = minCostPerMetre(graph, graph.lengthM);
function path(from: number, to: number): number[] {
  if (astar.route(graph, graph.lengthM, from, to, rate) === Infinity) throw new Error(`no path ${from} → ${to}`);
  return astar.pathTo(to, graph.tail);
}
// three arms from the centre towards the terminals' real directions, taken far enough out and
// then cut back, each to the same share of its length, until they total the published length
const PUBLISHED_KM = 49.2;
const STATIONS = 46;
const away = (p: readonly [number, number], f: number): [number, number] => [place.centro[0] + f * (p[0] - place.centro[0]), place.centro[1] + f * (p[1] - place.centro[1])];
const centre = node(place.centro);
const city = cityBySlug('cuiaba');
const inCity = (n: number) => pointInCityPolygon([graph.nodeLon[n], graph.nodeLat[n]], city.polygon);
// each arm as far out along its direction as its whole path stays inside the municipality
const arms = [place.vg, place.cpa, place.coxipo].map((p) => {
  let best = path(centre, node(away(p, 1)));
  for (let f = 1.25; f <= 10; f += 0.25) {
    const edges = path(centre, node(away(p, f)));
    if (edges.every((e) => inCity(graph.head[e]))) best = edges;
  }
  return best;
});
const armKm = arms.map((a) => a.reduce((t, e) => t + graph.lengthM[e], 0) / 1000);
const cut = Math.min(1, PUBLISHED_KM / armKm.reduce((x, y) => x + y, 0));
const r5 = (x: number) => Math.round(x * 1e5) / 1e5;
// stations per arm in proportion to its (cut) length; the centre station is shared, so 46 = 1 + Σ arm stations
const perArm = armKm.map((k) => Math.round(((STATIONS - 1) * k) / armKm.reduce((x, y) => x + y, 0)));
perArm[0] += STATIONS - 1 - perArm.reduce((x, y) => x + y, 0);
const armStops = arms.map((edges, k) => {
  const along: number[] = [0];
  for (const e of edges) along.push(along[along.length - 1] + graph.lengthM[e]);
  const end = along[along.length - 1] * cut;
  // nodes along the arm: node q sits at along[q] (node 0 the centre); each station takes the nearest node not behind the one before
  const nodes = [graph.tail[edges[0]], ...edges.map((e) => graph.head[e])];
  const stops: [number, number][] = [];
  // the arm ends at the node nearest its cut point (the stand-in's edges are long: the cut rarely falls on a node)
  let last = 0;
  while (last + 1 < nodes.length && Math.abs(along[last + 1] - end) <= Math.abs(along[last] - end)) last++;
  let q = 0;
  for (let i = 1; i <= perArm[k]; i++) {
    const at = (i / perArm[k]) * end;
    while (q + 1 < nodes.length && q + 1 <= last && Math.abs(along[q + 1] - at) <= Math.abs(along[q] - at)) q++;
    stops.push([r5(graph.nodeLon[nodes[q]]), r5(graph.nodeLat[nodes[q]])]);
  }
  return stops;
});
const c: [number, number] = [r5(graph.nodeLon[centre]), r5(graph.nodeLat[centre])];
// the stand-in has fewer nodes than the line has stations: stations that fall on one node share it (each keeps its dwell time)
const dedupe = (ps: [number, number][]) => ps;
const lines = [
  { name: 'BRT 1 André Maggi–Centro–CPA', stops: dedupe([...[...armStops[0]].reverse(), c, ...armStops[1]]), km: (armKm[0] + armKm[1]) * cut },
  { name: 'BRT 2 Centro–Coxipó', stops: dedupe([c, ...armStops[2]]), km: armKm[2] * cut },
];
const total = lines.reduce((s, l) => s + l.km, 0);
const interventions: unknown[] = lines.map((l) => ({ type: 'transit-line', name: l.name, stops: l.stops, headwayMin: 5, kmh: 30, dedicated: true, note: `${l.stops.length} estações em ${l.km.toFixed(1)} km da rede sintética` }));
const counts = lines.map((l) => l.stops.length);
const km = lines.map((l) => l.km);
const scenario = {
  $schema: '../scenario.schema.json',
  city: 'cuiaba',
  name: 'BRT Cuiabá–Várzea Grande: duas linhas troncais em faixa exclusiva',
  description: `REDE SINTÉTICA (stand-in gerado de limites do IBGE, sede, população e rodovias do DNIT, semente 1; ids de via negativos são vias geradas, não levantadas). O BRT planejado tem 49,2 km de faixas exclusivas e 46 estações, com terminais André Maggi, CPA e Coxipó (governo de MT, 2021; data/mt/published-figures.csv). Aqui: duas linhas — André Maggi (divisa com Várzea Grande)–Centro–CPA e Centro–Coxipó — pelos caminhos da rede sintética nas direções dos terminais reais, cortadas para somar os 49,2 km publicados (as pontas caem no nó mais próximo da rede sintética, de arestas longas, e as linhas modeladas ficam mais longas que isso: o run.log diz quanto), com 46 estações espalhadas por igual (estações que caem no mesmo nó da rede sintética o compartilham), um ônibus a cada 5 min por sentido a 30 km/h entre estações (hipóteses do modelo), em via própria (as faixas dos carros ficam como estão). Os ônibus atuais são um ônibus genérico em todos os pares de zonas (Cuiabá não tem GTFS aqui). Gerado por scripts/brt-cuiaba.ts.`,
  period: 'am-peak',
  transit: {},
  interventions,
};
const file = join(REPO_ROOT, 'scenarios/cuiaba/brt-cuiaba-varzea-grande.json');
writeFileSync(file, `${JSON.stringify(scenario, null, 2)}\n`);
console.log(`${file}: arms cut to ${(100 * cut).toFixed(1)} % (${total.toFixed(1)} km); ${lines.map((l, k) => `${l.name} ${km[k].toFixed(1)} km, ${counts[k]} stations`).join('; ')}`);
