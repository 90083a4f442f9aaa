import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import {
  findAll,
  findChild,
  getAttribute,
  getChildElements,
  getTextContent,
  parseXml,
} from '../../syntax/xml/index.js';
import type { CpuFeatureFact } from './read-domain.js';

/** What `virsh domcapabilities` tells about the host, as far as -cpu is concerned. */
export interface DomainCapabilities {
  /** `<cpu><mode name='host-model'>`: the model and features libvirt passes for host-model CPUs. */
  hostModel?: { model: string; features: CpuFeatureFact[] };
  /**
   * `<features><hyperv supported='yes'>`: the enlightenments the host offers (libvirt element
   * names) and `<defaults>` (spinlocks, vendor_id, stimer_direct, tlbflush_direct, tlbflush_extended).
   */
  hyperv?: { features: string[]; defaults: Record<string, string> };
  /** `<features><hyperv supported=...>`: what it says; absent when there is no `<hyperv>` (older libvirt). */
  hypervSupported?: boolean;
}

/** Reads a domain capabilities document. Never throws. */
export function parseDomainCapabilities(text: string): { caps: DomainCapabilities; diagnostics: Diagnostic[] } {
  const result = parseXml(text);
  if (!result.ok) {
    return {
      caps: {},
      diagnostics: result.diagnostics.map((d) =>
        makeDiagnostic(d.code, `domain capabilities: ${d.message}`, d.span ? { span: d.span } : {}),
      ),
    };
  }
  const root = result.doc.root;
  if (root.name !== 'domainCapabilities') {
    return {
      caps: {},
      diagnostics: [
        makeDiagnostic(
          'UNREADABLE_INPUT',
          `expected <domainCapabilities> (virsh domcapabilities), found <${root.name}>`,
        ),
      ],
    };
  }
  const caps: DomainCapabilities = {};
  const hostModel = findAll(root, 'cpu/mode').find(
    (m) => getAttribute(m, 'name') === 'host-model' && getAttribute(m, 'supported') !== 'no',
  );
  const model = hostModel ? findChild(hostModel, 'model') : undefined;
  if (hostModel && model) {
    const features = findAll(hostModel, 'feature').map((f) => ({
      name: getAttribute(f, 'name') ?? '',
      policy: getAttribute(f, 'policy') ?? 'require',
    }));
    caps.hostModel = { model: getTextContent(model).trim(), features: features.filter((f) => f.name) };
  }
  const hyperv = findAll(root, 'features/hyperv')[0];
  if (hyperv) caps.hypervSupported = getAttribute(hyperv, 'supported') === 'yes';
  if (hyperv && caps.hypervSupported) {
    const list = findAll(hyperv, 'enum').find((e) => getAttribute(e, 'name') === 'features');
    const features = list ? findAll(list, 'value').map((v) => getTextContent(v).trim()) : [];
    const defaults: Record<string, string> = {};
    const d = findChild(hyperv, 'defaults');
    for (const el of d ? getChildElements(d) : []) defaults[el.name] = getTextContent(el).trim();
    caps.hyperv = { features, defaults };
  }
  return { caps, diagnostics: [] };
}
