/**
 * The options check, fix and recommend share: the guest (--os), the host (--cpu-vendor, --host
 * auto|FILE, --host-file, --apicv, --nested-virt, --clocksource, --kvm-hyperv), the workload
 * (--migratable, --nested-hyperv, --gpu-passthrough, --overcommitted) and the target versions.
 */
import { resolve } from 'node:path';
import type { FeatureId } from '../catalog/index.js';
import { FEATURE_IDS, featureByQemuName, isFeatureId } from '../catalog/index.js';
import { hostFactsFromJson } from '../host/host-facts-json.js';
import { readHostFacts } from '../host/host-facts-auto.js';
import { findOs, suggestOs } from '../model/os-table.js';
import type { CheckOptions, HostFacts } from '../rules/index.js';
import { parseVersion } from '../rules/target-versions.js';
import { suggest } from '../util/suggest.js';
import { formatById } from './common.js';
import type { Io } from './io.js';
import { UsageError } from './io.js';
import { readInputFile } from './input.js';
import type { InputLimitFlags } from './max-bytes.js';
import { inputLimit, MAX_BYTES_OPTION } from './max-bytes.js';
import type { OptionSpec } from './spec.js';
import { companionOption } from './parse-options.js';
import { featureIds, osIds, syntaxIds } from './values.js';

export interface TargetFlags extends InputLimitFlags {
  os?: string;
  cpuVendor?: string;
  host?: string;
  hostFile?: string;
  apicv?: string;
  nestedVirt?: string;
  clocksource?: string;
  kvmHyperv?: string;
  migratable?: boolean;
  nestedHyperv?: boolean;
  gpuPassthrough?: boolean;
  overcommitted?: boolean;
  qemuVersion?: string;
  libvirtVersion?: string;
  machine?: string;
  target?: string;
  companion?: string;
}

/** What completions offer for --apicv and --nested-virt (which also take y, on, true, 1 and their opposites). */
const YES_NO = () => ['yes', 'no'];

/** The shared options; `target` adds --target (check and fix; recommend has --to). --max-bytes comes last. */
export function targetOptions(opts: { target?: boolean } = {}): OptionSpec[] {
  return [
    {
      flags: '--os <id>',
      description:
        'guest OS, a libosinfo short id: winxp, win7, win8.1, win10, win11, win2k3, win2k8r2, win2k12r2, win2k16, win2k19, win2k22, win2k25, linux',
      values: osIds,
    },
    { flags: '--cpu-vendor <vendor>', description: 'host CPU vendor: intel or amd', values: () => ['intel', 'amd'] },
    {
      flags: '--host <auto|file>',
      description: 'host facts: auto reads this host, FILE is a probe file (enlighten probe --json)',
      values: () => ['auto'],
      file: true,
    },
    { flags: '--host-file <file>', description: 'host facts from a probe file', file: true },
    { flags: '--apicv <yes|no>', description: 'APICv/AVIC is on in the host KVM', values: YES_NO },
    { flags: '--nested-virt <yes|no>', description: 'nested virtualization is on in the host KVM', values: YES_NO },
    { flags: '--clocksource <name>', description: "the host's current clocksource (tsc, hpet...)" },
    {
      flags: '--kvm-hyperv <list|none>',
      description: "the enlightenments the host's KVM offers, comma-separated, or none",
      values: () => ['none', ...featureIds()],
    },
    { flags: '--migratable', description: 'the VM must live-migrate' },
    { flags: '--nested-hyperv', description: 'the guest runs Hyper-V itself: WSL2, VBS, the Hyper-V role' },
    { flags: '--gpu-passthrough', description: 'a GPU is passed through to the guest' },
    { flags: '--overcommitted', description: 'the host runs more vCPUs than it has CPUs' },
    { flags: '--qemu-version <x.y>', description: 'the target QEMU version' },
    { flags: '--libvirt-version <x.y.z>', description: 'the target libvirt version' },
    {
      flags: '--machine <type>',
      description: 'the machine type (pc-q35-7.2): its version gates features like a QEMU version',
    },
    ...(opts.target
      ? [
          {
            flags: '--target <syntax>',
            description: 'judge the set as written for this syntax (libvirt, qemu...)',
            values: syntaxIds,
            closed: true,
          },
        ]
      : []),
    companionOption(),
    MAX_BYTES_OPTION,
  ];
}

