// The web page's weight, measured on a fresh build of src/web: under 300 KB compressed (gzip and
// brotli, as a static host or `enlighten serve` behind a proxy would send it). Size is not speed (the
// browser tests measure the time to first interaction), but it is what a visitor downloads.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without types
import { buildWeb } from '../../scripts/build-web.mjs';
import { artifactDir } from '../support/browser.js';
import { makeTempDir } from '../support/tools.js';

const BUDGET = 300 * 1024;

interface Weight {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

let weights: Weight[] = [];

describe('the web page weight', () => {
  beforeAll(async () => {
    const dir = makeTempDir('enlighten-web-size-');
    await (buildWeb as (out: string) => Promise<void>)(dir);
    weights = readdirSync(dir)
      .sort()
      .map((file) => {
        const bytes = readFileSync(join(dir, file));
        return {
          file,
          raw: bytes.length,
          gzip: gzipSync(bytes, { level: 9 }).length,
          brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
        };
      });
    const total = weights.reduce(
      (t, w) => ({ raw: t.raw + w.raw, gzip: t.gzip + w.gzip, brotli: t.brotli + w.brotli }),
      {
        raw: 0,
        gzip: 0,
        brotli: 0,
      },
    );
    writeFileSync(join(artifactDir('web'), 'weight.json'), `${JSON.stringify({ files: weights, total }, null, 2)}\n`);
    console.log(
      `web page: ${total.raw} bytes, gzip ${total.gzip}, brotli ${total.brotli} (budget ${BUDGET} compressed)`,
    );
  }, 60_000);

  it('is one HTML entry, one script and one style sheet', () => {
    expect(weights.map((w) => w.file)).toEqual(['app.css', 'app.js', 'index.html']);
  });

  it('is under 300 KB with gzip and with brotli', () => {
    const gzip = weights.reduce((t, w) => t + w.gzip, 0);
    const brotli = weights.reduce((t, w) => t + w.brotli, 0);
    expect(gzip).toBeLessThan(BUDGET);
    expect(brotli).toBeLessThan(BUDGET);
    expect(brotli).toBeLessThanOrEqual(gzip);
  });
});
