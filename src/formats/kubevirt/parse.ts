import type { FeatureId } from '../../catalog/index.js';
import { CATALOG, cite, sourceNote } from '../../catalog/index.js';
import type { Diagnostic, ParseResult } from '../../diagnostics/index.js';
import { makeDiagnostic, readResult } from '../../diagnostics/index.js';
import type { EnlightenmentSet, Origins } from '../../model/index.js';
import { emptySet, setFeature } from '../../model/index.js';
import type { ConfigContext, CpuRequest, ParsedConfig, ParseOptions } from '../types.js';
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

function contextOf(read: KvRead): ConfigContext {
  if (!read.layout.admitted) return {};
  const cpu = cpuOf(read);
  const ctx: ConfigContext = { cpu, domainType: 'kvm' };
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

function readOne(text: string, stream: KvStream, obj: KvObject): KubevirtParsed {
  const diagnostics: Diagnostic[] = [];
  const read = readObject(obj);
  diagnostics.push(...read.diagnostics);
  if (read.preference) {
    const pref = stream.objects.find(
      (o) =>
        o !== obj &&
        o.kind === read.preference!.kind &&
        o.name === read.preference!.name &&
        (o.kind === 'VirtualMachineClusterPreference' || o.namespace === obj.namespace),
    );
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
    context: contextOf(read),
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
