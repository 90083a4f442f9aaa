/**
 * recommend: the set to use for a guest, host, workload and target, with a reason and a source for
 * every feature chosen or left out. A preset is the start; then the same fixes `check` would ask
 * for are applied (src/fix/fix-set.ts), so the result always checks clean for the same target.
 */
import type { FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG, HYPERV_IDENTITY, PRINT_ORDER, SRC, cite } from '../catalog/index.js';
import type { DiagnosticCode } from '../diagnostics/index.js';
import type { ConfigContext, FormatId, ParsedConfig } from '../formats/types.js';
import { FORMATS, formatOf } from '../formats/registry.js';
import { emptySet, setFeature } from '../model/index.js';
import { adviceApplies, adviceValue } from '../rules/guest-advice.js';
import { hostHas } from '../model/host-facts.js';
import type { FixAction } from '../fix/fix-set.js';
import { fixSet } from '../fix/fix-set.js';
import { checkConfig } from '../rules/index.js';
import { resolveTarget } from '../rules/target.js';
import { compareVersions } from '../rules/target-versions.js';
import { LEFT_OUT } from './left-out.js';
import { findOs, osMatches } from '../model/os-table.js';
import type { Preset, PresetChoice } from './preset-types.js';
import { findPreset } from './presets.js';
import type { Choice, Reason, RecommendRequest, RecommendResult, Stage } from './types.js';

/** virt-install's clock for a Windows guest (written only where the target syntax holds a clock: libvirt). */
const WINDOWS_CLOCK: Reason = {
  reason:
    'as virt-install sets it for Windows: the RTC in local time (Windows keeps it so), RTC ticks caught up, PIT ticks delayed, no HPET (unneeded, and a cost), next to the Hyper-V clock',
  source: cite(
    ['virtinstOsClock', 'localtime for Windows'],
    ['virtManagerClock', 'set_defaults(): rtc catchup, pit delay, hpet off, hypervclock when hyperv_supported()'],
  ),
};

const STAGE_BY_CODE: Partial<Record<DiagnosticCode, Stage>> = {
  HOST_VENDOR_UNSUPPORTED: 'host',
  HOST_LACKS_CAPABILITY: 'host',
  HOST_LACKS_FEATURE: 'host',
  FEATURE_TOO_NEW: 'target',
  MACHINE_TOO_OLD: 'target',
  NOT_EXPRESSIBLE: 'target',
  MIGRATION_BLOCKER: 'migration',
  MISSING_DEPENDENCY: 'dependency',
  NESTED_ONLY_FEATURE: 'guest',
  GUEST_WILL_NOT_DETECT: 'guest',
};

function allowed(c: PresetChoice, req: RecommendRequest): boolean {
  const vendor = req.cpuVendor ?? req.host?.vendor;
  if (c.onlyIf?.vendor && vendor !== c.onlyIf.vendor) return false;
  if (c.onlyIf?.capability && hostHas(req.host, c.onlyIf.capability) !== true) return false;
  return true;
}

/** Puts a preset's choices (and its reasons for leaving things out) into the table. */
function applyPreset(table: Map<FeatureId, Choice>, preset: Preset, req: RecommendRequest, stage: Stage): void {
  for (const [id, reason] of Object.entries(preset.leftOut ?? {}) as [FeatureId, Reason][]) {
    if (table.get(id)?.value === null) table.set(id, { feature: id, value: null, stage, ...reason });
  }
  for (const [id, c] of Object.entries(preset.features) as [FeatureId, PresetChoice][]) {
    // An overlay adds; what the base already turned on keeps the base's reason.
    if (preset.kind === 'overlay' && table.get(id)?.value === c.value) continue;
    if (allowed(c, req)) table.set(id, { feature: id, value: c.value, reason: c.reason, source: c.source, stage });
  }
}

/** The syntax a recommendation is written in when none is asked for: the first registered (QEMU's -cpu). */
const DEFAULT_TARGET: FormatId = FORMATS[0]!.id;

function stageOf(a: FixAction): Stage {
  if (a.code === 'RECOMMENDED_FEATURE_MISSING') return 'guest';
  return STAGE_BY_CODE[a.code] ?? 'value';
}

function synthetic(req: RecommendRequest, table: Map<FeatureId, Choice>): ParsedConfig {
  let set = emptySet();
  for (const c of table.values()) if (c.value !== null) set = setFeature(set, c.feature, c.value);
  return {
    format: req.target ?? DEFAULT_TARGET,
    source: '',
    set,
    origins: {},
    context: {
      ...(req.tscFrequency ? { tscFrequency: req.tscFrequency } : {}),
      ...(req.machine ? { machine: req.machine } : {}),
    },
    diagnostics: [],
  };
}

