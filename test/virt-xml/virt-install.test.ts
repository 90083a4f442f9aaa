// virt-install (and virt-xml) command lines: --cpu, --osinfo and what virt-install 4.1 fills in.
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/formats/registry.js';
import { parseVirtXml } from '../../src/formats/virt-xml/index.js';
import { toJsonSet } from '../../src/model/index.js';
import { okValue } from '../support/parse-result.js';

const base = 'virt-install --name w --memory 4096 --disk none --import --network none';
const cpuOf = (options: string) => okValue(parseVirtXml(`${base} --osinfo generic ${options}`)).context.cpu;

describe('virt-install --cpu, as virtinst 4.1 ParserCPU reads it', () => {
  it.each([
    ['--cpu host-passthrough', { mode: 'host-passthrough', features: [] }],
    // virtinst maps `host` to host-model.
    ['--cpu host', { mode: 'host-model', features: [] }],
    ['--cpu host-model', { mode: 'host-model', features: [] }],
    [
      '--cpu Skylake-Client,+vmx,-hle,migratable=on',
      {
        mode: 'custom',
        match: 'exact',
        model: 'Skylake-Client',
        migratable: 'on',
        features: [
          { policy: 'force', name: 'vmx' },
          { policy: 'disable', name: 'hle' },
        ],
      },
    ],
    // Registration order, not the order written: the model first, then mode and migratable.
    [
      '--cpu mode=host-passthrough,migratable=off,model=qemu64',
      { mode: 'host-passthrough', match: 'exact', model: 'qemu64', migratable: 'off', features: [] },
    ],
    [
      '--cpu model=EPYC,model.vendor_id=AuthenticAMD,require=topoext,require=svm,disable=svm',
      {
        mode: 'custom',
        match: 'exact',
        model: 'EPYC',
        vendorId: 'AuthenticAMD',
        features: [
          { policy: 'require', name: 'topoext' },
          { policy: 'disable', name: 'svm' },
        ],
      },
    ],
    ['--cpu maximum', { mode: 'custom', match: 'exact', model: 'maximum', features: [] }],
    ['--cpu mode=maximum', { mode: 'maximum', features: [] }],
  ])('%s', (option, cpu) => {
    expect(cpuOf(option)).toEqual(cpu);
  });

  it('clears the CPU with none, clear and hv-default; default is the KVM default', () => {
    for (const v of ['none', 'clear', 'hv-default']) expect(cpuOf(`--cpu ${v}`), v).toBeUndefined();
    expect(cpuOf('--cpu default')).toEqual({ mode: 'host-passthrough', features: [] });
  });

  it('reports unknown --cpu sub-options and bad values', () => {
    const codes = (o: string) =>
      okValue(parseVirtXml(`${base} --osinfo generic ${o}`))
        .diagnostics.map((d) => d.code)
        .filter((c) => c !== 'VIRT_INSTALL_DEFAULT' && c !== 'LIBVIRT_HOST_DEPENDENT');
    expect(codes('--cpu host-passthrough,migratabel=on')).toEqual(['UNKNOWN_SUBOPTION']);
    expect(codes('--cpu host-passthrough,migratable=maybe')).toEqual(['INVALID_BOOLEAN']);
    expect(codes('--cpu mode=passthrough')).toEqual(['INVALID_VALUE']);
    expect(codes('--cpu host-passthrough,cell0.cpus=0-1,cell0.memory=1024,topology.sockets=1')).toEqual([]);
  });

  it('says a named model gets the host security features', () => {
    const d = okValue(parseVirtXml(`${base} --osinfo generic --cpu Skylake-Client`)).diagnostics.find(
      (x) => x.code === 'LIBVIRT_HOST_DEPENDENT',
    );
    expect(d?.message).toContain('security features');
    expect(
      okValue(parseVirtXml(`${base} --osinfo generic --cpu Skylake-Client,secure=off`)).diagnostics.map((x) => x.code),
    ).toEqual([]);
  });
});

