// The libvirt domains enlighten derives from KubeVirt manifests (KubeVirt's converter, modelled in
// src/formats/kubevirt/) pass the real virt-xml-validate, and the real libvirt's domxml-to-native
// gives the -cpu value `convert --to qemu` predicts.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { closeLibvirtHarness, domxmlToNativeMany, extractCpuArg, validateDomainXml } from '../support/libvirt.js';
import { runCapture } from '../support/run-cli.js';
import { hasKvm } from '../libvirt/support.js';
import { makeTempDir } from '../support/tools.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

afterAll(() => closeLibvirtHarness());

const F = (name: string) => readFileSync(`test/fixtures/kubevirt/${name}`, 'utf8');

/** Manifests with a named CPU model: host-passthrough is refused by a TCG domain, host-model needs the host. */
const CASES: [string, string][] = [
  [
    'vm-windows.yaml with the Hyper-V clock',
    F('vm-windows.yaml')
      .replace('model: host-passthrough', 'model: Skylake-Client-IBRS')
      .replace('            rtc:\n', '            hyperv: {}\n            rtc:\n'),
  ],
  ['vmi.json (vendorid, evmcs with vmx, kvm.hidden, panic)', F('vmi.json')],
  [
    'the List item prod/web with synic, vpindex and the clock added',
    F('list.yaml')
      .split('- apiVersion')[1]!
      .replace(/^/, 'apiVersion')
      .replace(/^ {2}/gm, '')
      .replace('relaxed: {}', 'relaxed: {}\n            synic: {enabled: true}')
      .replace(
        'devices: {}',
        'clock: {timer: {hyperv: {}}}\n        cpu: {model: Skylake-Client-IBRS}\n        devices: {}',
      ),
  ],
];

async function convert(text: string, to: string): Promise<string> {
  const dir = makeTempDir('enlighten-kv-');
  const file = join(dir, 'vm.yaml');
  writeFileSync(file, text);
  const out = await runCapture(['convert', '--to', to, file]);
  expect(out.code, out.stderr).toBe(0);
  return out.stdout.trim();
}

function wholeDomain(parts: string, type: string): string {
  return parts.replace(
    "<domain type='kvm'>",
    `<domain type='${type}'>\n  <name>kv</name>\n  <memory unit='KiB'>131072</memory>\n  <os><type arch='x86_64' machine='pc'>hvm</type></os>`,
  );
}

/** `recommend --to kubevirt`'s snippet, put under a VMI's spec with a named CPU model. */
async function recommendedVmi(args: string[]): Promise<string> {
  const out = await runCapture(['recommend', '--to', 'kubevirt', ...args]);
  expect(out.code, out.stderr).toBe(0);
  const body = out.stdout.trimEnd().split('\n').slice(1).join('\n').replace(/^/gm, '  ');
  const withModel = body.includes('\n    cpu:\n')
    ? body.replace('\n    cpu:\n', '\n    cpu:\n      model: Skylake-Client-IBRS\n')
    : body.replace('  domain:\n', '  domain:\n    cpu: {model: Skylake-Client-IBRS}\n');
  return `apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata: {name: rec}\nspec:\n${withModel}\n`;
}

async function checkDomain(text: string): Promise<void> {
  const type = hasKvm() ? 'kvm' : 'qemu';
  const xml = wholeDomain(await convert(text, 'libvirt'), type);
  const valid = await validateDomainXml(xml);
  expect(valid.ok, `${valid.output}\n${xml}`).toBe(true);
  const [native] = await domxmlToNativeMany([xml]);
  if (!native?.ok) throw new Error(`libvirt refused the domain: ${native?.error}\n${xml}`);
  expect(extractCpuArg(native.argv)).toBe(await convert(text, 'qemu'));
}

describe('domains derived from KubeVirt manifests, against the real libvirt', () => {
  it.each(CASES)(
    '%s',
    async (_name, text) => {
      const type = hasKvm() ? 'kvm' : 'qemu';
      const xml = wholeDomain(await convert(text, 'libvirt'), type);
      const valid = await validateDomainXml(xml);
      expect(valid.ok, `${valid.output}\n${xml}`).toBe(true);
      const [native] = await domxmlToNativeMany([xml]);
      if (!native?.ok) throw new Error(`libvirt refused the domain: ${native?.error}\n${xml}`);
      expect(extractCpuArg(native.argv)).toBe(await convert(text, 'qemu'));
    },
    120_000,
  );

  it.each([
    ['win11', ['--os', 'win11']],
    ['win11, nested Hyper-V on Intel (evmcs, vmx)', ['--os', 'win11', '--nested-hyperv', '--cpu-vendor', 'intel']],
  ])(
    "recommend --to kubevirt's snippet for %s",
    async (_name, args) => checkDomain(await recommendedVmi(args)),
    120_000,
  );
});
