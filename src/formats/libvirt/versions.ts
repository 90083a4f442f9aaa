import type { FeatureId } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';

/** A libvirt release, major.minor.micro. */
export type LibvirtVersion = readonly [number, number, number];

/**
 * The newest libvirt behaviour enlighten models (host-model keeps explicit features, 12.1.0):
 * the target when none is given and no `virsh` is installed.
 */
export const LATEST_LIBVIRT = '12.1.0';

/**
 * Behaviour that changed between libvirt releases and is not one catalog entry.
 * Source: libvirt src/conf/domain_conf.c @ c181c7dd and @ 380fb893, docs/formatdomain.rst (docs/sources.md).
 */
export const LIBVIRT_CHANGES = {
  /** `<hyperv mode='host-model'>`: older releases reject the value. */
  hostModelMode: '11.9.0',
  /** `<spinlocks state='on'/>` without `retries` means never notify; older releases require retries. */
  spinlocksRetriesOptional: '11.9.0',
  /**
   * The parser returns before reading the children of `<hyperv mode='passthrough'>`. libvirt 9.0
   * still reads them (measured: passthrough followed by the relaxed item); @c181c7dd (11.9 era) no longer
   * does. The exact release in between is not known; 11.9.0 is assumed.
   */
  passthroughIgnoresChildren: '11.9.0',
  /**
   * libvirt 9.0 formats retries as a signed int: `retries='2452413711'` is stored, but dumpxml
   * writes `retries='-1842553585'`, which libvirt then refuses (measured). 11.9.0 made 4294967295
   * the default, so it must print it unsigned; the exact release of the fix is assumed.
   */
  retriesPrintedUnsigned: '11.9.0',
  /**
   * `<maxphysaddr mode='passthrough' limit=>` becomes host-phys-bits-limit=, and `mode='emulate'`
   * without bits (or bits='0') host-phys-bits=off. libvirt 9.0 ignores limit, refuses emulate
   * without bits and prints phys-bits=0 (measured). NEWS.rst lists "Improve handling of maximum
   * physical address configuration" under 9.3.0; qemu_command.c @4cf22396 has the
   * new code. That both changes came with that entry is inferred.
   */
  maxPhysAddrLimit: '9.3.0',
} as const;

/** The largest retries older libvirt writes back correctly (INT_MAX). */
export const SIGNED_RETRIES_MAX = 0x7fffffff;

/** Reads `9.0`, `9.0.0`, `v10.7` or `11`; null when it is not a version. */
export function parseLibvirtVersion(text: string): LibvirtVersion | null {
  const m = /^v?(\d{1,4})(?:\.(\d{1,4}))?(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!m) return null;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

export function formatLibvirtVersion(v: LibvirtVersion): string {
  return v.join('.');
}

/** Negative when a is older than b, 0 when equal, positive when newer. Unreadable versions sort as 0.0.0. */
export function compareLibvirtVersions(a: string, b: string): number {
  const va = parseLibvirtVersion(a) ?? [0, 0, 0];
  const vb = parseLibvirtVersion(b) ?? [0, 0, 0];
  return va[0] - vb[0] || va[1] - vb[1] || va[2] - vb[2];
}

/** True when `version` is `since` or newer. */
export function isAtLeast(version: string, since: string): boolean {
  return compareLibvirtVersions(version, since) >= 0;
}

/** The first libvirt release that knows the feature's spelling; null when always known (or never). */
export function libvirtSince(id: FeatureId): string | null {
  return CATALOG[id].since.libvirt;
}

/** True when the feature has a libvirt spelling and the release knows it. */
export function libvirtKnows(id: FeatureId, version: string): boolean {
  if (!CATALOG[id].libvirt) return false;
  const since = libvirtSince(id);
  return since === null || isAtLeast(version, since);
}

/** The newer of two versions. */
export function newerOf(a: string, b: string): string {
  return compareLibvirtVersions(a, b) >= 0 ? a : b;
}
