/**
 * The words the viewer and the report both show, in one table per language: the two scenarios,
 * the periods, the intervention types and the period's indicators. Each side's own words live in
 * its own table (viewer/src/i18n.ts, app/report/i18n.ts) and take these from here.
 */
import type { Lang } from './format-number.ts';

export interface Terms {
  scenarioA: string;
  scenarioB: string;
  /** Period id → name with its hours ("Pico da manhã (7h–8h)"). */
  periods: Record<'am-peak' | 'midday' | 'pm-peak' | 'day', string>;
  /** Intervention type → what it is, in running text ("fechamento de via"). */
  interventionTypes: Record<string, string>;
  /** Indicator → a short label for a panel and a long one for a report's table. */
  metrics: Record<'vkt' | 'vht' | 'meanTripMin' | 'delayVh' | 'co2Kg' | 'trips', { short: string; long: string }>;
}

const pt: Terms = {
  scenarioA: 'Cenário A (referência)',
  scenarioB: 'Cenário B (com a intervenção)',
  periods: { 'am-peak': 'Pico da manhã (7h–8h)', midday: 'Meio-dia (12h–13h)', 'pm-peak': 'Pico da tarde (18h–19h)', day: 'Dia inteiro' },
  interventionTypes: {
    close: 'fechamento de via',
    lanes: 'mudança no número de faixas',
    speed: 'mudança de velocidade',
    capacity: 'mudança de capacidade',
    'bus-lane': 'faixa exclusiva de ônibus',
    reverse: 'inversão de sentido',
    toll: 'pedágio',
    'add-link': 'nova ligação viária',
    'close-area': 'fechamento de área',
    event: 'evento',
    'transit-line': 'nova linha de ônibus (BRT)',
  },
  metrics: {
    vkt: { short: 'Veículos·km', long: 'Veículos-km percorridos (VKT)' },
    vht: { short: 'Veículos·hora', long: 'Veículos-hora percorridos (VHT)' },
    meanTripMin: { short: 'Tempo médio de viagem (min)', long: 'Tempo médio de viagem (min)' },
    delayVh: { short: 'Atraso (veículos·hora)', long: 'Atraso (veículos-hora)' },
    co2Kg: { short: 'CO₂ (kg)', long: 'Emissões de CO₂ (kg)' },
    trips: { short: 'Viagens', long: 'Viagens no período' },
  },
};

const en: Terms = {
  scenarioA: 'Scenario A (reference)',
  scenarioB: 'Scenario B (with the intervention)',
  periods: { 'am-peak': 'Morning peak (7–8 am)', midday: 'Midday (12–1 pm)', 'pm-peak': 'Evening peak (6–7 pm)', day: 'Whole day' },
  interventionTypes: {
    close: 'road closure',
    lanes: 'change in lanes',
    speed: 'change in speed',
    capacity: 'change in capacity',
    'bus-lane': 'bus lane',
    reverse: 'direction reversed',
    toll: 'toll',
    'add-link': 'new road link',
    'close-area': 'area closure',
    event: 'event',
    'transit-line': 'new bus line (BRT)',
  },
  metrics: {
    vkt: { short: 'Vehicle-km', long: 'Vehicle-kilometres travelled (VKT)' },
    vht: { short: 'Vehicle-hours', long: 'Vehicle-hours travelled (VHT)' },
    meanTripMin: { short: 'Mean trip time (min)', long: 'Mean trip time (min)' },
    delayVh: { short: 'Delay (vehicle-hours)', long: 'Delay (vehicle-hours)' },
    co2Kg: { short: 'CO₂ (kg)', long: 'CO₂ emissions (kg)' },
    trips: { short: 'Trips', long: 'Trips in the period' },
  },
};

export const TERMS: Record<Lang, Terms> = { pt, en };

/** "Fechamento de via": a term at the start of a line or a label. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
