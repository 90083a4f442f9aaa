import type { Diagnostic, Span } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import { suggest } from '../../util/suggest.js';
import type { ShellWord } from '../../syntax/shell/split.js';
import type { SubOption } from './optstr.js';
import { splitOptionString } from './optstr.js';
import type { XPathAction } from './xpath-edits.js';
import { XPATH_SUBOPTION } from './virtinst-options.js';

/** Which sub-option names an option knows: exact names and patterns (`xpath[0-9]*.set`). */
export interface KnownNames {
  names: readonly string[];
  patterns: readonly RegExp[];
}

export function isKnown(name: string, known: KnownNames): boolean {
  return known.names.includes(name) || known.patterns.some((p) => p.test(name));
}

function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/**
 * virtinst's can_comma: after an xpath sub-option, the pieces that name no known sub-option are
 * part of its value, commas included (cli.py _parse_optstr_to_dict, _consume_comma_arg).
 */
function mergeCanComma(subs: readonly SubOption[], known: KnownNames): SubOption[] {
  const out: SubOption[] = [];
  for (const sub of subs) {
    const last = out.at(-1);
    if (last && XPATH_SUBOPTION.test(last.name) && !isKnown(sub.name, known)) {
      const value = `${last.value ?? ''},${sub.text}`;
      out[out.length - 1] = {
        ...last,
        value,
        text: `${last.name}=${value}`,
        span: join(last.span, sub.span),
        valueSpan: join(last.valueSpan, sub.span),
      };
    } else out.push(sub);
  }
  return out;
}

/**
 * The sub-options of one option string as virtinst keeps them: an ordered dict, so a repeated
 * name keeps its first place and its last value. Reports unknown names (virt-xml refuses them)
 * and repeats (virt-xml silently keeps the last; `repeatable` names are collected by the caller). Never throws.
 */
export function readOptionString(
  option: string,
  word: ShellWord,
  known: KnownNames,
  diagnostics: Diagnostic[],
  removeFirst?: string,
  repeatable: readonly string[] = [],
): SubOption[] {
  const split = splitOptionString(word);
  // virtinst's remove_first: a first bare value names the option's main sub-option (`--panic hyperv`).
  const first = split.subs[0];
  if (removeFirst && first && first.value === null)
    split.subs[0] = { ...first, name: removeFirst, value: first.name, valueSpan: first.span };
  if (split.problem) {
    diagnostics.push(
      makeDiagnostic(
        'UNTERMINATED_QUOTE',
        `${option} ${word.value}: virt-xml cannot split this (Python shlex: ${split.problem.message})`,
        { span: split.problem.span },
      ),
    );
    return [];
  }
  const dict = new Map<string, SubOption>();
  const unknown: SubOption[] = [];
  for (const sub of mergeCanComma(split.subs, known)) {
    const seen = dict.get(sub.name);
    if (seen && !repeatable.includes(sub.name)) {
      diagnostics.push(
        makeDiagnostic(
          'DUPLICATE_FEATURE',
          `${option}: ${sub.name} is given more than once; virt-xml keeps only the last (${sub.text})`,
          { span: sub.span },
        ),
      );
    }
    dict.set(sub.name, sub);
    if (!isKnown(sub.name, known) && !seen) unknown.push(sub);
  }
  if (unknown.length) {
    const list = unknown.map((u) => `'${u.name}'`).join(', ');
    for (const u of unknown) {
      const hints = suggest(u.name, known.names);
      diagnostics.push(
        makeDiagnostic(
          'UNKNOWN_SUBOPTION',
          `virt-xml does not know the ${option} sub-option '${u.name}' (virt-xml: Unknown ${option} options: [${list}])`,
          {
            span: u.nameSpan,
            notes: [
              hints.length
                ? `did you mean ${hints.map((h) => `'${h}'`).join(', ')}?`
                : `run \`virt-xml ${option} help\` to list them`,
            ],
          },
        ),
      );
    }
  }
  return [...dict.values()];
}

interface Slot {
  delete?: SubOption;
  create?: SubOption;
  set?: SubOption;
  value?: SubOption;
}

/** The xpath actions of an option string, in slot order (`xpath` is slot 0). */
export function xpathActions(subs: readonly SubOption[]): XPathAction[] {
  const slots = new Map<number, Slot>();
  for (const sub of subs) {
    const m = XPATH_SUBOPTION.exec(sub.name);
    if (!m) continue;
    const n = Number(m[1] || '0');
    slots.set(n, { ...slots.get(n), [m[2] as keyof Slot]: sub });
  }
  const out: XPathAction[] = [];
  for (const n of [...slots.keys()].sort((a, b) => a - b)) {
    const s = slots.get(n)!;
    const main = s.delete ?? s.create ?? s.set;
    if (!main) continue;
    const span = s.value && main === s.set ? join(main.span, s.value.span) : main.span;
    const text = s.value && main === s.set ? `${main.text},${s.value.text}` : main.text;
    if (main === s.delete) out.push({ op: 'delete', path: main.value ?? '', span, text });
    else if (main === s.create) out.push({ op: 'create', path: main.value ?? '', span, text });
    else out.push({ op: 'set', ...splitSet(main.value ?? '', s.value?.value ?? null), span, text });
  }
  return out;
}

/** `PATH=VALUE` split at the last '=' (virtinst rsplit), unless xpathN.value gives the value. */
export function splitSet(set: string, value: string | null): { path: string; value: string | null } {
  if (value !== null) return { path: set, value };
  const eq = set.lastIndexOf('=');
  return eq < 0 ? { path: set, value: null } : { path: set.slice(0, eq), value: set.slice(eq + 1) };
}
