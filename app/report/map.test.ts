import { CLOSED_RGB, CLOSED_WINDOW_RGB, hex } from '../../engine/display/palette.ts';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../engine/metrics/compare.ts';
import { runFromEdges, type EdgeSpec } from '../../test/fixtures/compare-runs.ts';
import { convergenceChart, esc, groupedBars, labelWidth, niceTicks, signedBars } from './charts.ts';
import { strings } from './i18n.ts';
import { MAP_COLORS, mapClass, renderMap } from './map.ts';

describe('renderMap', () => {
  it('puts Δv/c into the diverging classes', () => {
    expect([-1, -0.25, -0.2, -0.1, -0.05, -0.02, 0, 0.0199, 0.02, 0.1, 0.25, 3].map(mapClass)).toEqual([0, 1, 1, 2, 2, 3, 3, 3, 4, 5, 6, 6]);
  });

  it('colours each link by its class, dashes removed links and draws a two-way unchanged street once', () => {
    const street: EdgeSpec[] = [
      { way: 1, dir: 0, points: [[-56.1, -15.6], [-56.09, -15.6]], flow: 500 },
      { way: 1, dir: 1, points: [[-56.09, -15.6], [-56.1, -15.6]], flow: 500 },
      { way: 2, dir: 0, points: [[-56.09, -15.6], [-56.09, -15.59]], flow: 500 },
      { way: 3, dir: 0, points: [[-56.1, -15.6], [-56.1, -15.59]], flow: 500 },
    ];
    const b = street.slice(0, 3).map((e) => ({ ...e }));
    b[2]!.flow = 900; // +0.4: darkest red
    const ra = runFromEdges({ edges: street });
    const rb = runFromEdges({ edges: b });
    const c = compareRuns(ra, rb);
    const svg = renderMap(ra.edges, rb.edges, c.edges.join, strings('pt'), (x) => String(x));
    const pathOf = (color: string) => svg.match(new RegExp(`<path d="([^"]*)" stroke="${color}"`))?.[1] ?? '';
    expect(pathOf(MAP_COLORS[3]!).match(/M/g)).toHaveLength(1); // way 1 drawn once
    expect(pathOf(MAP_COLORS[6]!).match(/M/g)).toHaveLength(1); // way 2
    expect(svg).toMatch(new RegExp(`<path d="M[^"]*" stroke="${hex(CLOSED_RGB)}" stroke-width="5" stroke-dasharray`)); // way 3 removed
    // Equirectangular: the east-west street is horizontal, the north-south one vertical.
    expect(pathOf(MAP_COLORS[3]!)).toMatch(/^M\d+ \d+l-?\d+ 0$/);
    expect(pathOf(MAP_COLORS[6]!)).toMatch(/^M\d+ \d+l0 -\d+$/);
    expect(svg).toContain('trecho removido (fechado)');
  });
});

