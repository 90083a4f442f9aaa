// A long audit tells V8's optimising compiler to inline smaller functions (src/cli/audit-workers.ts,
// measured by `npm run bench -- audit-folder`); a short one leaves V8 alone and never loads node:v8,
// which brings Node's streams with it. Checked on the built CLI, through a preload that records
// what is asked of node:v8 and which modules the process loaded.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LONG_AUDIT, LONG_AUDIT_INLINING } from '../../src/cli/audit-workers.js';
import { CLI } from '../trust/support.js';

const dir = mkdtempSync(join(tmpdir(), 'enlighten-long-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const probe = join(dir, 'probe.cjs');
writeFileSync(
  probe,
  `const flags = [];
process.on('exit', () => {
  const loaded = process.moduleLoadList.includes('NativeModule v8');
  if (loaded) {
    const v8 = require('node:v8');
    flags.push(...(v8.__asked ?? []));
  }
  require('node:fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify({ loaded, flags, stream: process.moduleLoadList.includes('NativeModule stream') }));
});
// Wraps node:v8 the moment the CLI loads it, without loading it here.
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  const m = load.call(this, request, ...rest);
  if ((request === 'node:v8' || request === 'v8') && !m.__asked) {
    const set = m.setFlagsFromString;
    m.__asked = [];
    m.setFlagsFromString = (f) => { m.__asked.push(f); return set(f); };
  }
  return m;
};
`,
);

function audit(files: number): { loaded: boolean; flags: string[]; stream: boolean } {
  const folder = join(dir, `f${files}`);
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < files; i++) writeFileSync(join(folder, `vm${i}.args`), '-cpu host,hv-relaxed=on\n');
  const out = join(dir, 'out.json');
  try {
    execFileSync(process.execPath, ['--require', probe, CLI, 'audit', folder], {
      env: { ...process.env, PROBE_OUT: out },
      stdio: 'ignore',
    });
  } catch {
    // exit 1: findings
  }
  return JSON.parse(readFileSync(out, 'utf8'));
}

describe('a long audit and the optimising compiler', () => {
  it(`after ${LONG_AUDIT} files, asks V8 once for smaller inlining`, () => {
    expect(audit(LONG_AUDIT + 5)).toMatchObject({ loaded: true, flags: [LONG_AUDIT_INLINING] });
  });

  it('a shorter audit loads neither node:v8 nor streams', () => {
    expect(audit(LONG_AUDIT - 1)).toEqual({ loaded: false, flags: [], stream: false });
  });
});
