import type { Command } from 'commander';
import { CATALOG } from '../catalog/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors, makeDiagnostic } from '../diagnostics/index.js';
import type { EnlightenmentSet } from '../model/index.js';
import { getValue } from '../model/index.js';
import { compareLibvirtVersions, LATEST_LIBVIRT, libvirtSince } from '../formats/libvirt/index.js';
import type { FormatEntry, ParsedConfig } from '../formats/types.js';
import { diagnosticsToJson, parseInput, printDiagnostics, writeJson } from './common.js';
import { unifiedDiff } from './diff.js';
import type { Input } from './input.js';
import { readInput } from './input.js';
import type { InputLimitFlags } from './max-bytes.js';
import { addMaxBytesOption, inputLimit } from './max-bytes.js';
import { printable } from '../util/printable.js';
import type { Io } from './io.js';
import { EXIT, UsageError } from './io.js';
import type { SetChange } from './set-args.js';
import { applySetChanges, parseSetWord } from './set-args.js';
import type { CommandSpec } from './spec.js';
import { checkLibvirtVersionFlag, defineDomainXml, dumpDomainXml, readConnectInput, resolveLibvirtVersion } from './virsh.js';
import { writeFileSafely } from './write-file.js';

interface SetFlags extends InputLimitFlags {
  connect?: string;
  dryRun?: boolean;
  stdout?: boolean;
  from?: string;
  libvirtVersion?: string;
  json?: boolean;
}

/**
 * Elements every libvirt in use knows (RHEL 7.9 ships 4.5): writing only these needs no release
 * check, so `set vm.xml relaxed` does not have to ask `virsh --version`.
 */
const KNOWN_TO_ALL = '4.5.0';

/** The libvirt release to write for: the flag; else the installed one when the change needs a newer element; else the newest known. */
function libvirtVersionFor(flags: SetFlags, before: EnlightenmentSet, after: EnlightenmentSet): string {
  if (flags.libvirtVersion) return checkLibvirtVersionFlag(flags.libvirtVersion);
  const sensitive =
    before.mode !== after.mode ||
    Object.keys(CATALOG).some((id) => {
      const f = id as keyof typeof CATALOG;
      const since = libvirtSince(f);
      return getValue(after, f) !== getValue(before, f) && since !== null && compareLibvirtVersions(since, KNOWN_TO_ALL) > 0;
    });
  return sensitive ? resolveLibvirtVersion(undefined) : LATEST_LIBVIRT;
}

async function readTarget(target: string, flags: SetFlags, io: Io): Promise<Input> {
  if (flags.connect) return readConnectInput(flags.connect, target, inputLimit(flags));
  const input = await readInput(target, io, inputLimit(flags));
  if (target !== '-' && !input.path) throw new UsageError(`no such file: ${target}`, 'set edits a file, `-` (stdin, printed to stdout), or --connect URI DOMAIN');
  return input;
}

/** Requested changes the edited text does not hold (what the target syntax or release could not take). */
function missedChanges(format: FormatEntry, text: string, changes: readonly SetChange[]): string[] {
  // Our own output, from an input read under the cap: no second cap.
  const after = format.parse(text, { maxChars: Number.MAX_SAFE_INTEGER }).set;
  const missed: string[] = [];
  for (const c of changes) {
    if (c.kind === 'mode' && after.mode !== c.mode) missed.push(`mode=${c.mode}`);
    if (c.kind === 'feature' && getValue(after, c.feature) !== c.value) missed.push(c.value === undefined ? `${c.feature}=default` : `${c.feature}=${String(c.value)}`);
  }
  return [...new Set(missed)];
}

function edit(format: FormatEntry, parsed: ParsedConfig, next: EnlightenmentSet, version: string | undefined) {
  const opts = { input: parsed, ...(version ? { libvirtVersion: version } : {}) };
  if (format.edit) return format.edit(parsed, next, opts);
  if (format.print) {
    const out = format.print(next, opts);
    return { ...out, text: out.text.endsWith('\n') ? out.text : `${out.text}\n` };
  }
  throw new UsageError(`enlighten cannot write ${format.id} configurations`);
}

