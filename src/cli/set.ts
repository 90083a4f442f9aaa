import { CATALOG } from '../catalog/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors, makeDiagnostic } from '../diagnostics/index.js';
import type { EnlightenmentSet } from '../model/index.js';
import { getValue } from '../model/index.js';
import { compareLibvirtVersions, LATEST_LIBVIRT, libvirtSince } from '../formats/libvirt/index.js';
import type { FormatEntry, ParsedConfig } from '../formats/types.js';
import { diagnosticsToJson, exitFor, parseInput, printDiagnostics, summarize, writeJson } from './common.js';
import { unifiedDiff } from './diff.js';
import type { Input } from './input.js';
import { encodeLike, inputFile, inputFromBytes, readInput } from './input.js';
import type { InputLimitFlags } from './max-bytes.js';
import { inputLimit, MAX_BYTES_OPTION } from './max-bytes.js';
import { printable } from '../util/printable.js';
import type { Io } from './io.js';
import { EXIT, UsageError } from './io.js';
import type { SetChange } from './set-args.js';
import { parseSetWord } from './set-args.js';
import type { SetAddition } from '../fix/set-config.js';
import { planSetChanges } from '../fix/set-config.js';
import { checkConfig } from '../rules/index.js';
import type { CommandSpec } from './spec.js';
import { featureIds, syntaxIds } from './values.js';
import { checkLibvirtVersionFlag, defineDomainXml, dumpDomainXml, readConnectInput, resolveLibvirtVersion } from './virsh.js';
import { cannotEditInPlace, editFileSafely } from './write-file.js';

