import { isUnreadable } from './codes.js';
import type { Diagnostic, ParseResult } from './types.js';

/**
 * A parser's reading as a result: `ok: false` with all its diagnostics when one of them says the
 * input could not be read (an `unreadable` code), else `ok: true` with the value, diagnostics kept.
 */
export function readResult<T extends { diagnostics: Diagnostic[] }>(value: T): ParseResult<T> {
  return value.diagnostics.some((d) => isUnreadable(d.code))
    ? { ok: false, diagnostics: value.diagnostics }
    : { ok: true, value };
}
