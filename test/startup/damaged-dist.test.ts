// bin/enlighten.cjs and what it loads from dist/ when that is not what the build left: a chunk
// missing, cut short or replaced, a code cache of garbage or from another build, and the start
// through a symlink (npm's global bin). A copy of bin/ and dist/ is damaged, never the real one.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../trust/support.js';

const dir = mkdtempSync(join(tmpdir(), 'enlighten-dist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const copy = join(dir, 'enlighten');
const dist = join(copy, 'dist');
const manifest = join(dir, 'vm.yaml');
writeFileSync(
  manifest,
  'apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n      domain:\n        features:\n          hyperv:\n            relaxed: {}\n',
);

beforeEach(() => {
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
  for (const f of readdirSync(join(ROOT, 'dist')))
    if (/\.cjs(\.cache)?$/.test(f)) copyFileSync(join(ROOT, 'dist', f), join(dist, f));
});

const enlighten = (args: string[], bin = join(copy, 'bin', 'enlighten.cjs')) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

const healthy = () => {
  const r = enlighten(['check', manifest]);
  expect(r.stderr).toBe('');
  expect(r.stdout).toContain('vm.yaml (kubevirt): 0 errors');
  return r.stdout;
};

describe('dist/ as the build did not leave it', () => {
  it.each([
    ['yaml', 'cut in half', (t: string) => t.slice(0, t.length >> 1)],
    ['yaml', 'not the build’s function', () => '(function () {})\n'],
    ['yaml', 'not a function', () => '42\n'],
    ['cli', 'cut in half', (t: string) => t.slice(0, t.length >> 1)],
  ])('dist/%s.cjs %s: says so, and what to run, with exit 2', (name, _, damage) => {
    const file = join(dist, `${name}.cjs`);
    writeFileSync(file, damage(readFileSync(file, 'latin1')), 'latin1');
    const r = enlighten(['check', manifest]);
    expect(r.stderr).toBe(`enlighten: dist/${name}.cjs is damaged; run \`npm run build\` (npm ci runs it for you)\n`);
    expect(r.status).toBe(2);
  });

  it('a code cache of garbage is not used, and nothing changes', () => {
    const want = healthy();
    writeFileSync(join(dist, 'yaml.cjs.cache'), 'garbage');
    writeFileSync(join(dist, 'cli.cjs.cache'), readFileSync(join(dist, 'yaml.cjs.cache')));
    expect(healthy()).toBe(want);
  });

  it("a command's own code cache, damaged or gone, is not used, and nothing changes", () => {
    const audit = () => enlighten(['audit', manifest]);
    const want = audit();
    expect(want.stdout).toContain('vm.yaml');
    writeFileSync(join(dist, 'cli.cjs.audit.cache'), 'garbage');
    expect(audit()).toMatchObject({ status: want.status, stdout: want.stdout, stderr: want.stderr });
    rmSync(join(dist, 'cli.cjs.audit.cache'));
    expect(audit()).toMatchObject({ status: want.status, stdout: want.stdout, stderr: want.stderr });
  });

  // V8 checks a cache against the source's length only: a cache from another build of a bundle of
  // the same length ran that build's code. Another build: other text of the same length, and the
  // build's id of its content at the end (scripts/build.mjs) another one.
  it('a code cache from another build of the same length is not used', () => {
    const file = join(dist, 'cli.cjs');
    const text = readFileSync(file, 'latin1');
    expect(text).toContain('no problems found');
    const other = text
      .replace('no problems found', 'no problems FOUND')
      .replace(/(\/\/enlighten-build:)([0-9a-f])/, (_, mark, c) => `${mark}${c === '0' ? '1' : '0'}`);
    expect(other.length).toBe(text.length);
    writeFileSync(file, other, 'latin1');
    const r = enlighten(['check', '-cpu host']);
    expect(r.stdout).toContain('no problems FOUND');
  });

  it('runs through a symlink, as npm links it', () => {
    const want = healthy();
    const link = join(dir, 'link-bin');
    rmSync(link, { force: true });
    symlinkSync(join(copy, 'bin', 'enlighten.cjs'), link);
    const r = enlighten(['check', manifest], link);
    expect(r.stdout).toBe(want);
  });
});
