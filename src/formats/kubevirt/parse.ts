import type { FeatureId } from '../../catalog/index.js';
import { CATALOG, cite, sourceNote } from '../../catalog/index.js';
import type { Diagnostic, ParseResult } from '../../diagnostics/index.js';
import { makeDiagnostic, readResult } from '../../diagnostics/index.js';
import type { EnlightenmentSet, Origins } from '../../model/index.js';
import { emptySet, setFeature } from '../../model/index.js';
import type { ConfigContext, CpuRequest, ParsedConfig, ParseOptions, TscFrequencyByPlatform } from '../types.js';
import { admissionErrors, applyDefaults, applyPreference } from './defaults.js';
import { LAYOUTS } from './fields.js';
import type { KvObject, KvStream } from './objects.js';
import { MAX_CHARS, readStream } from './objects.js';
import type { KvRead } from './read.js';
import { carriesValue, readObject } from './read.js';

export interface KubevirtParsed extends ParsedConfig {
  format: 'kubevirt';
  stream: KvStream;
  /** The object read (the first of the text; `split` gives one text per object). */
  object?: KvObject;
  /** What it states, after KubeVirt's defaults. */
  read?: KvRead;
}

const CONVERTER = cite('kubevirtConverter');
const CONVERTER_HYPERV = cite(['kubevirtConverter', 'convertFeatureHypervToAPIFeatureHyperv()']);
const NODES = cite(['kubevirtNodeSelector', 'L216-218']);
const ACCEPTED = cite('kubevirtAdmission', 'kubevirtDefaults');

/**
 * What KubeVirt does with reenlightenment's need of a fixed TSC frequency, read at kubevirt/kubevirt
 * @ d923fdb815cd2016ddaebdaaa51db04133576d72:
 * - `reenlightenment: {}` is on: the converter writes <reenlightenment state='on'/> for any field
 *   not `enabled: false` (pkg/virt-launcher/virtwrap/converter/compute/hypervisor_features.go L120,
 *   convertFeatureState L126-133), and the VMI mutator sets `enabled: true` on it before anything
 *   else reads it (pkg/defaults/defaults.go SetDefaultVirtualMachineInstance L65-70, calling
 *   SetDefaults_FeatureState in staging/src/kubevirt.io/api/core/v1/defaults.go L41-45).
 * - Such a VMI needs a TSC frequency to migrate, not to boot (pkg/virt-controller/watch/topology/tsc.go
 *   GetTscFrequencyRequirement L135-148: RequiredForMigration; only a required or forced invtsc CPU
 *   feature makes it RequiredForBoot, and KubeVirt adds no invtsc for reenlightenment).
 * - virt-controller gives it the lowest TSC frequency of the cluster: spec.configuration.
 *   developerConfiguration.minimumClusterTSCFrequency when set, else the lowest
 *   cpu-timer.node.kubevirt.io/tsc-frequency label of the schedulable nodes (topology/hinter.go
 *   L34-67; virt-handler sets the label on nodes whose libvirt reports a TSC counter,
 *   node-labeller/node_labeller.go L272-275). The pod gets the node selector
 *   scheduling.node.kubevirt.io/tsc-frequency-<Hz> (services/template.go L822-823,
 *   nodeselectorrenderer.go L73-75) and the domain <timer name='tsc' frequency='<Hz>'/>
 *   (converter/compute/clock.go L41-49).
 * - Without a frequency (none on the cluster), the VMI starts, and virt-handler sets its
 *   LiveMigratable condition false, reason NoTSCFrequencyNotLiveMigratable (pkg/virt-handler/vm.go
 *   L1161-1163, L1280-1282; staging/src/kubevirt.io/api/core/v1/types.go L712, L763): KubeVirt
 *   never begins the migration, so none fails on the destination as a hand-written domain's would.
 */
const TSC_BY_KUBEVIRT: TscFrequencyByPlatform = {
  where:
    "the cluster exposes a TSC frequency: KubeVirt then pins the VMI to the cluster's lowest (a tsc timer of that frequency, and the node selector scheduling.node.kubevirt.io/tsc-frequency-<Hz>)",
  otherwise:
    'on a cluster that exposes none the VMI starts, but KubeVirt sets its LiveMigratable condition false (NoTSCFrequencyNotLiveMigratable) and never begins a migration',
  notes: [
    'a cluster exposes a TSC frequency when virt-handler labels nodes cpu-timer.node.kubevirt.io/tsc-frequency (hosts with an invariant TSC), or when the KubeVirt CR sets spec.configuration.developerConfiguration.minimumClusterTSCFrequency',
    'check a running VMI with: kubectl get vmi NAME -o jsonpath={.status.topologyHints}',
  ],
  source: cite(['kubevirtTscFrequency', 'GetTscFrequencyRequirement(), hinter.go, clock.go, virt-handler vm.go']),
};

function empty(text: string, stream: KvStream, diagnostics: Diagnostic[]): KubevirtParsed {
  return { format: 'kubevirt', source: text, set: emptySet(), origins: {}, context: {}, diagnostics, stream };
}

