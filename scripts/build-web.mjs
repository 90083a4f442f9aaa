// The web page (docs/web.md): one HTML file, one script, one style sheet, minified, for any static
// host, file:// or `enlighten serve`. The script is a classic one (no module), so the page also works
// when opened from a file. scripts/build.mjs writes it to dist/web; the size test builds it afresh.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = new URL('../', import.meta.url).pathname;

/** Builds the page into `outdir` (relative to the repository, or absolute). */
export async function buildWeb(outdir) {
  const out = resolve(ROOT, outdir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome109', 'firefox115', 'safari15.6'],
    logLevel: 'warning',
    legalComments: 'none',
    entryPoints: [
      { in: 'src/web/main.ts', out: 'app' },
      { in: 'src/web/style.css', out: 'app' },
    ],
    outdir: out,
    minify: true,
  });
  copyFileSync(join(ROOT, 'src/web/index.html'), join(out, 'index.html'));
}
