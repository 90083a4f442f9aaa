import type { EnlightenmentSet } from '../../model/index.js';
import type { ParsedConfig } from '../types.js';
import { domainNameOf } from './domain-name.js';
import type { VirtXmlCommands, VirtXmlPrintOptions } from './print.js';
import { DEFAULT_DOMAIN, printVirtXmlCommands } from './print.js';

/**
 * For `enlighten fix --print-virt-xml`: the virt-xml commands that bring the domain from the set
 * it holds (`parsed`, usually libvirt domain XML) to the fixed set, on that domain (its `<name>`
 * unless `opts.domain` says otherwise). Never throws.
 */
export function printVirtXmlFix(
  parsed: ParsedConfig,
  fixed: EnlightenmentSet,
  opts: VirtXmlPrintOptions = {},
): VirtXmlCommands {
  const domain =
    opts.domain ?? (parsed.format === 'libvirt' ? domainNameOf(parsed.source) : undefined) ?? DEFAULT_DOMAIN;
  return printVirtXmlCommands(parsed.set, fixed, { ...opts, domain });
}
