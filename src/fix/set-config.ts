/**
 * The `set` use case without the CLI. `planSetChanges` applies the requested changes to a set and,
 * unless `exact`, turns on what the features turned on require, saying for each addition which
 * feature needs it; it is syntax-free. `setConfig` does the whole use case on a parsed
 * configuration: plans, writes the result through the input's format (libvirt spells hv-time as its
 * hypervclock timer, QEMU as hv-time), refuses what the text cannot hold, and checks what was
 * written. Files, locks and printing stay with the caller (src/cli/set.ts).
 */
import type { FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../catalog/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors, makeDiagnostic } from '../diagnostics/index.js';
import { compareLibvirtVersions, LATEST_LIBVIRT, libvirtSince } from '../formats/libvirt/index.js';
import type { FormatEntry, ParsedConfig, ParseOptions } from '../formats/types.js';
import type { EnlightenmentSet, Mode } from '../model/index.js';
import { emptySet, getValue, isOn, requirementsOf, setFeature, unsetFeature } from '../model/index.js';
import { checkConfig } from '../rules/index.js';

export type SetRequest =
  | { kind: 'mode'; mode: Mode }
  | { kind: 'feature'; feature: FeatureId; value: FeatureValue | undefined }
  /** A setting of the syntax's own (`FormatEntry.settings`), changed before the features. */
  | { kind: 'setting'; name: string; value: string };

/** A feature `set` turned on because a feature turned on needs it. */
export interface SetAddition {
  feature: FeatureId;
  /** The feature that requires it, directly. */
  neededBy: FeatureId;
}

export interface SetPlan {
  set: EnlightenmentSet;
  additions: SetAddition[];
}

/** Applies the changes in order (a later word wins). */
export function applySetChanges(set: EnlightenmentSet, changes: readonly SetRequest[]): EnlightenmentSet {
  let out = set;
  for (const c of changes) {
    if (c.kind === 'mode') out = { ...out, mode: c.mode };
    else if (c.kind === 'setting') continue;
    else out = c.value === undefined ? unsetFeature(out, c.feature) : setFeature(out, c.feature, c.value);
  }
  return out;
}

/**
 * The set after the changes. Unless `exact`, every requirement of a feature the changes turn on is
 * turned on as well, following chains (stimer brings synic and time; synic brings vpindex), except
 * one the same changes turn off or remove: that conflict is left for the checks to report.
 * Passthrough mode has no requirements in QEMU, so nothing is added there.
 */
export function planSetChanges(base: EnlightenmentSet, changes: readonly SetRequest[], exact = false): SetPlan {
  let set = applySetChanges(base, changes);
  const additions: SetAddition[] = [];
  if (exact || set.mode === 'passthrough') return { set, additions };
  const asked = new Set<FeatureId>();
  for (const c of changes) if (c.kind === 'feature') asked.add(c.feature);
  const queue = PRINT_ORDER.filter((id) => asked.has(id) && isOn(set, id) && getValue(base, id) !== getValue(set, id));
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const dep of requirementsOf(set, id)) {
      if (isOn(set, dep) || asked.has(dep) || CATALOG[dep].kind !== 'bool') continue;
      set = setFeature(set, dep, true);
      additions.push({ feature: dep, neededBy: id });
      queue.push(dep);
    }
  }
  return { set, additions };
}

export interface SetConfigOptions {
  /** Change only what is asked, not what it requires. */
  exact?: boolean;
  /**
   * The libvirt release to write a libvirt input for: a release, or a function asked with whether
   * the change touches an element not every libvirt in use knows (so a caller can ask the installed
   * libvirt only then). Unset or undefined: the newest release enlighten knows.
   */
  libvirtVersion?: string | ((needsRelease: boolean) => string | undefined);
  /** How the configuration was read (the host facts a syntax decides by), for reading it back. */
  parse?: Omit<ParseOptions, 'maxChars'>;
}

export interface SetConfigResult {
  /** What writing the change reported; an error means nothing is written. */
  diagnostics: Diagnostic[];
  failed: boolean;
  /** The new text (the input's own when failed or unchanged). */
  text: string;
  changed: boolean;
  /** What set turned on besides what was asked, and for which feature. */
  additions: SetAddition[];
  /** The new text read back, and what `check` with no options says of it (errors and warnings). */
  result: ParsedConfig | null;
  findings: Diagnostic[];
}

/**
 * Elements every libvirt in use knows (RHEL 7.9 ships 4.5): writing only these needs no release
 * check, so `set vm.xml relaxed` does not have to ask `virsh --version`.
 */
const KNOWN_TO_ALL = '4.5.0';

/** Whether the change touches the mode or an element newer than every libvirt in use. */
function needsLibvirtRelease(before: EnlightenmentSet, after: EnlightenmentSet): boolean {
  return (
    before.mode !== after.mode ||
    Object.keys(CATALOG).some((id) => {
      const f = id as keyof typeof CATALOG;
      const since = libvirtSince(f);
      return (
        getValue(after, f) !== getValue(before, f) && since !== null && compareLibvirtVersions(since, KNOWN_TO_ALL) > 0
      );
    })
  );
}

