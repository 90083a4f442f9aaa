import type { Span } from '../../diagnostics/index.js';
import type { XmlElement } from '../../syntax/xml/index.js';
import { find, findAll, findChild, getAttribute, getAttributeNode, getTextContent } from '../../syntax/xml/index.js';
import { LIBVIRT_SAYS } from './messages.js';
import type { GuestOsFact } from '../types.js';
import type { ReadState } from './read-state.js';
import type { KvmFacts } from './read-kvm.js';
import { readKvm } from './read-kvm.js';
import { readGuestOs } from './read-metadata.js';
import { libvirtIndex } from './spellings.js';
import { readSwitch, readYesNo } from './values.js';

export type Switch = 'on' | 'off';

export interface CpuFeatureFact {
  name: string;
  policy: string;
}

/** `<cpu><cache mode= level=>` (libvirt refuses a second one). */
export interface CpuCacheFact {
  mode: string;
  level?: string;
}

/** The first `<cpu><maxphysaddr mode= bits= limit=>` (libvirt reads only the first). */
export interface MaxPhysAddrFact {
  mode: string;
  bits?: string;
  limit?: string;
}

/** `<cpu>`: what decides the model part of -cpu. */
export interface CpuFacts {
  /** custom (the default), host-model, host-passthrough, maximum. */
  mode: string;
  /** `match='minimum'` makes libvirt use the host's model, as host-model does. */
  match?: string;
  model?: string;
  modelSpan?: Span;
  /** `<model vendor_id=>`. */
  vendorId?: string;
  migratable?: Switch;
  features: CpuFeatureFact[];
  cache?: CpuCacheFact;
  maxphysaddr?: MaxPhysAddrFact;
  span: Span;
}

/** One `<clock><timer>`, in document order (libvirt emits -cpu items per timer, in that order). */
export interface TimerFact {
  name: string;
  present?: 'yes' | 'no';
  frequency?: string;
  span: Span;
}

/** The parts of a domain, outside `<hyperv>`, that libvirt turns into -cpu items. */
export interface DomainFacts {
  type?: string;
  arch?: string;
  machine?: string;
  cpu?: CpuFacts;
  timers: TimerFact[];
  /** `<features><apic eoi=...>`. */
  apicEoi?: Switch;
  /** `<features><pvspinlock state=...>` (no state means on). */
  pvspinlock?: Switch;
  /** `<features><kvm>` children (hidden, hint-dedicated, poll-control, pv-ipi, dirty-ring), when `<kvm>` is there. */
  kvm?: KvmFacts;
  /** `<features><pmu state=...>` (no state means on). */
  pmu?: Switch;
  /** The guest OS of the libosinfo metadata. */
  guestOs?: GuestOsFact;
}

const X86 = new Set(['i686', 'x86_64']);

function switchOf(el: XmlElement, attr: string, absent: Switch | undefined): Switch | undefined {
  const v = getAttribute(el, attr);
  if (v === undefined) return absent;
  const on = readSwitch(v);
  return on === undefined ? undefined : on ? 'on' : 'off';
}

/** Reads the domain facts; the hypervclock timer and the hyperv panic device also set features. */
export function readDomainFacts(domain: XmlElement, state: ReadState): DomainFacts {
  const facts: DomainFacts = { timers: [] };
  const type = getAttribute(domain, 'type');
  if (type !== undefined) facts.type = type;
  const osType = find(domain, 'os/type');
  if (osType) {
    const arch = getAttribute(osType, 'arch');
    const machine = getAttribute(osType, 'machine');
    if (arch !== undefined) facts.arch = arch;
    if (machine !== undefined) facts.machine = machine;
  }
  const guestOs = readGuestOs(domain, state);
  if (guestOs) facts.guestOs = guestOs;
  const cpu = findChild(domain, 'cpu');
  if (cpu) facts.cpu = readCpu(cpu);
  readFeatureSwitches(findChild(domain, 'features'), facts, state);
  readTimers(domain, facts, state);
  readPanics(domain, facts, state);
  return facts;
}

function readCpu(cpu: XmlElement): CpuFacts {
  const facts: CpuFacts = { mode: getAttribute(cpu, 'mode') ?? 'custom', features: [], span: cpu.startTag };
  const match = getAttribute(cpu, 'match');
  if (match !== undefined) facts.match = match;
  const model = findChild(cpu, 'model');
  const vendorId = model ? getAttribute(model, 'vendor_id') : undefined;
  if (vendorId !== undefined) facts.vendorId = vendorId;
  if (model) {
    const name = getTextContent(model).trim();
    if (name) {
      facts.model = name;
      facts.modelSpan = model.span;
    }
  }
  const migratable = switchOf(cpu, 'migratable', undefined);
  if (migratable) facts.migratable = migratable;
  for (const f of findAll(cpu, 'feature')) {
    const name = getAttribute(f, 'name');
    if (name) facts.features.push({ name, policy: getAttribute(f, 'policy') ?? 'require' });
  }
  const cache = findChild(cpu, 'cache');
  if (cache) facts.cache = { mode: getAttribute(cache, 'mode') ?? '', ...optionalAttrs(cache, ['level']) };
  const addr = findChild(cpu, 'maxphysaddr');
  if (addr) facts.maxphysaddr = { mode: getAttribute(addr, 'mode') ?? '', ...optionalAttrs(addr, ['bits', 'limit']) };
  return facts;
}