export async function runSet(args: string[], flags: SetFlags, io: Io): Promise<number> {
  const [target, ...words] = args;
  if (!target || words.length === 0) throw new UsageError('set needs a TARGET and at least one FEATURE[=VALUE]', 'for example: enlighten set vm.xml stimer synic vpindex time');
  const changes = words.map(parseSetWord);
  const input = await readTarget(target, flags, io);
  const { parsed, format } = parseInput(input, flags.connect ? (flags.from ?? 'libvirt') : flags.from, inputLimit(flags));
  const unreadable = parsed.diagnostics.filter((d) => d.severity === 'error' && (d.code.startsWith('XML_') || d.code === 'UNREADABLE_INPUT'));
  if (unreadable.length) {
    printDiagnostics(io, unreadable, parsed, format, input.name);
    return EXIT.USAGE;
  }
  const next = applySetChanges(parsed.set, changes);
  const version = format.id === 'libvirt' ? libvirtVersionFor(flags, parsed.set, next) : undefined;
  const out = edit(format, parsed, next, version);
  const diagnostics: Diagnostic[] = [...out.diagnostics];
  const missed = hasErrors(diagnostics) ? [] : missedChanges(format, out.text, changes);
  if (missed.length) {
    diagnostics.push(makeDiagnostic('NOT_EXPRESSIBLE', `could not write ${missed.join(', ')} into this ${format.id} configuration; nothing was written`, { severity: 'error' }));
  }
  const failed = hasErrors(diagnostics);
  const text = failed ? parsed.source : out.text;
  const changed = text !== parsed.source;
  let backup: string | null = null;
  let written = false;
  if (!failed && changed && !flags.dryRun && !flags.stdout) {
    if (flags.connect) {
      if ((await dumpDomainXml(flags.connect, target, inputLimit(flags))) !== parsed.source) {
        throw new UsageError(`${input.name} changed since enlighten read it; nothing was written`, 'run the command again');
      }
      await defineDomainXml(flags.connect, text);
      written = true;
    } else if (input.path) {
      backup = writeFileSafely(input.path, text, input.text);
      written = true;
    }
  }
  if (flags.json) {
    writeJson(io, {
      target: input.name,
      format: format.id,
      changed,
      written,
      backup,
      ...(flags.dryRun ? { diff: unifiedDiff(parsed.source, text, input.name) } : {}),
      diagnostics: diagnosticsToJson(diagnostics, parsed.source),
    });
    return failed ? EXIT.FINDINGS : EXIT.OK;
  }
  if (diagnostics.length) printDiagnostics(io, diagnostics, parsed, format, input.name);
  if (failed) return EXIT.FINDINGS;
  if (flags.dryRun) io.stdout(unifiedDiff(parsed.source, text, input.name));
  else if (flags.stdout || (!flags.connect && !input.path)) io.stdout(text);
  else if (!changed) io.stderr(`${printable(input.name)}: nothing to change\n`);
  else if (flags.connect) io.stderr(`${printable(input.name)}: defined with the change\n`);
  else io.stderr(`${printable(input.name)}: updated (backup: ${printable(String(backup))})\n`);
  return EXIT.OK;
}

export const setCommand: CommandSpec = {
  name: 'set',
  configure: (cmd: Command) =>
    addMaxBytesOption(cmd)
      .description('turn features on or off, change values or the mode, in place, changing nothing else')
      .argument('<target>', 'a file (libvirt domain XML, QEMU command line, -cpu value, JSON), `-` for stdin, or with --connect a domain name')
      .argument('<feature...>', 'FEATURE (on), FEATURE=off, FEATURE=VALUE, FEATURE=default (remove), mode=custom|passthrough|host-model')
      .option('--connect <uri>', 'TARGET is a domain on this libvirt connection: read with virsh dumpxml, written with virsh define')
      .option('--dry-run', 'print a unified diff of the change and write nothing')
      .option('--stdout', 'print the edited document instead of writing it')
      .option('--from <syntax>', 'the syntax of TARGET, when detection is not enough')
      .option('--libvirt-version <x.y>', 'the libvirt release the domain is for (default: the installed one, else the newest enlighten knows)')
      .option('--json', 'print {changed, written, backup, diagnostics} as JSON')
      .addHelpText(
        'after',
        `
Examples:
  enlighten set vm.xml stimer synic vpindex time
  enlighten set vm.xml stimer=off --dry-run
  enlighten set vm.xml spinlocks=8191 "vendor-id=KVM Hv"
  enlighten set vm.xml mode=passthrough --stdout
  enlighten set --connect qemu:///system win11 relaxed vapic
  enlighten set vm.args hv-time

FEATURE is an id (enlighten list), a QEMU name (hv-stimer, hv_stimer) or a libvirt element (vendor_id).
Files are replaced atomically after a backup (FILE.enlighten.bak, never overwritten), and not at all
when the file changed since it was read. A change the target cannot hold writes nothing (exit 1).`,
      ),
  run: (args, flags, io) => runSet(args, flags as SetFlags, io),
};
