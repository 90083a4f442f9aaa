/**
 * bash's ANSI-C quoting, `$'...'` (bash(1), QUOTING; measured with bash 5.2): the text between the
 * quotes with its backslash escapes read. `\a \b \e \E \f \n \r \t \v \\ \' \" \?`, octal `\nnn`
 * (one to three digits), `\xHH` (one or two), `\uHHHH` (one to four) and `\UHHHHHHHH` (one to eight);
 * any other backslash stays with the character after it (`\z`, and a backslash before a line break),
 * as do `\x`, `\u` and `\U` without a digit.
 *
 * What depends on more than the text is not read: a character above U+007F (a byte for `\x` and
 * octal, the locale's encoding for `\u`), NUL (bash ends the string there) and `\cX`.
 */

import type { ShellText } from './expand.js';

const SIMPLE: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

const OCTAL = /^[0-7]{1,3}/;
const HEX: Readonly<Record<string, RegExp>> = {
  x: /^[0-9a-fA-F]{1,2}/,
  u: /^[0-9a-fA-F]{1,4}/,
  U: /^[0-9a-fA-F]{1,8}/,
};

/**
 * The value of `raw` (`$'...'` as written, closed), each character at the offset of what wrote it
 * (`offsets[i]` is the source offset of `raw[i]`), or why it is not read.
 */
export function readAnsiC(raw: string, offsets: readonly number[]): ShellText | { unresolved: string } {
  let value = '';
  const at: number[] = [];
  const end = raw.length - 1; // the closing quote
  for (let i = 2; i < end; ) {
    const c = raw[i]!;
    if (c !== '\\') {
      value += c;
      at.push(offsets[i]!);
      i++;
      continue;
    }
    const e = raw[i + 1]!;
    const simple = SIMPLE[e];
    if (simple !== undefined) {
      value += simple;
      at.push(offsets[i]!);
      i += 2;
      continue;
    }
    let code: number | undefined;
    let length = 0;
    const octal = OCTAL.exec(raw.slice(i + 1, Math.min(i + 4, end)));
    if (octal) {
      code = Number.parseInt(octal[0], 8) & 0xff;
      length = 1 + octal[0].length;
    } else if (e === 'x' && raw[i + 2] === '{') {
      // bash's \x{H...}: every hex digit that follows, the value cut to a byte (no digit is NUL),
      // then a `}` if one is next (bash 5.2.15: $'\x{1234}' is "4", $'\x{4zz}' is "\x04zz").
      let k = i + 3;
      code = 0;
      while (k < end && /[0-9a-fA-F]/.test(raw[k]!)) code = (code * 16 + Number.parseInt(raw[k++]!, 16)) & 0xff;
      if (raw[k] === '}' && k < end) k++;
      length = k - i;
    } else if (HEX[e]) {
      const digits = HEX[e]!.exec(raw.slice(i + 2, end));
      if (digits) {
        code = Number.parseInt(digits[0], 16);
        length = 2 + digits[0].length;
      }
    } else if (e === 'c') {
      return { unresolved: `${raw} holds ${raw.slice(i, i + 3)}, a control character enlighten does not read` };
    }
    if (code === undefined) {
      // not an escape bash reads: the backslash stays, and so does what follows it
      value += c;
      at.push(offsets[i]!);
      i++;
      continue;
    }
    const written = raw.slice(i, i + length);
    if (code === 0) return { unresolved: `${raw} holds ${written}, NUL, where bash ends the string` };
    if (code > 0x7f)
      return {
        unresolved: `${raw} holds ${written}, a character above U+007F: what bash makes of it depends on its locale`,
      };
    value += String.fromCharCode(code);
    at.push(offsets[i]!);
    i += length;
  }
  return { value, offsets: at };
}
