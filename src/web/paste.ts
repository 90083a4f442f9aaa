/**
 * Paste and fix: a configuration in any syntax the registry reads, or a guest's boot log or
 * `cpuid -r` output. A configuration gets its diagnostics in place (line markers), the fixed
 * version with a diff, an Apply button and a download; a guest report its decoded set and the
 * likely causes. Everything runs here: checkConfig, fixConfig, decodeGuest; nothing is sent.
 */
import type { Diagnostic, FeatureId, FormatEntry, ParsedConfig } from '../index.js';
import {
  CATALOG,
  FORMATS,
  checkConfig,
  decodeGuest,
  detectFormat,
  fixConfig,
  formatCitation,
  lineColumnAt,
} from '../index.js';
import { unifiedDiff } from '../util/unified-diff.js';
import { checkOptionsOf } from './choices.js';
import { byId, copyButton, downloadButton, h, put } from './dom.js';
import { dropText, state } from './pick.js';
import { dependencyGraph } from './pictures.js';

const name = (id: FeatureId) => CATALOG[id].qemu.name;

/** What the text is read as: `auto`, a format id, or `guest`. */
let readAs = 'auto';
let fileName = 'pasted';
/**
 * The text as read from a file (or the fix applied), beside what the text area shows of it: a text
 * area turns CRLF into LF, so while the area is unchanged the file's own bytes are what is checked,
 * fixed and downloaded (CRLF kept, as `enlighten fix` keeps it).
 */
let loaded: { text: string; shown: string } | undefined;

function remember(text: string): void {
  loaded = { text, shown: area().value };
}

function currentText(): string {
  const shown = area().value;
  return loaded && loaded.shown === shown ? loaded.text : shown;
}

function area(): HTMLTextAreaElement {
  return byId<HTMLTextAreaElement>('paste-text');
}

export function renderPasteForm(): void {
  const text = h('textarea', {
    id: 'paste-text',
    rows: 14,
    spellcheck: 'false',
    autocapitalize: 'off',
    autocomplete: 'off',
    'aria-describedby': 'paste-hint',
    oninput: () => analyse(),
  });
  dropText(text, (t, n) => {
    fileName = n;
    remember(t);
    analyse();
  });
  const file = h('input', {
    type: 'file',
    id: 'paste-file',
    onchange: async (e) => {
      const f = (e.target as HTMLInputElement).files?.[0];
      if (!f) return;
      fileName = f.name;
      const t = await f.text();
      area().value = t;
      remember(t);
      analyse();
    },
  });
  const kind = h(
    'select',
    {
      id: 'paste-kind',
      onchange: (e) => {
        readAs = (e.target as HTMLSelectElement).value;
        analyse();
      },
    },
    h('option', { value: 'auto' }, 'detect'),
    ...FORMATS.map((f) => h('option', { value: f.id }, `${f.id}: ${f.describes}`)),
    h('option', { value: 'guest' }, 'a guest report: boot log, cpuid -r, guest-script output'),
  );
  put(
    byId('paste-form'),
    h('label', { for: 'paste-text' }, 'Configuration or guest report'),
    h(
      'p',
      { id: 'paste-hint', class: 'hint' },
      'Paste or drop a QEMU command line, libvirt domain XML, virt-xml or virt-install command, KubeVirt manifest, Proxmox VM configuration or enlighten JSON; or a guest boot log (dmesg), cpuid -r output or guest-script report. It is checked against the guest, host and target chosen under Pick.',
    ),
    text,
    h(
      'div',
      { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'paste-kind' }, 'Read as'), kind),
      h('div', { class: 'field' }, h('label', { for: 'paste-file' }, 'Or open a file'), file),
    ),
  );
  state.onChange.push(() => {
    if (area().value.trim()) analyse();
  });
}

function formatFor(text: string): FormatEntry | 'guest' | undefined {
  if (readAs === 'guest') return 'guest';
  if (readAs !== 'auto') return FORMATS.find((f) => f.id === readAs);
  const f = detectFormat(text);
  if (f) return f;
  return decodeGuest(text).evidence === 'none' ? undefined : 'guest';
}

