import type { FeatureId } from '../../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../catalog/index.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { getValue } from '../../model/index.js';
import type { QemuStyle } from '../../syntax/qemu-cpu/index.js';
import { printQemuItem } from '../../syntax/qemu-cpu/index.js';
import type { PrintResult } from '../types.js';
import { checkLibvirtVersion } from './check-version.js';
import { buildModelPart } from './cpu-model.js';
import { buildCpuTail } from './cpu-tail.js';
import type { DomainCapabilities } from './domcaps.js';
import { expandHostModel } from './host-model.js';
import type { LibvirtParsed } from './parse.js';
import type { TimerFact } from './read-domain.js';
import { featuresOfKind, libvirtIndex, parentOf } from './spellings.js';
import { isAtLeast, LATEST_LIBVIRT, LIBVIRT_CHANGES, libvirtKnows } from './versions.js';

export interface LibvirtToQemuOptions {
  /** The libvirt release whose behaviour to follow (default LATEST_LIBVIRT). */
  libvirtVersion?: string;
  /** `virsh domcapabilities`, for host-model CPUs and `<hyperv mode='host-model'>`. */
  capabilities?: DomainCapabilities;
  /** modern (hv-relaxed=on) as libvirt writes now; legacy (hv_relaxed) as libvirt wrote before QEMU 6.x spellings. */
  style?: QemuStyle;
}

/**
 * The other `<kvm>` children libvirt turns into -cpu items, and the state that adds them (after the
 * catalog's kvm features: `<hidden>` is kvm-hidden). `<dirty-ring>` is no -cpu item: libvirt writes
 * `-accel kvm,dirty-ring-size=N` for kvm domains (tests/qemuxml2argvdata/kvm-features.x86_64-latest.args).
 */
const KVM_ITEMS: readonly { element: string; when: 'on' | 'off'; item: string }[] = [
  { element: 'hint-dedicated', when: 'on', item: 'kvm-hint-dedicated=on' },
  { element: 'poll-control', when: 'on', item: 'kvm-poll-control=on' },
  { element: 'pv-ipi', when: 'off', item: 'kvm-pv-ipi=off' },
];

/**
 * The -cpu value libvirt passes to QEMU for a domain, as qemuBuildCpuCommandLine writes it: the
 * model part, then per `<timer>` in document order (hypervclock: hv-time=on; kvmclock: kvmclock=;
 * tsc: tsc-frequency=), the apic EOI and pvspinlock switches, the Hyper-V block (hv-passthrough=on
 * first, then every feature that is on, in libvirt's enum order; off features are left out;
 * retries in lower-case hex), hv-crash bare for the panic device, the `<kvm>` and pmu items, then
 * `<cpu><cache>` and `<cpu><maxphysaddr>` (cpu-tail.ts).
 */
export function translateLibvirtToQemu(parsed: LibvirtParsed, opts: LibvirtToQemuOptions = {}): PrintResult {
  const version = opts.libvirtVersion ?? LATEST_LIBVIRT;
  const style = opts.style ?? 'modern';
  const facts = parsed.domain;
  const diagnostics: Diagnostic[] = checkLibvirtVersion(parsed.versionNeeds, version);
  // A <features> or <hyperv> fragment names no CPU: its -cpu items come without a model.
  const model = parsed.root === 'domain' ? buildModelPart(facts, opts.capabilities) : { items: [], diagnostics: [] };
  diagnostics.push(...model.diagnostics);
  const expanded = expandMode(parsed, version, opts.capabilities, diagnostics);
  const items = [...model.items];
  for (const timer of expanded.timers) items.push(...timerItems(timer, style));
  if (facts.apicEoi) items.push(`kvm-pv-eoi=${facts.apicEoi}`);
  if (facts.pvspinlock) items.push(`kvm-pv-unhalt=${facts.pvspinlock}`);
  items.push(...hypervItems(expanded.set, version, style));
  items.push(...panicItems(expanded.set, style));
  items.push(...kvmItems(expanded.set, style));
  for (const k of KVM_ITEMS) if (facts.kvm?.states[k.element] === k.when) items.push(k.item);
  if (facts.pmu) items.push(`pmu=${facts.pmu}`);
  items.push(...buildCpuTail(facts.cpu, version));
  return { text: items.join(','), diagnostics };
}

