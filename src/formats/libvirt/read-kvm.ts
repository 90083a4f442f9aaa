import type { XmlElement } from '../../syntax/xml/index.js';
import { getAttribute, getChildElements } from '../../syntax/xml/index.js';
import { LIBVIRT_SAYS } from './messages.js';
import type { ReadState } from './read-state.js';
import { libvirtIndex } from './spellings.js';
import { readState } from './state-attribute.js';

/** The `<kvm>` children libvirt 9.0 knows (virDomainKVM); any other makes it refuse the domain (measured). */
const KNOWN = ['hidden', 'hint-dedicated', 'poll-control', 'pv-ipi', 'dirty-ring'];

/** What `<features><kvm>` says, child by child, as libvirt reads it (a repeated child wins last, measured). */
export interface KvmFacts {
  /** Each child's state. */
  states: Record<string, 'on' | 'off'>;
  /** `<dirty-ring size=>` when the ring is on. */
  dirtyRingSize?: string;
}

/**
 * Reads `<features><kvm>`: the children the catalog spells (`<hidden>`) set their feature, the others
 * (hint-dedicated, poll-control, pv-ipi, dirty-ring) are kept for the -cpu and -accel translation.
 * libvirt's errors are reported in its words: a missing or invalid state, an unknown child.
 */
export function readKvm(kvm: XmlElement, state: ReadState): KvmFacts {
  const facts: KvmFacts = { states: {} };
  for (const child of getChildElements(kvm)) {
    const feature = libvirtIndex().kvm.get(child.name);
    if (!KNOWN.includes(child.name) && !feature) {
      state.report(
        'LIBVIRT_UNKNOWN_ELEMENT',
        `<${child.name}> is not a KVM feature libvirt knows (libvirt: ${LIBVIRT_SAYS.unknownKvm(child.name)})`,
        child.startTag,
        {
          notes: [`libvirt knows ${KNOWN.map((k) => `<${k}>`).join(', ')} in <kvm>`],
        },
      );
      continue;
    }
    const on = readState(child, state, feature, {
      missing: `write <${child.name} state='on'/>`,
      invalid: "libvirt accepts exactly 'on' or 'off'",
    });
    if (on === undefined) continue;
    facts.states[child.name] = on ? 'on' : 'off';
    if (feature) state.put(feature, on, child.startTag);
    const size = getAttribute(child, 'size');
    if (on && size !== undefined) facts.dirtyRingSize = size;
  }
  return facts;
}
