// What the built CLI does at start-up, checked on the real bundle (no timing: the speed itself is
// measured by `npm run bench -- cold-start`). These are the causes of a slow start that profiles
// found: Node modules loaded by commands that never use them, a code cache V8 rejects, a bundle that
// bin/enlighten.cjs would misread, a collator made at every start.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../trust/support.js';

const dir = mkdtempSync(join(tmpdir(), 'enlighten-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A preload that writes, at exit, the Node modules and the Intl objects the process made.
const probe = join(dir, 'probe.cjs');
writeFileSync(
  probe,
  `const made = { collators: 0 };
const Collator = Intl.Collator;
Intl.Collator = function (...a) { made.collators++; return new Collator(...a); };
process.on('exit', () => require('node:fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify({ modules: process.moduleLoadList, ...made })));
`,
);

function startOf(args: string[]): { modules: string[]; collators: number } {
  const out = join(dir, 'out.json');
  try {
    execFileSync(process.execPath, ['--require', probe, CLI, ...args], {
      env: { ...process.env, PROBE_OUT: out },
      stdio: 'ignore',
    });
  } catch {
    // exit 1 (findings) is fine: what was loaded is the question
  }
  return JSON.parse(readFileSync(out, 'utf8'));
}

const HEAVY = ['child_process', 'crypto', 'zlib', 'worker_threads', 'net', 'dgram', 'http', 'https'];

describe('start-up of the built CLI', () => {
  for (const args of [
    ['list'],
    ['explain', 'stimer'],
    ['check', 'host,hv-relaxed'],
    ['recommend', '--os', 'win11'],
    ['--version'],
  ]) {
    it(`enlighten ${args.join(' ')} loads none of ${HEAVY.join(', ')}, and makes no collator`, () => {
      const { modules, collators } = startOf(args);
      const loaded = HEAVY.filter((m) => modules.includes(`NativeModule ${m}`));
      expect(loaded).toEqual([]);
      expect(collators).toBe(0);
    });
  }

  it('the check sees them where they are used: probe spawns its helper, audit of a folder sorts names', () => {
    expect(startOf(['probe']).modules).toContain('NativeModule child_process');
    expect(startOf(['audit', join(ROOT, 'examples')]).collators).toBe(1);
  });

  it('the bundle is pure ASCII and one function expression, as bin/enlighten.cjs reads it', () => {
    const bundle = readFileSync(join(ROOT, 'dist', 'cli.cjs'));
    expect(bundle.findIndex((b) => b > 0x7f)).toBe(-1);
    const text = bundle.toString('latin1');
    expect(text.startsWith('(function (exports, require, module, __filename, __dirname) {')).toBe(true);
    expect(text.trimEnd().endsWith('})')).toBe(true);
  });

  it("V8 accepts the code cache the build recorded (this Node's version)", () => {
    const file = join(ROOT, 'dist', 'cli.cjs');
    const script = new Script(readFileSync(file).toString('latin1'), {
      filename: file,
      cachedData: readFileSync(`${file}.cache`),
    });
    expect(script.cachedDataRejected).toBe(false);
  });
});
