import { formatCitation } from '../catalog/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { getFormat } from '../formats/registry.js';
import type { FormatEntry, ParsedConfig } from '../formats/types.js';
import type { FixConfigResult } from '../fix/fix-config.js';
import { fixConfig } from '../fix/fix-config.js';
import { applyPreset } from '../recommend/apply-preset.js';
import { PRESETS, findPreset } from '../recommend/presets.js';
import type { GuestChoice } from '../rules/index.js';
import { resolveGuest } from '../rules/index.js';
import {
  diagnosticsToJson,
  exitFor,
  fixSpeller,
  guestLine,
  guestToJson,
  parseInput,
  printDiagnostics,
  printUnreadable,
  summarize,
  unknownName,
  writeJson,
} from './common.js';
import { isUnreadable } from '../diagnostics/index.js';
import { unifiedDiff } from '../util/unified-diff.js';
import type { TargetFlags } from './host-options.js';
import { readTargetOptions, targetOptions } from './host-options.js';
import { parseOptionsFrom } from './parse-options.js';
import type { Input } from './input.js';
import { encodeLike, inputFile, inputFromBytes, readInput } from './input.js';
import { inputLimit } from './max-bytes.js';
import { printable } from '../util/printable.js';
import type { Io } from './io.js';
import { UsageError } from './io.js';
import { FORCE_OPTION, fromOption, jsonOption, styleOption } from './options.js';
import type { CommandSpec } from './spec.js';
import { fileArgument } from './spec.js';
import { presetNames } from './values.js';
import { defineDomainXml, dumpDomainXml } from './virsh.js';
import { cannotEditInPlace, editFileSafely } from './write-file.js';
import { writeVirtXmlFix } from './fix-virt-xml.js';
import type { FixFleetFlags } from './fleet/fix-fleet.js';
import { fixFleet, isFleetFix } from './fleet/fix-fleet.js';
import { OUTPUT_OPTIONS, fleetOptions } from './fleet/options.js';

interface FixFlags extends TargetFlags, FixFleetFlags {
  from?: string;
  dryRun?: boolean;
  stdout?: boolean;
  preset?: string;
  style?: string;
  json?: boolean;
  printVirtXml?: boolean;
  force?: boolean;
}

/** One line per change, in the input's syntax, with the reason. */
function describeChanges(result: FixConfigResult, parsed: ParsedConfig, format: FormatEntry): string[] {
  const spell = format.spellChange(parsed);
  const lines: string[] = [];
  for (const p of result.preset) {
    lines.push(
      p.kept
        ? `  = kept your value: the preset would ${spell(p.feature, p.value)} (${p.reason})`
        : `  + ${spell(p.feature, p.value)}: preset: ${p.reason}`,
    );
  }
  for (const a of result.actions) {
    const sign = a.to === undefined ? '-' : a.from === undefined ? '+' : '~';
    lines.push(`  ${sign} ${spell(a.feature, a.to ?? null)}: ${a.why}`);
  }
  return lines;
}

function report(
  io: Io,
  flags: FixFlags,
  name: string,
  parsed: ParsedConfig,
  format: FormatEntry,
  result: FixConfigResult,
  guest: GuestChoice | undefined,
  extra: Record<string, unknown>,
): void {
  if (flags.json) {
    const spell = fixSpeller(parsed, format);
    writeJson(io, {
      input: name,
      format: format.id,
      ...guestToJson(guest),
      changed: result.changed,
      preset: result.preset.map((p) => ({ ...p, source: formatCitation(p.source) })),
      actions: result.actions.map((a) => (a.source ? { ...a, source: formatCitation(a.source) } : a)),
      remaining: diagnosticsToJson(result.remaining, result.text, spell),
      ...extra,
    });
    return;
  }
  const lines = describeChanges(result, parsed, format);
  const line = guestLine(guest);
  if (line) io.stderr(`${line}\n`);
  const refused = result.remaining.some((d) => isUnreadable(d.code));
  const count = `${lines.length} change${lines.length === 1 ? '' : 's'}${refused ? ' planned, none written' : ''}`;
  io.stderr(
    lines.length
      ? `${printable(name)} (${format.id}): ${count}\n${lines.join('\n')}\n`
      : `${printable(name)} (${format.id}): nothing to fix\n`,
  );
  const left = result.remaining.filter((d) => d.severity !== 'info' || !result.changed);
  if (left.length) {
    io.stderr(`${refused ? 'why, and what stays' : 'left as is'} (${summarize(left)}):\n`);
    const reread = format.parse(result.text);
    if (reread.ok) printDiagnostics(io, left, reread.value, format, name);
    else printUnreadable(io, left, result.text, name);
  }
}

