import type { FeatureId } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';
import type { Diagnostic, Span } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { Mode } from '../../model/index.js';
import { suggest } from '../../util/suggest.js';
import type { VirtXmlEdit } from './edits.js';
import type { VirtXmlTarget } from './targets.js';
import { XML, allTargets, hypervTargets } from './targets.js';
import { readAttribute, readSwitch } from './values.js';
import type { XPathRef } from './xpath.js';
import { parseXPath, resolveXPath } from './xpath.js';

/** One xpath action of virtinst (XMLManualAction): delete wins over create, create over set. */
export interface XPathAction {
  op: 'set' | 'create' | 'delete';
  path: string;
  /** For set: the value (null: virt-xml would fail, "Setting xpath must be in the form of XPATH=VALUE"). */
  value?: string | null;
  span: Span;
  text: string;
}

export interface EditSink {
  edits: VirtXmlEdit[];
  diagnostics: Diagnostic[];
  /** True for virt-xml (editing a domain), false for virt-install (building one). */
  editing: boolean;
}

const MODES: readonly Mode[] = ['custom', 'passthrough', 'host-model'];

/** Turns one xpath action into edits, relative to `base` (`['features']`, `['clock']`, `[]` for --xml). Never throws. */
export function readXPathAction(action: XPathAction, base: readonly string[], sink: EditSink): void {
  const { span, text } = action;
  const warn = (code: Diagnostic['code'], message: string, notes: string[] = [], feature?: FeatureId) =>
    sink.diagnostics.push(makeDiagnostic(code, message, { span, notes, ...(feature ? { feature } : {}) }));
  const ref = parseXPath(action.path, base);
  if (!ref) return;
  const at = resolveXPath(ref);
  if (at.kind === 'unknown-hyperv') {
    const names = hypervTargets().map((t) => t.path.slice(1).join('/'));
    const hints = suggest(at.element, names);
    warn(
      'UNKNOWN_FEATURE',
      `libvirt has no Hyper-V element <${at.element}> (libvirt: unsupported HyperV Enlightenment feature: ${at.element})`,
      [
        hints.length
          ? `did you mean ${hints.map((h) => `'${h}'`).join(', ')}?`
          : 'run `enlighten list` to see every feature',
      ],
    );
    return;
  }
  if (action.op === 'delete') {
    readDelete(ref, at, sink, action);
    return;
  }
  if (action.op === 'create') {
    if (at.kind === 'feature' && at.target.kind === 'panic')
      sink.edits.push({ op: 'state', feature: at.target.feature, on: true, span, text });
    else if (at.kind === 'feature' && at.target.kind === 'hyperv') {
      warn(
        'MISSING_VALUE',
        `${text} creates <${at.target.path.at(-1)}/> without a state attribute, which libvirt requires`,
        [`write ${action.path}/@state=on`],
        at.target.feature,
      );
    }
    return;
  }
  if (action.value === null || action.value === undefined) {
    warn(
      'MISSING_VALUE',
      `${text}: virt-xml needs a value (virt-xml: ${action.path}: Setting xpath must be in the form of XPATH=VALUE)`,
    );
    return;
  }
  readSet(ref, at, action.value, sink, action);
}

function readSet(
  ref: XPathRef,
  at: ReturnType<typeof resolveXPath>,
  value: string,
  sink: EditSink,
  action: XPathAction,
): void {
  const { span, text } = action;
  const fail = (r: { code: Diagnostic['code']; message: string }, feature?: FeatureId) =>
    sink.diagnostics.push(makeDiagnostic(r.code, `${text}: ${r.message}`, { span, ...(feature ? { feature } : {}) }));
  if (at.kind === 'mode' && MODES.includes(value as Mode))
    sink.edits.push({ op: 'mode', mode: value as Mode, span, text });
  else if (at.kind === 'mode')
    fail({ code: 'INVALID_VALUE', message: `libvirt accepts mode ${MODES.map((m) => `'${m}'`).join(', ')}` });
  else if (at.kind === 'panic-any' && ref.attr === XML.model) {
    const hit = allTargets().find((t) => t.kind === 'panic' && t.model === value);
    if (hit) sink.edits.push({ op: 'state', feature: hit.feature, on: true, span, text });
  } else if (at.kind === 'feature') readFeatureSet(at.target, ref.attr, value, sink, action, fail);
}

function readFeatureSet(
  target: VirtXmlTarget,
  attr: string | undefined,
  value: string,
  sink: EditSink,
  action: XPathAction,
  fail: (r: { code: Diagnostic['code']; message: string }, feature?: FeatureId) => void,
): void {
  const { span, text } = action;
  const feature = target.feature;
  if (attr === undefined && target.kind === 'hyperv') {
    fail(
      {
        code: 'INVALID_VALUE',
        message: `this sets the text of <${target.path.at(-1)}>; libvirt reads its state attribute (write ${action.path}/@state=${value})`,
      },
      feature,
    );
    return;
  }
  const switchWords: readonly [string, string] | null =
    target.kind === 'hyperv' && attr === XML.state
      ? ['on', 'off']
      : target.kind === 'timer' && attr === XML.present
        ? ['yes', 'no']
        : null;
  if (switchWords) {
    const r = readSwitch(attr!, value, switchWords);
    if (r.ok) sink.edits.push({ op: 'state', feature, on: r.value, span, text });
    else fail(r, feature);
  } else if (target.kind === 'hyperv' && attr !== undefined && attr === target.valueAttr) {
    const r = readAttribute(CATALOG[feature], attr, value);
    if (r.ok) sink.edits.push({ op: 'value', feature, value: r.value, span, text });
    else fail(r, feature);
  } else if (target.kind === 'panic' && attr === XML.model && value === target.model) {
    sink.edits.push({ op: 'state', feature, on: true, span, text });
  }
}

function readDelete(ref: XPathRef, at: ReturnType<typeof resolveXPath>, sink: EditSink, action: XPathAction): void {
  const { span, text } = action;
  const features =
    at.kind === 'feature'
      ? [at.target.feature]
      : at.kind === 'container'
        ? at.features
        : at.kind === 'mode'
          ? hypervTargets().map((t) => t.feature)
          : [];
  if (!features.length) return;
  if (ref.attr !== undefined) {
    const element = ref.steps.at(-1)?.name ?? '';
    sink.diagnostics.push(
      makeDiagnostic(
        'INVALID_COMMAND',
        `${text}: virt-xml 4.1 deletes the whole <${element}> element for an attribute path, not just @${ref.attr}`,
        {
          severity: 'warning',
          span,
          notes: ['to change the attribute, set it instead (xpathN.set=PATH=VALUE)'],
        },
      ),
    );
  }
  for (const feature of features) sink.edits.push({ op: 'delete', feature, span, text });
  if (at.kind === 'mode' || (at.kind === 'container' && at.resetsMode))
    sink.edits.push({ op: 'mode', mode: 'custom', span, text });
}
