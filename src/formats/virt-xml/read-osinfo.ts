import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import { findOs, findOsByLibosinfoId } from '../../model/os-table.js';
import type { GuestOsFact } from '../types.js';
import type { ShellWord } from '../../syntax/shell/split.js';
import { readOptionString } from './suboption-dict.js';

/** Values that name no OS: detection (the default) and the generic OS (cli.py OSVariantData.set_compat_str). */
const NO_OS = new Set(['auto', 'none', 'generic']);

/**
 * The guest OS of `--osinfo` / `--os-variant` as virtinst 4.1 reads it: a bare short id (`win11`)
 * or full id (`http://microsoft.com/win/11`), or `name=`, `short-id=`, `id=` among `detect=`,
 * `require=`. Mapped through the OS table; an OS it does not know is kept and reported. Never throws.
 */
export function readOsinfo(word: ShellWord, diagnostics: Diagnostic[]): GuestOsFact | undefined {
  let written: string | undefined = word.value;
  let span = word.span;
  if (word.value.includes('=')) {
    const subs = readOptionString(
      '--osinfo',
      word,
      { names: ['name', 'short-id', 'id', 'detect', 'require'], patterns: [] },
      diagnostics,
    );
    const named =
      subs.find((s) => s.name === 'id') ?? [...subs].reverse().find((s) => s.name === 'name' || s.name === 'short-id');
    written = named?.value ?? undefined;
    span = named?.valueSpan ?? span;
  }
  if (!written || NO_OS.has(written)) return undefined;
  const entry = written.includes('://') ? findOsByLibosinfoId(written) : findOs(written);
  if (!entry) {
    diagnostics.push(
      makeDiagnostic('GUEST_OS_UNKNOWN', `--osinfo names the guest OS ${written}, which no enlighten preset matches`, {
        span,
        notes: [
          'checks that depend on the guest (stimer for Windows 10 and later...) are left out; give --os to choose one',
        ],
      }),
    );
  }
  return { ...(entry ? { id: entry.id, name: entry.name } : {}), libosinfo: written, source: 'virt-install', span };
}