/** The libvirt `<cpu>` KubeVirt's converter writes (compute/cpu.go configureCPUModel, configureCPUFeatures). */
function cpuOf(read: KvRead): CpuRequest {
  const model = read.cpuModel?.value ?? 'host-model'; // v1.DefaultCPUModel, unless the cluster names another
  const mode = model === 'host-model' || model === 'host-passthrough' ? model : 'custom';
  return {
    mode,
    ...(mode === 'custom' ? { model } : {}),
    features: read.cpuFeatures.map((c) => ({ policy: c.policy || 'require', name: c.name })),
  };
}

function contextOf(read: KvRead, kind: string | undefined): ConfigContext {
  // A preference's fields are its own (`features.preferredHyperv`); no webhook runs on it.
  if (!read.layout.admitted) return kind ? { spelling: kind } : {};
  const cpu = cpuOf(read);
  const ctx: ConfigContext = { cpu, domainType: 'kvm', tscFrequencyByPlatform: TSC_BY_KUBEVIRT };
  if (cpu.mode === 'host-passthrough') ctx.cpuModel = 'host';
  else if (cpu.model) ctx.cpuModel = cpu.model;
  if (read.cpuModel) ctx.cpuModelSpan = read.cpuModel.span;
  const flags = cpu.features.filter((f) => f.policy === 'require' || f.policy === 'force').map((f) => f.name);
  if (flags.length) ctx.cpuFlags = flags;
  return ctx;
}

/** The set KubeVirt's converter writes into libvirt's `<hyperv>`, `<kvm>`, hypervclock timer and panic device. */
function setOf(read: KvRead, diagnostics: Diagnostic[]): { set: EnlightenmentSet; origins: Origins } {
  let set = emptySet();
  const origins: Origins = {};
  if (!read.hasHyperv && read.passthrough) {
    if (read.passthrough.enabled === undefined)
      diagnostics.push(
        makeDiagnostic(
          'MISSING_VALUE',
          "hypervPassthrough has no enabled: KubeVirt's converter reads it without a check",
          {
            feature: 'passthrough',
            span: read.passthrough.span,
            notes: ['write `hypervPassthrough: {enabled: true}`', sourceNote(CONVERTER)],
            cites: CONVERTER,
          },
        ),
      );
    else if (read.passthrough.enabled) {
      set = setFeature(set, 'passthrough', true);
      origins.passthrough = read.passthrough.span;
    }
  }
  for (const [id, state] of Object.entries(read.features) as [
    FeatureId,
    NonNullable<KvRead['features'][FeatureId]>,
  ][]) {
    if (id === 'stimer-direct' || id === 'tlbflush-direct' || id === 'tlbflush-ext') {
      // Written inside their parent only: the converter drops them with it.
      const parent = id === 'stimer-direct' ? read.features.stimer : read.features.tlbflush;
      if (!parent) continue;
    }
    if (!read.hasHyperv && CATALOG[id].libvirt?.kind === 'hyperv') continue;
    if (carriesValue(id)) {
      if (!state.on) continue;
      if (state.value === undefined) {
        diagnostics.push(
          makeDiagnostic(
            'MISSING_VALUE',
            `${state.path} is on without ${id === 'spinlocks' ? 'spinlocks' : 'vendorid'}: KubeVirt writes the libvirt element without its value`,
            {
              feature: id,
              span: state.span,
              notes: [
                id === 'spinlocks'
                  ? 'write `spinlocks: {spinlocks: 8191}`; libvirt before 11.9 refuses <spinlocks> without retries'
                  : 'write `vendorid: {vendorid: KVMKVMKVM}`; libvirt refuses <vendor_id> without a value',
                sourceNote(CONVERTER_HYPERV),
              ],
              cites: CONVERTER_HYPERV,
            },
          ),
        );
        continue;
      }
      set = setFeature(set, id, state.value);
    } else set = setFeature(set, id, state.on);
    origins[id] = state.span;
  }
  return { set, origins };
}

/** Finds the preference a VM names in its stream: the first of that kind and name, cluster-wide or in the VM's namespace. */
export type PreferenceFinder = (vm: KvObject, kind: string, name: string) => KvObject | undefined;

/** The stream's preferences by kind and name, so that finding each VM's costs a lookup, not a pass over the stream. */
export function preferenceFinder(stream: KvStream): PreferenceFinder {
  const byName = new Map<string, KvObject[]>();
  for (const o of stream.objects) {
    const key = `${o.kind}/${o.name}`;
    const list = byName.get(key);
    if (list) list.push(o);
    else byName.set(key, [o]);
  }
  return (vm, kind, name) =>
    byName
      .get(`${kind}/${name}`)
      ?.find((o) => o !== vm && (o.kind === 'VirtualMachineClusterPreference' || o.namespace === vm.namespace));
}

