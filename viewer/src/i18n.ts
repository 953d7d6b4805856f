/**
 * Every string the viewer shows, in Portuguese (the default) and English, and the number
 * formats of each language. Pages call t(key) and fmt(); setLang() switches and the UI
 * re-renders. Keys are the same in both tables (checked by the type).
 */
export type Lang = 'pt' | 'en';

const PT = {
  title: 'Gêmeo digital — tráfego e turismo',
  subtitle: 'Comparação de cenários',
  city: 'Cidade',
  scenarioA: 'Cenário A (referência)',
  scenarioB: 'Cenário B (intervenção)',
  period: 'Período do dia',
  'period.am-peak': 'Pico da manhã (7h–8h)',
  'period.midday': 'Meio-dia (12h–13h)',
  'period.pm-peak': 'Pico da tarde (18h–19h)',
  'period.day': 'Dia inteiro',
  view: 'Mapa',
  'view.diff': 'Diferença B − A',
  'view.a': 'Só A',
  'view.b': 'Só B',
  'view.side': 'A | B lado a lado',
  colorBy: 'Cor das vias',
  'colorBy.vc': 'Saturação (v/c)',
  'colorBy.speed': 'Velocidade',
  layers: 'Camadas',
  'layer.arcs': 'Fluxos entre zonas (arcos)',
  'layer.hex': 'Viagens por zona (hexágonos)',
  'layer.attractions': 'Atrações turísticas',
  'layer.boundary': 'Limite do município',
  'layer.changed': 'Vias da intervenção',
  'layer.busRoutes': 'Linhas de ônibus (carga e mudança de tempo)',
  metrics: 'Indicadores do período',
  'metric.vkt': 'Veículos·km',
  'metric.vht': 'Veículos·hora',
  'metric.meanTripMin': 'Tempo médio de viagem (min)',
  'metric.delayVh': 'Atraso (veículos·hora)',
  'metric.co2Kg': 'CO₂ (kg)',
  'metric.trips': 'Viagens',
  delta: 'Δ',
  deltaPct: 'Δ %',
  better: 'melhora',
  worse: 'piora',
  legend: 'Legenda',
  'legend.vc': 'Saturação v/c (volume ÷ capacidade)',
  'legend.speed': 'Velocidade (km/h)',
  'legend.diff': 'Variação de v/c (B − A)',
  'legend.diffBetter': 'azul: melhora',
  'legend.diffWorse': 'vermelho: piora',
  'legend.newLink': 'via nova (só em B)',
  'legend.width': 'Espessura: volume, até',
  'legend.changed': 'vias alteradas pela intervenção',
  'legend.closed': 'via fechada (só em A)',
  'legend.closedWindow': 'via fechada em parte do período',
  'popup.closed': 'Fechada em B: nenhum veículo passa',
  'popup.closedWindow': 'Fechada em B durante uma janela do período',
  closedInB: 'fechada',
  people: 'pessoas',
  vph: 'veíc/h',
  popupTitle: 'Via OSM',
  direction: 'sentido',
  'direction.0': 'no sentido do desenho da via',
  'direction.1': 'contra o sentido do desenho',
  roadClass: 'Classe',
  lanes: 'faixa(s)',
  before: 'Antes (A)',
  after: 'Depois (B)',
  flow: 'Volume (veíc/h)',
  vc: 'v/c',
  speed: 'Velocidade (km/h)',
  time: 'Tempo de percurso (s)',
  notInA: 'não existe em A',
  close: 'Fechar',
  syntheticBanner: 'Rede viária sintética (stand-in) — não são ruas levantadas',
  syntheticDetail: 'Gerada a partir do limite do IBGE, da sede, da população e das rodovias do DNIT até que as ruas reais do OpenStreetMap sejam importadas.',
  attribution: '© colaboradores do OpenStreetMap',
  loading: 'Carregando…',
  noRuns: 'Nenhuma rodada encontrada. Rode um cenário (gemeo run) e recarregue.',
  needTwo: 'Escolha dois cenários da mesma cidade e período.',
  error: 'Erro',
  interventions: 'Intervenções em B',
  'iv.close': 'Via fechada',
  'iv.lanes': 'Faixas alteradas',
  'iv.speed': 'Velocidade alterada',
  'iv.capacity': 'Capacidade alterada',
  'iv.bus-lane': 'Faixa exclusiva de ônibus',
  'iv.reverse': 'Sentido invertido',
  'iv.toll': 'Pedágio',
  'iv.add-link': 'Via nova',
  'iv.close-area': 'Área fechada',
  'iv.event': 'Evento',
  'iv.transit-line': 'Nova linha de ônibus (BRT)',
  noInterventions: 'nenhuma (linha de base)',
  lang: 'English',
  view3d: 'Vista 3D',
  back2d: 'Voltar ao mapa',
  edges: 'vias',
  threeTitle: 'Vista 3D: altura = volume, cor = saturação (v/c)',
  attractionAccess: 'acesso médio (min)',
  zoneTrips: 'viagens originadas',
  arcTrips: 'viagens',
  play: '▶ Animar',
  pause: '❚❚ Pausar',
  timeSlider: 'Hora da simulação',
  tripsTitle: 'Veículos amostrados da simulação dinâmica',
} as const;

export type StringKey = keyof typeof PT;

