import { describe, expect, it } from 'vitest';
import { runCliInProcess } from './run-cli.ts';

describe('gemeo streets', () => {
  it('lists the ways of a street by name, ignoring case and accents, with id, class, length and lanes', async () => {
    const r = await runCliInProcess(['streets', 'porto-alegre', '--search', 'IPIRANGA', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ city: 'porto-alegre', synthetic: false, search: 'IPIRANGA' });
    expect(out.total).toBeGreaterThan(50);
    for (const w of out.ways) {
      expect(w.name).toBe('Avenida Ipiranga');
      expect(w).toEqual(expect.objectContaining({ way: expect.any(Number), class: expect.any(String), lengthM: expect.any(Number), lanes: expect.any(Number) }));
    }
    expect(out.ways.map((w: { way: number }) => w.way)).toContain(126775090);
    const text = await runCliInProcess(['streets', 'porto-alegre', '--search', 'bento gonçalves', '--limit', '3']);
    expect(text.stdout.split('\n')[0]).toMatch(/^\s*way\s+name\s+class\s+length\s+lanes$/);
    expect(text.stdout).toMatch(/\d+ +Avenida Bento Gonçalves +\w+ +\d+ m +\d/);
    expect(text.stdout).toMatch(/ways \(\d+ more: --limit 0 lists all\)/);
  });

  it('marks a stand-in network\'s generated names as synthetic', async () => {
    const r = await runCliInProcess(['streets', 'nobres', '--json', '--limit', '0']);
    const out = JSON.parse(r.stdout);
    expect(out.synthetic).toBe(true);
    expect(out.ways.length).toBe(out.total);
    expect(out.ways.every((w: { synthetic: boolean }) => w.synthetic)).toBe(true);
    expect(out.ways.some((w: { ref: string }) => /^BR-\d+/.test(w.ref))).toBe(true);
  });

  it('refuses an empty search and an unknown city with exit 2 and one line', async () => {
    for (const args of [['streets', 'porto-alegre', '--search', ' '], ['streets', 'atlantis']]) {
      const r = await runCliInProcess(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