function readOne(
  text: string,
  stream: KvStream,
  obj: KvObject,
  findPreference: PreferenceFinder = preferenceFinder(stream),
): KubevirtParsed {
  const diagnostics: Diagnostic[] = [];
  const read = readObject(obj);
  diagnostics.push(...read.diagnostics);
  if (read.preference) {
    const pref = findPreference(obj, read.preference.kind, read.preference.name);
    if (pref) diagnostics.push(...applyPreference(read, readObject(pref), read.preference.name));
    else
      diagnostics.push(
        makeDiagnostic(
          'ADDED_BY_DEFAULT',
          `the VM takes fields from ${read.preference.kind} ${read.preference.name}, which this input does not hold: checked without it`,
          {
            span: read.preference.span,
            notes: [
              'put the preference in the same stream (kubectl get vm,vmclusterpreference -o yaml) to check the VM with it',
            ],
          },
        ),
      );
  }
  diagnostics.push(...applyDefaults(read));
  const refusals = admissionErrors(read, obj.kind);
  diagnostics.push(...refusals);
  if (read.layout.admitted && !refusals.length)
    diagnostics.push(
      makeDiagnostic(
        'ADMISSION_ACCEPTED',
        `KubeVirt's webhooks accept ${obj.kind === 'VirtualMachine' ? 'this VirtualMachine and its VMI' : 'this VMI'}: every other finding is one KubeVirt lets through`,
        {
          span: read.hypervSpan ?? obj.span,
          notes: [sourceNote(ACCEPTED)],
          cites: ACCEPTED,
        },
      ),
    );
  const evmcs = read.features.evmcs;
  if (read.layout.admitted && read.hasHyperv && evmcs && evmcs.enabled !== false)
    diagnostics.push(
      makeDiagnostic(
        'ADDED_BY_DEFAULT',
        'KubeVirt schedules this VM on Intel nodes only (node selector cpu-vendor.node.kubevirt.io/Intel: "true"), because evmcs is set',
        {
          feature: 'evmcs',
          span: evmcs.span,
          notes: [
            'on a cluster without Intel nodes the VMI stays Pending; write evmcs: {enabled: false} (or leave it out) for AMD nodes',
            sourceNote(NODES),
          ],
          cites: NODES,
        },
      ),
    );
  const { set, origins } = setOf(read, diagnostics);
  return {
    format: 'kubevirt',
    source: text,
    set,
    origins,
    context: contextOf(read, obj?.kind),
    diagnostics,
    stream,
    object: obj,
    read,
  };
}

/**
 * The pieces `split` made from a stream it has read, each with that reading: a piece's offsets are
 * the whole text's, so its object's nodes serve as they are, and reading N pieces costs one parse
 * of the text, not N. Kept for the last split only, and each dropped when it is read.
 */
const pieces = new Map<string, { stream: KvStream; object: KvObject }>();
let piecesOf: KvStream | undefined;

export function rememberPiece(text: string, stream: KvStream, object: KvObject): void {
  if (piecesOf !== stream) {
    pieces.clear();
    piecesOf = stream;
  }
  pieces.set(text, { stream, object });
}

/**
 * One object of a stream `split` read (a piece's `read`): the whole text is its source, so no copy
 * of the text is made, and the cost is the object's own.
 */
export function readPiece(
  text: string,
  stream: KvStream,
  obj: KvObject,
  findPreference: PreferenceFinder,
): ParseResult<ParsedConfig> {
  return readResult(readOne(text, stream, obj, findPreference));
}

/** The object to read: the first of the text, or none. */
export function parseKubevirt(text: string, opts: ParseOptions = {}): ParseResult<ParsedConfig> {
  return readResult(readKubevirt(text, opts));
}

export function readKubevirt(text: string, opts: ParseOptions = {}): KubevirtParsed {
  const max = opts.maxChars ?? MAX_CHARS;
  const blank: KvStream = { docs: [], objects: [], errors: [], json: false };
  if (text.length > max)
    return empty(text, blank, [
      makeDiagnostic('UNREADABLE_INPUT', `the manifest is over ${max} characters; enlighten reads no more`, {
        notes: ['split the stream (one file per namespace), or raise the cap with --max-bytes'],
      }),
    ]);
  const known = pieces.get(text);
  if (known) {
    pieces.delete(text);
    return readOne(text, known.stream, known.object);
  }
  const stream = readStream(text);
  if (stream.errors.length) return empty(text, stream, stream.errors);
  // A VM or VMI before the preference it takes fields from (a VM's piece keeps its preference).
  const obj = stream.objects.find((o) => LAYOUTS[o.kind]?.admitted) ?? stream.objects.find((o) => LAYOUTS[o.kind]);
  if (!obj)
    return empty(text, stream, [
      makeDiagnostic(
        'NO_CONFIGURATION',
        'no KubeVirt VirtualMachine, VirtualMachineInstance or preference in the input',
        {
          notes: [
            'enlighten reads objects of apiVersion kubevirt.io/v1 and instancetype.kubevirt.io/v1beta1; an instancetype holds no Hyper-V field',
          ],
        },
      ),
    ]);
  return readOne(text, stream, obj);
}