function yesNo(value: string | undefined, flag: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(yes|y|on|true|1)$/i.test(value)) return true;
  if (/^(no|n|off|false|0)$/i.test(value)) return false;
  throw new UsageError(`${flag} ${value}: expected yes or no`);
}

function version(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!parseVersion(value)) throw new UsageError(`${flag} ${value}: not a version`, 'write it like 7.2 or 9.0.0');
  return value;
}

function featureList(value: string): FeatureId[] {
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((name) => {
      const id = isFeatureId(name) ? name : featureByQemuName(name);
      if (!id) {
        const hints = suggest(name, FEATURE_IDS);
        throw new UsageError(
          `--kvm-hyperv: unknown enlightenment '${name}'`,
          hints.length ? `did you mean ${hints.join(', ')}?` : 'run `enlighten list`',
        );
      }
      return id;
    });
}

function readHostFile(path: string, io: Io, limit: number): HostFacts {
  const text = readInputFile(resolve(io.cwd, path), `the host file ${path}`, limit).text;
  const read = hostFactsFromJson(text, path);
  if (!read.ok)
    throw new UsageError(
      read.diagnostics[0]!.message,
      'write one with `enlighten probe --json > host.json` on the host',
    );
  return read.value;
}

/** Validates the shared flags and turns them into CheckOptions. */
export function readTargetOptions(flags: TargetFlags, io: Io): CheckOptions {
  const out: CheckOptions = {};
  if (flags.os !== undefined) {
    if (!findOs(flags.os)) {
      const hints = suggestOs(flags.os);
      throw new UsageError(
        `--os ${flags.os}: unknown guest OS`,
        `${hints.length ? `did you mean ${hints.join(', ')}? ` : ''}use a libosinfo short id such as win10, win2k22 or linux`,
      );
    }
    out.os = flags.os;
  }
  if (flags.cpuVendor !== undefined) {
    const v = flags.cpuVendor.toLowerCase();
    if (v === 'intel' || v === 'genuineintel') out.cpuVendor = 'intel';
    else if (v === 'amd' || v === 'authenticamd') out.cpuVendor = 'amd';
    else throw new UsageError(`--cpu-vendor ${flags.cpuVendor}: expected intel or amd`);
  }
  let host: HostFacts | undefined;
  const hostArg = flags.host ?? flags.hostFile;
  if (flags.host !== undefined && flags.hostFile !== undefined)
    throw new UsageError('give --host or --host-file, not both');
  if (hostArg !== undefined)
    host = flags.host === 'auto' ? readHostFacts() : readHostFile(hostArg, io, inputLimit(flags));
  const apicv = yesNo(flags.apicv, '--apicv');
  const nested = yesNo(flags.nestedVirt, '--nested-virt');
  if (apicv !== undefined || nested !== undefined || flags.clocksource || flags.kvmHyperv !== undefined) {
    host = { ...host, source: host?.source ? `${host.source} and flags` : 'flags' };
    if (apicv !== undefined) host.apicv = apicv;
    if (nested !== undefined) host.nested = nested;
    if (flags.clocksource) host.clocksource = flags.clocksource;
    if (flags.kvmHyperv !== undefined)
      host.kvmHyperv =
        flags.kvmHyperv === 'none' ? { supported: false } : { supported: true, features: featureList(flags.kvmHyperv) };
  }
  if (host) out.host = host;
  if (flags.migratable) out.migratable = true;
  if (flags.nestedHyperv) out.nestedHyperv = true;
  if (flags.gpuPassthrough) out.gpuPassthrough = true;
  if (flags.overcommitted) out.overcommitted = true;
  const qemu = version(flags.qemuVersion, '--qemu-version');
  if (qemu) out.qemuVersion = qemu;
  const libvirt = version(flags.libvirtVersion, '--libvirt-version');
  if (libvirt) out.libvirtVersion = libvirt;
  if (flags.machine) out.machine = flags.machine;
  if (flags.target) out.target = formatById(flags.target, '--target').id;
  return out;
}
