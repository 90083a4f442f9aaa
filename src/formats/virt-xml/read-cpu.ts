import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import { VIRTINST_CPU_HYPERVISOR_DEFAULT } from '../../catalog/index.js';
import type { CpuRequest } from '../types.js';
import type { ShellWord } from '../../syntax/shell/split.js';
import type { SubOption } from './optstr.js';
import { splitOptionString } from './optstr.js';
import { readOptionString } from './suboption-dict.js';
import { readOnOff } from './values.js';
import { XPATH_SUBOPTION } from './virtinst-options.js';

/** The feature policies of --cpu, in the order virtinst registers them (and so applies them). */
const POLICIES = ['force', 'require', 'optional', 'disable', 'forbid'] as const;

/** virtinst 4.1 ParserCPU's sub-options (cli.py), in registration order: the order it applies them. */
const NAMES = [
  'clearxml',
  'secure',
  'model',
  'model.fallback',
  'model.vendor_id',
  'vendor',
  'mode',
  'match',
  'check',
  'migratable',
  'topology.sockets',
  'topology.dies',
  'topology.cores',
  'topology.threads',
  'cache.level',
  'cache.mode',
  ...POLICIES,
];
const PATTERNS = [
  XPATH_SUBOPTION,
  /^[+-]./,
  /^(numa\.)?cell\d*\.(id|cpus|memory|unit|memAccess|discard|distances\.sibling\d*\.(id|value))$/,
  /^numa\.cell\d*\.cache\d*\.(level|associativity|policy|size\.value|size\.unit|line\.value|line\.unit)$/,
  /^numa\.interconnects\.(latency|bandwidth)\d*\.(initiator|target|cache|type|value|unit)$/,
];

/** virtinst's special mode for the hypervisor's default CPU, which is no Hyper-V enlightenment (catalog/lookalikes.ts). */
const HYPERVISOR_DEFAULT = VIRTINST_CPU_HYPERVISOR_DEFAULT.value;

/** virtinst's special values of `model` (domain/cpu.py SPECIAL_MODES; `host` and `none` are aliases). */
const SPECIAL = new Set([
  'host-model-only',
  HYPERVISOR_DEFAULT,
  'host-copy',
  'host-model',
  'host-passthrough',
  'clear',
  'default',
]);
const MODES: readonly CpuRequest['mode'][] = ['custom', 'host-model', 'host-passthrough', 'maximum'];

export interface CpuRead {
  /** The CPU after the option; null when it clears the `<cpu>` (`--cpu clear`, `none`, the hypervisor default). */
  cpu: CpuRequest | null;
  /** `--cpu default`: virt-install's own choice (see defaultCpu). */
  appDefault: boolean;
}

/**
 * Reads --cpu as virtinst 4.1's ParserCPU does: a first bare value is the model (remove_first), the
 * sub-options are applied in registration order (not the order written), `+feat`/`-feat` are
 * force/disable, and a special model sets the mode (`host` is host-model, `none` clears). Never throws.
 */
export function readCpuOption(word: ShellWord, diagnostics: Diagnostic[]): CpuRead {
  const subs = readOptionString('--cpu', word, { names: NAMES, patterns: PATTERNS }, diagnostics, 'model', POLICIES);
  const byName = new Map(subs.map((s) => [s.name, s]));
  let cpu: CpuRequest | null = { mode: 'custom', features: [] };
  let appDefault = false;
  const model = byName.get('model');
  if (model?.value) {
    const value = model.value === 'host' ? 'host-model' : model.value === 'none' ? 'clear' : model.value;
    if (!SPECIAL.has(value)) cpu = { mode: 'custom', match: 'exact', model: value, features: [] };
    else if (value === 'host-model' || value === 'host-passthrough') cpu = { mode: value, features: [] };
    else if (value === 'default') appDefault = true;
    else if (value === 'clear' || value === HYPERVISOR_DEFAULT) cpu = null;
    else {
      diagnostics.push(
        makeDiagnostic(
          'LIBVIRT_HOST_DEPENDENT',
          `--cpu ${value}: virt-install writes the host CPU's model name from the host capabilities; shown as host-model`,
          {
            span: model.span,
            notes: ['give the model by name (--cpu Skylake-Client) for an exact -cpu value'],
          },
        ),
      );
      cpu = { mode: 'host-model', features: [] };
    }
    if (cpu?.model && readSwitch(byName.get('secure'), diagnostics) !== false) {
      diagnostics.push(
        makeDiagnostic(
          'LIBVIRT_HOST_DEPENDENT',
          `--cpu ${value}: virt-install adds the host's CPU security features (spec-ctrl, ssbd, md-clear...) from the domain capabilities to a named model; not shown`,
          {
            span: model.span,
            notes: ['secure=off leaves them out (virtinst domain/cpu.py set_model)'],
          },
        ),
      );
    }
  }
  if (!cpu) return { cpu, appDefault };
  const text = (name: string) => byName.get(name)?.value ?? undefined;
  const fallback = text('model.fallback');
  const vendorId = text('model.vendor_id');
  const mode = text('mode');
  const match = text('match');
  const check = text('check');
  if (fallback) cpu.fallback = fallback;
  if (vendorId) cpu.vendorId = vendorId;
  if (mode && MODES.includes(mode as CpuRequest['mode'])) cpu.mode = mode as CpuRequest['mode'];
  else if (mode)
    diagnostics.push(
      makeDiagnostic('INVALID_VALUE', `--cpu mode=${mode}: libvirt accepts ${MODES.join(', ')}`, {
        span: byName.get('mode')!.span,
      }),
    );
  if (match) cpu.match = match;
  if (check) cpu.check = check;
  const migratable = readSwitch(byName.get('migratable'), diagnostics);
  if (migratable !== undefined) cpu.migratable = migratable ? 'on' : 'off';
  const cacheMode = text('cache.mode');
  if (cacheMode) cpu.cache = { mode: cacheMode, ...(text('cache.level') ? { level: text('cache.level')! } : {}) };
  cpu.features = readFeatures(word);
  return { cpu, appDefault };
}

function readSwitch(sub: SubOption | undefined, diagnostics: Diagnostic[]): boolean | undefined {
  if (!sub) return undefined;
  const r = readOnOff(sub.name, sub.value);
  if (r.ok) return r.value;
  diagnostics.push(makeDiagnostic(r.code, `--cpu ${sub.text}: ${r.message}`, { span: sub.span }));
  return undefined;
}

/**
 * The `<feature>` elements: every `force=`, `require=`... as written (repeats kept, as
 * _convert_old_feature_options collects them) and `+feat`/`-feat`, grouped by policy in
 * registration order; a feature named again takes the later policy in its first place.
 */
function readFeatures(word: ShellWord): CpuRequest['features'] {
  const wanted = new Map<string, string[]>(POLICIES.map((p) => [p, []]));
  for (const sub of splitOptionString(word).subs) {
    if (sub.value === null && /^[+-]./.test(sub.name))
      wanted.get(sub.name[0] === '+' ? 'force' : 'disable')!.push(sub.name.slice(1));
    else if (sub.value !== null && wanted.has(sub.name)) wanted.get(sub.name)!.push(sub.value);
  }
  const out: CpuRequest['features'] = [];
  for (const policy of POLICIES) {
    for (const name of wanted.get(policy)!) {
      const seen = out.find((f) => f.name === name);
      if (seen) seen.policy = policy;
      else out.push({ policy, name });
    }
  }
  return out;
}
