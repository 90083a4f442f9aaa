// convert --to qemu of a virt-install command gives the -cpu value libvirt builds from the domain
// the real virt-install 4.1 writes for it (its --print-xml, read and translated by enlighten's
// libvirt side), and QEMU 7.2 takes it, model included. virt-install talks to virtinst's test
// driver dressed as a KVM host (test/fixtures/virt-install/PROVENANCE in test/fixtures/PROVENANCE.md).
import { accessSync, constants, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLibvirt, translateLibvirtToQemu } from '../../src/formats/libvirt/index.js';
import { validateCpuValue } from '../support/qemu.js';
import { runCapture } from '../support/run-cli.js';
import { makeTempDir, requireTool, run } from '../support/tools.js';
import { okValue } from '../support/parse-result.js';

const F = resolve('test/fixtures/virt-install');
const KVM_URI = `__virtinst_test__test:///default,fakeuri=qemu:///system,caps=${F}/caps-kvm.xml,domcaps=${F}/domcaps-kvm.xml`;
const BASE = ['--name', 'w', '--memory', '4096', '--disk', 'none', '--import', '--network', 'none'];

/** Options after the base ones: each is run through the real virt-install and through enlighten. */
const CASES: string[][] = [
  ['--osinfo', 'win11'],
  [
    '--osinfo',
    'win11',
    '--features',
    'hyperv_relaxed=off,hyperv_spinlocks_retries=4095,kvm_hidden=on',
    '--clock',
    'hypervclock_present=yes',
    '--cpu',
    'host-passthrough,migratable=off',
  ],
  ['--osinfo', 'win10', '--cpu', 'Skylake-Client,+vmx,-hle,migratable=on'],
  ['--osinfo', 'win10', '--cpu', 'mode=host-passthrough,migratable=off,model=qemu64'],
  ['--osinfo', 'win10', '--cpu', 'model=EPYC,model.vendor_id=AuthenticAMD,require=topoext,require=svm,disable=svm'],
  [
    '--osinfo',
    'win2k22',
    '--cpu',
    'clear',
    '--features',
    'hyperv.synic.state=on,xpath1.set=./hyperv/vpindex/@state=on',
  ],
  ['--osinfo', 'debian11', '--virt-type', 'qemu', '--features', 'hyperv_relaxed=on,hyperv_vapic=on'],
  ['--osinfo', 'generic', '--cpu', 'mode=maximum', '--features', 'hyperv.relaxed.state=on,kvm.hidden.state=on'],
  ['--os-variant', 'win11', '--cpu', 'host', '--clock', 'offset=utc'],
];

/** Quote a word for the command line enlighten reads. */
const q = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

function kvmWorks(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

describe('virt-install command -> -cpu, against the real virt-install and QEMU', () => {
  it.each(CASES.map((c) => [c.join(' '), c]))(
    '%s',
    async (_name, options) => {
      const virtInstall = requireTool('virt-xml').replace(/virt-xml$/, 'virt-install');
      const made = await run(virtInstall, ['--connect', KVM_URI, '--print-xml', '1', ...BASE, ...options], {
        timeoutMs: 60_000,
      });
      expect(made.code, made.stderr).toBe(0);
      const expected = translateLibvirtToQemu(okValue(parseLibvirt(made.stdout))).text;

      const dir = makeTempDir('enlighten-vi-cpu-');
      const script = join(dir, 'install.sh');
      writeFileSync(
        script,
        `#!/bin/sh\nset -e\nsudo virt-install \\\n  ${[...BASE, ...options].map(q).join(' ')}  # made by the test\necho done\n`,
      );
      const ours = await runCapture(['convert', '--to', 'qemu', script]);
      expect(ours.code, ours.stderr).toBe(0);
      const value = ours.stdout.trim();
      expect(value, made.stdout).toBe(expected);

      // QEMU takes it. `host` needs KVM: without /dev/kvm, QEMU must name exactly that (it found the
      // model), and the rest of the value is checked on `max`, which takes the same properties.
      if (value.startsWith('host,') && !kvmWorks()) {
        const r = await validateCpuValue(value);
        expect(r.error).toBe("CPU model 'host' requires KVM or HVF");
        const onMax = await validateCpuValue(value.replace(/^host,/, 'max,'));
        expect(onMax.ok, `QEMU refused -cpu ${onMax.args.join(' ')}: ${onMax.error}`).toBe(true);
      } else {
        const r = await validateCpuValue(value);
        expect(r.ok, `QEMU refused -cpu ${value}: ${r.error}`).toBe(true);
      }
    },
    120_000,
  );
});
