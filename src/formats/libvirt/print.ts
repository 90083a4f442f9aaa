import type { EnlightenmentSet } from '../../model/index.js';
import type { ConfigContext, PrintResult } from '../types.js';
import type { XmlElementSpec } from '../../syntax/xml/index.js';
import { serializeElement } from '../../syntax/xml/index.js';
import { cpuSpec } from './cpu-spec.js';
import { planLibvirtSet } from './plan.js';
import { featureSpec, hypervSpec, isEmptyHyperv, kvmSpec } from './specs.js';
import { featuresOfKind } from './spellings.js';
import { LATEST_LIBVIRT } from './versions.js';

/** The timers virt-install 4.1 writes before hypervclock (virtinst/domain/clock.py set_defaults()). */
const WINDOWS_TIMERS: XmlElementSpec[] = [
  {
    name: 'timer',
    attributes: [
      ['name', 'rtc'],
      ['tickpolicy', 'catchup'],
    ],
  },
  {
    name: 'timer',
    attributes: [
      ['name', 'pit'],
      ['tickpolicy', 'delay'],
    ],
  },
  {
    name: 'timer',
    attributes: [
      ['name', 'hpet'],
      ['present', 'no'],
    ],
  },
];

export interface PrintLibvirtOptions {
  libvirtVersion?: string;
  /**
   * Facts of the input to carry over: virt-install's Windows clock; the `<cpu>` it asks for; with a
   * domain type (a virt-install command), the parts are printed inside `<domain type=...>`, so they
   * read as a whole domain (a domain without `<cpu>` gets libvirt's default model).
   */
  context?: ConfigContext;
}

/**
 * The parts of a domain XML that hold the set: `<features>` (with `<hyperv>`, and `<kvm>` for the
 * related KVM settings such as `<hidden>`), `<cpu>` when the input asks for one, `<clock>` for the hypervclock timer and `<devices>` for the hyperv
 * panic device, each only when needed, in libvirt's style (single quotes, two spaces). What the
 * target libvirt cannot take is left out and reported.
 */
export function printLibvirt(set: EnlightenmentSet, opts: PrintLibvirtOptions = {}): PrintResult {
  const plan = planLibvirtSet(set, { version: opts.libvirtVersion ?? LATEST_LIBVIRT });
  const parts: XmlElementSpec[] = [];
  const features: XmlElementSpec[] = [];
  const hyperv = hypervSpec(plan.set);
  if (!isEmptyHyperv(hyperv)) features.push(hyperv);
  const kvm = kvmSpec(plan.set);
  if (kvm) features.push(kvm);
  if (features.length) parts.push({ name: 'features', children: features });
  if (opts.context?.cpu) parts.push(cpuSpec(opts.context.cpu));
  const timers = featuresOfKind('timer').flatMap((id) => featureSpec(id, plan.set) ?? []);
  if (opts.context?.windowsClock)
    parts.push({ name: 'clock', attributes: [['offset', 'localtime']], children: [...WINDOWS_TIMERS, ...timers] });
  else if (timers.length) parts.push({ name: 'clock', attributes: [['offset', 'utc']], children: timers });
  const panics = featuresOfKind('panic').flatMap((id) => featureSpec(id, plan.set) ?? []);
  if (panics.length) parts.push({ name: 'devices', children: panics });
  const domainType = opts.context?.domainType;
  const top = domainType
    ? [{ name: 'domain', attributes: [['type', domainType]] as [string, string][], children: parts }]
    : parts;
  const text = top.map((p) => serializeElement(p, { quote: "'", indentUnit: '  ', newline: '\n' })).join('\n');
  return { text, diagnostics: plan.diagnostics };
}
