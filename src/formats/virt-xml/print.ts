import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { diffSets } from '../../model/index.js';
import { viewAsDomain } from './expressible.js';
import { domainWord, shellWord } from './quote.js';
import type { VirtXmlStyle } from './suboptions.js';
import { VirtXmlChanges } from './suboptions.js';
import { targetOf } from './targets.js';

export interface VirtXmlPrintOptions {
  /** legacy (`hyperv_relaxed=on`, the seeds' syntax) or modern (`hyperv.relaxed.state=on`, the default). */
  style?: VirtXmlStyle;
  /** The domain's name; default `$VM`, printed as `"$VM"` so the shell expands it. */
  domain?: string;
  /** A libvirt URI for `--connect` (`qemu:///system`); none by default. */
  connect?: string;
}

export interface VirtXmlCommands {
  /** Shell command lines, one change option each (virt-xml refuses more: "Only one change operation may be specified"). */
  commands: string[];
  /** NOT_EXPRESSIBLE for each wanted feature a libvirt domain cannot hold. */
  diagnostics: Diagnostic[];
  /** The set the domain has after the commands, as libvirt reads it. */
  intended: EnlightenmentSet;
}

export const DEFAULT_DOMAIN = '$VM';

/**
 * The virt-xml commands that bring a domain holding `from` to `to`: one `--edit --features` with
 * every `<hyperv>` change (named sub-options where virt-xml 4.1 has them, `xpathN.set` /
 * `xpathN.delete` for the rest), one `--edit --clock` for the hypervclock timer, and
 * `--add-device` / `--remove-device --panic model=hyperv` for the crash MSRs. Never throws.
 */
export function printVirtXmlCommands(
  from: EnlightenmentSet,
  to: EnlightenmentSet,
  opts: VirtXmlPrintOptions = {},
): VirtXmlCommands {
  const current = viewAsDomain(from).set;
  const { set: intended, diagnostics } = viewAsDomain(to);
  const diff = diffSets(current, intended);
  const changes = new VirtXmlChanges(opts.style ?? 'modern');
  if (diff.mode) changes.setMode(diff.mode.to);
  const removed = new Set(diff.changes.filter((c) => c.to === undefined).map((c) => c.feature));
  for (const c of diff.changes) {
    const t = targetOf(c.feature);
    // Removing the parent element removes its children with it.
    if (c.to === undefined && t?.kind === 'hyperv' && t.parent && removed.has(t.parent)) continue;
    changes.change(c.feature, c.to);
  }
  return { commands: renderCommands(changes, opts), diagnostics, intended };
}

/** The command lines for the collected changes. */
export function renderCommands(changes: VirtXmlChanges, opts: VirtXmlPrintOptions = {}): string[] {
  const head = [
    'virt-xml',
    ...(opts.connect ? ['--connect', shellWord(opts.connect)] : []),
    domainWord(opts.domain ?? DEFAULT_DOMAIN),
  ].join(' ');
  const out: string[] = [];
  if (!changes.features.empty) out.push(`${head} --edit --features ${shellWord(changes.features.render())}`);
  if (!changes.clock.empty) out.push(`${head} --edit --clock ${shellWord(changes.clock.render())}`);
  for (const [option, value] of changes.addDevices) out.push(`${head} --add-device ${option} ${shellWord(value)}`);
  for (const [option, value] of changes.removeDevices)
    out.push(`${head} --remove-device ${option} ${shellWord(value)}`);
  return out;
}

/** Fix words in virt-xml syntax: the command that makes one change (null: remove the feature). */
export function spellVirtXmlChange(
  feature: FeatureId,
  value: FeatureValue | null,
  style: VirtXmlStyle,
  domain = DEFAULT_DOMAIN,
): string {
  const changes = new VirtXmlChanges(style);
  if (!changes.change(feature, value ?? undefined))
    return `${CATALOG[feature].qemu.name}: no virt-xml spelling (libvirt domain XML has no element for it)`;
  return `run ${renderCommands(changes, { domain }).join(' && ')}`;
}