/** An input the syntax cannot read: its diagnostics (JSON or code frames), nothing fixed. */
function reportUnreadable(
  io: Io,
  flags: FixFlags,
  input: { name: string; text: string },
  format: FormatEntry,
  diagnostics: Diagnostic[],
): number {
  if (flags.json)
    writeJson(io, { input: input.name, format: format.id, diagnostics: diagnosticsToJson(diagnostics, input.text) });
  else printUnreadable(io, diagnostics, input.text, input.name);
  return exitFor(diagnostics);
}

async function fixLiveDomain(uri: string, domain: string | undefined, flags: FixFlags, io: Io): Promise<number> {
  if (!domain)
    throw new UsageError('--connect needs a domain name', 'for example: enlighten fix --connect qemu:///system win11');
  const format = getFormat('libvirt');
  if (!format)
    throw new UsageError('fixing a live domain needs the libvirt syntax, which this build does not have yet');
  const options = readTargetOptions(flags, io);
  const xml = await dumpDomainXml(uri, domain, inputLimit(flags));
  const read = format.parse(xml, { maxChars: inputLimit(flags) });
  if (!read.ok) return reportUnreadable(io, flags, { name: `${uri} ${domain}`, text: xml }, format, read.diagnostics);
  const parsed = read.value;
  const result = fixConfig(parsed, format, options, {
    ...(flags.preset ? { preset: applyPreset(parsed, options, flags.preset) } : {}),
  });
  const name = `${uri} ${domain}`;
  let defined: string | undefined;
  const virtXml = flags.printVirtXml
    ? writeVirtXmlFix(io, parsed, result.set, { ...flags, domain, connect: uri })
    : undefined;
  if (!virtXml && flags.dryRun) io.stdout(unifiedDiff(xml, result.text, domain));
  else if (!virtXml && result.changed) defined = await defineDomainXml(uri, domain, result.text);
  report(
    io,
    flags,
    name,
    parsed,
    format,
    result,
    resolveGuest(options, parsed.context),
    defined ? { defined } : virtXml ? { virtXml } : {},
  );
  if (defined && !flags.json) io.stderr(`${defined}\n`);
  return exitFor(result.remaining);
}

export async function runFix(args: string[], flags: FixFlags, io: Io): Promise<number> {
  if (flags.preset && !findPreset(flags.preset)) {
    throw unknownName(
      `--preset ${flags.preset}: unknown preset`,
      flags.preset,
      PRESETS.map((p) => p.name),
    );
  }
  if (isFleetFix(args, flags)) return fixFleet(args, flags, io);
  if (flags.connect) return fixLiveDomain([flags.connect].flat()[0]!, args[0], flags, io);
  if (args.length !== 1) throw new UsageError('fix takes one input', 'for example: enlighten fix vm.args');
  const options = readTargetOptions(flags, io);
  const parsing = parseOptionsFrom(flags, io);
  const plan = (input: Input) => {
    const { read, format } = parseInput(input, flags.from, inputLimit(flags), parsing);
    if (!read.ok) return { input, format, unreadable: read.diagnostics };
    const parsed = read.value;
    const fixOptions = {
      ...(flags.preset ? { preset: applyPreset(parsed, options, flags.preset) } : {}),
      ...(flags.style ? { style: flags.style } : {}),
    };
    return { input, parsed, format, result: fixConfig(parsed, format, options, fixOptions) };
  };
  const extra: Record<string, unknown> = {};
  const file = flags.printVirtXml || flags.dryRun || flags.stdout ? undefined : inputFile(args[0]!, io);
  let planned: ReturnType<typeof plan>;
  if (file) {
    // Lock, read, fix, compare and swap, write, unlock: no other enlighten run can slip in between.
    let inLock: ReturnType<typeof plan> | undefined;
    const { backup, written } = await editFileSafely(
      file.path,
      (bytes) => {
        const input = inputFromBytes(bytes, file.name, inputLimit(flags), file.path);
        inLock = plan(input);
        if (inLock.unreadable) return null;
        if (inLock.result.changed && !inLock.format.edit) throw cannotEditInPlace(file.name, inLock.format.id);
        return inLock.result.changed ? encodeLike(input, inLock.result.text) : null;
      },
      { force: flags.force === true, name: file.name, limit: inputLimit(flags) },
    );
    planned = inLock!;
    if (planned.unreadable) return reportUnreadable(io, flags, planned.input, planned.format, planned.unreadable);
    if (written) {
      extra.backup = backup;
      extra.wrote = file.name;
    }
  } else {
    planned = plan(await readInput(args[0]!, io, inputLimit(flags)));
    if (planned.unreadable) return reportUnreadable(io, flags, planned.input, planned.format, planned.unreadable);
    const { input, parsed, result } = planned;
    if (flags.printVirtXml) {
      const { connect: _none, ...virtXmlFlags } = flags; // a file: no connection to name
      extra.virtXml = writeVirtXmlFix(io, parsed, result.set, virtXmlFlags);
    } else if (flags.dryRun) {
      const diff = unifiedDiff(input.text, result.text, input.name);
      if (flags.json) extra.diff = diff;
      else io.stdout(diff);
    } else if (flags.json) extra.text = result.text;
    else io.stdout(result.text.endsWith('\n') ? result.text : `${result.text}\n`);
  }
  const { input, parsed, format, result } = planned;
  report(io, flags, input.name, parsed, format, result, resolveGuest(options, parsed.context), extra);
  if (extra.wrote && !flags.json)
    io.stderr(`wrote ${printable(input.name)} (the original is in ${String(extra.backup)})\n`);
  return exitFor(result.remaining);
}

