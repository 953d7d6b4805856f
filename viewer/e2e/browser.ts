/**
 * Debian's Chromium driven by playwright-core, for the viewer's browser tests and benchmark:
 * headless, WebGL2 on SwiftShader (software), a fresh empty profile per launch, no network
 * services. A missing browser is an error that says how to install it — never a skipped test.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The browser globals the functions below run with inside the page (this file is also checked as Node code). */
declare const Image: { new (): { src: string; width: number; height: number; decode(): Promise<void> } };
declare const OffscreenCanvas: {
  new (w: number, h: number): { getContext(kind: '2d'): { drawImage(i: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
};

export const CHROMIUM = process.env.GEMEO_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1400, height: 850 }): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM}: Chromium not found; install Debian's build (apt-get install -y chromium) or set GEMEO_CHROMIUM`);
  const profile = mkdtempSync(join(tmpdir(), 'gemeo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Pixels of a PNG screenshot that differ from `background` (decoded by the browser itself). */
export async function drawnPixels(page: Page, png: Buffer, background: [number, number, number], tolerance = 12): Promise<number> {
  return page.evaluate(
    async ({ b64, bg, tol }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = new OffscreenCanvas(img.width, img.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, img.width, img.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - bg[0]) > tol || Math.abs(d[i + 1] - bg[1]) > tol || Math.abs(d[i + 2] - bg[2]) > tol) n++;
      return n;
    },
    { b64: png.toString('base64'), bg: background, tol: tolerance },
  );
}

/** The colours of a PNG screenshot within `radius` pixels of (x, y), as [r, g, b] triples. */
export async function pixelsAround(page: Page, png: Buffer, x: number, y: number, radius = 1): Promise<[number, number, number][]> {
  return page.evaluate(
    async ({ b64, cx, cy, r }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = new OffscreenCanvas(img.width, img.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const out: [number, number, number][] = [];
      for (let dy = -r; dy <= r; dy++)
        for (let dx = -r; dx <= r; dx++) {
          const d = ctx.getImageData(Math.round(cx) + dx, Math.round(cy) + dy, 1, 1).data;
          out.push([d[0], d[1], d[2]]);
        }
      return out;
    },
    { b64: png.toString('base64'), cx: x, cy: y, r: radius },
  );
}

/** Pixels that differ between two PNG screenshots of the same size. */
export async function changedPixels(page: Page, a: Buffer, b: Buffer, tolerance = 12): Promise<number> {
  return page.evaluate(
    async ({ a64, b64, tol }) => {
      const read = async (s: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${s}`;
        await img.decode();
        const c = new OffscreenCanvas(img.width, img.height);
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height).data;
      };
      const [x, y] = await Promise.all([read(a64), read(b64)]);
      if (x.length !== y.length) return -1;
      let n = 0;
      for (let i = 0; i < x.length; i += 4) if (Math.abs(x[i] - y[i]) > tol || Math.abs(x[i + 1] - y[i + 1]) > tol || Math.abs(x[i + 2] - y[i + 2]) > tol) n++;
      return n;
    },
    { a64: a.toString('base64'), b64: b.toString('base64'), tol: tolerance },
  );
}

/** Where the browser tests keep their screenshots (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/viewer/', import.meta.url));

/** Waits until deck.gl has drawn a few frames after the last change. */
export async function settle(page: Page): Promise<void> {
  // a string: this file is also type-checked without the DOM library (bench/viewer.ts imports it)
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 250))))');
}

/** Screenshot of the map canvas, kept as test-artifacts/viewer/<name>.png. */
export async function mapShot(page: Page, name: string): Promise<Buffer> {
  const png = await page.locator('#map canvas').first().screenshot();
  writeFileSync(join(ARTIFACTS, `${name}.png`), png);
  return png;
}
