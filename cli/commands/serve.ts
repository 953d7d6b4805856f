/**
 * `gemeo serve`: the viewer on http://127.0.0.1:<port>/ over a runs folder (app/server.ts).
 * The app is built with vite into viewer/dist the first time, and again when its sources change.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { startServer } from '../../app/server.ts';
import { REPO_ROOT } from '../../app/city-graphs.ts';
import { UserError } from '../errors.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the map viewer (deck.gl) over the runs folder, on 127.0.0.1 unless --host says otherwise')
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .option('--runs <dir>', 'runs folder to serve', join(REPO_ROOT, 'runs'))
    .option('--host <address>', 'address to bind (0.0.0.0 exposes the viewer to the network)', '127.0.0.1')
    .option('--style <url>', 'MapLibre style URL for a basemap (default: none, fully offline)')
    .addHelpText('after', '\nOpen the printed URL; ?a=<runDir>&b=<runDir> picks a comparison, ?lang=en starts in English, /3d is the 3D view.')
    .action(async (opts: { port: string; runs: string; host: string; style?: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port: expected a whole number from 0 to 65535, got "${opts.port}"`);
      const server = await startServer({ port, runsDir: opts.runs, host: opts.host, style: opts.style ?? null, log: (line) => process.stderr.write(`${line}\n`) });
      process.stdout.write(`gemeo viewer: ${server.url}  (runs from ${opts.runs}; Ctrl+C stops)\n`);
      await new Promise<void>((done) => {
        const stop = () => void server.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
