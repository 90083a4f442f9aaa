/**
 * The package as users get it: `npm pack`, then an offline install into an empty project, where
 * `npx enlighten --version`, `check` and `probe` work and the library imports with its types.
 * Also without the native helper, as on a machine where it cannot run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, run } from '../support/tools.js';

const ROOT = join(import.meta.dirname, '..', '..');
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });

let dir = '';
let project = '';
const enlighten = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  run(join(project, 'node_modules', '.bin', 'enlighten'), args, {
    cwd: project,
    env: { ...process.env, ...env },
    timeoutMs: 60_000,
  });

beforeAll(() => {
  dir = makeTempDir('enlighten-pack-');
  npm(['pack', '--pack-destination', dir, '--silent'], ROOT);
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  project = join(dir, 'project');
  execFileSync('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), '{"name": "empty-project", "version": "1.0.0", "private": true}\n');
  npm(['install', '--offline', '--no-audit', '--no-fund', join(dir, tarball)], project);
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed tarball, installed offline into an empty project', () => {
  it('installs the bin, the bundle, the types and the examples', () => {
    const pkg = join(project, 'node_modules', 'enlighten');
    for (const f of [
      'bin/enlighten.cjs',
      'dist/cli.cjs',
      'dist/index.js',
      'dist/types/index.d.ts',
      'dist/web/index.html',
      'dist/web/app.js',
      'dist/web/app.css',
      'examples',
      'native/kvm-hv-probe.c',
      'man/enlighten.1',
      'completions/enlighten.bash',
      'completions/_enlighten',
      'completions/enlighten.fish',
    ]) {
      expect(existsSync(join(pkg, f)), f).toBe(true);
    }
    expect(existsSync(join(pkg, 'test')), 'tests are not shipped').toBe(false);
  });
  it('npx enlighten --version', async () => {
    const r = await enlighten(['--version']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n/);
    const pkg = JSON.parse(readFileSync(join(project, 'node_modules', 'enlighten', 'package.json'), 'utf8')) as {
      version: string;
      man: string[];
    };
    expect(r.stdout.split('\n')[0]).toBe(pkg.version);
    expect(pkg.man).toEqual(['./man/enlighten.1']);
  });
  it('check on a shipped example', async () => {
    const r = await enlighten(['check', 'node_modules/enlighten/examples/win10-stimer-only.args']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error\[MISSING_DEPENDENCY\]: Hyper-V synthetic timers \(hv-stimer\) requires/);
  });
  it('probe, with the native helper and without it', async () => {
    const withHelper = await enlighten(['probe', '--json', '--no-tools']);
    expect([0, 1]).toContain(withHelper.code);
    const p = JSON.parse(withHelper.stdout);
    expect(p.kvm.present).toBe(existsSync('/dev/kvm'));
    // As on a machine where the package was built without a C compiler: no helper at all.
    rmSync(join(project, 'node_modules', 'enlighten', 'dist', 'kvm-hv-probe'), { force: true });
    const without = await enlighten(['probe', '--json', '--no-tools']);
    expect([0, 1]).toContain(without.code);
    const q = JSON.parse(without.stdout);
    expect(q.kvm.present).toBe(existsSync('/dev/kvm'));
    expect(q.native.available).toBe(false);
    expect(q.native.error).toMatch(/not built/);
  });
  it('the library imports by its package name', async () => {
    const file = join(project, 'use.mjs');
    writeFileSync(
      file,
      "import * as e from 'enlighten';\nconsole.log(typeof e.parseConfig === 'function' || Object.keys(e).length > 0 ? 'ok' : 'empty');\n",
    );
    const r = await run(process.execPath, [file], { cwd: project });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('ok');
  });
  it('enlighten serve gives the shipped page, and Ctrl-C stops it', async () => {
    const server = spawn(join(project, 'node_modules', '.bin', 'enlighten'), ['serve', '--port', '0'], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
          if (m) resolve(m[0]);
        });
        server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script defer src="./app.js"></script>');
      expect((await fetch(`${url}app.js`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
      process.kill(server.pid!, 'SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (server.exitCode === null && server.signalCode === null) process.kill(server.pid!, 'SIGKILL');
    }
  });
});
