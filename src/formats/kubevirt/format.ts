import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG, SRC } from '../../catalog/index.js';
import { blankOutside } from '../../util/blank.js';
import type { ConfigPiece, FormatEntry } from '../types.js';
import { cannotWriteUnless } from '../unwritable.js';
import { MAX_READ_PIECES } from '../types.js';
import { editKubevirt } from './edit.js';
import type { KindLayout } from './fields.js';
import { KV, LAYOUTS, PLACED_FEATURES, PLACES } from './fields.js';
import type { KvObject } from './objects.js';
import { labelOf, MAX_SCAN_CHARS, readStream } from './objects.js';
import type { KubevirtParsed } from './parse.js';
import { parseKubevirt, preferenceFinder, readPiece, rememberPiece } from './parse.js';
import type { PreferenceFinder } from './parse.js';
import { printKubevirt } from './print.js';
import { yamlScalar } from './render.js';

/**
 * Where the feature's field is, from the domain (a VM's template, a VMI) or from a preference's
 * spec: `features.hyperv.synictimer.direct`, `clock.timer.hyperv`, `devices.panicDevices[].model`,
 * or in a preference `features.preferredHyperv.synictimer.direct`, `clock.preferredTimer.hyperv`,
 * `devices.preferredPanicDeviceModel`; null when that kind of object has no field for it.
 */
export function locateKubevirt(feature: FeatureId, layout: KindLayout = LAYOUTS['VirtualMachine']!): string | null {
  const place = PLACES[feature];
  if (!place) return null;
  switch (place.block) {
    case 'hyperv':
      return [...layout.hyperv, ...place.keys].join('.');
    case 'kvm':
      return [...layout.kvm, ...place.keys].join('.');
    case 'timer':
      return [...layout.timer, ...place.keys].join('.');
    case 'panic':
      return layout.panicList ? `${layout.panicList.join('.')}[].model` : layout.panicModel!.join('.');
  }
}

/** The feature a KubeVirt field names (`synictimer`, `synictimer.direct`, `features.hyperv.synictimer.enabled`), for `explain` and the page's search. */
export function featureOfKubevirtName(name: string): FeatureId | undefined {
  const n = name.trim().replace(/\.enabled$/, '');
  return PLACED_FEATURES.find((id) => {
    const place = PLACES[id]!;
    return n === locateKubevirt(id) || (place.keys.length > 0 && n.toLowerCase() === place.keys.join('.'));
  });
}

/** The feature's field, with the value when given, as a VM's template (or, with `kind`, another kind of object) spells it. */
export function spellKubevirt(feature: FeatureId, value?: FeatureValue, kind?: string): string {
  const layout = (kind && LAYOUTS[kind]) || LAYOUTS['VirtualMachine']!;
  if (CATALOG[feature].setsMode)
    return layout.passthrough ? layout.passthrough.join('.') : 'hypervPassthrough (no field in a preference)';
  const at = locateKubevirt(feature, layout);
  if (!at) return `${CATALOG[feature].qemu.name} (no KubeVirt field)`;
  if (value === undefined) return at;
  const place = PLACES[feature]!;
  if (place.block === 'panic') return `${at}: hyperv`;
  if (place.plainBool) return `${at}: ${value === true}`;
  if (place.valueKey && typeof value !== 'boolean') return `${at}.${place.valueKey}: ${yamlScalar(value)}`;
  return `${at}.enabled: ${value !== false}`;
}

