// What the built CLI does at start-up, checked on the real bundle (no timing: the speed itself is
// measured by `npm run bench -- cold-start`). These are the causes of a slow start that profiles
// found: Node modules loaded by commands that never use them, a code cache V8 rejects, a bundle that
// bin/enlighten.cjs would misread, a collator made at every start.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../trust/support.js';

const dir = mkdtempSync(join(tmpdir(), 'enlighten-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A preload that writes, at exit, the Node modules, the Intl objects and the scripts (with whether
// V8 took their code cache) the process made.
const probe = join(dir, 'probe.cjs');
writeFileSync(
  probe,
  `const made = { collators: 0, scripts: [], slowBuffers: [], exits: [], fileUrls: 0 };
const url = require('node:url');
const pathToFileURL = url.pathToFileURL;
url.pathToFileURL = (...a) => { made.fileUrls++; return pathToFileURL(...a); };
const exit = process.exit;
process.exit = (code) => { made.exits.push(code); return exit(code); };
const allocUnsafeSlow = Buffer.allocUnsafeSlow;
Buffer.allocUnsafeSlow = (n) => { made.slowBuffers.push(n); return allocUnsafeSlow(n); };
const Collator = Intl.Collator;
Intl.Collator = function (...a) { made.collators++; return new Collator(...a); };
const vm = require('node:vm');
const Script = vm.Script;
vm.Script = function (source, options) {
  const s = new Script(source, options);
  made.scripts.push({ file: require('node:path').basename(options.filename), cached: options.cachedData !== undefined && !s.cachedDataRejected, cacheBytes: options.cachedData?.length, aligned: options.cachedData === undefined ? undefined : options.cachedData.byteOffset % 8 === 0 });
  return s;
};
process.on('exit', () => require('node:fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify({ modules: process.moduleLoadList, ...made })));
`,
);

interface Start {
  modules: string[];
  collators: number;
  /** The sizes given to Buffer.allocUnsafeSlow, in order (bin/enlighten.cjs reads the bundle and its cache with one). */
  slowBuffers: number[];
  /** The codes process.exit was called with. */
  exits: (number | undefined)[];
  /** How many times a file URL was made (the bundle's import.meta.url is made when first read). */
  fileUrls: number;
  scripts: { file: string; cached: boolean; cacheBytes?: number; aligned?: boolean }[];
}

function startOf(args: string[], opts: { input?: string; env?: Record<string, string>; stdout?: 'pipe' } = {}): Start {
  const out = join(dir, 'out.json');
  try {
    execFileSync(process.execPath, ['--require', probe, CLI, ...args], {
      env: { ...process.env, ...opts.env, PROBE_OUT: out },
      input: opts.input ?? '',
      stdio: ['pipe', opts.stdout ?? 'ignore', 'ignore'],
    });
  } catch {
    // exit 1 (findings) is fine: what was loaded is the question
  }
  return JSON.parse(readFileSync(out, 'utf8'));
}

// Node's stream modules (and net and tty) come with the first touch of process.stdout or
// process.stderr; the CLI writes to the descriptors instead (src/cli/io.ts).
const HEAVY = [
  'child_process',
  'crypto',
  'zlib',
  'worker_threads',
  'net',
  'dgram',
  'http',
  'https',
  'tty',
  'stream',
  'internal/fs/sync_write_stream',
];
const MANIFEST = readFileSync(join(ROOT, 'test', 'fixtures', 'kubevirt', 'vm-windows.yaml'), 'utf8');

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

  it('writes to a pipe without Node streams, and finds no virsh without starting a process', () => {
    const noVirsh = { PATH: dir };
    for (const args of [['list'], ['convert', '--to', 'libvirt', 'host,hv-relaxed']]) {
      const { modules } = startOf(args, { stdout: 'pipe', env: noVirsh });
      expect(HEAVY.filter((m) => modules.includes(`NativeModule ${m}`))).toEqual([]);
    }
  });

  it("refuses the build's code-cache variable with a message, instead of running nothing", () => {
    const r = spawnSync(process.execPath, [CLI, 'list'], {
      env: { ...process.env, ENLIGHTEN_WRITE_CODE_CACHE: '1' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/ENLIGHTEN_WRITE_CODE_CACHE is for the build/);
  });

  it('loads yaml (dist/yaml.cjs, with its code cache) for a manifest only', () => {
    const only = (start: Start) => start.scripts.map(({ file, cached }) => ({ file, cached }));
    expect(only(startOf(['check', 'host,hv-relaxed']))).toEqual([{ file: 'cli.cjs', cached: true }]);
    expect(only(startOf(['check', '-'], { input: MANIFEST }))).toEqual([
      { file: 'cli.cjs', cached: true },
      { file: 'yaml.cjs', cached: true },
    ]);
  });

  // import.meta.url (the bundle's own URL) compiled 16 functions of Node's URL code at every start
  // when the bundle's first line made it; it is made when something reads it.
  it('makes no file URL unless something asks where the bundle is', () => {
    for (const args of [['list'], ['check', 'host,hv-relaxed'], ['audit', join(ROOT, 'examples')]])
      expect(startOf(args).fileUrls, args.join(' ')).toBe(0);
  });

  it('the check sees them where they are used: probe spawns its helper, audit sorts a name ICU must order', () => {
    const probeStart = startOf(['probe']);
    expect(probeStart.modules).toContain('NativeModule child_process');
    // probe finds its helper beside the bundle: import.meta.url, made once
    expect(probeStart.fileUrls).toBe(1);
    // Plain ASCII names are put in order without ICU (util/name-order.ts); an accented one needs it.
    expect(startOf(['audit', join(ROOT, 'examples')]).collators).toBe(0);
    const folder = join(dir, 'accented');
    mkdirSync(folder);
    writeFileSync(join(folder, 'é.args'), '-cpu host,hv-relaxed\n');
    writeFileSync(join(folder, 'e.args'), '-cpu host,hv-relaxed\n');
    expect(startOf(['audit', folder]).collators).toBe(1);
  });

  // The build records a cache per command where that was measured to pay (scripts/build.mjs), and
  // bin/enlighten.cjs picks it by the command's name; the other commands take dist/cli.cjs.cache.
  const perCommand = readdirSync(join(ROOT, 'dist')).flatMap((f) => /^cli\.cjs\.([a-z-]+)\.cache$/.exec(f)?.[1] ?? []);
  const cacheBytes = (f: string) => statSync(join(ROOT, 'dist', f)).size - 64;

  it('the commands with a code cache of their own start with it, and the others with the default', () => {
    expect(perCommand).toEqual(expect.arrayContaining(['audit', 'check', 'convert', 'fix', 'recommend']));
    const help = execFileSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    for (const command of perCommand) expect(help).toMatch(new RegExp(`^  ${command} `, 'm'));
    const starts: [string[], string][] = [
      [['audit', join(ROOT, 'examples')], 'cli.cjs.audit.cache'],
      [['--json', 'recommend', '--os', 'win11'], 'cli.cjs.recommend.cache'],
      [['convert', '--to', 'libvirt', '-cpu host,hv-relaxed'], 'cli.cjs.convert.cache'],
      [['check', 'host,hv-relaxed'], 'cli.cjs.check.cache'],
      [['list'], 'cli.cjs.cache'],
      [['--version'], 'cli.cjs.cache'],
      [['no-such-command'], 'cli.cjs.cache'],
      [['../cli'], 'cli.cjs.cache'],
    ];
    for (const [args, cache] of starts) {
      expect(startOf(args).scripts[0], args.join(' ')).toEqual({
        file: 'cli.cjs',
        cached: true,
        cacheBytes: cacheBytes(cache),
        // V8 copies code-cache data that is not 8-byte aligned before it reads it (bin/enlighten.cjs)
        aligned: true,
      });
    }
  });

  // A cache holds what V8 has compiled when it is written: the build's recording run reads no cache
  // first, else every command's cache would hold the default cache's code too (explain's was 543 KB
  // against 463 KB recorded from a start without one).
  it("the build's recording runs start without a code cache", () => {
    const out = join(dir, 'recording.json');
    execFileSync(process.execPath, ['--require', probe, CLI], {
      env: {
        ...process.env,
        PROBE_OUT: out,
        ENLIGHTEN_WRITE_CODE_CACHE: JSON.stringify({ runs: [{ args: ['list'] }], caches: [] }),
      },
      stdio: 'ignore',
    });
    const { scripts } = JSON.parse(readFileSync(out, 'utf8')) as Start;
    expect(scripts.map(({ file, cached }) => ({ file, cached }))).toEqual([{ file: 'cli.cjs', cached: false }]);
  });

  // bin.ts ends the process as soon as the command returns (Node's own end ran queued V8 work and
  // tore the heap down, 5 ms), with the command's status.
  it('ends the process at once when the command returns, with its status', () => {
    expect(startOf(['list']).exits).toEqual([0]);
    expect(startOf(['check', 'host,hv-stimer']).exits).toEqual([1]);
    expect(startOf(['no-such-command']).exits).toEqual([2]);
  });

  it('reads the bundle and its cache into one buffer, made once as big as the larger', () => {
    const bundle = statSync(join(ROOT, 'dist', 'cli.cjs')).size;
    for (const [args, cache] of [
      [['audit', join(ROOT, 'examples')], 'cli.cjs.audit.cache'],
      [['list'], 'cli.cjs.cache'],
    ] as const) {
      const start = startOf([...args]);
      expect(start.scripts[0]?.cached, cache).toBe(true);
      expect(start.slowBuffers[0], cache).toBe(Math.max(bundle, cacheBytes(cache) + 64));
    }
    // audit's cache is the one larger than the bundle, so the test above tries both orders
    expect(cacheBytes('cli.cjs.audit.cache') + 64).toBeGreaterThan(bundle);
  });

  for (const command of perCommand) {
    it(`V8 accepts the code cache the build recorded for ${command} (this Node's version)`, () => {
      const file = join(ROOT, 'dist', 'cli.cjs');
      const source = readFileSync(file).toString('latin1');
      const id = /\/\/enlighten-build:([0-9a-f]{32})\n$/.exec(source)?.[1];
      const cache = readFileSync(`${file}.${command}.cache`);
      expect(cache.subarray(0, 64).toString('latin1')).toBe(`${id?.padEnd(63)}\n`);
      expect(new Script(source, { filename: file, cachedData: cache.subarray(64) }).cachedDataRejected).toBe(false);
    });
  }

  for (const name of ['cli', 'yaml']) {
    it(`dist/${name}.cjs is pure ASCII and one function expression, as bin/enlighten.cjs reads it`, () => {
      const bundle = readFileSync(join(ROOT, 'dist', `${name}.cjs`));
      expect(bundle.findIndex((b) => b > 0x7f)).toBe(-1);
      const text = bundle.toString('latin1');
      expect(text.startsWith('(function (exports, require, module, __filename, __dirname, __enlighten_load) {')).toBe(
        true,
      );
      // then the build's id of its content, which a code cache must start with (bin/enlighten.cjs)
      expect(text).toMatch(/\}\)\n+\/\/enlighten-build:[0-9a-f]{32}\n$/);
    });

    it(`V8 accepts the code cache the build recorded for dist/${name}.cjs (this Node's version)`, () => {
      const file = join(ROOT, 'dist', `${name}.cjs`);
      const source = readFileSync(file).toString('latin1');
      const id = /\/\/enlighten-build:([0-9a-f]{32})\n$/.exec(source)?.[1];
      const cache = readFileSync(`${file}.cache`);
      expect(cache.subarray(0, 64).toString('latin1')).toBe(`${id?.padEnd(63)}\n`);
      const script = new Script(source, { filename: file, cachedData: cache.subarray(64) });
      expect(script.cachedDataRejected).toBe(false);
    });
  }
});