export function analyse(): void {
  const text = currentText();
  const out = byId('paste-result');
  if (!text.trim()) {
    put(out);
    return;
  }
  const format = formatFor(text);
  if (format === 'guest') {
    put(out, guestReport(text));
    return;
  }
  if (!format) {
    put(
      out,
      h(
        'p',
        { class: 'diag error' },
        'This is no configuration enlighten reads and no guest report: choose what it is under Read as.',
      ),
    );
    return;
  }
  const read = format.parse(text);
  if (!read.ok) {
    put(
      out,
      h('h3', {}, `Not readable as ${format.id}`),
      diagnosticsView(read.diagnostics, text),
      sourceView(text, read.diagnostics),
    );
    return;
  }
  put(out, configReport(read.value, format));
}

function describeFix(parsed: ParsedConfig, format: FormatEntry, d: Diagnostic): string | undefined {
  const spell = format.spellChange(parsed);
  return d.fix?.changes.length ? d.fix.changes.map((c) => spell(c.feature, c.value)).join('; ') : d.fix?.description;
}

function diagnosticsView(
  diags: readonly Diagnostic[],
  text: string,
  fix?: (d: Diagnostic) => string | undefined,
): HTMLElement {
  if (!diags.length) return h('p', { class: 'ok' }, 'No problems found.');
  return h(
    'ol',
    { class: 'diagnostics' },
    ...diags.map((d, i) => {
      const at = d.span ? lineColumnAt(text, d.span.start) : undefined;
      const todo = fix?.(d);
      return h(
        'li',
        { class: `diag ${d.severity}`, id: `diag-${i}`, 'data-code': d.code },
        h('strong', {}, `${d.severity}[${d.code}]`),
        at
          ? h(
              'a',
              { href: `#line-${at.line}`, class: 'at', onclick: jumpToLine(at.line) },
              ` line ${at.line}, column ${at.column}`,
            )
          : ' (the whole configuration)',
        h('span', {}, `: ${d.message}`),
        todo ? h('p', { class: 'todo' }, `To fix: ${todo}`) : null,
        ...(d.notes ?? []).map((n) => h('p', { class: 'dnote' }, n)),
        d.feature ? h('a', { href: `#/feature/${d.feature}`, class: 'more' }, `about ${name(d.feature)}`) : null,
      );
    }),
  );
}

function jumpToLine(line: number) {
  return (e: Event) => {
    e.preventDefault();
    const el = document.getElementById(`line-${line}`);
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  };
}

/** The text with line numbers, each line that has a diagnostic marked, with what it is. */
function sourceView(text: string, diags: readonly Diagnostic[]): HTMLElement {
  const byLine = new Map<number, Diagnostic[]>();
  for (const d of diags) {
    if (!d.span) continue;
    const { line } = lineColumnAt(text, d.span.start);
    byLine.set(line, [...(byLine.get(line) ?? []), d]);
  }
  const lines = text.split('\n');
  return h(
    'div',
    { class: 'source', role: 'region', 'aria-label': 'The pasted text with its findings marked' },
    h(
      'ol',
      {},
      ...lines.map((l, i) => {
        const here = byLine.get(i + 1) ?? [];
        const worst = here.some((d) => d.severity === 'error')
          ? 'error'
          : here.some((d) => d.severity === 'warning')
            ? 'warning'
            : here.length
              ? 'info'
              : '';
        return h(
          'li',
          {
            id: `line-${i + 1}`,
            class: worst ? `marked ${worst}` : '',
            tabindex: worst ? 0 : undefined,
            'data-line': i + 1,
          },
          h('code', {}, l || ' '),
          ...here.map((d) => h('span', { class: `marker ${d.severity}` }, `${d.severity}: ${d.message}`)),
        );
      }),
    ),
  );
}

