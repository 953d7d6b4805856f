import { describe, expect, it } from 'vitest';
import { tempSuffix } from './temp-name.ts';

describe('tempSuffix', () => {
  it('never repeats within a thread, and keeps the digits-only form the catalogue clean-up reads', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => tempSuffix()));
    expect(seen.size).toBe(1000);
    for (const s of seen) expect(`.0123abcd.${s}.tmp`).toMatch(/^\.[0-9a-f]+\.(\d+)\.\d+\.tmp$/);
    expect([...seen][0].split('.')[0]).toBe(String(process.pid));
  });
});
