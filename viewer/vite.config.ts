/**
 * Builds the viewer (viewer/index.html: the comparison map; viewer/3d.html: the 3D view) into
 * viewer/dist, which `gemeo serve` serves. Sources outside viewer/ (the engine's generated
 * flatbuffers code and types) are bundled from the repository.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      input: { index: fileURLToPath(new URL('index.html', import.meta.url)), '3d': fileURLToPath(new URL('3d.html', import.meta.url)) },
    },
  },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
