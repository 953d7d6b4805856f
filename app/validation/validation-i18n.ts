/**
 * Every visible word of the validation report, in Portuguese (the default) and English. Number
 * formats, period and road-class names, and the synthetic-network warning come from the
 * comparison report's i18n.ts, so both pages say them the same way.
 */
import type { Lang } from '../report/i18n.ts';

const pt = {
  docKind: 'Gêmeo digital — validação com contagens de tráfego',
  title: (city: string, run: string) => `${run.startsWith(city) ? run : `${city}: ${run}`} diante das contagens`,
  periodLine: (period: string, from: string, to: string, counts: string) => `Período do modelo: ${period} (${from}–${to}). Contagens: ${counts}.`,
  headline: (p: { under5: string; n: number; share: string; ratio: string; meanGeh: string }) =>
    p.n === 0
      ? 'Nenhuma contagem cai no período deste cenário: não há o que comparar.'
      : `${p.under5} de ${p.n} contagens (${p.share}) têm GEH abaixo de 5. O modelo carrega ${p.ratio} do volume contado nessas estações; GEH médio ${p.meanGeh}.`,
  targetNote: 'Referência usual de calibração: GEH < 5 em pelo menos 85 % das contagens. Este resultado é o do modelo sem calibração.',
  calibratedNote: (used: number, stations: string, held: number, heldShare: string, heldRatio: string) =>
    `Rodada calibrada com estas contagens: ${used} das contagens comparadas (estações ${stations}) serviram à calibração, e seu ajuste não é validação. ` +
    (held > 0 ? `Nas ${held} contagens não usadas, GEH < 5 em ${heldShare}; o modelo carrega ${heldRatio} do volume contado nelas.` : 'Nenhuma contagem comparada ficou de fora da calibração.'),
  keyFigures: 'Indicadores de ajuste',
  stationsLine: (stations: number, matched: number, compared: number, outside: number) =>
    `${stations} estações no arquivo, ${matched} localizadas em vias do modelo; ${compared} contagens comparadas, ${outside} fora do período do cenário.`,
  figure: 'Indicador',
  value: 'Valor',
  gehUnder5: 'Contagens com GEH < 5',
  gehUnder10: 'Contagens com GEH < 10',
  meanGeh: 'GEH médio',
  rmsePct: 'RMSE (% da média contada)',
  r2: 'R² (modelado × contado)',
  countTotal: 'Total contado (veículos)',
  modelTotal: 'Total modelado (veículos)',
  ratio: 'Modelado ÷ contado',
  scatter: 'Modelado × contado',
  scatterNote: 'Cada ponto é uma estação num intervalo de contagem, em veículos por hora. A linha contínua é a igualdade (1:1); a faixa sombreada é GEH < 5 e as linhas tracejadas GEH = 10.',
  counted: 'Contado (veíc./h)',
  modelled: 'Modelado (veíc./h)',
  oneToOne: '1:1',
  band5: 'GEH < 5',
  band10: 'GEH = 10',
  map: 'Mapa das estações',
  mapNote: 'Estações coloridas pelo maior GEH entre suas contagens comparadas; as vias em que cada estação foi localizada aparecem em destaque. Círculo vazio: estação não localizada ou sem contagem no período.',
  legendUnder5: 'GEH < 5',
  legend5to10: 'GEH 5–10',
  legendOver10: 'GEH ≥ 10',
  legendNone: 'sem comparação',
  table: 'Contagens comparadas',
  station: 'Estação',
  interval: 'Intervalo',
  countedVeh: 'Contado',
  modelledVeh: 'Modelado',
  geh: 'GEH',
  link: 'Via do modelo',
  noRows: 'Nenhuma contagem comparada.',
  matchLabel: (ways: string, cls: string, distance: string, directions: number) => `${ways} · ${cls} · ${distance}${directions === 2 ? ' · dois sentidos' : ''}`,
  unmatched: 'Estações não localizadas',
  noUnmatched: 'Todas as estações foram localizadas em vias do modelo.',
  reason: 'Motivo',
  glossary: 'Glossário',
  glossaryTerms: [
    ['GEH', 'Estatística de Geoffrey E. Havers que compara volumes horários modelado (M) e contado (C): √(2 (M − C)² / (M + C)). Abaixo de 5 o ajuste é considerado bom.'],
    ['RMSE %', 'Raiz do erro quadrático médio entre modelado e contado, em porcentagem da contagem média.'],
    ['R²', 'Quadrado da correlação entre volumes modelados e contados: 1 quando crescem juntos em proporção exata.'],
    ['Estação sem sentido', 'Quando a contagem não informa o sentido, ela é comparada com a soma dos dois sentidos da via.'],
  ] as [string, string][],
  runInfo: (method: string, hash: string) => `Rodada: ${method}; entradas ${hash}.`,
};

