/** Reads of /proc and /sys the probe needs. Every reader returns null when the file is not there. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { loadZlib } from './lazy-node.js';

export function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Y/N/1/0 module parameters as booleans. */
export function readFlag(path: string): boolean | null {
  const v = readText(path);
  if (v === null) return null;
  return /^(y|1|on)$/i.test(v) ? true : /^(n|0|off)$/i.test(v) ? false : null;
}

/** The first CPU's block of /proc/cpuinfo as key -> value. */
export function readCpuinfo(path = '/proc/cpuinfo'): Record<string, string> {
  const text = readText(path) ?? '';
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) break;
    const at = line.indexOf(':');
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

/** The KVM vendor module that is loaded (kvm_intel, kvm_amd, kvm_pvm, ...). */
export function kvmVendorModule(): string | null {
  try {
    return readdirSync('/sys/module').find((m) => /^kvm_/.test(m)) ?? null;
  } catch {
    return null;
  }
}

/** CONFIG_KVM_HYPERV from /proc/config.gz or /boot/config-RELEASE, with the file it came from. */
export function readKvmHypervConfig(release: string | null): { value: 'y' | 'm' | 'n' | null; source: string | null } {
  const candidates: [string, () => string][] = [
    ['/proc/config.gz', () => loadZlib().gunzipSync(readFileSync('/proc/config.gz')).toString('utf8')],
  ];
  if (release) candidates.push([`/boot/config-${release}`, () => readFileSync(`/boot/config-${release}`, 'utf8')]);
  for (const [source, read] of candidates) {
    if (!existsSync(source)) continue;
    try {
      const text = read();
      const m = /^CONFIG_KVM_HYPERV=([ym])$/m.exec(text);
      if (m) return { value: m[1] as 'y' | 'm', source };
      if (/^# CONFIG_KVM_HYPERV is not set$/m.test(text)) return { value: 'n', source };
      // Older kernels have no such option: Hyper-V emulation was always built in.
      return { value: null, source };
    } catch {}
  }
  return { value: null, source: null };
}
