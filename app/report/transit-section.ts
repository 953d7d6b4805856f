/**
 * The report's transit section (runs made with transit modelling): people's hours by mode, bus
 * riders and their hours, bus hours, the shift from car to bus, and the routes whose run time
 * or riders change most. Portuguese by default, like the rest of the report.
 */
import type { TransitComparison } from '../../engine/transit/transit-summary.ts';
import { esc } from './charts.ts';
import { formatNumber, formatShare, formatSigned, type Lang } from './i18n.ts';

const TEXT = {
  pt: {
    heading: 'Ônibus e escolha modal',
    intro: 'Pessoas, não só veículos: as viagens de pessoas entre as zonas se dividem entre carro, ônibus e a pé por um modelo logit calibrado às parcelas publicadas (ANTP, Sistema de Informações da Mobilidade Urbana, 2014). Horas de passageiros de ônibus contam de porta a porta (caminhada e espera incluídas).',
    figure: 'Indicador',
    riderHours: 'Horas dos passageiros de ônibus',
    personHours: 'Horas de todas as pessoas (carro, ônibus, a pé)',
    busHours: 'Horas de ônibus em circulação',
    riders: 'Passageiros de ônibus no período',
    shares: 'Parcelas carro / ônibus / a pé',
    modeGap: 'Viagens que ainda mudariam de modo na última rodada (convergência)',
    modeShift: (n: string) => `${n} viagens deixam o carro (passam ao ônibus quando é o ônibus que melhora).`,
    routes: 'Linhas que mais mudam',
    line: 'Linha',
    runMin: 'Tempo de percurso (min)',
    ridersCol: 'Passageiros',
    added: 'nova',
    none: 'Nenhuma linha muda.',
  },
  en: {
    heading: 'Buses and mode choice',
    intro: 'People, not only vehicles: person trips between zones split between car, bus and walking by a logit calibrated to published shares (ANTP, Urban Mobility Information System, 2014). Bus riders\' hours count door to door (walking and waiting included).',
    figure: 'Figure',
    riderHours: 'Bus riders\' hours',
    personHours: 'Everyone\'s hours (car, bus, walking)',
    busHours: 'Bus hours in service',
    riders: 'Bus riders in the period',
    shares: 'Shares car / bus / walk',
    modeGap: 'Trips that would still change mode in the last round (convergence)',
    modeShift: (n: string) => `${n} trips leave the car (to the bus, when the bus is what improves).`,
    routes: 'Routes that change most',
    line: 'Route',
    runMin: 'Run time (min)',
    ridersCol: 'Riders',
    added: 'new',
    none: 'No route changes.',
  },
};

export function transitHeading(lang: Lang): string {
  return TEXT[lang].heading;
}

export function transitSection(x: TransitComparison, lang: Lang, top = 10): string {
  const t = TEXT[lang];
  const row = (label: string, a: number, b: number, d: number, decimals = 0, goodWhenDown = true) =>
    `<tr><td>${esc(label)}</td><td>${formatNumber(a, lang, decimals)}</td><td>${formatNumber(b, lang, decimals)}</td><td class="${Math.abs(d) < 1e-9 ? 'same' : (d < 0) === goodWhenDown ? 'good' : 'bad'}">${formatSigned(d, lang, decimals)}</td></tr>`;
  const gap = (g: number | null) => (g === null ? '—' : formatShare(g, lang, 2));
  const share = (s: { car: number; bus: number; walk: number }) => [s.car, s.bus, s.walk].map((v) => formatShare(v, lang, 1)).join(' / ');
  const table = `<table><thead><tr><th>${esc(t.figure)}</th><th>A</th><th>B</th><th>Δ</th></tr></thead><tbody>${[
    row(t.riderHours, x.riderHoursA, x.riderHoursB, x.riderHoursChange),
    row(t.personHours, x.personHoursA, x.personHoursB, x.personHoursChange),
    row(t.busHours, x.busHoursA, x.busHoursB, x.busHoursChange, 1),
    row(t.riders, x.ridersA, x.ridersB, x.ridersChange, 0, false),
  ].join('')}<tr><td>${esc(t.shares)}</td><td>${share(x.sharesA)}</td><td>${share(x.sharesB)}</td><td></td></tr>${
    x.modeGapA === null && x.modeGapB === null ? '' : `<tr><td>${esc(t.modeGap)}</td><td>${gap(x.modeGapA)}</td><td>${gap(x.modeGapB)}</td><td></td></tr>`
  }</tbody></table>`;
  const routes = x.routes.filter((r) => (r.runMinChange !== null && Math.abs(r.runMinChange) >= 0.05) || Math.abs(r.ridersChange) >= 0.5).slice(0, top);
  const list =
    routes.length === 0
      ? `<p class="muted">${esc(t.none)}</p>`
      : `<h3>${esc(t.routes)}</h3><table><thead><tr><th>${esc(t.line)}</th><th>${esc(t.runMin)} A</th><th>B</th><th>${esc(t.ridersCol)} A</th><th>B</th></tr></thead><tbody>${routes
          .map(
            (r) =>
              `<tr><td>${esc(`${r.line} ${r.name}`)}${r.added ? ` <span class="tag b">${esc(t.added)}</span>` : ''}</td><td>${r.runMinA === null ? '—' : formatNumber(r.runMinA, lang, 1)}</td><td>${r.runMinB === null ? '—' : formatNumber(r.runMinB, lang, 1)}</td><td>${formatNumber(r.ridersA, lang)}</td><td>${formatNumber(r.ridersB, lang)}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  return `<p class="muted">${esc(t.intro)}</p>${table}<p>${esc(t.modeShift(formatNumber(x.modeShift, lang)))}</p>${list}`;
}
