import type { FormatEntry, PrintOptions } from '../types.js';
import type { DomainCapabilities } from './domcaps.js';
import { parseDomainCapabilities } from './domcaps.js';
import { editLibvirt } from './edit.js';
import type { LibvirtParsed } from './parse.js';
import { looksLikeXml, parseLibvirt } from './parse.js';
import { printLibvirt } from './print.js';
import { spellLibvirtChange } from './spell.js';
import { featureOfLibvirtName, libvirtExample, locateLibvirt, spellLibvirt } from './describe.js';
import { LATEST_LIBVIRT } from './versions.js';
import { splitDomains } from './split-domains.js';
import { translateLibvirtToQemu } from './to-qemu.js';
import { quoteShell } from '../../syntax/shell/split.js';
import { detectStyle } from '../../syntax/xml/index.js';

function capabilitiesOf(opts: PrintOptions): {
  caps?: DomainCapabilities;
  diagnostics: ReturnType<typeof parseDomainCapabilities>['diagnostics'];
} {
  if (!opts.capabilities) return { diagnostics: [] };
  return parseDomainCapabilities(opts.capabilities);
}

export const libvirtFormat: FormatEntry<'libvirt'> = {
  id: 'libvirt',
  describes: 'libvirt domain XML',
  readBy: 'libvirt',
  versions: {
    program: 'libvirt',
    releases: `9.0 to ${LATEST_LIBVIRT}`,
    measured: 'libvirt 9.0 run in the tests; later releases from their source (LIBVIRT_CHANGES, docs/libvirt.md)',
  },
  detect: (text) => (looksLikeXml(text) ? 4 : 0),
  parse: (text, opts) => parseLibvirt(text, opts?.maxChars ? { maxChars: opts.maxChars } : {}),
  split: splitDomains,
  document: true,
  spell: spellLibvirt,
  featureNamed: featureOfLibvirtName,
  locate: locateLibvirt,
  example: {
    label: 'libvirt',
    write: libvirtExample,
    none: 'no spelling: libvirt cannot express it',
    jsonKey: 'libvirtExample',
  },
  spellChange(parsed) {
    const doc = (parsed as Partial<LibvirtParsed>).doc;
    const quote = doc ? detectStyle(doc).quote : "'";
    return (feature, value) => spellLibvirtChange(feature, value, quote);
  },
  print: (set, opts) =>
    printLibvirt(set, {
      ...(opts.libvirtVersion ? { libvirtVersion: opts.libvirtVersion } : {}),
      ...(opts.input ? { context: opts.input.context } : {}),
    }),
  edit: (parsed, set, opts) =>
    editLibvirt(parsed as LibvirtParsed, set, opts.libvirtVersion ? { libvirtVersion: opts.libvirtVersion } : {}),
  translate: {
    qemu(parsed, opts) {
      const { caps, diagnostics } = capabilitiesOf(opts);
      const style = opts.style === 'legacy' ? 'legacy' : 'modern';
      const out = translateLibvirtToQemu(parsed as LibvirtParsed, {
        style,
        ...(opts.libvirtVersion ? { libvirtVersion: opts.libvirtVersion } : {}),
        ...(caps ? { capabilities: caps } : {}),
      });
      // libvirt's command line has its own -cpu, then the <qemu:commandline> ones: print them all, as it does.
      const overrides = (parsed as LibvirtParsed).cpuOverrides ?? [];
      const text = overrides.length
        ? ['-cpu', out.text, ...overrides.flatMap((o) => ['-cpu', o.value])].map(quoteShell).join(' ')
        : out.text;
      return { text, diagnostics: [...diagnostics, ...out.diagnostics] };
    },
  },
};