export const fixCommand: CommandSpec = {
  name: 'fix',
  summary:
    'fix a configuration in place: close dependencies, remove what the target cannot run, correct values, optionally apply a preset',
  arguments: [
    fileArgument(
      'input',
      'a file (edited in place, with a backup), `-` for stdin, or the configuration itself (printed); with --connect, the domain name',
      { required: false },
    ),
  ],
  options: [
    ...targetOptions({ target: true }),
    fromOption(),
    { flags: '--dry-run', description: 'print a unified diff instead of writing' },
    { flags: '--stdout', description: 'print the fixed configuration instead of writing the file' },
    {
      flags: '--preset <name>',
      description: `start from a preset for what is not set: ${presetNames().join(', ')}`,
      values: presetNames,
      closed: true,
    },
    styleOption('qemu: modern or legacy spelling for the items it writes'),
    ...fleetOptions(
      'fix a libvirt domain (virsh dumpxml, fix, virsh define); repeat it, or give no domain, for every domain of the hosts',
    ),
    { flags: '--domain <glob>', description: "with --connect/--hosts: only the domains whose name matches ('win*')" },
    {
      flags: '--journal <file>',
      description: 'across hosts: the journal to write (default enlighten-fix-YYYYMMDD-HHMMSS.journal here)',
      file: true,
    },
    {
      flags: '--resume <journal>',
      description: 'continue the run of this journal: skip what it did, do the rest',
      file: true,
    },
    ...OUTPUT_OPTIONS,
    {
      flags: '--print-virt-xml',
      description:
        'print the virt-xml commands that make the fix on the domain instead of writing (--style legacy|modern)',
    },
    FORCE_OPTION,
    jsonOption('print the changes and what is left as JSON'),
  ],
  examples: [
    'enlighten fix --dry-run examples/win10-stimer-only.args',
    'enlighten fix --os win11 --cpu-vendor amd vm.args',
    "enlighten fix --preset windows-modern --os win10 '-cpu host,hv_relaxed'",
    'enlighten fix --connect qemu:///system --migratable win11',
    "enlighten fix --hosts fleet.txt --domain 'win*' --preset windows-modern --dry-run",
    'enlighten fix --resume enlighten-fix-20260101-120000.journal',
    'enlighten fix --print-virt-xml --style legacy vm.xml',
  ],
  notes: `It never removes what you turned on without saying which and why. Running it twice changes nothing
the second time. Files are replaced atomically after a backup (FILE.enlighten.bak, never
overwritten), under a lock other enlighten runs wait for, and not at all when the file changed
since it was read; a symlink is followed and kept, mode, owner and group are kept, and a read-only
file needs --force.

Across hosts (several --connect, --hosts, --domain, or --connect without a domain) every domain
is read and its fix planned first; --dry-run prints the plan as a diff per domain. Then each
changed domain is written with virsh define (libvirt validates and persists it), one at a time,
each step recorded and fsync'd in a journal: after Ctrl-C, kill -9 or a lost host, --resume
JOURNAL does what is left and nothing twice. A running domain is never restarted: the output
lists the ones that take the change at their next start.

Exit status: 0 no errors left, 1 errors left, 2 bad usage or unreadable input (or host).`,
  run: (args, flags, io) => runFix(args, flags as FixFlags, io),
};
