/** The QEMU version and libvirt's domain capabilities, when those tools are installed. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDomainCapabilities } from '../formats/libvirt/domcaps.js';
import type { HostProbe } from './types.js';
import { loadChildProcess } from './lazy-node.js';

const run = (cmd: string, args: string[], timeout: number) =>
  loadChildProcess().execFileSync(cmd, args, { encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });

export function probeQemu(): HostProbe['qemu'] {
  const binary = 'qemu-system-x86_64';
  try {
    const out = run(binary, ['--version'], 10_000);
    const m = /QEMU emulator version (\S+)/.exec(out);
    return { available: true, binary, version: m ? m[1]! : null, error: null };
  } catch (e) {
    return {
      available: false,
      binary: null,
      version: null,
      error: `${binary}: ${(e as Error).message.split('\n')[0]}`,
    };
  }
}

/** `<hyperv supported='yes'><enum name='features'><value>...` from domcapabilities XML, read by the libvirt format. */
export function parseDomcapsHyperv(xml: string): { supported: boolean; features: string[] } | null {
  const { caps } = parseDomainCapabilities(xml);
  if (caps.hypervSupported === undefined) return null;
  return { supported: caps.hypervSupported, features: caps.hyperv?.features ?? [] };
}

/**
 * libvirt's view: the running daemon's domcapabilities, or, with no daemon, the embedded QEMU
 * driver in a throw-away directory (about 4 s: it probes QEMU once).
 */
export function probeLibvirt(options: { embedded: boolean }): HostProbe['libvirt'] {
  let version: string | null;
  try {
    version = run('virsh', ['--version'], 10_000).trim();
  } catch {
    return { available: false, version: null, hyperv: null, error: 'virsh is not installed' };
  }
  const errors: string[] = [];
  const attempt = (uri: string, timeout: number) => {
    try {
      return parseDomcapsHyperv(run('virsh', ['-c', uri, 'domcapabilities', '--virttype', 'kvm'], timeout));
    } catch (e) {
      errors.push(`${uri}: ${((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n')[0]}`);
      return null;
    }
  };
  let hyperv = attempt('qemu:///system', 15_000);
  if (!hyperv && options.embedded) {
    const root = mkdtempSync(join(tmpdir(), 'enlighten-libvirt-'));
    try {
      hyperv = attempt(`qemu:///embed?root=${root}`, 60_000);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return {
    available: true,
    version,
    hyperv,
    error: hyperv ? null : errors.join('; ') || 'no <hyperv> element in domcapabilities',
  };
}
