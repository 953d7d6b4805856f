import { describe, expect, it } from 'vitest';
import { GEH_COLORS, gehColor, scatterChart } from './scatter.ts';

const labels = { title: 'T', x: 'counted', y: 'modelled', oneToOne: '1:1', band5: 'GEH < 5', band10: 'GEH = 10', format: (v: number) => String(Math.round(v)) };

describe('the validation scatter', () => {
  it('colours by GEH class: under 5, 5 to 10, 10 and above, none', () => {
    expect([gehColor(0), gehColor(4.99), gehColor(5), gehColor(9.99), gehColor(10), gehColor(null)]).toEqual([GEH_COLORS.under5, GEH_COLORS.under5, GEH_COLORS.from5to10, GEH_COLORS.from5to10, GEH_COLORS.over10, GEH_COLORS.none]);
  });

  it('draws one dot per point on a 0..nice-max square: a perfect point sits on the 1:1 line', () => {
    const svg = scatterChart(
      [
        { counted: 1000, modelled: 1000, geh: 0, label: 'on the line' },
        { counted: 1500, modelled: 300, geh: 39.9, label: 'far <below>' },
      ],
      labels,
    );
    const dots = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="5" fill="(#[0-9a-f]+)"/g)].map((m) => [Number(m[1]), Number(m[2]), m[3]]);
    expect(dots).toHaveLength(2);
    // plot 70..620 across and 470..20 up for 0..2000 (the nice maximum above 1500)
    expect(dots[0]).toEqual([70 + (1000 / 2000) * 550, 470 - (1000 / 2000) * 450, GEH_COLORS.under5]);
    expect(dots[1]![2]).toBe(GEH_COLORS.over10);
    expect(svg).toContain('<line x1="70" y1="470" x2="620" y2="20"');
    expect(svg).toContain('<title>far &lt;below&gt;</title>');
    expect(svg).toContain('>2000</text>');
  });
});
