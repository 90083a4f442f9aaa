// Shared plumbing for the integration harness: finding the real tools and running them.
// The tests drive the real QEMU, libvirt and virt-xml; when a tool is missing they must FAIL
// (with a message saying what to install), never skip.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

/**
 * `npm run test:unit` (ENLIGHTEN_TESTS=unit) runs only what needs no external tool. Whole files
 * that drive QEMU, libvirt or virt-xml are named *.real.test.ts and left out by its config; single
 * tests in other files use itReal / describeReal, which `npm test` runs and test:unit skips.
 */
export const UNIT_ONLY = process.env['ENLIGHTEN_TESTS'] === 'unit';
export const itReal = (UNIT_ONLY ? it.skip : it) as typeof it;
export const describeReal = (UNIT_ONLY ? describe.skip : describe) as typeof describe;

/** The Debian package that provides each tool (see scripts/ensure-virt-stack.sh). */
export const TOOL_PACKAGES = {
  'qemu-system-x86_64': 'qemu-system-x86',
  virsh: 'libvirt-clients',
  'virt-xml-validate': 'libvirt-clients',
  xmllint: 'libxml2-utils',
  'virt-xml': 'virtinst',
  python3: 'python3', // virtinst's own language: there wherever virt-xml is
  cpuid: 'cpuid',
  groff: 'groff-base',
  man: 'man-db',
} as const;
export type ToolName = keyof typeof TOOL_PACKAGES;

export const INSTALL_HINT =
  'run scripts/ensure-virt-stack.sh as root (it installs qemu-system-x86 libvirt-clients ' +
  'libvirt-daemon libvirt-daemon-driver-qemu libxml2-utils virtinst cpuid groff-base man-db)';

const found = new Map<string, string | undefined>();

/** Absolute path of an executable on PATH, or undefined. */
export function findOnPath(tool: string): string | undefined {
  const path = process.env['PATH'] ?? '';
  const key = `${path}\0${tool}`;
  if (found.has(key)) return found.get(key);
  let hit: string | undefined;
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      hit = candidate;
      break;
    } catch {
      // not here
    }
  }
  found.set(key, hit);
  return hit;
}

/** The tool's path; throws a clear install message when it is missing. */
export function requireTool(tool: ToolName): string {
  const path = findOnPath(tool);
  if (!path) {
    throw new Error(`${tool} not found on PATH: install the Debian package ${TOOL_PACKAGES[tool]} (${INSTALL_HINT})`);
  }
  return path;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

export interface RunOptions {
  input?: string;
  timeoutMs?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Run a program (no shell), feed `input` on stdin, collect its output. Never rejects on a
 * non-zero exit; rejects only when the program cannot be started at all. */
export function run(file: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: opts.cwd,
      env: opts.env ?? { ...process.env, LC_ALL: 'C' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 60_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        ms: performance.now() - started,
      });
    });
    // A program that exits before reading its stdin gives EPIPE: that is not our error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

const tempDirs: string[] = [];
let cleanupHooked = false;
const swept = new Set<string>();

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove `PREFIX<pid>-*` dirs left by processes that are gone (vitest's fork workers are ended
 * without running 'exit' handlers, so a process cannot always clean up after itself). */
function sweepStale(prefix: string): void {
  if (swept.has(prefix)) return;
  swept.add(prefix);
  const re = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)-`);
  try {
    for (const name of readdirSync(tmpdir())) {
      const m = re.exec(name);
      if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))) {
        rmSync(join(tmpdir(), name), { recursive: true, force: true });
      }
    }
  } catch {
    // best effort
  }
}

/** A private temporary directory `PREFIX<pid>-XXXXXX`, removed by cleanupTempDirs(), at process
 * exit, or by a later process once this one is gone. */
export function makeTempDir(prefix: string): string {
  sweepStale(prefix);
  const dir = mkdtempSync(join(tmpdir(), `${prefix}${process.pid}-`));
  tempDirs.push(dir);
  if (!cleanupHooked) {
    cleanupHooked = true;
    process.on('exit', cleanupTempDirs);
  }
  return dir;
}

/** Remove one directory made by makeTempDir. */
export function removeTempDir(dir: string): void {
  const i = tempDirs.indexOf(dir);
  if (i >= 0) tempDirs.splice(i, 1);
  rmSync(dir, { recursive: true, force: true });
}

/** Remove every temporary directory this process made (safe to call more than once). */
export function cleanupTempDirs(): void {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}
