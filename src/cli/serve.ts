/**
 * `enlighten serve`: the web page (dist/web, docs/web.md) on the loopback interface, for offline
 * use. Read-only: GET and HEAD of the page's own files, nothing else (no directory listing, no
 * path outside the page: only the names found in dist/web at start are served). Every answer
 * forbids the page any connection (Content-Security-Policy connect-src 'none'). Ctrl-C stops it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadHttp } from '../host/lazy-node.js';
import type { Io } from './io.js';
import { EXIT, UsageError } from './io.js';
import type { CommandSpec } from './spec.js';

export const DEFAULT_PORT = 8737;

/** What the page may do: its own script, style and images; no connection, no form target, no frame. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The built page: next to the bundle (dist/web), or the repository's dist/web when run from source. */
export function findWebDir(env: Record<string, string | undefined> = process.env): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [env['ENLIGHTEN_WEB_DIR'], resolve(here, 'web'), resolve(here, '../../dist/web')];
  return candidates.find((p): p is string => !!p && existsSync(join(p, 'index.html'))) ?? null;
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/i;

interface ServeFlags {
  port?: string;
  host?: string;
}

function readPort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new UsageError(`--port ${value}: expected a port number from 0 to 65535`, '0 takes a free port');
  return n;
}

/** The page's files, read once at start: name (`/app.js`) to bytes and type. */
function loadPage(dir: string): Map<string, { body: Buffer; type: string }> {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    if (!name.isFile()) continue;
    const type = TYPES[extname(name.name).toLowerCase()];
    if (type) files.set(`/${name.name}`, { body: readFileSync(join(dir, name.name)), type });
  }
  return files;
}

function answer(res: ServerResponse, status: number, type: string, body: Buffer | string, head: boolean): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': bytes.length,
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  });
  res.end(head ? undefined : bytes);
}

/** One request: the page's files by GET or HEAD, from a loopback Host (no DNS rebinding); else an error. */
export function handle(
  files: Map<string, { body: Buffer; type: string }>,
  port: () => number,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const head = req.method === 'HEAD';
    const text = 'text/plain; charset=utf-8';
    if (req.method !== 'GET' && !head) {
      res.setHeader('Allow', 'GET, HEAD');
      return answer(res, 405, text, 'only GET and HEAD\n', head);
    }
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
    if (!LOOPBACK.test(host)) return answer(res, 421, text, 'this server answers for 127.0.0.1 only\n', head);
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', `http://127.0.0.1:${port()}`).pathname);
    } catch {
      return answer(res, 400, text, 'bad path\n', head);
    }
    const file = files.get(path === '/' ? '/index.html' : path);
    if (!file) return answer(res, 404, text, 'not found\n', head);
    answer(res, 200, file.type, file.body, head);
  };
}

export async function runServe(flags: ServeFlags, io: Io): Promise<number> {
  const host = flags.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host))
    throw new UsageError(
      `--host ${host}: serve listens on the loopback interface only`,
      'the page needs no server: publish dist/web on any static host instead',
    );
  const port = readPort(flags.port);
  const dir = findWebDir(io.env);
  if (!dir) throw new UsageError('the web page is not built', 'run `npm run build` (it writes dist/web)');
  const files = loadPage(dir);
  // node:http is loaded here, not at every start of the CLI (test/startup).
  const server: Server = loadHttp().createServer(handle(files, () => (server.address() as { port: number }).port));
  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(
        e.code === 'EADDRINUSE'
          ? new UsageError(`port ${port} is in use`, 'give another with --port, or --port 0 for a free one')
          : e,
      ),
    );
    server.listen(port, host, () => ok());
  });
  const bound = (server.address() as { port: number }).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  io.stdout(`enlighten serve: http://${shown}:${bound}/ (the page only, read-only; Ctrl-C stops it)\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => done());
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT.OK;
}

export const serveCommand: CommandSpec = {
  name: 'serve',
  summary: 'serve the web page (pick, see, paste and fix, explain) on 127.0.0.1 for offline use',
  options: [
    { flags: '--port <n>', description: `the port (default ${DEFAULT_PORT}; 0 takes a free one)` },
    { flags: '--host <address>', description: 'the loopback address to listen on (default 127.0.0.1)' },
  ],
  examples: ['enlighten serve', 'enlighten serve --port 0'],
  notes: `It serves only the built page's files (GET and HEAD), with a Content-Security-Policy that
forbids the page any connection; the page runs enlighten in the browser and sends nothing.
The same files work from disk (open dist/web/index.html) or from any static host.`,
  run: (_args, flags, io) => runServe(flags as ServeFlags, io),
};