function configReport(parsed: ParsedConfig, format: FormatEntry): HTMLElement {
  const options = checkOptionsOf(state.choices);
  const diags = checkConfig(parsed, options);
  const fixed = fixConfig(parsed, format, options);
  const status = byId('copy-status');
  const fix = (d: Diagnostic) => describeFix(parsed, format, d);
  const summary = `${format.id}: ${diags.filter((d) => d.severity === 'error').length} errors, ${diags.filter((d) => d.severity === 'warning').length} warnings, ${diags.filter((d) => d.severity === 'info').length} notes`;
  const spell = format.spellChange(parsed);
  // The format spells each change as a whole ("add <synic state='on'/> to <hyperv>"), with its reason.
  const changes = fixed.actions.map(
    (a) => `${spell(a.feature, a.to ?? null)}: ${a.why}${a.source ? ` (source: ${formatCitation(a.source)})` : ''}`,
  );
  return h(
    'div',
    {},
    h('h3', { id: 'paste-summary', tabindex: -1 }, `Read as ${format.describes}. ${summary}.`),
    diagnosticsView(diags, parsed.source, fix),
    sourceView(parsed.source, diags),
    h('h3', {}, 'Dependency graph of this configuration'),
    h('div', { class: 'graph-wrap' }, dependencyGraph(parsed.set, 'The pasted configuration')),
    h('h3', {}, 'The fix'),
    fixed.changed
      ? h(
          'div',
          { class: 'fix' },
          h('ul', { class: 'changes' }, ...changes.map((c) => h('li', {}, c))),
          h('h4', {}, 'Diff'),
          h(
            'pre',
            { class: 'code diff', tabindex: 0, 'aria-label': 'Diff of the fix' },
            ...diffLines(unifiedDiff(parsed.source, fixed.text, fileName)),
          ),
          h('h4', {}, 'Fixed'),
          h(
            'div',
            { class: 'code-head' },
            h(
              'button',
              {
                type: 'button',
                id: 'apply-fix',
                onclick: () => {
                  area().value = fixed.text;
                  remember(fixed.text);
                  analyse();
                  put(status, 'Applied the fix to the text above.');
                  byId('paste-summary').focus();
                },
              },
              'Apply the fix',
            ),
            copyButton('the fixed configuration', () => fixed.text, status),
            downloadButton(
              'Download',
              () => fixedName(),
              () => fixed.text,
            ),
          ),
          h(
            'pre',
            { class: 'code', id: 'fixed-text', tabindex: 0, 'aria-label': 'The fixed configuration' },
            fixed.text,
          ),
          fixed.remaining.filter((d) => d.severity !== 'info').length
            ? h(
                'p',
                {},
                `Left after the fix: ${fixed.remaining
                  .filter((d) => d.severity !== 'info')
                  .map((d) => d.message)
                  .join('; ')}`,
              )
            : null,
        )
      : h('p', { class: 'ok', id: 'nothing-to-fix' }, 'Nothing to fix.'),
  );
}

function fixedName(): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? `${fileName.slice(0, dot)}.fixed${fileName.slice(dot)}` : `${fileName}.fixed`;
}

function diffLines(diff: string): HTMLElement[] {
  const kind = (l: string) =>
    l.startsWith('+') && !l.startsWith('+++') ? 'add' : l.startsWith('-') && !l.startsWith('---') ? 'del' : 'same';
  // One block per line (no newline characters): a line's own leading spaces stay where they are.
  return diff
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => h('span', { class: `line ${kind(l)}` }, l || ' '));
}

function guestReport(text: string): HTMLElement {
  const g = decodeGuest(text);
  const values = Object.entries(g.values) as [FeatureId, unknown][];
  return h(
    'div',
    { class: 'guest' },
    h('h3', { id: 'paste-summary', tabindex: -1 }, `Guest report (${g.source}): ${g.summary}`),
    g.linuxDetected ? h('p', {}, `Linux detected: ${g.linuxDetected}`) : null,
    h('h4', {}, `Active (${g.features.length})`),
    g.features.length
      ? h(
          'ul',
          { class: 'chips', id: 'decoded-features' },
          ...g.features.map((id) => h('li', { 'data-feature': id }, h('a', { href: `#/feature/${id}` }, name(id)))),
        )
      : h('p', {}, 'none'),
    values.length
      ? h(
          'p',
          { id: 'decoded-values' },
          `Values: ${values.map(([id, v]) => `${name(id)}=${typeof v === 'number' ? `${v} (0x${(v >>> 0).toString(16)})` : JSON.stringify(v)}`).join(', ')}`,
        )
      : null,
    ...g.ambiguous.map((a) =>
      h(
        'p',
        {},
        `Ambiguous: ${a.names.join(', ')} belongs to ${a.candidates.map(name).join(' or ')}, none of them complete`,
      ),
    ),
    g.unknown.length ? h('h4', {}, 'Not shown by this evidence') : null,
    g.unknown.length ? h('ul', {}, ...g.unknown.map((u) => h('li', {}, `${name(u.feature)}: ${u.reason}`))) : null,
    g.clock.note ? h('p', {}, `Clock: ${g.clock.note}`) : null,
    h('h4', {}, 'Findings and likely causes'),
    diagnosticsView(g.diagnostics, text),
    h(
      'details',
      {},
      h('summary', {}, 'Never visible from inside a guest'),
      h('ul', {}, ...g.invisible.map((x) => h('li', {}, `${name(x.feature)}: ${x.reason}`))),
    ),
  );
}