describe('virt-install --osinfo / --os-variant', () => {
  it.each([
    ['--osinfo win11', { id: 'win11', libosinfo: 'win11' }],
    ['--os-variant win10', { id: 'win10', libosinfo: 'win10' }],
    ['--osinfo name=win2k22,require=off', { id: 'win2k22', libosinfo: 'win2k22' }],
    ['--osinfo short-id=debian12', { id: 'debian12', name: 'Linux (debian12)', libosinfo: 'debian12' }],
    ['--osinfo http://microsoft.com/win/11', { id: 'win11', libosinfo: 'http://microsoft.com/win/11' }],
    ['--osinfo id=http://microsoft.com/win/10', { id: 'win10', libosinfo: 'http://microsoft.com/win/10' }],
  ])('%s', (option, os) => {
    expect(okValue(parseVirtXml(`${base} ${option}`)).context.guestOs).toMatchObject({ ...os, source: 'virt-install' });
  });

  it('names no guest for generic, none, auto and detect; reports an unknown one', () => {
    for (const v of ['generic', 'none', 'auto', 'detect=on'])
      expect(okValue(parseVirtXml(`${base} --osinfo ${v}`)).context.guestOs, v).toBeUndefined();
    const unknown = okValue(parseVirtXml(`${base} --osinfo plan9`));
    expect(unknown.context.guestOs).toEqual({ libosinfo: 'plan9', source: 'virt-install', span: expect.anything() });
    expect(unknown.diagnostics.map((d) => d.code)).toContain('GUEST_OS_UNKNOWN');
  });

  it('virt-xml reads it too, without virt-install defaults', () => {
    const p = okValue(parseVirtXml('virt-xml vm --edit --features hyperv_relaxed=on --os-variant win11'));
    expect(p.context).toMatchObject({ guestOs: { id: 'win11' } });
    expect(p.context.cpu).toBeUndefined();
    expect(toJsonSet(p.set).features).toEqual({ relaxed: true });
  });
});

describe('what virt-install 4.1 fills in', () => {
  it('a Windows guest: relaxed, vapic, spinlocks 8191, the hypervclock and its clock; KVM: host-passthrough', () => {
    const p = okValue(parseVirtXml(`${base} --osinfo win11`));
    expect(toJsonSet(p.set).features).toEqual({ time: true, relaxed: true, vapic: true, spinlocks: 8191 });
    expect(p.context).toMatchObject({ windowsClock: true, domainType: 'kvm', cpu: { mode: 'host-passthrough' } });
    const note = p.diagnostics.find((d) => d.code === 'VIRT_INSTALL_DEFAULT')!;
    expect(note.message).toContain(
      'hyperv_relaxed=on,hyperv_vapic=on,hyperv_spinlocks=on,hyperv_spinlocks_retries=8191,hypervclock_present=yes',
    );
    expect(p.source.slice(note.span!.start, note.span!.end)).toBe('win11');
  });

  it('what the command gives wins, each property on its own', () => {
    const p = okValue(
      parseVirtXml(
        `${base} --osinfo win11 --features hyperv_relaxed=off,hyperv_spinlocks_retries=4095 --clock hypervclock_present=no`,
      ),
    );
    expect(toJsonSet(p.set).features).toEqual({ time: false, relaxed: false, vapic: true, spinlocks: 4095 });
    // A timer given: virt-install adds none, and keeps its clock offset alone.
    expect(p.context.windowsClock).toBeUndefined();
  });

  it('no Hyper-V defaults for other guests; no <cpu> for TCG', () => {
    const p = okValue(parseVirtXml(`${base} --osinfo debian12 --virt-type qemu`));
    expect(toJsonSet(p.set).features).toEqual({});
    expect(p.context.cpu).toBeUndefined();
    expect(p.context.domainType).toBe('qemu');
  });

  it('kvm_hidden and kvm.hidden.state', () => {
    expect(
      toJsonSet(okValue(parseVirtXml(`${base} --osinfo generic --features kvm_hidden=on`)).set).features['kvm-hidden'],
    ).toBe(true);
    expect(
      toJsonSet(okValue(parseVirtXml(`${base} --osinfo generic --features kvm.hidden.state=off`)).set).features[
        'kvm-hidden'
      ],
    ).toBe(false);
  });

  it('finds the command inside a script, whatever comes first', () => {
    const script =
      '#!/bin/sh\nset -eu\nqemu-img create -f qcow2 x.qcow2 64G\nsudo virt-install \\\n  --name x --osinfo win10 \\\n  --cpu host-passthrough  # comment\necho done\n';
    expect(detectFormat(script)?.id).toBe('virt-xml');
    const p = okValue(parseVirtXml(script));
    expect(p.commands.map((c) => c.program)).toEqual(['virt-install']);
    expect(p.context.cpu).toEqual({ mode: 'host-passthrough', features: [] });
  });
});