const API = /(^|[\s{,])["']?apiVersion["']?\s*:\s*["']?(instancetype\.)?kubevirt\.io\//m;
const KIND =
  /(^|[\s{,])["']?kind["']?\s*:\s*["']?(VirtualMachine|VirtualMachineInstance|VirtualMachinePreference|VirtualMachineClusterPreference|VirtualMachineInstancetype|VirtualMachineClusterInstancetype|List)\b/m;

/** The first line that is no comment opens a manifest: a document marker, a top-level key of an object, or JSON. */
const MANIFEST_START =
  /^(?:[ \t]*(?:#.*)?\r?\n)*(?:---|\.\.\.|apiVersion\s*:|kind\s*:|metadata\s*:|items\s*:|spec\s*:|\{)/;

/** One piece per VM, VMI and preference, labelled namespace/name; a VM keeps the preference it names beside it. */
function splitKubevirt(text: string): ConfigPiece[] | undefined {
  if (text.length > MAX_SCAN_CHARS || !API.test(text)) return undefined;
  const stream = readStream(text);
  if (stream.errors.length) return undefined;
  const objects = stream.objects.filter((o) => LAYOUTS[o.kind]);
  if (objects.length < 2) return undefined;
  // Document markers stay, so that the objects kept are still separate documents.
  const markers = [...text.matchAll(/^(---|\.\.\.)(?=\s|$)/gm)].map((m) => ({ start: m.index, end: m.index + 3 }));
  const findPreference = preferenceFinder(stream);
  // Each piece reads its object in the stream read here (`read`): no copy of the text, so a List of
  // thousands of VMs costs one reading of it. `text()` is for a caller that wants the text itself.
  return objects.slice(0, MAX_READ_PIECES + 1).map((o) => {
    const made = () => {
      const pref = o.kind === 'VirtualMachine' ? preferenceOf(o, findPreference) : undefined;
      const piece = blankOutside(text, o.span, ...(pref ? [pref.span] : []), ...markers);
      rememberPiece(piece, stream, o);
      return piece;
    };
    return {
      text: made,
      read: () => readPiece(text, stream, o, findPreference),
      span: o.span,
      kind: o.kind,
      name: labelOf(o),
    };
  });
}

/** The preference a VM names, as its piece's text keeps it beside the VM. */
function preferenceOf(vm: KvObject, findPreference: PreferenceFinder): KvObject | undefined {
  const spec = vm.map.get('spec') as { get?: (k: string) => unknown } | undefined;
  const pref = spec?.get?.('preference') as { get?: (k: string) => unknown } | undefined;
  const name = pref?.get?.('name');
  const kind = pref?.get?.('kind') ?? 'VirtualMachineClusterPreference';
  return typeof name === 'string' && typeof kind === 'string' ? findPreference(vm, kind, name) : undefined;
}

/** A feature KubeVirt's API has no field for: its converter never writes it. */
const kubevirtCannotWrite = cannotWriteUnless((feature) => Boolean(PLACES[feature] || CATALOG[feature].setsMode), {
  reason: "KubeVirt's API has no field for it",
  instead:
    'leave it out; only a hook sidecar that edits the libvirt domain KubeVirt writes can add it, and enlighten does not check one',
  source: SRC.kubevirtApi,
});

export const kubevirtFormat: FormatEntry<'kubevirt'> = {
  id: 'kubevirt',
  describes: 'KubeVirt VirtualMachine, VirtualMachineInstance or preference manifests (YAML or JSON)',
  // KubeVirt's converter writes libvirt domains (pkg/virt-launcher/virtwrap/converter): libvirt's checks apply.
  readBy: 'libvirt',
  versions: {
    program: 'KubeVirt',
    releases: 'main at d923fdb8 (2026-08)',
    measured: `its source: ${KV} converter, pkg/defaults/hyperv.go, pkg/virt-api/webhooks/hyperv.go (docs/kubevirt.md)`,
  },
  /**
   * A YAML or JSON stream holding an object of apiVersion kubevirt.io/... or
   * instancetype.kubevirt.io/...: above JSON's (a VMI in JSON has "features"). The text must read
   * as YAML, so a script that pipes a manifest through a heredoc stays a script (the heredoc is
   * then read as a piece of it).
   */
  detect(text) {
    if (text.length > MAX_SCAN_CHARS || !API.test(text) || !KIND.test(text)) return 0;
    const stream = readStream(text);
    if (!stream.errors.length) return stream.objects.length ? 5 : 0;
    // Broken YAML that is plainly a manifest is still KubeVirt's, so that parse says where it breaks.
    return MANIFEST_START.test(text) ? 5 : 0;
  },
  parse: parseKubevirt,
  split: splitKubevirt,
  splitAdvice: 'one namespace a file: kubectl get vm -n NAMESPACE -o yaml',
  document: true,
  // KubeVirt's JSON shares .json with enlighten's: detection among the claimants decides (5 against 3).
  extensions: ['.yaml', '.yml', '.json'],
  builds: 'libvirt',
  spell: spellKubevirt,
  locate: locateKubevirt,
  featureNamed: featureOfKubevirtName,
  example: {
    label: 'KubeVirt',
    write: (feature, value) => (PLACES[feature] ? spellKubevirt(feature, value) : null),
    none: "no field in KubeVirt's API",
  },
  // A preference's fields are its own (`features.preferredHyperv...`), as fix writes them.
  spellChange: (parsed) => {
    const kind = parsed.context.spelling;
    return (feature, value) =>
      value === null
        ? `remove ${spellKubevirt(feature, undefined, kind)}`
        : `set ${spellKubevirt(feature, value, kind)}`;
  },
  print: printKubevirt,
  cannotWrite: kubevirtCannotWrite,
  // print writes the flags into cpu.features itself; host-passthrough passes the host's.
  cpuFlags: { host: 'cpu: {model: host-passthrough}' },
  kinds: [
    { name: 'preference', describes: 'a VirtualMachineClusterPreference that carries the set, for a fleet to share' },
  ],
  edit: (parsed, set) => editKubevirt(parsed as KubevirtParsed, set),
};