export type ValidationStrings = typeof pt;

const en: ValidationStrings = {
  docKind: 'Digital twin — validation against traffic counts',
  title: (city, run) => `${run.startsWith(city) ? run : `${city}: ${run}`} against the counts`,
  periodLine: (period, from, to, counts) => `Model period: ${period} (${from}–${to}). Counts: ${counts}.`,
  headline: (p) =>
    p.n === 0
      ? 'No count falls in this scenario’s period: there is nothing to compare.'
      : `${p.under5} of ${p.n} counts (${p.share}) have a GEH below 5. The model carries ${p.ratio} of the volume counted at these stations; mean GEH ${p.meanGeh}.`,
  targetNote: 'The usual calibration target: GEH < 5 for at least 85% of the counts. This is the uncalibrated model.',
  calibratedNote: (used: number, stations: string, held: number, heldShare: string, heldRatio: string) =>
    `A run calibrated on these counts: ${used} of the compared counts (stations ${stations}) were used to calibrate it, and their fit is not validation. ` +
    (held > 0 ? `On the ${held} counts not used, GEH < 5 for ${heldShare}; the model carries ${heldRatio} of their counted volume.` : 'No compared count was left out of the calibration.'),
  keyFigures: 'Goodness of fit',
  stationsLine: (stations, matched, compared, outside) => `${stations} stations in the file, ${matched} placed on the model’s links; ${compared} counts compared, ${outside} outside the scenario’s period.`,
  figure: 'Figure',
  value: 'Value',
  gehUnder5: 'Counts with GEH < 5',
  gehUnder10: 'Counts with GEH < 10',
  meanGeh: 'Mean GEH',
  rmsePct: 'RMSE (% of the mean count)',
  r2: 'R² (modelled vs counted)',
  countTotal: 'Counted total (vehicles)',
  modelTotal: 'Modelled total (vehicles)',
  ratio: 'Modelled ÷ counted',
  scatter: 'Modelled against counted',
  scatterNote: 'Each dot is one station in one counting interval, in vehicles per hour. The solid line is equality (1:1); the shaded band is GEH < 5 and the dashed lines GEH = 10.',
  counted: 'Counted (veh/h)',
  modelled: 'Modelled (veh/h)',
  oneToOne: '1:1',
  band5: 'GEH < 5',
  band10: 'GEH = 10',
  map: 'Station map',
  mapNote: 'Stations coloured by the largest GEH among their compared counts; the links each station was placed on are highlighted. Hollow circle: a station not placed, or with no count in the period.',
  legendUnder5: 'GEH < 5',
  legend5to10: 'GEH 5–10',
  legendOver10: 'GEH ≥ 10',
  legendNone: 'not compared',
  table: 'Counts compared',
  station: 'Station',
  interval: 'Interval',
  countedVeh: 'Counted',
  modelledVeh: 'Modelled',
  geh: 'GEH',
  link: 'Model link',
  noRows: 'No count was compared.',
  matchLabel: (ways, cls, distance, directions) => `${ways} · ${cls} · ${distance}${directions === 2 ? ' · both directions' : ''}`,
  unmatched: 'Stations not placed',
  noUnmatched: 'Every station was placed on a link of the model.',
  reason: 'Reason',
  glossary: 'Glossary',
  glossaryTerms: [
    ['GEH', 'Geoffrey E. Havers’ statistic comparing a modelled (M) and a counted (C) hourly flow: √(2 (M − C)² / (M + C)). Below 5 is taken as a good fit.'],
    ['RMSE %', 'Root mean square error between modelled and counted, as a percentage of the mean count.'],
    ['R²', 'Square of the correlation of modelled and counted flows: 1 when they grow together in exact proportion.'],
    ['Station without direction', 'When a count gives no direction it is compared with the sum of both directions of the road.'],
  ],
  runInfo: (method, hash) => `Run: ${method}; inputs ${hash}.`,
};

export function validationStrings(lang: Lang): ValidationStrings {
  return lang === 'en' ? en : pt;
}
