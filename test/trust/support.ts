// Plumbing for the trust tests: the built CLI as a child process, seeded randomness, leftovers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFailed } from 'vitest';
import { getFormat } from '../../src/formats/registry.js';
import type { RunOptions, RunResult } from '../support/tools.js';
import { run } from '../support/tools.js';
import { okValue } from '../support/parse-result.js';

export const ROOT = join(import.meta.dirname, '..', '..');
/** The CLI under test; ENLIGHTEN_CLI points the tests at another build (to see them fail on an old one). */
export const CLI = process.env.ENLIGHTEN_CLI ?? join(ROOT, 'bin', 'enlighten.cjs');

if (!existsSync(join(ROOT, 'dist', 'cli.cjs')))
  throw new Error('dist/cli.cjs is missing: run `node scripts/build.mjs` first');

/** Runs the built CLI (bin/enlighten.cjs) in a child process. */
export function cli(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return run(process.execPath, [CLI, ...args], opts);
}

export const isRoot = process.getuid?.() === 0;

/** A reason to skip a root-only test, printed once, or undefined when we are root. */
export function needsRoot(what: string): boolean {
  if (isRoot) return false;
  console.warn(`skipped: ${what} needs root (run the tests as root to check it)`);
  return true;
}

/**
 * A seeded random source (mulberry32): SEED=... replays a run; the seed is printed when the test
 * fails. Call it inside the test so the failure hook attaches to it.
 */
export function seeded(defaultSeed: number): { seed: number; random: () => number; int: (n: number) => number } {
  const seed = process.env.SEED ? Number(process.env.SEED) : defaultSeed;
  onTestFailed(() => console.error(`random choices came from SEED=${seed} (set SEED=${seed} to replay)`));
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { seed, random, int: (n) => Math.floor(random() * n) };
}

/** enlighten's temporary files in `dir` (any target), and any file with `tmp` in its name. */
export function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => /\.enlighten-[0-9a-f]{16}\.tmp$/.test(n) || /tmp/i.test(n));
}

/** The backups of `file` in its folder, in name order. */
export function backupsOf(dir: string, base: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.startsWith(`${base}.enlighten.`) && n.endsWith('.bak'))
    .sort()
    .map((n) => join(dir, n));
}

/** The features a QEMU `-cpu` file holds, read with enlighten's own parser (in process: no start-up cost). */
export function featuresOf(file: string): Record<string, unknown> {
  return okValue(getFormat('qemu')!.parse(readFileSync(file, 'utf8'))).set.features;
}

/** Features with no requirements, each set by one word (20 of them), with the value it gives. */
export const INDEPENDENT: [word: string, id: string, value: unknown][] = [
  ['hv-vapic', 'vapic', true],
  ['hv-vpindex', 'vpindex', true],
  ['hv-runtime', 'runtime', true],
  ['hv-time', 'time', true],
  ['hv-reset', 'reset', true],
  ['hv-frequencies', 'frequencies', true],
  ['hv-reenlightenment', 'reenlightenment', true],
  ['hv-crash', 'crash', true],
  ['hv-avic', 'avic', true],
  ['hv-emsr-bitmap', 'emsr-bitmap', true],
  ['hv-xmm-input', 'xmm-input', true],
  ['hv-enforce-cpuid', 'enforce-cpuid', true],
  ['hv-spinlocks=8191', 'spinlocks', 8191],
  ['hv-version-id-build=20348', 'version-id-build', 20348],
  ['hv-version-id-major=11', 'version-id-major', 11],
  ['hv-version-id-minor=2', 'version-id-minor', 2],
  ['hv-version-id-spack=3', 'version-id-spack', 3],
  ['hv-version-id-sbranch=4', 'version-id-sbranch', 4],
  ['hv-version-id-snumber=5', 'version-id-snumber', 5],
  ['hv-vendor-id=KVMKVMKVM', 'vendor-id', 'KVMKVMKVM'],
];
