import { makeDiagnostic } from '../../diagnostics/index.js';
import type { ShellWord } from '../../syntax/shell/split.js';
import { readOptionString, splitSet, xpathActions } from './suboption-dict.js';
import { XML, allTargets } from './targets.js';
import type { VirtXmlAction } from './virtinst-options.js';
import { PANIC_ADDRESS_SUBOPTION, PANIC_SUBOPTIONS, XPATH_SUBOPTION } from './virtinst-options.js';
import type { EditSink } from './xpath-edits.js';
import { readXPathAction } from './xpath-edits.js';

const PANIC_KNOWN = { names: PANIC_SUBOPTIONS, patterns: [XPATH_SUBOPTION, PANIC_ADDRESS_SUBOPTION] };

/**
 * `--panic` with an action: `--add-device --panic model=hyperv` (and virt-install's --panic) turns the
 * crash MSRs on; `--remove-device --panic model=hyperv` (or `all`) removes them. Never throws.
 */
export function readPanic(action: VirtXmlAction | 'install' | undefined, word: ShellWord, sink: EditSink): void {
  const panics = allTargets().filter((t) => t.kind === 'panic');
  if (action === 'remove-device' && word.value === 'all') {
    for (const t of panics) sink.edits.push({ op: 'delete', feature: t.feature, span: word.span, text: word.value });
    return;
  }
  const subs = readOptionString('--panic', word, PANIC_KNOWN, sink.diagnostics, XML.model);
  const model = subs.find((s) => s.name === XML.model);
  const hit = panics.find((t) => t.kind === 'panic' && t.model === model?.value);
  if (!hit || !model) {
    if (action === 'remove-device' && /^\d+$/.test(word.value)) {
      sink.diagnostics.push(
        makeDiagnostic(
          'INVALID_COMMAND',
          `--remove-device --panic ${word.value} removes the domain's panic device number ${word.value}, whatever its model`,
          {
            severity: 'warning',
            span: word.span,
            notes: ['enlighten cannot tell which model that is; name it: --remove-device --panic model=...'],
          },
        ),
      );
    }
    return;
  }
  if (action === 'add-device' || action === 'install')
    sink.edits.push({ op: 'state', feature: hit.feature, on: true, span: model.span, text: model.text });
  else if (action === 'remove-device')
    sink.edits.push({ op: 'delete', feature: hit.feature, span: model.span, text: model.text });
}

/**
 * `--xml PATH=VALUE` (the raw text, split at its last '=') or `--xml xpath.set=...` /
 * `xpath.delete=...` / `xpath.create=...` / `xpath.value=...`, paths from `<domain>`
 * (cli.py ParserXML). Never throws.
 */
export function readXml(word: ShellWord, sink: EditSink): void {
  if (!word.value.startsWith('xpath.')) {
    const { path, value } = splitSet(word.value, null);
    readXPathAction({ op: 'set', path, value, span: word.span, text: word.value }, [], sink);
    return;
  }
  const subs = readOptionString(
    '--xml',
    word,
    { names: ['xpath.delete', 'xpath.set', 'xpath.create', 'xpath.value'], patterns: [] },
    sink.diagnostics,
  );
  for (const action of xpathActions(subs)) readXPathAction(action, [], sink);
}
