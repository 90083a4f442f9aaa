/**
 * The closed sets of values options and arguments take, read from the tables that define them, for
 * completions and the check of the examples (src/cli/spec.ts). Nothing here is a list of its own.
 */
import { FEATURE_IDS } from '../catalog/index.js';
import { FORMATS } from '../formats/registry.js';
import { OS_TABLE } from '../model/os-table.js';
import { PEERS } from '../recommend/peers.js';
import { PRESETS } from '../recommend/presets.js';

/** Every syntax (--from, --target). */
export const syntaxIds = (): string[] => FORMATS.map((f) => f.id);
/** The syntaxes enlighten can write (--to). */
export const printableSyntaxIds = (): string[] => FORMATS.filter((f) => f.print).map((f) => f.id);
/** Preset names (--preset). */
export const presetNames = (): string[] => PRESETS.map((p) => p.name);
/** The tools `recommend --compare` knows. */
export const peerIds = (): string[] => PEERS.map((p) => p.id);
/** The guest OS ids of the OS table (--os also takes libosinfo ids of Linux distributions). */
export const osIds = (): string[] => OS_TABLE.map((o) => o.id);
/** Catalog ids (explain, set; each also takes its QEMU and libvirt names). */
export const featureIds = (): string[] => [...FEATURE_IDS];
/** --kind: the kinds of document some syntaxes print besides their default (FormatEntry.kinds). */
export const printKinds = (): string[] => [...new Set(FORMATS.flatMap((f) => f.kinds?.map((k) => k.name) ?? []))];
/** --style: how qemu (QemuStyle) and virt-xml spell what they write; both use these two words. */
export const styles = (): string[] => ['modern', 'legacy'];
