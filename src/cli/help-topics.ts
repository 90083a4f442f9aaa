/**
 * `enlighten help TOPIC`: what is not a command but people look up (the exit codes, every
 * diagnostic code, one code), the manual page in roff, and the text of `--version`. All of it is
 * made from the same tables as the rest: the diagnostic codes, the formats, the catalog.
 */
import { compareNames } from '../util/name-order.js';
import { CATALOG } from '../catalog/index.js';
import { CODES } from '../diagnostics/index.js';
import { FORMATS } from '../formats/registry.js';
import { compareVersions } from '../rules/target-versions.js';
import { EXIT, EXIT_CLOSED_PIPE } from './io.js';
import type { ProgramSpec } from './spec.js';
import { argumentSyntax } from './spec.js';
import { VERSION } from './version.js';

/** The exit status of an internal error (a bug), as sysexits.h's EX_SOFTWARE. */
export const EXIT_INTERNAL = 70;

export const EXIT_CODES: readonly { status: number; meaning: string }[] = [
  {
    status: EXIT.OK,
    meaning: 'fine: nothing to report, or only warnings and notes (audit --fail-on warning counts warnings)',
  },
  {
    status: EXIT.FINDINGS,
    meaning:
      'errors found: in a configuration (check, audit), left after fixing it (fix), or in what a guest reports (decode)',
  },
  {
    status: EXIT.USAGE,
    meaning:
      'bad usage, or an input that could not be read or understood: nothing was written; or the output could not be (a full disk), and then what was written before it is named',
  },
  { status: EXIT_INTERNAL, meaning: 'internal error: a bug in enlighten (ENLIGHTEN_DEBUG=1 prints the stack)' },
  {
    status: EXIT_CLOSED_PIPE,
    meaning: 'whoever read the output went away (| head), as for a program killed by SIGPIPE',
  },
];

function newest(versions: (string | null | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const v of versions) if (typeof v === 'string' && (best === undefined || compareVersions(v, best) > 0)) best = v;
  return best;
}

/** `--version`: the release on the first line alone (scripts read it), then what it follows. */
export function versionText(): string {
  const defs = Object.values(CATALOG);
  const qemu = newest(defs.map((d) => d.since.qemu));
  const libvirt = newest(defs.map((d) => d.since.libvirt));
  return [
    VERSION,
    `syntaxes: ${FORMATS.map((f) => `${f.id} (${f.versions.program} ${f.versions.releases})`).join(', ')}`,
    `catalog: ${defs.length} features; the newest came with QEMU ${qemu} and libvirt ${libvirt}`,
  ].join('\n');
}

function exitCodesText(): string {
  return `Exit status of every enlighten command:\n\n${EXIT_CODES.map((e) => `  ${String(e.status).padStart(3)}  ${e.meaning}`).join('\n')}\n`;
}

function codesText(): string {
  const rows = Object.entries(CODES).sort(([a], [b]) => compareNames(a, b));
  const w = Math.max(...rows.map(([c]) => c.length));
  return `Every diagnostic code, with its default severity (enlighten help CODE for one):\n\n${rows
    .map(([c, d]) => `  ${c.padEnd(w)}  ${d.severity.padEnd(7)}  ${d.summary}`)
    .join('\n')}\n`;
}

/** A topic of `enlighten help`. */
export interface HelpTopic {
  name: string;
  summary: string;
  text(program: ProgramSpec): string;
}

export const HELP_TOPICS: readonly HelpTopic[] = [
  { name: 'exit-codes', summary: 'what each exit status means', text: exitCodesText },
  { name: 'codes', summary: 'every diagnostic code and its meaning (or: enlighten help CODE)', text: codesText },
  { name: 'man', summary: 'this manual page in roff (enlighten help man | man -l -)', text: (p) => manPage(p) },
];

