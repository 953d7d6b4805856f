/**
 * Every visible word of the comparison report, in Portuguese (pt-BR, the default) and English.
 * Numbers are formatted by engine/display/format-number.ts, the viewer's formatter too.
 */

export { formatNumber, formatPct, formatShare, formatSigned, LANGS, MINUS, type Lang } from '../../engine/display/format-number.ts';
import type { Lang } from '../../engine/display/format-number.ts';
import { TERMS } from '../../engine/display/terms.ts';

/** Decimals that keep three or four significant digits for a figure of this size. */
export function autoDecimals(x: number): number {
  const m = Math.abs(x);
  return m >= 100 ? 0 : m >= 10 ? 1 : 2;
}

export interface HeadlineParts {
  a: string;
  b: string;
  /** Mean trip time change (min), its % and the two values. */
  tripDelta: number;
  tripPct: string;
  tripA: string;
  tripB: string;
  tripAbs: string;
  delayDelta: number;
  delayAbs: string;
  co2Delta: number;
  co2Abs: string;
  faster: string;
  slower: string;
}

export interface NewTripsParts {
  a: string;
  b: string;
  /** New trips of B and the trips A had, formatted. */
  extra: string;
  baseTrips: string;
  /** Trip-weighted mean change of A's trips, minutes, and its absolute value formatted. */
  change: number;
  changeAbs: string;
  faster: string;
  slower: string;
  delayDelta: number;
  delayAbs: string;
}

