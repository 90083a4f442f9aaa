import { CATALOG } from '../../catalog/index.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { ShellWord } from '../../syntax/shell/split.js';
import { namedSpellings } from './named.js';
import type { SubOption } from './optstr.js';
import type { KnownNames } from './suboption-dict.js';
import { readOptionString, xpathActions } from './suboption-dict.js';
import type { VirtXmlTarget } from './targets.js';
import { XML, allTargets } from './targets.js';
import { readNamedNumber, readOnOff } from './values.js';
import type { ValueRead } from './values.js';
import {
  CLOCK_TIMER_SUBOPTION,
  OTHER_CLOCK_SUBOPTIONS,
  OTHER_FEATURES_SUBOPTIONS,
  XPATH_SUBOPTION,
} from './virtinst-options.js';
import type { EditSink } from './xpath-edits.js';
import { readXPathAction } from './xpath-edits.js';

/** How virt-xml reads --features and --clock: their element, and the sub-options they know besides the catalog's. */
const XML_OPTIONS: Record<string, { base: string[]; others: readonly string[]; patterns: RegExp[] }> = {
  '--features': { base: [XML.features], others: OTHER_FEATURES_SUBOPTIONS, patterns: [XPATH_SUBOPTION] },
  '--clock': { base: [XML.clock], others: OTHER_CLOCK_SUBOPTIONS, patterns: [XPATH_SUBOPTION, CLOCK_TIMER_SUBOPTION] },
};

export function isXmlOption(option: string): boolean {
  return Object.hasOwn(XML_OPTIONS, option);
}

function known(option: string): KnownNames {
  const o = XML_OPTIONS[option]!;
  return { names: [...namedSpellings(option).keys(), ...o.others], patterns: o.patterns };
}

/**
 * Reads a --features or --clock option string into edits, in the order virt-xml applies them:
 * clearxml, then the named sub-options (last one wins per feature), then the xpath actions in slot
 * order (virtinst runs XMLManualActions after setting properties). Never throws.
 */
export function readXmlOption(option: string, word: ShellWord, sink: EditSink, styles: Set<string>): void {
  const o = XML_OPTIONS[option]!;
  if (word.value === 'help' || word.value === '?') return;
  const subs = readOptionString(option, word, known(option), sink.diagnostics);
  const clear = subs.find((s) => s.name === 'clearxml');
  if (clear && isYes(clear)) {
    readXPathAction({ op: 'delete', path: '.', span: clear.span, text: clear.text }, o.base, sink);
  }
  for (const sub of subs) readNamed(option, sub, sink, styles);
  readTimers(subs, sink);
  for (const action of xpathActions(subs)) readXPathAction(action, o.base, sink);
}

function isYes(sub: SubOption): boolean {
  const r = readOnOff(sub.name, sub.value);
  return r.ok && r.value;
}

function report(
  sink: EditSink,
  sub: SubOption,
  r: Extract<ValueRead<unknown>, { ok: false }>,
  feature: Diagnostic['feature'],
): void {
  sink.diagnostics.push(
    makeDiagnostic(r.code, `${sub.text}: ${r.message}`, { span: sub.span, ...(feature ? { feature } : {}) }),
  );
}

function readNamed(option: string, sub: SubOption, sink: EditSink, styles: Set<string>): void {
  const named = namedSpellings(option).get(sub.name);
  if (!named) return;
  styles.add(named.style);
  const { feature } = named;
  const def = CATALOG[feature];
  if (named.part === 'state') {
    const r = readOnOff(sub.name, sub.value);
    if (r.ok) sink.edits.push({ op: 'state', feature, on: r.value, span: sub.span, text: sub.text });
    else report(sink, sub, r, feature);
    return;
  }
  const r =
    def.kind === 'string' ? ({ ok: true, value: sub.value ?? '' } as const) : readNamedNumber(def, sub.name, sub.value);
  if (r.ok) sink.edits.push({ op: 'value', feature, value: r.value, span: sub.span, text: sub.text });
  else report(sink, sub, r, feature);
}

/** The catalog's --clock sub-option for a timer feature. */
function namedSpellingOf(feature: string): string {
  return (
    [...namedSpellings('--clock')].find(([, n]) => n.feature === feature && n.part === 'state')?.[0] ??
    `${XML.timer}N.${XML.present}`
  );
}

/**
 * `timerN.name=hypervclock,timerN.present=yes`: the fine-grained spelling of the timer. N indexes
 * the domain's timers (measured: virt-xml renames timer N if there is one, else adds one).
 */
function readTimers(subs: readonly SubOption[], sink: EditSink): void {
  const byIndex = new Map<string, { name?: SubOption; present?: SubOption }>();
  for (const sub of subs) {
    const m = CLOCK_TIMER_SUBOPTION.exec(sub.name);
    if (!m || (m[2] !== XML.name && m[2] !== XML.present)) continue;
    byIndex.set(m[1] ?? '', { ...byIndex.get(m[1] ?? ''), [m[2]]: sub });
  }
  for (const { name, present } of byIndex.values()) {
    const target = allTargets().find(
      (t): t is Extract<VirtXmlTarget, { kind: 'timer' }> => t.kind === 'timer' && t.name === name?.value,
    );
    if (!target || !present) continue;
    const r = readOnOff(present.name, present.value);
    if (r.ok)
      sink.edits.push({
        op: 'state',
        feature: target.feature,
        on: r.value,
        span: present.span,
        text: `${name!.text},${present.text}`,
      });
    else report(sink, present, r, target.feature);
    if (sink.editing) {
      sink.diagnostics.push(
        makeDiagnostic(
          'INVALID_COMMAND',
          `${name!.name} is the domain's timer number ${name!.name.replace(/\D/g, '') || '0'} (from 0): virt-xml renames that timer when the domain has one, and adds a second ${target.name} timer when it already has one elsewhere`,
          {
            severity: 'warning',
            feature: target.feature,
            span: name!.span,
            notes: [`${namedSpellingOf(target.feature)}=... edits the ${target.name} timer wherever it is`],
          },
        ),
      );
    }
  }
}
