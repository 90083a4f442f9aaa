/** Reads a probe file (`enlighten probe --json`) back. Pure: runs in a browser too. Never throws. */
import type { ParseResult } from '../diagnostics/index.js';
import { makeDiagnostic } from '../diagnostics/index.js';
import type { Leaves } from '../guest/leaves.js';
import { leavesFromJson } from '../guest/leaves.js';
import type { HostProbe } from './types.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseHostProbe(text: string): ParseResult<HostProbe> {
  const bad = (why: string) => ({
    ok: false as const,
    diagnostics: [
      makeDiagnostic('HOST_FILE_INVALID', `not a probe file: ${why}`, {
        notes: ['write one with `enlighten probe --json > host.json` on the host'],
      }),
    ],
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return bad(`not JSON (${(e as Error).message})`);
  }
  if (!isObject(data)) return bad('expected a JSON object');
  if (data.schema !== 'enlighten-host-probe/1')
    return bad(`"schema" is ${JSON.stringify(data.schema)}, expected "enlighten-host-probe/1"`);
  for (const part of ['kvm', 'hyperv', 'cpu', 'clocksource'])
    if (!isObject(data[part])) return bad(`"${part}" is missing`);
  const hyperv = data.hyperv as Record<string, unknown>;
  if (!Array.isArray(hyperv.features)) return bad('"hyperv.features" is not a list');
  return { ok: true, value: data as unknown as HostProbe };
}

/** The host's KVM_GET_SUPPORTED_HV_CPUID leaves, when the probe could read them. */
export function hostLeavesOf(probe: HostProbe): Leaves | undefined {
  return probe.hyperv.cpuid?.leaves ? leavesFromJson(probe.hyperv.cpuid.leaves) : undefined;
}