function optionalAttrs(el: XmlElement, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = getAttribute(el, n);
    if (v !== undefined) out[n] = v;
  }
  return out;
}

/** `<apic eoi>`, `<pvspinlock>`, `<pmu>` and `<kvm>` of a `<features>` element. */
export function readFeatureSwitches(features: XmlElement | undefined, facts: DomainFacts, state: ReadState): void {
  if (!features) return;
  const apic = findChild(features, 'apic');
  const eoi = apic ? switchOf(apic, 'eoi', undefined) : undefined;
  if (eoi) facts.apicEoi = eoi;
  const pv = findChild(features, 'pvspinlock');
  const pvState = pv ? switchOf(pv, 'state', 'on') : undefined;
  if (pvState) facts.pvspinlock = pvState;
  const pmu = findChild(features, 'pmu');
  const pmuState = pmu ? switchOf(pmu, 'state', 'on') : undefined;
  if (pmuState) facts.pmu = pmuState;
  const kvm = findChild(features, 'kvm');
  if (kvm) facts.kvm = readKvm(kvm, state);
}

function readTimers(domain: XmlElement, facts: DomainFacts, state: ReadState): void {
  for (const timer of findAll(domain, 'clock/timer')) {
    const name = getAttribute(timer, 'name') ?? '';
    const fact: TimerFact = { name, span: timer.startTag };
    const presentAttr = getAttributeNode(timer, 'present');
    const frequency = getAttribute(timer, 'frequency');
    if (frequency !== undefined) fact.frequency = frequency;
    const feature = libvirtIndex().timers.get(name);
    if (presentAttr) {
      const present = readYesNo(presentAttr.value);
      if (present === undefined) {
        state.report(
          'LIBVIRT_INVALID_VALUE',
          `present='${presentAttr.value}' (libvirt: ${LIBVIRT_SAYS.invalidAttribute('present', 'timer', presentAttr.value)})`,
          presentAttr.span,
          {
            ...(feature ? { feature } : {}),
            notes: ["libvirt accepts exactly 'yes' or 'no'"],
          },
        );
      } else {
        fact.present = present ? 'yes' : 'no';
        if (feature) state.put(feature, present, timer.startTag);
      }
    }
    if (feature && fact.present === 'yes' && facts.arch && !X86.has(facts.arch)) {
      state.report(
        'LIBVIRT_UNSUPPORTED_GUEST',
        `the ${name} timer on a ${facts.arch} guest: libvirt refuses it`,
        timer.startTag,
        {
          feature,
          notes: [
            `libvirt: Configuring the '${name}' timer is not supported for virtType=${facts.type ?? '?'} arch=${facts.arch} machine=${facts.machine ?? '?'} guests`,
          ],
        },
      );
    }
    facts.timers.push(fact);
  }
}

function readPanics(domain: XmlElement, facts: DomainFacts, state: ReadState): void {
  let count = 0;
  for (const panic of findAll(domain, 'devices/panic')) {
    const feature = libvirtIndex().panics.get(getAttribute(panic, 'model') ?? '');
    if (!feature) continue;
    count++;
    if (count > 1)
      state.report(
        'LIBVIRT_UNSUPPORTED_GUEST',
        `a second <panic model='hyperv'> (libvirt: ${LIBVIRT_SAYS.panicTwice()})`,
        panic.startTag,
        { feature },
      );
    if (findChild(panic, 'address')) {
      state.report(
        'LIBVIRT_UNSUPPORTED_GUEST',
        `<panic model='hyperv'> with an <address> (libvirt: ${LIBVIRT_SAYS.panicAddress()})`,
        panic.startTag,
        { feature },
      );
    }
    if (facts.arch && !X86.has(facts.arch)) {
      state.report(
        'LIBVIRT_UNSUPPORTED_GUEST',
        `<panic model='hyperv'> on a ${facts.arch} guest (libvirt: ${LIBVIRT_SAYS.panicArch()})`,
        panic.startTag,
        { feature },
      );
    }
    state.put(feature, true, panic.startTag);
  }
}

/** libvirt refuses Hyper-V features on guests that are not x86 (or, since 11.3, ARM virt machines). */
export function checkHypervArch(hyperv: XmlElement | undefined, facts: DomainFacts, state: ReadState): void {
  if (!hyperv || !facts.arch || X86.has(facts.arch)) return;
  if (facts.arch === 'aarch64' && (facts.machine ?? '').startsWith('virt')) return;
  state.report(
    'LIBVIRT_UNSUPPORTED_GUEST',
    `Hyper-V enlightenments on a ${facts.arch} guest (libvirt: ${LIBVIRT_SAYS.unsupportedArch(facts.arch, facts.machine ?? '')})`,
    hyperv.startTag,
    {
      notes: ['Hyper-V enlightenments exist for x86 guests only'],
    },
  );
}
