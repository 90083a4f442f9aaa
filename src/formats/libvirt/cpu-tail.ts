import type { CpuFacts } from './read-domain.js';
import { isAtLeast, LIBVIRT_CHANGES } from './versions.js';

/** CPU modes where QEMU turns host-cache-info on by default, so libvirt switches it off. */
const HOST_CACHE_MODES = new Set(['host-passthrough', 'maximum']);

/**
 * `<cache>` as the end of qemuBuildCpuCommandLine writes it (measured with libvirt 9.0):
 * emulate `l3-cache=on`, passthrough `host-cache-info=on,l3-cache=off`, disable `l3-cache=off`;
 * emulate and disable also write `host-cache-info=off` (before l3-cache) for host-passthrough and
 * maximum CPUs.
 */
function cacheItems(cpu: CpuFacts): string[] {
  const mode = cpu.cache?.mode;
  const hostOff =
    HOST_CACHE_MODES.has(cpu.mode) && (mode === 'emulate' || mode === 'disable') ? ['host-cache-info=off'] : [];
  if (mode === 'emulate') return ['l3-cache=on', ...hostOff];
  if (mode === 'passthrough') return ['host-cache-info=on', 'l3-cache=off'];
  if (mode === 'disable') return [...hostOff, 'l3-cache=off'];
  return [];
}

/** libvirt reads bits and limit as a C int in base 10 (virXMLPropInt): optional leading blanks and `+`, nothing after. */
function readInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\+?\d+$/.test(text)) return undefined;
  const n = Number(text.trim());
  return n <= 0x7fffffff ? n : undefined;
}

/**
 * `<maxphysaddr>`: passthrough `host-phys-bits=on` (then `host-phys-bits-limit=N` from 9.3),
 * emulate `phys-bits=N`; from 9.3 emulate without bits, or bits 0, is `host-phys-bits=off`.
 */
function physAddrItems(cpu: CpuFacts, version: string): string[] {
  const addr = cpu.maxphysaddr;
  const newer = isAtLeast(version, LIBVIRT_CHANGES.maxPhysAddrLimit);
  if (addr?.mode === 'passthrough') {
    const limit = newer ? readInt(addr.limit) : undefined;
    return ['host-phys-bits=on', ...(limit ? [`host-phys-bits-limit=${limit}`] : [])];
  }
  if (addr?.mode === 'emulate') {
    const bits = readInt(addr.bits);
    if (!newer) return bits === undefined ? [] : [`phys-bits=${bits}`];
    return bits ? [`phys-bits=${bits}`] : ['host-phys-bits=off'];
  }
  return [];
}

/** The -cpu items libvirt writes last, after pmu: the cache, then the physical address size. */
export function buildCpuTail(cpu: CpuFacts | undefined, version: string): string[] {
  if (!cpu) return [];
  return [...cacheItems(cpu), ...physAddrItems(cpu, version)];
}