const pt = {
  lang: 'pt-BR',
  title: (city: string, a: string, b: string) => `${city}: ${a} × ${b}`,
  docKind: 'Gêmeo digital — comparação de cenários',
  periodSeed: (period: string, seed: number) => `Período: ${period} · semente ${seed}`,
  scenarioA: TERMS.pt.scenarioA,
  scenarioB: TERMS.pt.scenarioB,
  syntheticBanner: 'Rede viária sintética — não representa ruas levantadas',
  syntheticNote: (city: string) =>
    `A rede de ${city} foi gerada a partir do limite municipal (IBGE), da sede, da população e das rodovias federais (DNIT), até que as ruas do OpenStreetMap sejam importadas. Use os resultados como tendências, não como números de ruas reais.`,
  headline: (p: HeadlineParts) => {
    const trip =
      Math.abs(p.tripDelta) < 0.05
        ? `Com «${p.b}», o tempo médio de viagem praticamente não muda em relação a «${p.a}» (${p.tripA} min).`
        : `Com «${p.b}», o tempo médio de viagem ${p.tripDelta < 0 ? 'cai' : 'sobe'} ${p.tripAbs} min (${p.tripPct}) em relação a «${p.a}», de ${p.tripA} para ${p.tripB} min.`;
    const delay = `O atraso total ${verb(p.delayDelta, 'cai', 'sobe', 'não muda')}${p.delayDelta === 0 ? '' : ` ${p.delayAbs} veículos-hora`}`;
    const co2 = `as emissões de CO₂ ${verb(p.co2Delta, 'caem', 'sobem', 'não mudam')}${p.co2Delta === 0 ? '' : ` ${p.co2Abs} kg`} no período.`;
    const trips = `${p.faster} das viagens ficam mais de 1 minuto mais rápidas e ${p.slower} mais de 1 minuto mais lentas.`;
    return `${trip} ${delay}, e ${co2} ${trips}`;
  },
  keyFigures: 'Números-chave',
  indicator: 'Indicador',
  change: 'Variação',
  changePct: 'Variação %',
  assessment: 'Avaliação',
  better: 'melhor',
  worse: 'pior',
  same: 'sem mudança',
  neutral: 'neutro',
  vkt: TERMS.pt.metrics.vkt.long,
  vht: TERMS.pt.metrics.vht.long,
  meanTripMin: TERMS.pt.metrics.meanTripMin.long,
  delayVh: TERMS.pt.metrics.delayVh.long,
  co2Kg: TERMS.pt.metrics.co2Kg.long,
  trips: TERMS.pt.metrics.trips.long,
  unreachableTrips: 'Viagens sem rota (fora dos totais)',
  notComparable: 'não comparável',
  unreachableLine: (a: string, b: string) =>
    `Viagens sem rota (origem e destino desconectados pela rede, fora de todos os totais): A ${a}, B ${b}.`,
  differentTrips: (what: string) =>
    `Atenção: os dois cenários não somam as mesmas viagens: ${what}. Veículos-km, veículos-hora, atraso, CO₂ e tempo médio somam conjuntos diferentes de viagens e não são avaliados como melhores ou piores.`,
  moreTrips: (n: string) => `B tem ${n} viagens a mais que A (a demanda nova do cenário, como o público de um evento)`,
  fewerTrips: (n: string) => `B tem ${n} viagens a menos que A`,
  moreStranded: (b: string, a: string) => `B deixa ${b} viagens sem rota (A: ${a})`,
  newTripsHeadline: (p: NewTripsParts) =>
    `«${p.b}» acrescenta ${p.extra} viagens às ${p.baseTrips} de «${p.a}». Para as viagens que já existiam, o tempo de viagem ${Math.abs(p.change) < 0.05 ? 'praticamente não muda' : `${p.change < 0 ? 'cai' : 'sobe'} em média ${p.changeAbs} min`}; ${p.faster} delas ficam mais de 1 minuto mais rápidas e ${p.slower} mais de 1 minuto mais lentas. O atraso total, que inclui as viagens novas, ${verb(p.delayDelta, 'cai', 'sobe', 'não muda')}${p.delayDelta === 0 ? '' : ` ${p.delayAbs} veículos-hora`}.`,
  interventions: 'Intervenções do cenário B',
  noInterventions: 'Nenhuma intervenção registrada.',
  linksNote: (removed: number, added: number, changed: number) =>
    `Trechos de via removidos (fechados): ${removed} · novos: ${added} · alterados pela intervenção: ${changed}.`,
  convergence: 'Convergência do modelo',
  convergenceNote: 'Gap relativo a cada iteração da atribuição de tráfego (escala logarítmica). Quanto mais baixo, mais perto do equilíbrio.',
  iteration: 'iteração',
  relativeGapLog: 'gap relativo (log)',
  noConvergence: 'Histórico de convergência não disponível.',
  vcDistribution: 'Distribuição de v/c (volume/capacidade)',
  vcByVkm: 'Parcela dos veículos-km em cada faixa de v/c',
  vcByEdges: 'Parcela dos trechos de via em cada faixa de v/c',
  shareOfVkm: 'parcela dos veículos-km',
  shareOfLinks: 'parcela dos trechos',
  topWorse: 'Vias que mais pioram',
  topBetter: 'Vias que mais melhoram',
  topNote: 'Cada via aparece uma vez por sentido, pelo trecho que mais mudou. Δ v/c = v/c em B − v/c em A.',
  noLinks: 'Nenhuma via muda de forma perceptível.',
  link: 'Via',
  roadClass: 'Classe',
  flowA: 'Fluxo A (veíc./h)',
  flowB: 'Fluxo B (veíc./h)',
  wayLabel: (way: number, dir: number) => `${way < 0 ? 'via gerada' : 'via OSM'} ${Math.abs(way)}${dir === 1 ? ' (sentido inverso)' : ''}`,
  /** A named street, its direction of travel and the way id second: "Avenida Ipiranga, sentido leste (via OSM 287533506)". */
  streetLabel: (name: string, way: number, heading: number | undefined) =>
    `${name}${heading === undefined ? '' : `, sentido ${COMPASS_PT[compassPoint(heading)]}`} (${way < 0 ? 'via gerada' : 'via OSM'} ${Math.abs(way)})`,
  unnamedLabel: (roadClass: string, way: number) => `${roadClass} sem nome (${way < 0 ? 'via gerada' : 'via OSM'} ${Math.abs(way)})`,
  eventLine: (name: string, attendance: string, from: string, to: string) => `${name}: ${attendance} pessoas, das ${from} às ${to}`,
  windowLine: (from: string, to: string) => `das ${from} às ${to}`,
  allDay: 'o dia todo',
  zoneTimes: 'Mudança no tempo de viagem entre zonas',
  zoneNote: (faster: string, slower: string, mean: string) =>
    `Mudança média ponderada pelas viagens: ${mean} min. ${faster} das viagens ficam mais de 1 minuto mais rápidas; ${slower}, mais de 1 minuto mais lentas.`,
  shareOfTrips: 'parcela das viagens',
  minutesChange: 'mudança do tempo (min)',
  zoneBins: ['< −5', '−5 a −2', '−2 a −1', '−1 a +1', '+1 a +2', '+2 a +5', '> +5'],
  topSlowerPairs: 'Pares de zonas que mais pioram',
  topFasterPairs: 'Pares de zonas que mais melhoram',
  from: 'Origem',
  to: 'Destino',
  tripsCol: 'Viagens',
  minA: 'A (min)',
  minB: 'B (min)',
  deltaMin: 'Δ (min)',
  noPairs: 'Nenhum par de zonas muda.',
  dynTrips: 'Modelo dinâmico: tempos de viagem por viagem',
  dynTripsNote: (compared: string, faster: string, slower: string, mean: string) =>
    `${compared} viagens chegaram nas duas simulações e são comparadas uma a uma. Mudança média: ${mean} min; ${faster} ficam mais de 1 minuto mais rápidas, ${slower} mais de 1 minuto mais lentas.`,
  dynGap: (gapA: string, gapB: string, runsA: string, runsB: string) =>
    `Gap relativo de todos os veículos na última simulação (tempo vivido menos o do melhor caminho dependente do tempo, sobre o tempo vivido; equilíbrio dinâmico com 2 % ou menos): A ${gapA} após ${runsA} simulações, B ${gapB} após ${runsB}.`,
  dynFigures: (vehA: string, vehB: string, stuckA: string, stuckB: string, meanA: string, meanB: string, squeezedA: string, squeezedB: string) =>
    `Veículos: A ${vehA}, B ${vehB}. Presos ou sem concluir: A ${stuckA}, B ${stuckB}. Tempo médio de viagem: A ${meanA} min, B ${meanB} min. Vezes em que um veículo parado há 10 s entrou numa via já cheia (sinal de travamento): A ${squeezedA}, B ${squeezedB}.`,
  dynQueues: 'Modelo dinâmico: filas ao longo do dia',
  dynQueuesNote: 'Fila média total na rede (veículos parados esperando para sair de uma via) em cada intervalo de 15 minutos.',
  queueVeh: 'fila (veículos)',
  clock: 'hora',
  topQueues: 'Vias onde a fila máxima mais muda',
  peakA: 'Fila máx. A',
  peakB: 'Fila máx. B',
  atTime: 'Hora',
  noQueues: 'Nenhuma fila muda.',
  attractions: 'Acesso de turistas às atrações',
  attractionsNote: 'Tempo médio dos turistas, a partir das zonas de hospedagem, até cada atração.',
  attraction: 'Atração',
  noAttractions: 'Sem atrações nesta cidade.',
  map: 'Mapa das mudanças',
  mapNote: 'Trechos coloridos pela variação de v/c (B − A): azul onde o trânsito melhora, vermelho onde piora.',
  noMap: 'Mapa não disponível: a geometria das vias não foi fornecida.',
  legendBetter: 'melhora',
  legendWorse: 'piora',
  legendSame: 'sem mudança (|Δ| < 0,02)',
  legendRemoved: 'trecho removido (fechado)',
  legendClosedWindow: 'trecho fechado em parte do período',
  standInNetwork: (city: string) => `${city} (rede viária sintética)`,
  legendAdded: 'trecho novo',
  legendChanged: 'trecho alterado pela intervenção',
  glossary: 'Glossário',
  glossaryTerms: [
    ['v/c', 'Volume sobre capacidade: quantos veículos por hora passam num trecho dividido por quantos ele comporta. Acima de 0,9 o trânsito fica lento; acima de 1, congestionado.'],
    ['VKT', 'Veículos-km percorridos: a soma das distâncias rodadas por todos os veículos no período.'],
    ['VHT', 'Veículos-hora percorridos: a soma do tempo que todos os veículos passam na rede no período.'],
    ['Atraso', 'As horas que os veículos perdem em relação a uma rede sem trânsito.'],
    ['Gap relativo', 'Mede quão longe o modelo está do equilíbrio, em que ninguém ganha trocando de rota. Perto de zero é bom (por exemplo 0,0001).'],
    ['CO₂', 'Dióxido de carbono emitido pelos veículos, estimado pelos quilômetros rodados com fatores de emissão publicados.'],
  ] as [string, string][],
  runs: 'Execuções comparadas',
  runInfo: (method: string, iterations: number, gap: string) => `método ${method}, ${iterations} iterações, gap relativo ${gap}`,
  attribution: '© colaboradores do OpenStreetMap, ODbL',
  generated: 'Gerado pelo gemeo.',
  interventionTypes: TERMS.pt.interventionTypes,
  linksTouched: (n: number) => `${n} ${n === 1 ? 'trecho' : 'trechos'} de via`,
  periods: { 'am-peak': 'pico da manhã', midday: 'meio do dia', 'pm-peak': 'pico da tarde', day: 'dia inteiro' } as Record<string, string>,
  classes: {
    motorway: 'autoestrada',
    motorway_link: 'acesso de autoestrada',
    trunk: 'via expressa',
    trunk_link: 'acesso de via expressa',
    primary: 'arterial primária',
    primary_link: 'acesso de arterial primária',
    secondary: 'arterial secundária',
    secondary_link: 'acesso de arterial secundária',
    tertiary: 'coletora',
    tertiary_link: 'acesso de coletora',
    unclassified: 'via local sem classe',
    residential: 'via residencial',
    living_street: 'via de pedestres',
    service: 'via de serviço',
    road: 'via',
    connector: 'conector',
    abstract: 'trecho de rede de teste',
  } as Record<string, string>,
};

