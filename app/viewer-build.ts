/**
 * The viewer's built files (viewer/dist), rebuilt with vite when missing or older than any
 * viewer source. `gemeo serve` then serves plain static files: no dev server, no bundling per
 * request, and the same bytes the browser tests load.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VIEWER_DIR = fileURLToPath(new URL('../viewer', import.meta.url));
export const VIEWER_DIST = join(VIEWER_DIR, 'dist');
const REPO = fileURLToPath(new URL('..', import.meta.url));
/** What the viewer bundle is made of, besides viewer/src and its pages. */
const SHARED_SOURCES = ['engine/metrics/generated', 'engine/metrics/run-result.ts'];

/** Builds viewer/dist unless it is newer than every source; returns the dist folder and whether it built. */
export async function ensureViewerBuilt(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<{ dist: string; built: boolean; seconds: number }> {
  const started = performance.now();
  if (!options.force && !viewerStale()) return { dist: VIEWER_DIST, built: false, seconds: 0 };
  options.log?.('building the viewer (vite build)…');
  const { build } = await import('vite');
  await build({ configFile: join(VIEWER_DIR, 'vite.config.ts'), logLevel: 'warn' });
  return { dist: VIEWER_DIST, built: true, seconds: (performance.now() - started) / 1000 };
}

/** True when viewer/dist/index.html is missing or older than a source file. */
export function viewerStale(): boolean {
  const index = join(VIEWER_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const builtAt = statSync(index).mtimeMs;
  const sources = [join(VIEWER_DIR, 'src'), join(VIEWER_DIR, 'index.html'), join(VIEWER_DIR, '3d.html'), join(VIEWER_DIR, 'vite.config.ts'), ...SHARED_SOURCES.map((s) => join(REPO, s))];
  return sources.some((s) => newestMtime(s) > builtAt);
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}