const EN: Record<StringKey, string> = {
  title: 'Digital twin — traffic and tourism',
  subtitle: 'Scenario comparison',
  city: 'City',
  scenarioA: 'Scenario A (reference)',
  scenarioB: 'Scenario B (intervention)',
  period: 'Time of day',
  'period.am-peak': 'Morning peak (7–8 am)',
  'period.midday': 'Midday (12–1 pm)',
  'period.pm-peak': 'Evening peak (6–7 pm)',
  'period.day': 'Whole day',
  view: 'Map',
  'view.diff': 'Difference B − A',
  'view.a': 'A only',
  'view.b': 'B only',
  'view.side': 'A | B side by side',
  colorBy: 'Road colour',
  'colorBy.vc': 'Saturation (v/c)',
  'colorBy.speed': 'Speed',
  layers: 'Layers',
  'layer.arcs': 'Flows between zones (arcs)',
  'layer.hex': 'Trips by zone (hexagons)',
  'layer.attractions': 'Tourist attractions',
  'layer.boundary': 'Municipal boundary',
  'layer.changed': 'Intervention ways',
  'layer.busRoutes': 'Bus routes (load and time change)',
  metrics: 'Period indicators',
  'metric.vkt': 'Vehicle-km',
  'metric.vht': 'Vehicle-hours',
  'metric.meanTripMin': 'Mean trip time (min)',
  'metric.delayVh': 'Delay (vehicle-hours)',
  'metric.co2Kg': 'CO₂ (kg)',
  'metric.trips': 'Trips',
  delta: 'Δ',
  deltaPct: 'Δ %',
  better: 'better',
  worse: 'worse',
  legend: 'Legend',
  'legend.vc': 'Saturation v/c (volume ÷ capacity)',
  'legend.speed': 'Speed (km/h)',
  'legend.diff': 'Change in v/c (B − A)',
  'legend.diffBetter': 'blue: better',
  'legend.diffWorse': 'red: worse',
  'legend.newLink': 'new link (B only)',
  'legend.width': 'Width: volume, up to',
  'legend.changed': 'ways changed by the intervention',
  'legend.closed': 'closed road (A only)',
  'legend.closedWindow': 'road closed for part of the period',
  'popup.closed': 'Closed in B: no vehicle passes',
  'popup.closedWindow': 'Closed in B for a window of the period',
  closedInB: 'closed',
  people: 'people',
  vph: 'veh/h',
  popupTitle: 'OSM way',
  direction: 'direction',
  'direction.0': 'along the way as drawn',
  'direction.1': 'against the way as drawn',
  roadClass: 'Class',
  lanes: 'lane(s)',
  before: 'Before (A)',
  after: 'After (B)',
  flow: 'Volume (veh/h)',
  vc: 'v/c',
  speed: 'Speed (km/h)',
  time: 'Travel time (s)',
  notInA: 'not in A',
  close: 'Close',
  syntheticBanner: 'Synthetic road network (stand-in) — not surveyed streets',
  syntheticDetail: "Generated from the IBGE boundary, the seat, the population and DNIT highways until the city's real OpenStreetMap streets are imported.",
  attribution: '© OpenStreetMap contributors',
  loading: 'Loading…',
  noRuns: 'No runs found. Run a scenario (gemeo run) and reload.',
  needTwo: 'Pick two scenarios of the same city and period.',
  error: 'Error',
  interventions: 'Interventions in B',
  'iv.close': 'Road closed',
  'iv.lanes': 'Lanes changed',
  'iv.speed': 'Speed changed',
  'iv.capacity': 'Capacity changed',
  'iv.bus-lane': 'Bus lane',
  'iv.reverse': 'Direction reversed',
  'iv.toll': 'Toll',
  'iv.add-link': 'New link',
  'iv.close-area': 'Area closed',
  'iv.event': 'Event',
  'iv.transit-line': 'New bus line (BRT)',
  noInterventions: 'none (baseline)',
  lang: 'Português',
  view3d: '3D view',
  back2d: 'Back to the map',
  edges: 'links',
  threeTitle: '3D view: height = volume, colour = saturation (v/c)',
  attractionAccess: 'mean access (min)',
  zoneTrips: 'trips produced',
  arcTrips: 'trips',
  play: '▶ Play',
  pause: '❚❚ Pause',
  timeSlider: 'Simulation time',
  tripsTitle: 'Sampled vehicles of the dynamic simulation',
};

let current: Lang = 'pt';
const formats = new Map<string, Intl.NumberFormat>();

export function setLang(lang: Lang): void {
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'pt' ? 'pt-BR' : 'en';
}

export function lang(): Lang {
  return current;
}

export function t(key: StringKey): string {
  return current === 'pt' ? PT[key] : EN[key];
}

/** The string of `key` in a language (the tests read both tables through this). */
export function tIn(l: Lang, key: StringKey): string {
  return l === 'pt' ? PT[key] : EN[key];
}

/** A number in the current language's format, with `digits` decimals (grouped thousands). */
export function fmt(value: number | null | undefined, digits = 0, signed = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return formatNumber(current, value, digits, signed);
}

export function formatNumber(l: Lang, value: number, digits: number, signed = false): string {
  const key = `${l}:${digits}:${signed}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(l === 'pt' ? 'pt-BR' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: signed ? 'exceptZero' : 'auto' });
    formats.set(key, f);
  }
  return f.format(value);
}