/** The recommendation. Throws only on an unknown preset (the CLI checks names first). */
export function recommend(req: RecommendRequest): RecommendResult {
  const os = req.os ? findOs(req.os) : undefined;
  const notes: string[] = [];
  const base = findPreset(
    req.preset && findPreset(req.preset)?.kind === 'base' ? req.preset : (os?.preset ?? 'windows-modern'),
  );
  if (!base) throw new Error(`unknown preset ${req.preset}`);
  if (!os) notes.push('no --os given: recommending for a Windows 10 or later guest');
  const table = new Map<FeatureId, Choice>(
    PRINT_ORDER.map((id) => [id, { feature: id, value: null, stage: 'default', ...LEFT_OUT[id] }]),
  );
  applyPreset(table, base, req, 'preset');

  const overlayNames = new Set<string>();
  if (req.preset && findPreset(req.preset)?.kind === 'overlay') overlayNames.add(req.preset);
  if (req.nestedHyperv) overlayNames.add('nested-hyperv');
  if (req.gpuPassthrough) overlayNames.add('gpu-passthrough');
  const overlays: Preset[] = [];
  for (const name of overlayNames) {
    const overlay = findPreset(name)!;
    if (overlay.guest && os && !osMatches(os, overlay.guest)) {
      notes.push(`${name}: not for ${os.name} guests (${overlay.summary})`);
      continue;
    }
    overlays.push(overlay);
    applyPreset(table, overlay, req, 'workload');
  }

  // Workload values the catalog asks for (spinlocks around 0xfff when overcommitted).
  const targetId = req.target ?? DEFAULT_TARGET;
  const target = resolveTarget(req, {}, targetId);
  for (const id of PRINT_ORDER) {
    for (const a of CATALOG[id].whenMissing ?? []) {
      if (a.workload && a.value !== undefined && adviceApplies(a, target) && table.get(id)?.value !== null) {
        table.set(id, {
          feature: id,
          value: adviceValue(id, a),
          reason: a.reason,
          source: a.source,
          stage: 'workload',
        });
      }
    }
  }

  const fixed = fixSet(synthetic(req, table), req);
  for (const a of fixed.actions) {
    const stage =
      a.code === 'RECOMMENDED_FEATURE_MISSING' && a.to !== undefined
        ? req.overcommitted || req.nestedHyperv || req.gpuPassthrough
          ? 'workload'
          : 'guest'
        : stageOf(a);
    table.set(a.feature, {
      feature: a.feature,
      value: a.to === undefined ? null : (a.to as FeatureValue),
      reason: a.why,
      source: a.source ?? SRC.repoRules,
      stage,
    });
  }

  const vendor = req.cpuVendor ?? req.host?.vendor;
  const hostCpu = formatOf(targetId).cpuFlags?.host ?? "the host's own CPU model";
  const cpuFlags: string[] = [];
  for (const o of overlays) {
    if (!o.cpuFlags) continue;
    if (vendor) cpuFlags.push(o.cpuFlags[vendor]);
    else
      notes.push(
        `${o.name}: the guest needs the ${o.cpuFlags.intel} (Intel) or ${o.cpuFlags.amd} (AMD) CPU flag; ${hostCpu} passes it when nesting is on; say --cpu-vendor to get it written`,
      );
  }
  const machineQemu = target.machineQemu;
  if (machineQemu && compareVersions(machineQemu, '6.1') <= 0) {
    const v = HYPERV_IDENTITY.compat61Version;
    notes.push(
      `machine type ${req.machine}: the guest is told Hyper-V ${v.major}.${v.minor}.${v.build} (QEMU's pc_compat_6_1), not 10.0.14393`,
    );
  }
  // What is left is advice the set cannot act on (fix the host's clocksource, say --nested-hyperv...).
  for (const d of checkConfig({ ...synthetic(req, table), set: fixed.set }, req)) {
    notes.push(`${d.severity}: ${d.message}${d.fix && !d.fix.changes.length ? ` (${d.fix.description})` : ''}`);
  }
  return {
    preset: base.name,
    overlays: overlays.map((o) => o.name),
    ...(os ? { os: { id: os.id, name: os.name } } : {}),
    set: fixed.set,
    choices: PRINT_ORDER.map((id) => table.get(id)!),
    extras: {
      cpuFlags,
      ...(req.tscFrequency ? { tscFrequency: req.tscFrequency } : {}),
      ...(os?.family === 'windows' && formatOf(targetId).writesClock ? { windowsClock: WINDOWS_CLOCK } : {}),
    },
    notes,
  };
}

/** The facts outside the set a printer needs to write the recommendation (TSC frequency, the Windows clock). */
export function recommendContext(result: RecommendResult): ConfigContext {
  const x = result.extras;
  // The guest CPU is the host's (QEMU's `host` model, libvirt's host-passthrough), with the flags it needs.
  return {
    cpuModel: 'host',
    ...(x.cpuFlags.length ? { cpuFlags: x.cpuFlags } : {}),
    ...(x.tscFrequency ? { tscFrequency: x.tscFrequency } : {}),
    ...(x.windowsClock ? { windowsClock: true } : {}),
  };
}
