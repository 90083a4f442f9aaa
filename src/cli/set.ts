import { CATALOG } from '../catalog/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import type { FormatEntry, ParsedConfig } from '../formats/types.js';
import {
  diagnosticsToJson,
  exitFor,
  parseInput,
  printDiagnostics,
  printUnreadable,
  summarize,
  writeJson,
} from './common.js';
import { unifiedDiff } from '../util/unified-diff.js';
import type { Input } from './input.js';
import { encodeLike, inputFile, inputFromBytes, readInput } from './input.js';
import { inputLimit, MAX_BYTES_OPTION } from './max-bytes.js';
import { printable } from '../util/printable.js';
import type { Io } from './io.js';
import type { ParseOptions } from '../formats/types.js';
import type { ParseFlags } from './parse-options.js';
import { companionOption, parseOptionsFrom, QEMU_VERSION_OPTION, VENDOR_OPTION } from './parse-options.js';
import { EXIT, UsageError } from './io.js';
import type { SetChange } from './set-args.js';
import { parseSetWord } from './set-args.js';
import type { SetConfigResult } from '../fix/set-config.js';
import { setConfig } from '../fix/set-config.js';
import { FORCE_OPTION, fromOption, jsonOption } from './options.js';
import type { CommandSpec } from './spec.js';
import { argument, fileArgument } from './spec.js';
import { featureIds } from './values.js';
import {
  checkLibvirtVersionFlag,
  defineDomainXml,
  dumpDomainXml,
  readConnectInput,
  resolveLibvirtVersion,
} from './virsh.js';
import { cannotEditInPlace, editFileSafely } from './write-file.js';

interface SetFlags extends ParseFlags {
  connect?: string;
  dryRun?: boolean;
  stdout?: boolean;
  from?: string;
  libvirtVersion?: string;
  json?: boolean;
  force?: boolean;
  exact?: boolean;
}

/** The libvirt release to write for: the flag; else the installed one when the change needs a newer element; else the newest known. */
function libvirtVersionFor(flags: SetFlags): (needsRelease: boolean) => string | undefined {
  return (needsRelease) =>
    flags.libvirtVersion
      ? checkLibvirtVersionFlag(flags.libvirtVersion)
      : needsRelease
        ? resolveLibvirtVersion(undefined)
        : undefined;
}

async function readTarget(target: string, flags: SetFlags, io: Io): Promise<Input> {
  if (flags.connect) return readConnectInput(flags.connect, target, inputLimit(flags));
  const input = await readInput(target, io, inputLimit(flags));
  if (target !== '-' && !input.path)
    throw new UsageError(
      `no such file: ${target}`,
      'set edits a file, `-` (stdin, printed to stdout), or --connect URI DOMAIN',
    );
  return input;
}

/** What `set` makes of one reading of the target (the spans of `findings` are in `result`), or why the target could not be read. */
type SetPlan = { input: Input; format: FormatEntry } & (
  | ({ read: true; parsed: ParsedConfig } & SetConfigResult)
  | { read: false; unreadable: Diagnostic[] }
);

function planSet(
  input: Input,
  changes: readonly SetChange[],
  flags: SetFlags,
  parsing: Omit<ParseOptions, 'maxChars'>,
): SetPlan {
  const { read, format } = parseInput(
    input,
    flags.connect ? (flags.from ?? 'libvirt') : flags.from,
    inputLimit(flags),
    parsing,
  );
  if (!format.edit && !format.print) throw new UsageError(`enlighten cannot write ${format.id} configurations`);
  if (!read.ok) return { input, format, read: false, unreadable: read.diagnostics };
  const parsed = read.value;
  return {
    input,
    format,
    read: true,
    parsed,
    ...setConfig(parsed, format, changes, {
      exact: flags.exact === true,
      libvirtVersion: libvirtVersionFor(flags),
      parse: parsing,
    }),
  };
}

export async function runSet(args: string[], flags: SetFlags, io: Io): Promise<number> {
  const [target, ...words] = args;
  if (!target || words.length === 0)
    throw new UsageError(
      'set needs a TARGET and at least one FEATURE[=VALUE]',
      'for example: enlighten set vm.xml stimer synic vpindex time',
    );
  const changes = words.map(parseSetWord);
  const parsing = parseOptionsFrom(flags, io);
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
        planned = planSet(input, changes, flags, parsing);
        if (!planned.read) return null;
        if (planned.changed && !planned.format.edit) throw cannotEditInPlace(file.name, planned.format.id);
        return planned.failed || !planned.changed ? null : encodeLike(input, planned.text);
      },
      { force: flags.force === true, name: file.name, limit: inputLimit(flags) },
    ));
    plan = planned!;
  } else {
    plan = planSet(await readTarget(target, flags, io), changes, flags, parsing);
    if (plan.read && !plan.failed && plan.changed && flags.connect && !flags.dryRun && !flags.stdout) {
      if ((await dumpDomainXml(flags.connect, target, inputLimit(flags))) !== plan.parsed.source) {
        throw new UsageError(
          `${printable(plan.input.name)} changed since enlighten read it; nothing was written`,
          'run the command again',
        );
      }
      await defineDomainXml(flags.connect, target, plan.text);
      written = true;
    }
  }
  if (!plan.read) {
    printUnreadable(io, plan.unreadable, plan.input.text, plan.input.name);
    return EXIT.USAGE;
  }
  const { input, parsed, format, diagnostics, failed, text, changed, additions, result, findings } = plan;
  const spell = format.spellChange(parsed);
  const status = failed ? exitFor(diagnostics) : hasErrors(findings) ? EXIT.FINDINGS : EXIT.OK;
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
  for (const a of additions)
    io.stderr(
      `  + ${spell(a.feature, true)}: ${CATALOG[a.neededBy].qemu.name} requires ${CATALOG[a.feature].qemu.name}\n`,
    );
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
    fileArgument(
      'target',
      'a file (libvirt domain XML, QEMU command line, -cpu value, JSON), `-` for stdin, or with --connect a domain name',
    ),
    argument(
      'feature',
      'FEATURE (on), FEATURE=off, FEATURE=VALUE, FEATURE=default (remove), mode=custom|passthrough|host-model',
      { variadic: true, values: featureIds },
    ),
  ],
  options: [
    MAX_BYTES_OPTION,
    {
      flags: '--connect <uri>',
      description: 'TARGET is a domain on this libvirt connection: read with virsh dumpxml, written with virsh define',
    },
    { flags: '--dry-run', description: 'print a unified diff of the change and write nothing' },
    { flags: '--stdout', description: 'print the edited document instead of writing it' },
    fromOption('the syntax of TARGET, when detection is not enough'),
    {
      flags: '--libvirt-version <x.y>',
      description:
        'the libvirt release the domain is for (default: the installed one, else the newest enlighten knows)',
    },
    FORCE_OPTION,
    VENDOR_OPTION,
    QEMU_VERSION_OPTION,
    companionOption(),
    {
      flags: '--exact',
      description: 'change only what is asked, not what it requires; exit 1 when the result has errors',
    },
    jsonOption('print {changed, written, backup, diagnostics} as JSON'),
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
