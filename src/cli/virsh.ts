import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LATEST_LIBVIRT, formatLibvirtVersion, parseLibvirtVersion } from '../formats/libvirt/index.js';
import { UsageError } from './io.js';
import { noteWritten } from './written.js';
import { libvirtVersionBeside, onPath } from './libvirt-version.js';
import type { Input } from './input.js';
import { inputFromBytes } from './input.js';
import { DEFAULT_MAX_BYTES } from './max-bytes.js';
import { loadChildProcess } from '../host/lazy-node.js';

const TIMEOUT_MS = 60_000;

let installed: string | null | undefined;

/** The libvirt version of the installed virsh, or undefined when there is none. */
export function installedLibvirtVersion(): string | undefined {
  if (installed === undefined) {
    // Without a process when the library's name says it (libvirt-version.ts), or when there is no
    // virsh on PATH at all (spawning one only to learn it is missing cost 15 ms); virsh itself otherwise.
    const virsh = onPath('virsh');
    const fromLibrary = virsh ? libvirtVersionBeside(virsh) : undefined;
    const r =
      fromLibrary || !virsh
        ? undefined
        : loadChildProcess().spawnSync(virsh, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    const v = parseLibvirtVersion(fromLibrary ?? (r?.status === 0 ? r.stdout.trim() : ''));
    installed = v ? formatLibvirtVersion(v) : null;
  }
  return installed ?? undefined;
}

export function checkLibvirtVersionFlag(flag: string): string {
  const v = parseLibvirtVersion(flag);
  if (!v)
    throw new UsageError(
      `--libvirt-version ${flag}: not a libvirt release`,
      'write it as X.Y or X.Y.Z, for example --libvirt-version 9.0',
    );
  return formatLibvirtVersion(v);
}

export function resolveLibvirtVersion(flag?: string): string {
  if (flag) return checkLibvirtVersionFlag(flag);
  return installedLibvirtVersion() ?? LATEST_LIBVIRT;
}

interface VirshRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runVirsh(args: string[], maxBuffer = 16 * 1024 * 1024): Promise<VirshRun> {
  return new Promise((resolve) => {
    loadChildProcess().execFile(
      'virsh',
      args,
      { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer, env: { ...process.env, LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        const failed = error as (NodeJS.ErrnoException & { code?: number | string }) | null;
        if (failed && failed.code === 'ENOENT') {
          resolve({ code: 127, stdout: '', stderr: 'virsh not found: install libvirt-clients' });
          return;
        }
        if (failed && failed.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          resolve({ code: OVER_LIMIT, stdout: '', stderr: '' });
          return;
        }
        resolve({ code: failed ? (typeof failed.code === 'number' ? failed.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

function virshError(stderr: string): string {
  return (
    stderr
      .split('\n')
      .map((l) => l.replace(/^error: /, '').trim())
      // "Failed to define domain from /tmp/..." only names our temporary file; the reason follows it.
      .filter((l) => l && !/^Failed to define domain from /.test(l))
      .join('; ')
  );
}

/** Exit code runVirsh gives when the output was over the buffer it was allowed. */
const OVER_LIMIT = -2;

export async function dumpDomainXml(uri: string, domain: string, limit = DEFAULT_MAX_BYTES): Promise<string> {
  const r = await runVirsh(['-c', uri, 'dumpxml', '--inactive', '--security-info', '--', domain], limit + 1);
  if (r.code === OVER_LIMIT)
    throw new UsageError(`the XML of ${domain} (${uri}) is over the ${limit}-byte limit; pass --max-bytes to raise it`);
  if (r.code !== 0)
    throw new UsageError(
      `virsh -c ${uri} dumpxml ${domain} failed: ${virshError(r.stderr)}`,
      'check the connection URI and the domain name (virsh list --all)',
    );
  return r.stdout;
}

/** Defines `xml` on `uri`; `domain` names it in what the run says it wrote (src/cli/written.ts). */
export async function defineDomainXml(uri: string, domain: string, xml: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'enlighten-define-'));
  try {
    const file = join(dir, 'domain.xml');
    writeFileSync(file, xml, { mode: 0o600 });
    const r = await runVirsh(['-c', uri, 'define', file]);
    if (r.code !== 0)
      throw new UsageError(`libvirt refused the edited domain: ${virshError(r.stderr)}`, 'nothing was changed');
    noteWritten(`the domain ${domain}, defined on ${uri}`);
    return r.stdout.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A domain's XML as an input, under the same cap as files. */
export async function readConnectInput(uri: string, domain: string, limit = DEFAULT_MAX_BYTES): Promise<Input> {
  const name = `${domain} (${uri})`;
  return inputFromBytes(Buffer.from(await dumpDomainXml(uri, domain, limit)), name, limit);
}