function libvirtVersionFor(opts: SetConfigOptions, before: EnlightenmentSet, after: EnlightenmentSet): string {
  const v =
    typeof opts.libvirtVersion === 'function'
      ? opts.libvirtVersion(needsLibvirtRelease(before, after))
      : opts.libvirtVersion;
  return v ?? LATEST_LIBVIRT;
}

/** Requested changes the edited text does not hold (what the target syntax or release could not take). */
function missedChanges(
  format: FormatEntry,
  text: string,
  changes: readonly SetRequest[],
  parse: SetConfigOptions['parse'] = {},
): string[] {
  // Our own output, from an input read under the cap: no second cap.
  const reread = format.parse(text, { ...parse, maxChars: Number.MAX_SAFE_INTEGER });
  const after = reread.ok ? reread.value.set : emptySet();
  const missed: string[] = [];
  for (const c of changes) {
    if (c.kind === 'mode' && after.mode !== c.mode) missed.push(`mode=${c.mode}`);
    if (c.kind === 'feature' && getValue(after, c.feature) !== c.value)
      missed.push(c.value === undefined ? `${c.feature}=default` : `${c.feature}=${String(c.value)}`);
  }
  return [...new Set(missed)];
}

function write(format: FormatEntry, parsed: ParsedConfig, next: EnlightenmentSet, version: string | undefined) {
  const opts = { input: parsed, ...(version ? { libvirtVersion: version } : {}) };
  if (format.edit) return format.edit(parsed, next, opts);
  if (format.print) {
    const out = format.print(next, opts);
    return { ...out, text: out.text.endsWith('\n') ? out.text : `${out.text}\n` };
  }
  throw new Error(`enlighten cannot write ${format.id} configurations`);
}

/**
 * `set` on a parsed configuration (a `parse` that gave `ok: true`): the new text, or why nothing can
 * be written. Throws only for a format that can neither edit nor print.
 */
export function setConfig(
  input: ParsedConfig,
  format: FormatEntry,
  changes: readonly SetRequest[],
  opts: SetConfigOptions = {},
): SetConfigResult {
  const none = { additions: [], result: null, findings: [] };
  const settled = applySettings(input, format, changes, opts.parse ?? {});
  if ('failed' in settled)
    return { diagnostics: settled.failed, failed: true, text: input.source, changed: false, ...none };
  const parsed = settled.parsed;
  const { set: next, additions } = planSetChanges(parsed.set, changes, opts.exact === true);
  const version = format.followsLibvirtRelease ? libvirtVersionFor(opts, parsed.set, next) : undefined;
  const out = write(format, parsed, next, version);
  const diagnostics: Diagnostic[] = [...out.diagnostics];
  const missed = hasErrors(diagnostics) ? [] : missedChanges(format, out.text, changes, opts.parse);
  if (missed.length) {
    diagnostics.push(
      makeDiagnostic(
        'NOT_EXPRESSIBLE',
        `could not write ${missed.join(', ')} into this ${format.id} configuration; nothing was written`,
        { severity: 'error' },
      ),
    );
  }
  const failed = hasErrors(diagnostics);
  const text = failed ? input.source : out.text;
  if (failed) return { diagnostics: [...settled.diagnostics, ...diagnostics], failed, text, changed: false, ...none };
  diagnostics.unshift(...settled.diagnostics);
  // Re-check what would be written, as `check` would with no options; what cannot be read back is not written.
  const reread = format.parse(text, opts.parse ?? {});
  if (!reread.ok)
    return {
      diagnostics: [...diagnostics, ...reread.diagnostics],
      failed: true,
      text: input.source,
      changed: false,
      ...none,
    };
  const result = reread.value;
  const findings = checkConfig(result).filter((d) => d.severity !== 'info');
  return { diagnostics, failed, text, changed: text !== input.source, additions, result, findings };
}

/** The syntax's own settings (`ostype=win11`), changed first and read back, so the features are set on what they give. */
function applySettings(
  parsed: ParsedConfig,
  format: FormatEntry,
  changes: readonly SetRequest[],
  parse: Omit<ParseOptions, 'maxChars'>,
): { parsed: ParsedConfig; diagnostics: Diagnostic[] } | { failed: Diagnostic[] } {
  let current = parsed;
  const diagnostics: Diagnostic[] = [];
  for (const c of changes) {
    if (c.kind !== 'setting') continue;
    if (!format.settings?.names.includes(c.name))
      return {
        failed: [
          makeDiagnostic('NOT_EXPRESSIBLE', `${c.name} is no setting of ${format.describes}; nothing was written`, {
            severity: 'error',
            notes: ['set it in a configuration of the syntax that has it, or name a feature (enlighten list)'],
          }),
        ],
      };
    const out = format.settings.edit(current, c.name, c.value);
    if (hasErrors(out.diagnostics)) return { failed: out.diagnostics };
    diagnostics.push(...out.diagnostics);
    const reread = format.parse(out.text, { ...parse, maxChars: Number.MAX_SAFE_INTEGER });
    if (!reread.ok) return { failed: reread.diagnostics };
    current = { ...reread.value };
  }
  return { parsed: current, diagnostics };
}
