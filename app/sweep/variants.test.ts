import { describe, expect, it } from 'vitest';
import { expandVariants, parsePath, PathError, setPath, variantLabel } from './variants.ts';

const base = { city: 'nobres', name: 'b', seed: 1, interventions: [{ type: 'lanes', ways: [1], lanes: 2 }] };

describe('sweep variants', () => {
  it('parses field paths as JavaScript writes them', () => {
    expect(parsePath('seed')).toEqual(['seed']);
    expect(parsePath('demand.scale')).toEqual(['demand', 'scale']);
    expect(parsePath('interventions[0].lanes')).toEqual(['interventions', 0, 'lanes']);
    for (const bad of ['', 'a..b', 'a[x]', '[0]', 'a.', 'a[-1]']) expect(() => parsePath(bad), bad).toThrow(PathError);
  });

  it('sets a field on a copy, creating a missing object but never a missing list element', () => {
    const d = setPath(base, 'demand.scale', 1.1);
    expect(d.demand).toEqual({ scale: 1.1 });
    expect(base).not.toHaveProperty('demand');
    expect((setPath(base, 'interventions[0].lanes', 3).interventions as { lanes: number }[])[0].lanes).toBe(3);
    expect(base.interventions[0].lanes).toBe(2);
    expect(() => setPath(base, 'interventions[1].lanes', 3)).toThrow(/has 1 element\(s\), no \[1\]/);
    expect(() => setPath(base, 'seed.x', 3)).toThrow(/seed is not an object/);
    expect(() => setPath(base, 'name[0]', 3)).toThrow(/name is not a list/);
  });

  it('expands the cartesian product in odometer order (last entry fastest)', () => {
    const v = expandVariants(base, [
      { path: 'demand.scale', values: [0.9, 1.0, 1.1] },
      { path: 'seed', values: [1, 2] },
    ]);
    expect(v).toHaveLength(6);
    expect(v.map((x) => [(x.doc.demand as { scale: number }).scale, x.doc.seed])).toEqual([
      [0.9, 1], [0.9, 2], [1.0, 1], [1.0, 2], [1.1, 1], [1.1, 2],
    ]);
    expect(v.map((x) => x.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(variantLabel(v[5].params)).toBe('demand.scale=1.1, seed=2');
    // variants share nothing with each other or the base
    (v[0].doc.interventions as { lanes: number }[])[0].lanes = 9;
    expect((v[1].doc.interventions as { lanes: number }[])[0].lanes).toBe(2);
  });

  it('with no entries is the base alone', () => {
    expect(expandVariants(base, []).map((x) => x.doc)).toEqual([base]);
  });
});
