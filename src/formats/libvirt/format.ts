import { CATALOG, SRC } from '../../catalog/index.js';
import type { FormatEntry, PrintOptions } from '../types.js';
import { cannotWriteUnless } from '../unwritable.js';
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
import { otherLibvirtDocument } from './other-documents.js';
import { translateLibvirtToQemu } from './to-qemu.js';
import { quoteShell } from '../../syntax/shell/split.js';
import { detectQuote } from '../../syntax/xml/index.js';
import type { XmlQuote } from '../../syntax/xml/index.js';

function capabilitiesOf(opts: PrintOptions): {
  caps?: DomainCapabilities;
  diagnostics: ReturnType<typeof parseDomainCapabilities>['diagnostics'];
} {
  if (!opts.capabilities) return { diagnostics: [] };
  return parseDomainCapabilities(opts.capabilities);
}

/** A QEMU property libvirt has no element for: it reaches QEMU only through `<qemu:commandline>`. */
const libvirtCannotWrite = cannotWriteUnless((feature) => Boolean(CATALOG[feature].libvirt), {
  reason: 'libvirt has no element for it',
  instead:
    'libvirt passes only the features it knows to QEMU; use a QEMU command line (<qemu:commandline>) for the rest',
  source: SRC.libvirtRng,
});

export const libvirtFormat: FormatEntry<'libvirt'> = {
  id: 'libvirt',
  describes: 'libvirt domain XML',
  readBy: 'libvirt',
  versions: {
    program: 'libvirt',
    releases: `9.0 to ${LATEST_LIBVIRT}`,
    measured: 'libvirt 9.0 run in the tests; later releases from their source (LIBVIRT_CHANGES, docs/libvirt.md)',
  },
  extensions: ['.xml'],
  detect: (text) => (looksLikeXml(text) ? 4 : 0),
  otherDocument: otherLibvirtDocument,
  parse: (text, opts) => parseLibvirt(text, opts?.maxChars ? { maxChars: opts.maxChars } : {}),
  split: splitDomains,
  document: true,
  followsLibvirtRelease: true,
  writesClock: true,
  cpuFlags: {
    host: "<cpu mode='host-passthrough'/>",
    require: (flags) => `<feature policy='require' name='${flags[0]}'/> in <cpu>`,
  },
  cannotWrite: libvirtCannotWrite,
  hostRefusal: (feature) => {
    const element = CATALOG[feature].libvirt;
    return element?.kind === 'hyperv'
      ? `libvirt refuses it: "host doesn't support hyperv '${element.element}' feature"`
      : undefined;
  },
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
    // The domain's quote, read the first time a change is spelled (most domains need none).
    let quote: XmlQuote | undefined;
    return (feature, value) => spellLibvirtChange(feature, value, (quote ??= doc ? detectQuote(doc) : "'"));
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
