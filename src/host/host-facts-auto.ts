/**
 * Host facts of the machine enlighten runs on (--host auto): the host probe when it can run, plus
 * /proc/cpuinfo for what the probe does not keep (AVX2). Never throws; unknown stays unknown.
 */
import type { HostFacts } from '../model/host-facts.js';
import { hostFactsFromJson } from './host-facts-json.js';
import { probeHost } from './probe.js';
import { readCpuinfo } from './sysfs.js';

export function readHostFacts(): HostFacts {
  let facts: HostFacts = { source: 'this host' };
  try {
    const read = hostFactsFromJson(JSON.stringify(probeHost({ skipTools: true })), 'this host');
    if (read.ok) facts = read.value;
  } catch {
    // The probe could not run here; keep what /proc gives.
  }
  const info = readCpuinfo();
  if (info.flags) facts.modernCpu = info.flags.split(/\s+/).includes('avx2');
  if (!facts.vendor) {
    if (info.vendor_id === 'GenuineIntel') facts.vendor = 'intel';
    else if (info.vendor_id === 'AuthenticAMD') facts.vendor = 'amd';
  }
  return facts;
}