export type Strings = typeof pt;

const en: Strings = {
  lang: 'en',
  title: (city, a, b) => `${city}: ${a} vs ${b}`,
  docKind: 'Digital twin — scenario comparison',
  periodSeed: (period, seed) => `Period: ${period} · seed ${seed}`,
  scenarioA: TERMS.en.scenarioA,
  scenarioB: TERMS.en.scenarioB,
  syntheticBanner: 'Synthetic road network — not surveyed streets',
  syntheticNote: (city) =>
    `The network of ${city} was generated from the municipal boundary (IBGE), the seat, the population and the federal highways (DNIT), until its OpenStreetMap streets are imported. Read the results as trends, not as figures for real streets.`,
  headline: (p) => {
    const trip =
      Math.abs(p.tripDelta) < 0.05
        ? `With “${p.b}”, the mean trip time hardly changes compared with “${p.a}” (${p.tripA} min).`
        : `With “${p.b}”, the mean trip time ${p.tripDelta < 0 ? 'falls' : 'rises'} by ${p.tripAbs} min (${p.tripPct}) compared with “${p.a}”, from ${p.tripA} to ${p.tripB} min.`;
    const delay = `Total delay ${verb(p.delayDelta, 'falls', 'rises', 'does not change')}${p.delayDelta === 0 ? '' : ` by ${p.delayAbs} vehicle-hours`}`;
    const co2 = `CO₂ emissions ${verb(p.co2Delta, 'fall', 'rise', 'do not change')}${p.co2Delta === 0 ? '' : ` by ${p.co2Abs} kg`} over the period.`;
    const trips = `${p.faster} of trips become more than 1 minute faster and ${p.slower} more than 1 minute slower.`;
    return `${trip} ${delay}, and ${co2} ${trips}`;
  },
  keyFigures: 'Key figures',
  indicator: 'Indicator',
  change: 'Change',
  changePct: 'Change %',
  assessment: 'Assessment',
  better: 'better',
  worse: 'worse',
  same: 'no change',
  neutral: 'neutral',
  vkt: TERMS.en.metrics.vkt.long,
  vht: TERMS.en.metrics.vht.long,
  meanTripMin: TERMS.en.metrics.meanTripMin.long,
  delayVh: TERMS.en.metrics.delayVh.long,
  co2Kg: TERMS.en.metrics.co2Kg.long,
  trips: TERMS.en.metrics.trips.long,
  unreachableTrips: 'Trips with no route (left out of the totals)',
  notComparable: 'not comparable',
  unreachableLine: (a, b) => `Trips with no route (origin and destination disconnected by the network, left out of every total): A ${a}, B ${b}.`,
  differentTrips: (what) =>
    `Warning: the two scenarios do not total the same trips: ${what}. Vehicle-km, vehicle-hours, delay, CO₂ and mean trip time sum different sets of trips and are not rated better or worse.`,
  moreTrips: (n) => `B has ${n} more trips than A (the scenario's new demand, such as an event's crowd)`,
  fewerTrips: (n) => `B has ${n} fewer trips than A`,
  moreStranded: (b, a) => `B leaves ${b} trips without a route (A: ${a})`,
  newTripsHeadline: (p) =>
    `“${p.b}” adds ${p.extra} trips to the ${p.baseTrips} of “${p.a}”. For the trips that already existed, travel time ${Math.abs(p.change) < 0.05 ? 'hardly changes' : `${p.change < 0 ? 'falls' : 'rises'} by ${p.changeAbs} min on average`}; ${p.faster} of them become more than 1 minute faster and ${p.slower} more than 1 minute slower. Total delay, new trips included, ${verb(p.delayDelta, 'falls', 'rises', 'does not change')}${p.delayDelta === 0 ? '' : ` by ${p.delayAbs} vehicle-hours`}.`,
  interventions: 'Interventions of scenario B',
  noInterventions: 'No interventions recorded.',
  linksNote: (removed, added, changed) => `Links removed (closed): ${removed} · new: ${added} · changed by the intervention: ${changed}.`,
  convergence: 'Model convergence',
  convergenceNote: 'Relative gap at each iteration of the traffic assignment (log scale). The lower, the closer to equilibrium.',
  iteration: 'iteration',
  relativeGapLog: 'relative gap (log)',
  noConvergence: 'No convergence history available.',
  vcDistribution: 'v/c distribution (volume/capacity)',
  vcByVkm: 'Share of vehicle-km in each v/c band',
  vcByEdges: 'Share of links in each v/c band',
  shareOfVkm: 'share of vehicle-km',
  shareOfLinks: 'share of links',
  topWorse: 'Links that worsen most',
  topBetter: 'Links that improve most',
  topNote: 'Each road appears once per direction, by its most changed link. Δ v/c = v/c in B − v/c in A.',
  noLinks: 'No link changes noticeably.',
  link: 'Road',
  roadClass: 'Class',
  flowA: 'Flow A (veh/h)',
  flowB: 'Flow B (veh/h)',
  wayLabel: (way, dir) => `${way < 0 ? 'generated road' : 'OSM way'} ${Math.abs(way)}${dir === 1 ? ' (reverse direction)' : ''}`,
  streetLabel: (name, way, heading) => `${name}${heading === undefined ? '' : `, heading ${COMPASS_EN[compassPoint(heading)]}`} (${way < 0 ? 'generated road' : 'OSM way'} ${Math.abs(way)})`,
  unnamedLabel: (roadClass, way) => `unnamed ${roadClass} (${way < 0 ? 'generated road' : 'OSM way'} ${Math.abs(way)})`,
  eventLine: (name, attendance, from, to) => `${name}: ${attendance} people, ${from} to ${to}`,
  windowLine: (from, to) => `${from} to ${to}`,
  allDay: 'all day',
  zoneTimes: 'Change in zone-to-zone travel time',
  zoneNote: (faster, slower, mean) =>
    `Trip-weighted mean change: ${mean} min. ${faster} of trips become more than 1 minute faster; ${slower}, more than 1 minute slower.`,
  shareOfTrips: 'share of trips',
  minutesChange: 'change in time (min)',
  zoneBins: ['< −5', '−5 to −2', '−2 to −1', '−1 to +1', '+1 to +2', '+2 to +5', '> +5'],
  topSlowerPairs: 'Zone pairs that worsen most',
  topFasterPairs: 'Zone pairs that improve most',
  from: 'Origin',
  to: 'Destination',
  tripsCol: 'Trips',
  minA: 'A (min)',
  minB: 'B (min)',
  deltaMin: 'Δ (min)',
  noPairs: 'No zone pair changes.',
  dynTrips: 'Dynamic model: travel times trip by trip',
  dynTripsNote: (compared, faster, slower, mean) =>
    `${compared} trips arrived in both simulations and are compared one by one. Mean change: ${mean} min; ${faster} get more than 1 minute faster, ${slower} more than 1 minute slower.`,
  dynGap: (gapA, gapB, runsA, runsB) =>
    `Relative gap of all vehicles in the last simulation (experienced time minus that of the best time-dependent path, over experienced time; a dynamic equilibrium at 2 % or less): A ${gapA} after ${runsA} simulations, B ${gapB} after ${runsB}.`,
  dynFigures: (vehA, vehB, stuckA, stuckB, meanA, meanB, squeezedA, squeezedB) =>
    `Vehicles: A ${vehA}, B ${vehB}. Stuck or unfinished: A ${stuckA}, B ${stuckB}. Mean travel time: A ${meanA} min, B ${meanB} min. Times a vehicle blocked for 10 s squeezed onto a full link (a sign of gridlock): A ${squeezedA}, B ${squeezedB}.`,
  dynQueues: 'Dynamic model: queues through the day',
  dynQueuesNote: 'Total mean queue on the network (vehicles waiting to leave a link) in each 15-minute interval.',
  queueVeh: 'queue (vehicles)',
  clock: 'time',
  topQueues: 'Links whose peak queue changes most',
  peakA: 'Peak queue A',
  peakB: 'Peak queue B',
  atTime: 'Time',
  noQueues: 'No queue changes.',
  attractions: "Tourists' access to attractions",
  attractionsNote: "Tourists' mean time from their lodging zones to each attraction.",
  attraction: 'Attraction',
  noAttractions: 'No attractions in this city.',
  map: 'Map of changes',
  mapNote: 'Links coloured by the change in v/c (B − A): blue where traffic improves, red where it worsens.',
  noMap: 'Map not available: the link geometry was not provided.',
  legendBetter: 'improves',
  legendWorse: 'worsens',
  legendSame: 'no change (|Δ| < 0.02)',
  legendRemoved: 'removed (closed) link',
  legendClosedWindow: 'link closed for part of the period',
  standInNetwork: (city) => `${city} (synthetic stand-in street network)`,
  legendAdded: 'new link',
  legendChanged: 'link changed by the intervention',
  glossary: 'Glossary',
  glossaryTerms: [
    ['v/c', 'Volume over capacity: the vehicles per hour on a link divided by how many it can carry. Above 0.9 traffic slows; above 1 it is congested.'],
    ['VKT', 'Vehicle-kilometres travelled: the distance driven by all vehicles in the period, added up.'],
    ['VHT', 'Vehicle-hours travelled: the time all vehicles spend on the network in the period, added up.'],
    ['Delay', 'The hours vehicles lose compared with an empty network.'],
    ['Relative gap', 'How far the model is from equilibrium, where nobody gains by changing route. Close to zero is good (for example 0.0001).'],
    ['CO₂', 'Carbon dioxide emitted by the vehicles, estimated from the kilometres driven with published emission factors.'],
  ],
  runs: 'Runs compared',
  runInfo: (method, iterations, gap) => `method ${method}, ${iterations} iterations, relative gap ${gap}`,
  attribution: '© OpenStreetMap contributors, ODbL',
  generated: 'Generated by gemeo.',
  interventionTypes: TERMS.en.interventionTypes,
  linksTouched: (n) => `${n} ${n === 1 ? 'link' : 'links'}`,
  periods: { 'am-peak': 'morning peak', midday: 'midday', 'pm-peak': 'evening peak', day: 'whole day' },
  classes: {
    motorway: 'motorway',
    motorway_link: 'motorway link',
    trunk: 'trunk road',
    trunk_link: 'trunk link',
    primary: 'primary arterial',
    primary_link: 'primary link',
    secondary: 'secondary arterial',
    secondary_link: 'secondary link',
    tertiary: 'collector',
    tertiary_link: 'collector link',
    unclassified: 'unclassified road',
    residential: 'residential street',
    living_street: 'living street',
    service: 'service road',
    road: 'road',
    connector: 'connector',
    abstract: 'test-network link',
  },
};

const STRINGS: Record<Lang, Strings> = { pt, en };

export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}

const COMPASS_PT = ['norte', 'nordeste', 'leste', 'sudeste', 'sul', 'sudoeste', 'oeste', 'noroeste'];
const COMPASS_EN = ['north', 'northeast', 'east', 'southeast', 'south', 'southwest', 'west', 'northwest'];

/** 0..7: the nearest of the eight compass points to a bearing in degrees (0 north, 90 east). */
export function compassPoint(heading: number): number {
  return Math.round((((heading % 360) + 360) % 360) / 45) % 8;
}

function verb(delta: number, down: string, up: string, none: string): string {
  return delta < 0 ? down : delta > 0 ? up : none;
}
