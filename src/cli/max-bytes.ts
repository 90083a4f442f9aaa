import { InvalidArgumentError } from 'commander';
import type { OptionSpec } from './spec.js';

/** Largest input read unless --max-bytes says otherwise: 4 MiB (a domain XML is a few KB). */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
/** Largest --max-bytes: text much longer than this would not fit in one JavaScript string. */
export const MAX_MAX_BYTES = 256 * 1024 * 1024;

const UNITS: Record<string, number> = {
  '': 1,
  k: 1024,
  kib: 1024,
  kb: 1000,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  mb: 1000 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  gb: 1000 ** 3,
};

/** `4194304`, `512K`, `4M`, `16MiB`, `1G` (K, M, G and KiB, MiB, GiB are powers of 1024; KB, MB, GB of 1000). */
export function parseSize(text: string): number {
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined)
    throw new InvalidArgumentError('write a number of bytes, optionally with K, M, G, KiB, MiB or GiB (4M, 16MiB).');
  const n = Number(m[1]) * unit;
  if (n < 1 || n > MAX_MAX_BYTES)
    throw new InvalidArgumentError(`give between 1 byte and ${MAX_MAX_BYTES / 1024 ** 2}MiB.`);
  return n;
}

export interface InputLimitFlags {
  maxBytes?: number;
}

/** --max-bytes, for every command that reads input. */
export const MAX_BYTES_OPTION: OptionSpec = {
  flags: '--max-bytes <size>',
  description: 'largest input read, in bytes; accepts 512K, 4M, 16MiB (default 4MiB)',
  parse: parseSize,
};

export function inputLimit(flags: InputLimitFlags): number {
  return flags.maxBytes ?? DEFAULT_MAX_BYTES;
}
