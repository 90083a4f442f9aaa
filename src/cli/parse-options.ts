/**
 * What a syntax may need to read a configuration beyond its text (`ParseOptions`): the host's CPU
 * vendor and QEMU release, for syntaxes whose managing program decides by them, and a companion
 * file the configuration refers to. Which file that is, each syntax says (`FormatEntry.companion`).
 */
import { resolve } from 'node:path';
import { FORMATS } from '../formats/registry.js';
import type { ParseOptions } from '../formats/types.js';
import { parseVersion } from '../rules/target-versions.js';
import type { Io } from './io.js';
import { UsageError } from './io.js';
import { readInputFile } from './input.js';
import type { InputLimitFlags } from './max-bytes.js';
import { inputLimit } from './max-bytes.js';
import type { OptionSpec } from './spec.js';

export interface ParseFlags extends InputLimitFlags {
  cpuVendor?: string;
  qemuVersion?: string;
  companion?: string;
}

/** `--companion FILE`, its description from the syntaxes that read one. */
export function companionOption(): OptionSpec {
  const which = FORMATS.filter((f) => f.companion).map((f) => `${f.id}: ${f.companion}`);
  return {
    flags: '--companion <file>',
    description: `a file the configuration refers to but does not hold${which.length ? ` (${which.join('; ')})` : ''}`,
    file: true,
  };
}

/** The vendor and QEMU options, for commands that do not take every host option (convert, set). */
export const VENDOR_OPTION: OptionSpec = {
  flags: '--cpu-vendor <vendor>',
  description: 'host CPU vendor: intel or amd',
  values: () => ['intel', 'amd'],
};
export const QEMU_VERSION_OPTION: OptionSpec = {
  flags: '--qemu-version <x.y>',
  description: 'the target QEMU version',
};

/** The parse options the flags give (the vendor and QEMU release are validated by the host options too). */
export function parseOptionsFrom(flags: ParseFlags, io: Io): Omit<ParseOptions, 'maxChars'> {
  const out: Omit<ParseOptions, 'maxChars'> = {};
  if (flags.cpuVendor !== undefined) {
    const v = flags.cpuVendor.toLowerCase();
    if (v === 'intel' || v === 'genuineintel') out.hostVendor = 'intel';
    else if (v === 'amd' || v === 'authenticamd') out.hostVendor = 'amd';
    else throw new UsageError(`--cpu-vendor ${flags.cpuVendor}: expected intel or amd`);
  }
  if (flags.qemuVersion !== undefined) {
    if (!parseVersion(flags.qemuVersion))
      throw new UsageError(`--qemu-version ${flags.qemuVersion}: not a version`, 'write it like 7.2 or 9.0.0');
    out.qemuVersion = flags.qemuVersion;
  }
  if (flags.companion !== undefined)
    out.companion = readInputFile(
      resolve(io.cwd, flags.companion),
      `--companion ${flags.companion}`,
      inputLimit(flags),
    ).text;
  return out;
}
