/**
 * How the rules name features and settings in their messages: they ask the syntax's format
 * (`FormatEntry.spell`), and never spell a syntax themselves.
 */
import type { FeatureId, FeatureValue } from '../catalog/index.js';
import { FORMATS, formatOf } from '../formats/registry.js';
import type { FormatId, Unwritable } from '../formats/types.js';

export { showSetting, showValue } from '../model/index.js';

/** True when libvirt reads configurations in the syntax (domain XML, and the commands that build it): its checks and words apply. */
export function readByLibvirt(format: FormatId | undefined): boolean {
  return format !== undefined && formatOf(format).readBy === 'libvirt';
}

/** Names already asked for, per syntax and spelling: a format's `spell` is pure, and checks ask for the same few names for every file. */
const NAMES = new Map<string, Map<FeatureId, string>>();

/**
 * The feature as the syntax names it: QEMU's property, the libvirt element or timer, the JSON key;
 * with `spelling` (`ConfigContext.spelling`, carried by `Target.spelling`), as that kind of
 * document of the syntax names it.
 */
export function nameFeature(id: FeatureId, format: FormatId, spelling?: string): string {
  const key = spelling ? `${format} ${spelling}` : format;
  let names = NAMES.get(key);
  if (!names) NAMES.set(key, (names = new Map()));
  let name = names.get(id);
  if (name === undefined) names.set(id, (name = formatOf(format).spell(id, undefined, spelling)));
  return name;
}

/** A setting as the syntax writes it: the QEMU item, the libvirt element and value, the JSON pair. */
export function nameSetting(id: FeatureId, value: FeatureValue, format: FormatId, spelling?: string): string {
  return formatOf(format).spell(id, value, spelling);
}

/** Why the syntax (or the syntax its commands build) cannot write the feature, or undefined when it can. */
export function unwritable(id: FeatureId, format: FormatId): Unwritable | undefined {
  const f = formatOf(format);
  return f.cannotWrite?.(id) ?? (f.builds ? formatOf(f.builds).cannotWrite?.(id) : undefined);
}

/** What each program that reads a registered syntax does when the host's KVM lacks the feature, once each. */
export function programRefusals(id: FeatureId, noHyperv: boolean): string[] {
  const out: string[] = [];
  for (const f of FORMATS) {
    const said = f.hostRefusal?.(id, noHyperv);
    if (said && !out.includes(said)) out.push(said);
  }
  return out;
}