/** The set after libvirt's host-model expansion (when the release and the capabilities allow it). */
function expandMode(
  parsed: LibvirtParsed,
  version: string,
  caps: DomainCapabilities | undefined,
  diagnostics: Diagnostic[],
): { set: EnlightenmentSet; timers: TimerFact[] } {
  const timers = parsed.domain.timers;
  if (parsed.set.mode !== 'host-model' || !isAtLeast(version, LIBVIRT_CHANGES.hostModelMode))
    return { set: parsed.set, timers };
  if (!caps?.hyperv) {
    diagnostics.push(
      makeDiagnostic(
        'LIBVIRT_HOST_DEPENDENT',
        "<hyperv mode='host-model'>: libvirt adds every enlightenment the host offers when the VM starts; only the listed ones are shown",
        {
          notes: [
            'give the domain capabilities (virsh domcapabilities > caps.xml; --capabilities caps.xml) to expand it as libvirt does',
          ],
        },
      ),
    );
    return { set: parsed.set, timers };
  }
  const { set, addedTimer } = expandHostModel(parsed.set, caps.hyperv);
  const timerName = [...libvirtIndex().timers.keys()][0];
  const added: TimerFact[] =
    addedTimer && timerName ? [{ name: timerName, present: 'yes', span: { start: 0, end: 0 } }] : [];
  return { set, timers: [...timers, ...added] };
}

function timerItems(timer: TimerFact, style: QemuStyle): string[] {
  const feature = libvirtIndex().timers.get(timer.name);
  if (feature) return timer.present === 'yes' ? [printQemuItem(feature, true, style)] : [];
  if (timer.name === 'kvmclock' && timer.present) return [`kvmclock=${timer.present === 'yes' ? 'on' : 'off'}`];
  if (timer.name === 'tsc' && timer.frequency !== undefined && /^\d+$/.test(timer.frequency))
    return [`tsc-frequency=${BigInt(timer.frequency)}`];
  return [];
}

function hypervItems(set: EnlightenmentSet, version: string, style: QemuStyle): string[] {
  const items: string[] = [];
  const passthrough = featuresOfKind('mode').find((id) => CATALOG[id].setsMode === set.mode);
  if (passthrough) {
    items.push(printQemuItem(passthrough, true, style));
    if (isAtLeast(version, LIBVIRT_CHANGES.passthroughIgnoresChildren)) return items;
  }
  for (const id of PRINT_ORDER) {
    const kind = CATALOG[id].libvirt?.kind;
    if (kind !== 'hyperv' && kind !== 'hyperv-child') continue;
    const value = getValue(set, id);
    if (value === undefined || value === false || !libvirtKnows(id, version)) continue;
    const parent = parentOf(id);
    if (parent && getValue(set, parent) !== true) continue;
    items.push(printQemuItem(id, value, style));
  }
  return items;
}

/** The catalog's `<kvm>` features that are on (`<hidden state='on'/>`: kvm=off); libvirt writes nothing for off. */
function kvmItems(set: EnlightenmentSet, style: QemuStyle): string[] {
  return featuresOfKind('kvm')
    .filter((id) => getValue(set, id) === true)
    .map((id) => printQemuItem(id, true, style));
}

/** hv-crash, bare (no `=on`), once, for the hyperv panic device. */
function panicItems(set: EnlightenmentSet, style: QemuStyle): string[] {
  return featuresOfKind('panic')
    .filter((id: FeatureId) => getValue(set, id) === true)
    .map((id) => (style === 'legacy' ? CATALOG[id].qemu.legacy : CATALOG[id].qemu.name));
}