describe('renderMap: closures and framing', () => {
  /** A 10 × 10 grid of short streets around (-56.1, -15.6), plus one 40 km highway to the east. */
  function town(): EdgeSpec[] {
    const out: EdgeSpec[] = [];
    for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) out.push({ way: 100 + i * 10 + j, points: [[-56.1 + i * 0.002, -15.6 + j * 0.002], [-56.1 + (i + 1) * 0.002, -15.6 + j * 0.002]], flow: 300 });
    out.push({ way: 9, points: [[-56.08, -15.6], [-55.7, -15.6]], flow: 300, roadClass: 'trunk' });
    return out;
  }

  it('draws a link closed in a time window in its own style, with its legend entry, and no entry for marks it does not show', () => {
    const a = runFromEdges({ edges: town() });
    const b = runFromEdges({ edges: town() });
    b.edges.changed[5] = 2; // closed 07:00–07:30 (dynamic model)
    const svg = renderMap(a.edges, b.edges, compareRuns(a, b).edges.join, strings('pt'), String);
    expect(svg).toMatch(new RegExp(`<path d="M[^"]*" stroke="${hex(CLOSED_WINDOW_RGB)}" stroke-width="5" stroke-dasharray="6 6"/>`));
    expect(svg).toContain('trecho fechado em parte do período');
    expect(svg).not.toContain('trecho removido (fechado)');
    expect(svg).not.toContain('trecho novo');
  });

  it('frames the town, not the highway that runs 40 km out of it, but keeps the closed links in view', () => {
    const a = runFromEdges({ edges: town() });
    const b = runFromEdges({ edges: town() });
    const width = (svg: string) => Number(svg.match(/viewBox="0 0 (\d+) (\d+)"/)![1]) / Number(svg.match(/viewBox="0 0 (\d+) (\d+)"/)![2]);
    const svg = renderMap(a.edges, b.edges, compareRuns(a, b).edges.join, strings('pt'), String);
    // the town is about square: a frame around the highway would be some 20 times wider than tall
    expect(width(svg)).toBeLessThan(2);
    const closed = runFromEdges({ edges: town().filter((e) => e.way !== 9) });
    const svg2 = renderMap(a.edges, closed.edges, compareRuns(a, closed).edges.join, strings('pt'), String);
    expect(width(svg2)).toBeGreaterThan(5); // the closed highway is in the frame
    expect(svg2).toContain('trecho removido (fechado)');
  });
});

describe('charts', () => {
  it('draws the convergence on a log axis and skips gaps that cannot be drawn', () => {
    const svg = convergenceChart([{ label: 'A', color: '#000', points: [[1, 0.1], [2, 0.001], [3, 0], [4, NaN]] }], 'it', 'gap', 'title');
    expect(svg.match(/L/g)).toHaveLength(1); // two drawable points
    expect(svg).toContain('10<tspan dy="-5" font-size="9">\u22123</tspan>');
    expect(svg).toContain('10<tspan dy="-5" font-size="9">\u22121</tspan>');
    expect(convergenceChart([{ label: 'A', color: '#000', points: [] }], 'it', 'gap', 't')).toBe('');
  });

  it('labels the y axis of bar charts at round steps up to the tallest bar', () => {
    const svg = groupedBars(['a', 'b'], [{ label: 'A', color: '#000', values: [0.43, 0.1] }], 'parcela', 't', (v) => `${Math.round(v * 100)} %`);
    const ticks = [...svg.matchAll(/<text [^>]*class="tick">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(ticks).toEqual(['20 %', '40 %', '60 %']);
    expect(niceTicks(37, 4)).toEqual([10, 20, 30, 40]);
    expect(niceTicks(0.0031, 4)).toEqual([0.001, 0.002, 0.003, 0.004]);
  });

  it('keeps a row legend\'s second swatch clear of the first label, however long', () => {
    const long = 'A — Linha de base (sem intervenç…';
    const svg = groupedBars(['x'], [{ label: long, color: '#111', values: [1] }, { label: 'B — Avenida Ipiranga fechada', color: '#222', values: [2] }], 'y', 't', String);
    const before = svg.slice(0, svg.indexOf(`>${long}</text>`));
    const labelX = Number(before.slice(before.lastIndexOf('<text x="') + 9).split('"')[0]);
    const swatchB = Number(svg.match(/<rect x="([\d.]+)" y="[\d.]+" width="12" height="12" fill="#222"/)![1]);
    expect(swatchB).toBeGreaterThanOrEqual(labelX + labelWidth(long));
  });

  it('draws signed bars with their values and escapes labels', () => {
    const svg = signedBars([{ label: 'a<b', value: 0.3 }, { label: 'c', value: -0.1 }], 't', (v) => v.toFixed(1));
    expect(svg).toContain('a&lt;b');
    expect(svg).toContain('>0.3<');
    expect(svg).toContain('>-0.1<');
    expect(esc(`"'&`)).toBe('&quot;&#39;&amp;');
  });
});
