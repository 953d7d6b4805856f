import { hex, NEW_LINK_RGB } from '../../engine/display/palette.ts';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../engine/metrics/compare.ts';
import { gridRunPair } from '../../test/fixtures/compare-runs.ts';
import { esc } from './charts.ts';
import { formatSigned, MINUS, strings, type Lang, type Strings } from './i18n.ts';
import { OSM_COPYRIGHT_URL, renderReport, reportInputs, writeReport } from './report.ts';

const synthetic = gridRunPair(12);
const osm = gridRunPair(12, { synthetic: false });
const render = (pair: typeof synthetic, lang: Lang) => renderReport(compareRuns(pair.a, pair.b), { lang, ...reportInputs(pair.a, pair.b) });
const pt = render(synthetic, 'pt');
const en = render(synthetic, 'en');

/** Every fixed label of a language: plain strings, list items and the values of its maps. */
function fixedLabels(t: Strings): string[] {
  const out: string[] = [];
  for (const value of Object.values(t)) {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) out.push(...value.flat());
    else if (typeof value === 'object') out.push(...Object.values(value as Record<string, string>));
  }
  return out;
}

describe('renderReport', () => {
  it('shows the comparison numbers formatted for each language', () => {
    // VKT 184,230.4 → 181,002.9 (fixture totals): Δ −3,227.5, −1.75 %.
    expect(pt).toContain(`${MINUS}3.228`);
    expect(en).toContain(`${MINUS}3,228`);
    expect(pt).toContain(`${MINUS}1,8\u00a0%`);
    expect(en).toContain(`${MINUS}1.8%`);
    expect(pt).toContain('184.230');
    expect(en).toContain('184,230');
    const c = compareRuns(synthetic.a, synthetic.b);
    expect(pt).toContain(formatSigned(c.totals.delayVh.delta, 'pt', 0));
    expect(pt).toContain(formatSigned(c.topWorse[0]!.deltaVc, 'pt', 2));
  });

  it('opens with a plain-language headline for an official', () => {
    // Mean trip 23.4 → 21.6 min: −1.8 min, −7.7 %.
    expect(pt).toContain(`o tempo médio de viagem cai 1,8 min (${MINUS}7,7\u00a0%) em relação a «Linha de base», de 23,4 para 21,6 min`);
    expect(en).toContain(`the mean trip time falls by 1.8 min (${MINUS}7.7%) compared with “Linha de base”, from 23.4 to 21.6 min`);
    expect(pt).toMatch(/<title>Cuiabá: Linha de base × Faixas de BRT na Av\. do CPA<\/title>/);
    expect(pt).toContain('<html lang="pt-BR">');
    expect(en).toContain('<html lang="en">');
  });

  it('rates no total better or worse when B leaves trips without a route, and says how many in its first lines', () => {
    const pair = gridRunPair(12);
    pair.b.totals = { ...pair.b.totals, unreachableTrips: 1_744 };
    for (const lang of ['pt', 'en'] as const) {
      const t = strings(lang);
      const html = render(pair, lang);
      const figures = html.slice(html.indexOf('<table class="figures">'), html.indexOf('</table>', html.indexOf('<table class="figures">')));
      for (const key of ['vkt', 'vht', 'delayVh', 'co2Kg', 'meanTripMin'] as const) {
        const row = figures.slice(figures.indexOf(esc(t[key])), figures.indexOf('</tr>', figures.indexOf(esc(t[key]))));
        expect(row, key).toContain(t.notComparable);
        expect(row, key).not.toContain(t.better);
      }
      const head = html.slice(0, html.indexOf('<section>'));
      expect(head).toContain(esc(t.unreachableLine('0', '1' + (lang === 'pt' ? '.' : ',') + '744')));
      expect(head).toContain(lang === 'pt' ? 'não somam as mesmas viagens' : 'do not total the same trips');
      // counts of trips are whole numbers
      const row = figures.slice(figures.indexOf(esc(t.unreachableTrips)), figures.indexOf('</tr>', figures.indexOf(esc(t.unreachableTrips))));
      expect(row).toContain(`<td>0</td><td>1${lang === 'pt' ? '.' : ','}744</td>`);
    }
    // the same trips on both sides: the totals are rated, and no warning
    expect(pt.slice(0, pt.indexOf('<section>'))).not.toContain('não somam');
    expect(pt).toContain(`▼ ${strings('pt').better}`);
  });

  it('opens an event scenario with its new trips apart from the baseline\'s, whose own change it gives', () => {
    const pair = gridRunPair(12);
    pair.b.totals = { ...pair.b.totals, trips: pair.a.totals.trips + 7_051 };
    const c = compareRuns(pair.a, pair.b);
    const html = renderReport(c, { lang: 'pt', ...reportInputs(pair.a, pair.b) });
    const head = html.slice(html.indexOf('<p class="headline">'), html.indexOf('</p>', html.indexOf('<p class="headline">')));
    expect(head).toContain('acrescenta 7.051 viagens às 41.250 de «Linha de base»');
    expect(head).toContain(`Para as viagens que já existiam, o tempo de viagem ${c.zones.meanChangeMin < 0 ? 'cai' : 'sobe'} em média`);
    expect(html).toContain('B tem 7.051 viagens a mais que A');
    const en = renderReport(c, { lang: 'en', ...reportInputs(pair.a, pair.b) });
    expect(en).toContain('adds 7,051 trips to the 41,250 of');
    expect(en).toContain('B has 7,051 more trips than A');
  });

  it('describes each intervention: the street closed and when, the event\'s name, crowd and hours', () => {
    const pair = gridRunPair(12);
    pair.b.interventions = [
      { intervention: 0, type: 'close', edges: 178, note: '178 edges closed (all day)', label: 'Avenida Ipiranga' },
      { intervention: 1, type: 'close', edges: 4, note: '4 edges closed (07:00–07:30)', label: 'Rua da Praia', from: '07:00', to: '07:30' },
      { intervention: 2, type: 'event', edges: 0, note: '8000 attending, 18:30–21:00', label: 'Jogo na Arena Pantanal', attendance: 8000, from: '18:30', to: '21:00' },
    ];
    const c = compareRuns(pair.a, pair.b);
    const pt = renderReport(c, { lang: 'pt' });
    const list = pt.slice(pt.indexOf('<h2>Intervenções do cenário B</h2>'), pt.indexOf('</ol>', pt.indexOf('<h2>Intervenções do cenário B</h2>')));
    expect(list).toContain('fechamento de via — <b>Avenida Ipiranga</b> — 178 trechos de via · o dia todo');
    expect(list).toContain('fechamento de via — <b>Rua da Praia</b> — 4 trechos de via · das 07:00 às 07:30');
    expect(list).toContain('evento — Jogo na Arena Pantanal: 8.000 pessoas, das 18:30 às 21:00');
    expect(list).not.toContain('0 trechos');
    expect(list).not.toContain('attending');
    const en = renderReport(c, { lang: 'en' });
    expect(en).toContain('Jogo na Arena Pantanal: 8,000 people, 18:30 to 21:00');
  });

  it('marks a synthetic network and credits OpenStreetMap only when a run uses it', () => {
    expect(pt).toContain('Rede viária sintética — não representa ruas levantadas');
    expect(en).toContain('Synthetic road network — not surveyed streets');
    expect(pt).not.toContain('OpenStreetMap, ODbL');
    const real = render(osm, 'pt');
    expect(real).not.toContain('Rede viária sintética');
    expect(real).toContain(`<a href="${OSM_COPYRIGHT_URL}">© colaboradores do OpenStreetMap, ODbL</a>`);
    expect(render(osm, 'en')).toContain('© OpenStreetMap contributors, ODbL');
  });

  it('is self-contained: no scripts, no external resources, no URL but the attribution link', () => {
    for (const html of [pt, en, render(osm, 'pt')]) {
      const urls = new Set(html.match(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>)]*/gi) ?? []);
      for (const url of urls) expect(url).toBe(OSM_COPYRIGHT_URL);
      expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|@import|url\(/i);
    }
  });

  it('leaks no English label into the Portuguese page, nor Portuguese into the English one', () => {
    const ptLabels = fixedLabels(strings('pt'));
    const enLabels = fixedLabels(strings('en'));
    const own = (labels: string[]) => new Set(labels);
    const check = (html: string, foreign: string[], mine: Set<string>) => {
      const text = html.replace(/<style>[^]*<\/style>/, ' ').replace(/<[^>]+>/g, ' ');
      for (const label of foreign) {
        if (label.length < 4 || mine.has(label)) continue;
        // Whole words only: the Portuguese "Classe" holds the English "Class".
        const word = new RegExp(`(?<![\\p{L}\\p{N}])${esc(label).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');
        expect(text, label).not.toMatch(word);
      }
    };
    check(pt, enLabels, own(ptLabels));
    check(en, ptLabels, own(enLabels));
    expect(pt).toContain(esc(strings('pt').glossary));
    expect(en).toContain(esc(strings('en').glossary));
    // the graph's own name is English ("… (stand-in street network)"): the page names the network in its language
    const named = gridRunPair(12);
    named.a.meta.graphName = named.b.meta.graphName = 'Cuiabá (stand-in street network)';
    const page = render(named, 'pt');
    expect(page).not.toMatch(/stand-in|street network/);
    expect(page).toContain('Cuiabá (rede viária sintética)');
  });

  it('draws the charts and a small map as inline SVG', () => {
    expect(pt.match(/<svg[^>]*class="chart"/g)?.length).toBe(6); // convergence, 2 v/c, 2 top lists, zone times
    const map = pt.slice(pt.indexOf('class="map"'), pt.indexOf('</svg>', pt.indexOf('class="map"')));
    // One path per colour class (at most 7), halo, removed, added; not one per link.
    expect(map.match(/<path/g)!.length).toBeLessThanOrEqual(11);
    expect(map).toContain('stroke-dasharray'); // the closed street
    expect(map).toContain(hex(NEW_LINK_RGB)); // the added link
    expect(pt).toContain('Δ v/c (B − A)');
  });

  it('escapes names and is the same page every time', () => {
    const pair = gridRunPair(6);
    pair.b.meta.name = '<script>alert(1)</script> & "x"';
    const html = render(pair, 'pt');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(render(synthetic, 'pt')).toBe(pt);
  });

  it('leaves out the map and convergence with a note when their inputs are missing', () => {
    const c = compareRuns(synthetic.a, synthetic.b);
    const html = renderReport(c);
    expect(html).toContain(strings('pt').noMap);
    expect(html).toContain(strings('pt').noConvergence);
  });

  it('stays small for a large city: the map is a few paths with rounded coordinates', () => {
    const big = gridRunPair(60); // 14,160 links
    const html = render(big, 'pt');
    expect(big.a.edges.count).toBeGreaterThan(14_000);
    expect(html.length / big.a.edges.count).toBeLessThan(40);
  });
});

describe('writeReport', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gemeo-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes report.html (pt) and report.en.html through a temporary name', () => {
    const out = join(dir, 'nested', 'cmp');
    const path = writeReport(out, pt, 'pt');
    expect(path).toBe(join(out, 'report.html'));
    expect(readFileSync(path, 'utf8')).toBe(pt);
    expect(writeReport(out, en, 'en')).toBe(join(out, 'report.en.html'));
    writeReport(out, en, 'pt');
    expect(readFileSync(path, 'utf8')).toBe(en);
    expect(readdirSync(out).sort()).toEqual(['report.en.html', 'report.html']);
  });
});
