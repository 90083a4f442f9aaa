/**
 * Characters a terminal would act on rather than show: C0 controls, DEL, C1 controls (0x9b starts
 * an escape sequence on some terminals), line and paragraph separators, and the bidirectional
 * overrides and isolates that reorder what is shown ("Trojan Source").
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_TAB = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same patterns, to ask whether there is any: most text has none, and a replace with a function is slow even then. */
const ANY_CONTROL = new RegExp(CONTROL.source);
const ANY_CONTROL_BUT_TAB = new RegExp(CONTROL_BUT_TAB.source);
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Text from the input made safe to print on a terminal: `\n`, `\r`, `\t` and `\u001b`-style
 * escapes stand for the characters above. `keepTabs` leaves tabs alone (source lines in code frames).
 */
export function printable(text: string, keepTabs = false): string {
  if (!(keepTabs ? ANY_CONTROL_BUT_TAB : ANY_CONTROL).test(text)) return text;
  return text.replace(keepTabs ? CONTROL_BUT_TAB : CONTROL, escapeChar);
}