interface SetFlags extends InputLimitFlags {
  connect?: string;
  dryRun?: boolean;
  stdout?: boolean;
  from?: string;
  libvirtVersion?: string;
  json?: boolean;
  force?: boolean;
  exact?: boolean;
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

/** What `set` makes of one reading of the target. */
interface SetPlan {
  input: Input;
  parsed: ParsedConfig;
  format: FormatEntry;
  /** The syntax errors that stop everything (exit 2). */
  unreadable: Diagnostic[];
  diagnostics: Diagnostic[];
  failed: boolean;
  text: string;
  changed: boolean;
  /** What set turned on besides what was asked, and for which feature. */
  additions: SetAddition[];
  /** The checks on what was written (errors and warnings; spans in `result`). */
  result: ParsedConfig | null;
  findings: Diagnostic[];
}

function planSet(input: Input, changes: readonly SetChange[], flags: SetFlags): SetPlan {
  const { parsed, format } = parseInput(input, flags.connect ? (flags.from ?? 'libvirt') : flags.from, inputLimit(flags));
  const unreadable = parsed.diagnostics.filter((d) => d.severity === 'error' && (d.code.startsWith('XML_') || d.code === 'UNREADABLE_INPUT'));
  const none = { additions: [], result: null, findings: [] };
  if (unreadable.length) return { input, parsed, format, unreadable, diagnostics: [], failed: true, text: parsed.source, changed: false, ...none };
  const { set: next, additions } = planSetChanges(parsed.set, changes, flags.exact === true);
  const version = format.id === 'libvirt' ? libvirtVersionFor(flags, parsed.set, next) : undefined;
  const out = edit(format, parsed, next, version);
  const diagnostics: Diagnostic[] = [...out.diagnostics];
  const missed = hasErrors(diagnostics) ? [] : missedChanges(format, out.text, changes);
  if (missed.length) {
    diagnostics.push(makeDiagnostic('NOT_EXPRESSIBLE', `could not write ${missed.join(', ')} into this ${format.id} configuration; nothing was written`, { severity: 'error' }));
  }
  const failed = hasErrors(diagnostics);
  const text = failed ? parsed.source : out.text;
  if (failed) return { input, parsed, format, unreadable, diagnostics, failed, text, changed: false, ...none };
  // Re-check what would be written, as `check` would with no options.
  const result = format.parse(text);
  const findings = checkConfig(result).filter((d) => d.severity !== 'info');
  return { input, parsed, format, unreadable, diagnostics, failed, text, changed: text !== parsed.source, additions, result, findings };
}

export async function runSet(args: string[], flags: SetFlags, io: Io): Promise<number> {
  const [target, ...words] = args;
  if (!target || words.length === 0) throw new UsageError('set needs a TARGET and at least one FEATURE[=VALUE]', 'for example: enlighten set vm.xml stimer synic vpindex time');
  const changes = words.map(parseSetWord);
  let backup: string | null = null;
  let written = false;
  let plan: SetPlan;
  const file = flags.connect || flags.dryRun || flags.stdout ? undefined : inputFile(target, io);
  if (file) {
    // Lock, read, edit, compare and swap, write, unlock: no other enlighten run can slip in between.
    let planned: SetPlan | undefined;
    ({ backup, written } = await editFileSafely(
      file.path,
      (bytes) => {
        const input = inputFromBytes(bytes, file.name, inputLimit(flags), file.path);
        planned = planSet(input, changes, flags);
        if (planned.changed && !planned.format.edit) throw cannotEditInPlace(file.name, planned.format.id);
        return planned.failed || !planned.changed ? null : encodeLike(input, planned.text);
      },
      { force: flags.force === true, name: file.name, limit: inputLimit(flags) },
    ));
    plan = planned!;
  } else {
    plan = planSet(await readTarget(target, flags, io), changes, flags);
    if (!plan.failed && plan.changed && flags.connect && !flags.dryRun && !flags.stdout) {
      if ((await dumpDomainXml(flags.connect, target, inputLimit(flags))) !== plan.parsed.source) {
        throw new UsageError(`${printable(plan.input.name)} changed since enlighten read it; nothing was written`, 'run the command again');
      }
      await defineDomainXml(flags.connect, plan.text);
      written = true;
    }
  }
  const { input, parsed, format, unreadable, diagnostics, failed, text, changed, additions, result, findings } = plan;
  const spell = format.spellChange(parsed);
  const status = failed ? exitFor(diagnostics) : hasErrors(findings) ? EXIT.FINDINGS : EXIT.OK;
  if (unreadable.length) {
    printDiagnostics(io, unreadable, parsed, format, input.name);
    return EXIT.USAGE;
  }
  if (flags.json) {
    writeJson(io, {
      target: input.name,
      format: format.id,
      changed,
      written,
      backup,
      added: additions.map((a) => ({ feature: a.feature, neededBy: a.neededBy, as: spell(a.feature, true) })),
      ...(flags.dryRun ? { diff: unifiedDiff(parsed.source, text, input.name) } : {}),
      diagnostics: diagnosticsToJson(diagnostics, parsed.source),
      result: result ? diagnosticsToJson(findings, result.source) : [],
    });
    return status;
  }
  if (diagnostics.length) printDiagnostics(io, diagnostics, parsed, format, input.name);
  if (failed) return status;
  for (const a of additions) io.stderr(`  + ${spell(a.feature, true)}: ${CATALOG[a.neededBy].qemu.name} requires ${CATALOG[a.feature].qemu.name}\n`);
  if (flags.dryRun) io.stdout(unifiedDiff(parsed.source, text, input.name));
  else if (flags.stdout || (!flags.connect && !input.path)) io.stdout(text);
  else if (!changed) io.stderr(`${printable(input.name)}: nothing to change\n`);
  else if (flags.connect) io.stderr(`${printable(input.name)}: defined with the change\n`);
  else io.stderr(`${printable(input.name)}: updated (backup: ${printable(String(backup))})\n`);
  if (findings.length && result) {
    io.stderr(`the result has ${summarize(findings)}${flags.exact ? ' (--exact wrote only what was asked)' : ''}:\n`);
    printDiagnostics(io, findings, result, format, input.name);
  }
  return status;
}

export const setCommand: CommandSpec = {
  name: 'set',
  summary: 'turn features on or off, change values or the mode, in place, changing nothing else',
  arguments: [
    { name: 'target', required: true, description: 'a file (libvirt domain XML, QEMU command line, -cpu value, JSON), `-` for stdin, or with --connect a domain name', file: true },
    { name: 'feature', required: true, variadic: true, description: 'FEATURE (on), FEATURE=off, FEATURE=VALUE, FEATURE=default (remove), mode=custom|passthrough|host-model', values: featureIds },
  ],
  options: [
    MAX_BYTES_OPTION,
    { flags: '--connect <uri>', description: 'TARGET is a domain on this libvirt connection: read with virsh dumpxml, written with virsh define' },
    { flags: '--dry-run', description: 'print a unified diff of the change and write nothing' },
    { flags: '--stdout', description: 'print the edited document instead of writing it' },
    { flags: '--from <syntax>', description: 'the syntax of TARGET, when detection is not enough', values: syntaxIds, closed: true },
    { flags: '--libvirt-version <x.y>', description: 'the libvirt release the domain is for (default: the installed one, else the newest enlighten knows)' },
    { flags: '--force', description: 'write a file even when it is read-only (its mode, owner and group are kept)' },
    { flags: '--exact', description: 'change only what is asked, not what it requires; exit 1 when the result has errors' },
    { flags: '--json', description: 'print {changed, written, backup, diagnostics} as JSON' },
  ],
  examples: [
    'enlighten set vm.xml stimer synic vpindex time',
    'enlighten set vm.xml stimer=off --dry-run',
    'enlighten set vm.xml spinlocks=8191 "vendor-id=KVM Hv"',
    'enlighten set vm.xml mode=passthrough --stdout',
    'enlighten set --connect qemu:///system win11 relaxed vapic',
    'enlighten set vm.args hv-time',
  ],
  notes: `FEATURE is an id (enlighten list), a QEMU name (hv-stimer, hv_stimer) or a libvirt element (vendor_id).
Files are replaced atomically after a backup (FILE.enlighten.bak, never overwritten), under a lock
other enlighten runs wait for, and not at all when the file changed since it was read (exit 2).
A symlink is followed and kept; mode, owner and group are kept; a read-only file needs --force.
Turning a feature on also turns on what it requires (stimer brings synic, vpindex and hv-time, in
libvirt the hypervclock timer); each addition is listed, and --exact turns that off. The result is
checked as \`enlighten check\` would, and its findings are shown (exit 1 for an error).
A change the target cannot hold writes nothing (exit 1); a configuration enlighten cannot change
without changing its meaning (a -cpu the shell builds) writes nothing (exit 2).`,
  run: (args, flags, io) => runSet(args, flags as SetFlags, io),
};
