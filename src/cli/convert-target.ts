/**
 * The parts of `convert` beyond print: translations that need more than the set (libvirt XML to
 * QEMU), `--into FILE` (merge into an existing configuration of the target syntax, printed whole),
 * and the libvirt release and domain capabilities the libvirt translations follow.
 */
import { resolve } from 'node:path';
import { makeDiagnostic } from '../diagnostics/index.js';
import type { EnlightenmentSet } from '../model/index.js';
import { listedFeatures } from '../model/index.js';
import { getFormat } from '../formats/registry.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { FormatEntry, ParsedConfig, PrintOptions, PrintResult } from '../formats/types.js';
import type { Io } from './io.js';
import { UsageError } from './io.js';
import { readInputFile } from './input.js';
import type { InputLimitFlags } from './max-bytes.js';
import { inputLimit } from './max-bytes.js';
import { resolveLibvirtVersion } from './virsh.js';

export interface TargetFlags extends InputLimitFlags {
  into?: string;
  libvirtVersion?: string;
  capabilities?: string;
}

function readFileFlag(io: Io, flag: string, path: string, limit: number): string {
  return readInputFile(resolve(io.cwd, path), `${flag} ${path}`, limit).text;
}

/** Print options for libvirt sources and targets: the release (flag, installed, or newest known) and the capabilities. */
export function targetOptions(
  flags: TargetFlags,
  io: Io,
  source: FormatEntry,
  target: FormatEntry,
): Partial<PrintOptions> {
  const libvirt = source.followsLibvirtRelease === true || target.followsLibvirtRelease === true;
  return {
    ...(libvirt || flags.libvirtVersion ? { libvirtVersion: resolveLibvirtVersion(flags.libvirtVersion) } : {}),
    ...(flags.capabilities
      ? { capabilities: readFileFlag(io, '--capabilities', flags.capabilities, inputLimit(flags)) }
      : {}),
  };
}

/**
 * The set of `into` with the input's features laid over it. The input's mode wins when it names
 * one; a plain list of features turns a passthrough configuration back to custom.
 */
export function mergeSets(into: EnlightenmentSet, input: EnlightenmentSet): EnlightenmentSet {
  const listsFeatures = listedFeatures({ mode: 'custom', features: input.features }).length > 0;
  const mode =
    input.mode !== 'custom' ? input.mode : into.mode === 'passthrough' && listsFeatures ? 'custom' : into.mode;
  return { mode, features: { ...into.features, ...input.features } };
}

/** Converts: `--into` edits the given file's text (the file is untouched), else a translation or the target's print. */
export function convertToTarget(
  flags: TargetFlags,
  io: Io,
  parsed: ParsedConfig,
  source: FormatEntry,
  target: FormatEntry,
  opts: PrintOptions,
): PrintResult {
  if (flags.into) {
    if (!target.edit)
      throw new UsageError(
        `--into: enlighten cannot edit ${target.id} configurations`,
        'use --into with --to libvirt or --to qemu',
      );
    const text = readFileFlag(io, '--into', flags.into, inputLimit(flags));
    const read = target.parse(text, { maxChars: inputLimit(flags) });
    if (!read.ok)
      return { text: '', diagnostics: read.diagnostics.map((d) => ({ ...d, message: `${flags.into}: ${d.message}` })) };
    const into = read.value;
    const out = target.edit(into, mergeSets(into.set, parsed.set), opts);
    return { text: out.text.replace(/\n$/, ''), diagnostics: out.diagnostics };
  }
  const translate = source.translate?.[target.id];
  if (translate) return translate(parsed, opts);
  const through = throughBuiltSyntax(parsed, source, target, opts);
  if (through) return through;
  if (!target.print)
    return { text: '', diagnostics: [makeDiagnostic('NOT_EXPRESSIBLE', `enlighten cannot print ${target.id}`)] };
  return target.print(parsed.set, opts);
}

/**
 * A translation through the syntax the source builds (virt-install -> libvirt domain -> QEMU): that
 * syntax prints the set with the input's context, reads it back and translates it, so the result
 * is what the real tools do with the built configuration. Formats do not import each other; this
 * chain is where they meet. Findings of the middle text point at the input's feature, or nowhere.
 */
function throughBuiltSyntax(
  parsed: ParsedConfig,
  source: FormatEntry,
  target: FormatEntry,
  opts: PrintOptions,
): PrintResult | undefined {
  const middle = source.builds ? getFormat(source.builds) : undefined;
  const translate = middle?.translate?.[target.id];
  if (!middle?.print || !translate) return undefined;
  const built = middle.print(parsed.set, { ...opts, input: parsed });
  const reread = middle.parse(built.text);
  if (!reread.ok) return { text: '', diagnostics: [...built.diagnostics, ...reread.diagnostics].map(repoint(parsed)) };
  const read = reread.value;
  const out = translate(read, { ...opts, input: read });
  return {
    text: out.text,
    diagnostics: [...built.diagnostics, ...read.diagnostics, ...out.diagnostics].map(repoint(parsed)),
  };
}

/** A finding of the middle text, pointing at the input's feature, or nowhere. */
function repoint(parsed: ParsedConfig): (d: Diagnostic) => Diagnostic {
  return (d) => {
    const { span: _ignored, ...rest } = d;
    const span = d.feature ? parsed.origins[d.feature] : undefined;
    return span ? { ...rest, span } : rest;
  };
}
