// A writer that takes no lock appends lines to the file while `set` runs again and again: no line
// may vanish. enlighten's compare-and-swap must notice each append it would otherwise overwrite
// and refuse (exit 2, "changed since enlighten read it").
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/tools.js';
import { cli, leftovers, seeded } from './support.js';

const SET_RUNS = 60;

/**
 * Appends `# line N` (a comment, so the file stays one QEMU command line; open, append, close each time) every 0-`maxGap` ms, with a 0.8 s pause now and
 * then (so that some `set` runs find a quiet moment and write), until its stdin closes; prints N.
 */
const APPENDER = `
const { appendFileSync } = require('node:fs');
const [file, maxGap, seed] = process.argv.slice(1).map((a, i) => (i ? Number(a) : a));
let a = seed >>> 0, n = 0, done = false;
const random = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
process.stdin.on('data', () => {}).on('end', () => { done = true; });
const tick = () => {
  if (done) return void process.stdout.write(String(n));
  appendFileSync(file, '# line ' + n++ + '\\n');
  setTimeout(tick, random() < 0.03 ? 800 : random() * maxGap);
};
tick();
`;

describe('a writer appending without a lock', () => {
  it(`loses no line while set runs ${SET_RUNS} times`, async () => {
    const { seed } = seeded(7);
    const dir = makeTempDir('enlighten-trust-');
    const file = join(dir, 'vm.args');
    writeFileSync(file, '-cpu host,hv-relaxed\n');
    const appender = spawn(process.execPath, ['-e', APPENDER, file, '10', String(seed)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let count = '';
    appender.stdout.on('data', (b: Buffer) => (count += b.toString()));
    const ended = new Promise((resolve) => appender.on('close', resolve));
    const tally = { updated: 0, refused: 0 };
    for (let i = 0; i < SET_RUNS; i++) {
      const r = await cli(['set', file, `hv-spinlocks=${4096 + i}`]); // a change every time
      if (r.code === 0) {
        expect(r.stderr).toMatch(/: updated \(backup: /);
        tally.updated++;
      } else {
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/changed since enlighten read it/);
        tally.refused++;
      }
    }
    appender.stdin.end();
    await ended;
    const written = Number(count);
    const lines = readFileSync(file, 'utf8').split('\n').slice(1, -1);
    expect(lines).toEqual(Array.from({ length: written }, (_, n) => `# line ${n}`));
    expect(leftovers(dir)).toEqual([]);
    console.log(
      `append test: ${written} lines appended, none lost; set ${tally.updated} updated, ${tally.refused} refused (changed since read)`,
    );
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.updated).toBeGreaterThan(0);
  }, 600_000);
});
