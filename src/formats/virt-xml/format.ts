import type { FormatEntry, ParsedConfig } from '../types.js';
import { emptySet, setsEqual } from '../../model/index.js';
import type { VirtXmlParsed } from './parse.js';
import { parseVirtXml } from './parse.js';
import { DEFAULT_DOMAIN, printVirtXmlCommands, spellVirtXmlChange } from './print.js';
import type { VirtXmlStyle } from './suboptions.js';
import { domainNameOf } from './domain-name.js';
import { findCalls } from './programs.js';
import { splitCommands } from './split-commands.js';
import { featureOfVirtXmlName, spellVirtXml, virtXmlExample } from './describe.js';

function styleOf(style: string | undefined, input: ParsedConfig | undefined): VirtXmlStyle {
  if (style === 'legacy' || style === 'modern') return style;
  return input?.format === 'virt-xml' ? (input as VirtXmlParsed).style : 'modern';
}

/** The characters the shell takes out of a word: quotes, backslashes, and the line breaks of continuations. */
const SHELL_REMOVES = /['"\\\r\n]/g;

/**
 * True when a simple command of the text (a script's line, after sudo and friends) calls virt-xml or
 * virt-install. The word that names the program is the text's own characters less those the shell
 * takes out, so a text without either name once they are gone calls neither: most launch scripts
 * are then not split into commands a second time (0.3 ms of a cold `audit` of a script).
 */
function callsVirtTool(text: string): boolean {
  const loose = text.replace(SHELL_REMOVES, '');
  if (!loose.includes('virt-xml') && !loose.includes('virt-install')) return false;
  return splitCommands(text).some((cmd) => findCalls(cmd.words).calls.length > 0);
}

export const virtXmlFormat: FormatEntry<'virt-xml'> = {
  id: 'virt-xml',
  describes: 'virt-xml or virt-install commands',
  // Its commands build libvirt domains, so libvirt's checks apply.
  readBy: 'libvirt',
  versions: {
    program: 'virt-xml and virt-install',
    releases: '4.1.0',
    measured: 'virtinst 4.1.0 (Debian 12), every printed form run through it in the tests',
  },
  /** A virt-xml or virt-install call anywhere in a script wins over the -cpu-like words of its options (`--cpu host`). */
  extensions: ['.sh'],
  detect(text) {
    if (callsVirtTool(text)) return 4;
    return /(^|\n)\s*(sudo\s+)?virt-(xml|install)\s/.test(text) ? 2 : 0;
  },
  parse: parseVirtXml,
  builds: 'libvirt',
  // virt-install's --cpu: the host's CPU, and the `require=` sub-option (read-cpu.ts reads both).
  cpuFlags: {
    host: '--cpu host-passthrough',
    require: (flags) => `${flags.map((f) => `require=${f}`).join(',')} in --cpu`,
  },
  spell: spellVirtXml,
  featureNamed: featureOfVirtXmlName,
  example: { label: 'virt-xml', write: virtXmlExample, none: 'no spelling', jsonKey: 'virtXmlExample' },
  spellChange: (parsed) => {
    const p = parsed.format === 'virt-xml' ? (parsed as VirtXmlParsed) : undefined;
    const domain = p?.commands.find((c) => c.domain)?.domain ?? DEFAULT_DOMAIN;
    return (feature, value) => spellVirtXmlChange(feature, value, styleOf(undefined, parsed), domain);
  },
  /**
   * The commands that build `set` on a domain from nothing. With a libvirt domain as input and a
   * different set (a fix), the commands that bring that domain from its own set to `set`, on it;
   * with the same set (`convert --to virt-xml vm.xml`), the commands that rebuild its set on
   * another domain (`$VM`), since bringing it to itself changes nothing.
   */
  print(set, opts) {
    const style = styleOf(opts.style, opts.input);
    const input = opts.input;
    const fromDomain = input?.format === 'libvirt' && !setsEqual(input.set, set);
    const from = fromDomain ? input.set : emptySet();
    const domain = fromDomain ? (domainNameOf(input.source) ?? DEFAULT_DOMAIN) : DEFAULT_DOMAIN;
    const out = printVirtXmlCommands(from, set, { style, domain });
    // Point each finding at the item of the input it is about.
    const diagnostics = out.diagnostics.map((d) => {
      const span = d.feature ? input?.origins[d.feature] : undefined;
      return span && !d.span ? { ...d, span } : d;
    });
    return {
      text: out.commands.length ? out.commands.join('\n') : '# no change: virt-xml has nothing to do',
      diagnostics,
    };
  },
};
