import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeJsonAtomic } from './write-atomic.ts';

const dir = mkdtempSync(join(tmpdir(), 'gemeo-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes bytes and text whole, creating folders, leaving no temporary file', () => {
    writeFileAtomic(join(dir, 'a', 'b.bin'), Uint8Array.from([1, 2, 3]));
    writeJsonAtomic(join(dir, 'a', 'c.json'), { x: 1 });
    expect(Array.from(readFileSync(join(dir, 'a', 'b.bin')))).toEqual([1, 2, 3]);
    expect(readFileSync(join(dir, 'a', 'c.json'), 'utf8')).toBe('{\n  "x": 1\n}\n');
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(['b.bin', 'c.json']);
  });

  it('leaves the old file untouched and no temporary file when the rename fails', () => {
    const target = join(dir, 'folder-target');
    writeFileAtomic(join(target, 'inside.txt'), 'x'); // the target is a non-empty folder: rename over it fails
    expect(() => writeFileAtomic(target, 'new')).toThrow();
    expect(existsSync(join(target, 'inside.txt'))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