/** The topic's text, a diagnostic code's, or undefined when the name is neither. */
export function helpTopic(name: string, program: ProgramSpec): string | undefined {
  const topic = HELP_TOPICS.find((t) => t.name === name);
  if (topic) return topic.text(program);
  const code = name.toUpperCase();
  if (Object.hasOwn(CODES, code)) {
    const d = CODES[code as keyof typeof CODES];
    return `${code} (${d.severity} by default)\n\n  ${d.summary}\n\nenlighten check FILE shows each finding with its position, notes and fix.\n`;
  }
  return undefined;
}

/** The topics, for the program's help. */
export function topicsHelp(): string {
  const w = Math.max(...HELP_TOPICS.map((t) => t.name.length), 'CODE'.length);
  return `Help topics (enlighten help TOPIC):\n${[
    ...HELP_TOPICS.map((t) => [t.name, t.summary]),
    ['CODE', 'one diagnostic code (MISSING_DEPENDENCY)'],
  ]
    .map(([n, s]) => `  ${n!.padEnd(w)}  ${s}`)
    .join('\n')}`;
}

/** Text for roff: backslashes and leading dots or quotes escaped, dashes as ASCII hyphens. */
function roff(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .split('\n')
    .map((l) => (/^[.']/.test(l) ? `\\&${l}` : l))
    .join('\n');
}

/** enlighten(1), from the command definitions: the same words as --help. */
export function manPage(program: ProgramSpec): string {
  const out: string[] = [
    `.TH ENLIGHTEN 1 "" "enlighten ${VERSION}" "User Commands"`,
    '.SH NAME',
    `enlighten \\- ${roff(program.summary)}`,
    '.SH SYNOPSIS',
    '.B enlighten',
    '.I command',
    '[\\fIoptions\\fR] [\\fIarguments\\fR]',
    '.br',
    '.B enlighten help',
    '[\\fIcommand\\fR|\\fItopic\\fR]',
    '.SH DESCRIPTION',
    roff(program.summary),
    '.SH COMMANDS',
  ];
  for (const c of program.commands) {
    const args = (c.arguments ?? []).map(argumentSyntax).join(' ');
    out.push('.SS', `\\fB${roff(c.name)}\\fR ${roff(args)}`.trimEnd(), roff(c.summary));
    if (c.arguments?.length) {
      for (const a of c.arguments) out.push('.TP', `\\fI${roff(a.name)}\\fR`, roff(a.description));
    }
    for (const o of c.options) out.push('.TP', `\\fB${roff(o.flags)}\\fR`, roff(o.description));
    if (c.examples.length) {
      out.push('.PP', 'Examples:', '.PP', '.nf', '.RS 4', ...c.examples.map(roff), '.RE', '.fi');
    }
    if (c.notes) out.push('.PP', roff(c.notes.replace(/\n(?!\n)/g, ' ')).replace(/\n\n/g, '\n.PP\n'));
  }
  out.push(
    '.SH EXIT STATUS',
    ...EXIT_CODES.flatMap((e) => ['.TP', `\\fB${e.status}\\fR`, roff(e.meaning)]),
    '.SH HELP TOPICS',
    ...HELP_TOPICS.flatMap((t) => ['.TP', `\\fB${t.name}\\fR`, roff(t.summary)]),
    '.SH DIAGNOSTICS',
    roff('Every finding has a stable code (enlighten help codes); --json prints it as "code".'),
    '.SH ENVIRONMENT',
    '.TP',
    '\\fBENLIGHTEN_DEBUG\\fR',
    roff('Print the stack of an internal error.'),
    '.TP',
    '\\fBENLIGHTEN_FLEET_CLIENT\\fR',
    roff(
      "How audit and fix read libvirt hosts (--connect, --hosts): rpc (the default) speaks libvirt's RPC protocol itself for tcp and unix URIs without authentication and leaves other URIs to virsh; virsh reads every host with virsh. Unset or empty is rpc; any other value is refused (exit 2).",
    ),
    '.SH SEE ALSO',
    roff(
      'virsh(1), virt-xml(1), virt-install(1), qemu(1); docs/ in the package: ARCHITECTURE.md, diagnostics.md, sources.md.',
    ),
  );
  return `${out.join('\n')}\n`;
}
