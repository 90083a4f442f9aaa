// KubeVirt manifests: kinds and shapes, KubeVirt's defaults and admission rules (pkg/defaults/hyperv.go,
// pkg/virt-api/webhooks/hyperv.go @ d923fdb8), positions and field paths, and byte-exact edits.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setFeature, unsetFeature } from '../../src/index.js';
import { SEED } from '../support/seed.js';
import { checkConfig, detectFormat, fixConfig, setConfig } from '../../src/index.js';
import { getFormat } from '../../src/formats/registry.js';
import { findPieces } from '../../src/formats/registry.js';
import type { KubevirtParsed } from '../../src/formats/kubevirt/index.js';
import { readKubevirt } from '../../src/formats/kubevirt/index.js';
import { lineColumnAt } from '../../src/index.js';
import { okValue } from '../support/parse-result.js';
import { runCapture } from '../support/run-cli.js';
import { work } from '../../src/util/work.js';

const F = (name: string) => readFileSync(`test/fixtures/kubevirt/${name}`, 'utf8');
const kubevirt = getFormat('kubevirt')!;
const codes = (p: KubevirtParsed) => p.diagnostics.map((d) => d.code);
const at = (text: string, offset: number) => {
  const { line, column } = lineColumnAt(text, offset);
  return `${line}:${column}`;
};

describe('reading KubeVirt manifests', () => {
  it('detects YAML and JSON manifests, and steals no other syntax', () => {
    for (const f of ['vm-windows.yaml', 'vmi.json', 'list.yaml', 'stream.yaml'])
      expect(detectFormat(F(f))?.id).toBe('kubevirt');
    expect(detectFormat('{"mode": "custom", "features": {"relaxed": true}}')?.id).toBe('json');
    expect(detectFormat('{"apiVersion": "v1", "kind": "Pod", "features": {}}')?.id).toBe('json');
    for (const f of ['win10-virt-install.xml', 'win10-stimer-only.args', 'win11-gpu-launch.sh'])
      expect(detectFormat(readFileSync(`examples/${f}`, 'utf8'))?.id).not.toBe('kubevirt');
  });

  it('reads a manifest in a script heredoc as a piece of the script, and broken manifests as its own', () => {
    const script = `#!/bin/sh\nkubectl apply -f - <<EOF\n${F('vm-windows.yaml')}EOF\n`;
    expect(detectFormat(script)).toBeUndefined(); // the script is not YAML
    const pieces = findPieces(script, undefined)!;
    expect(pieces.map((p) => p.format.id)).toEqual(['kubevirt']);
    const read = readKubevirt(pieces[0]!.piece.text());
    expect(at(script, read.origins.synic!.start)).toBe('39:13');
    expect(detectFormat('apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nspec: [\n')?.id).toBe('kubevirt');
  });

  it('reads a VM: every field, with the YAML line and the field path', () => {
    const text = F('vm-windows.yaml');
    const p = readKubevirt(text);
    expect(p.set.features).toEqual({
      relaxed: true,
      vapic: true,
      spinlocks: 8191,
      vpindex: true,
      synic: true,
      stimer: true,
      'stimer-direct': true,
      frequencies: true,
    });
    expect(at(text, p.origins.synic!.start)).toBe('37:13');
    expect(p.read!.features.stimer!.path).toBe('spec.template.spec.domain.features.hyperv.synictimer');
    expect(p.context.cpu).toEqual({ mode: 'host-passthrough', features: [] });
    // vpindex comes from KubeVirt's mutating webhook, because synic is enabled.
    expect(p.read!.features.vpindex!.added).toMatch(/mutating webhook/);
    expect(codes(p)).toEqual(['ADDED_BY_DEFAULT', 'ADMISSION_ACCEPTED']);
  });

  it('reads a VMI in JSON: vendorid, evmcs (vmx added), kvm.hidden, the hypervclock timer and the panic device', () => {
    const p = readKubevirt(F('vmi.json'));
    expect(p.set.features).toEqual({
      relaxed: true,
      vapic: true,
      'vendor-id': 'KVMKVMKVM',
      evmcs: true,
      'kvm-hidden': true,
      time: true,
      crash: true,
    });
    expect(p.context.cpu).toEqual({
      mode: 'custom',
      model: 'Skylake-Client-IBRS',
      features: [{ policy: 'require', name: 'vmx' }],
    });
    expect(p.stream.json).toBe(true);
  });

  it('splits a List and a stream into one piece per object, labelled namespace/name', () => {
    const list = findPieces(F('list.yaml'), kubevirt)!;
    expect(list.map((x) => x.piece.name)).toEqual(['prod/web', 'prod/db']);
    const stream = findPieces(F('stream.yaml'), kubevirt)!;
    expect(stream.map((x) => `${x.piece.kind} ${x.piece.name}`)).toEqual([
      'VirtualMachineClusterPreference windows-hyperv',
      'VirtualMachine vdi/desk01',
    ]);
    // The VM's piece keeps its preference: a VM that states no Hyper-V field takes the preference's.
    const vm = readKubevirt(stream[1]!.piece.text());
    expect(vm.object!.name).toBe('desk01');
    expect(vm.set.features).toMatchObject({
      relaxed: true,
      vpindex: true,
      synic: true,
      stimer: true,
      time: true,
      spinlocks: 8191,
    });
  });

  it('models the mutating webhook: `{}` is `enabled: true` by then, so synictimer brings synic, and synic vpindex', () => {
    // SetObjectDefaults_VirtualMachineInstance() runs SetDefaults_FeatureState() on every field that
    // is there before SetHypervFeatureDependencies() (pkg/defaults/defaults.go L70-71 @ d923fdb8).
    const web = readKubevirt(findPieces(F('list.yaml'), kubevirt)![0]!.piece.text());
    expect(web.set.features).toEqual({ relaxed: true, stimer: true, synic: true, vpindex: true });
    expect(web.diagnostics.filter((d) => d.code === 'ADDED_BY_DEFAULT').map((d) => d.feature)).toEqual([
      'synic',
      'vpindex',
    ]);
    const missing = checkConfig(web, {}).filter((d) => d.code === 'MISSING_DEPENDENCY');
    // What is left is the Hyper-V clock, which the webhook does not add.
    expect(missing.map((d) => d.message)).toEqual([expect.stringMatching(/hv-time|time/)]);
    expect(codes(web)).toContain('ADMISSION_ACCEPTED');
    // `vpindex: {}` is there, so it is not "missing": nothing is added for it, and synic needs nothing more.
    const stated = readKubevirt(
      'apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata: {name: x}\nspec:\n  domain:\n    features:\n      hyperv: {synic: {}, vpindex: {}}\n',
    );
    expect(stated.diagnostics.filter((d) => d.code === 'ADDED_BY_DEFAULT')).toEqual([]);
    expect(stated.set.features).toEqual({ synic: true, vpindex: true });
    // `synic: {}` with `vpindex: {enabled: false}`: the webhook stops, and admission refuses the VMI.
    const refused = readKubevirt(
      'apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata: {name: x}\nspec:\n  domain:\n    features:\n      hyperv: {synic: {}, vpindex: {enabled: false}}\n',
    );
    expect(refused.diagnostics.filter((d) => d.code === 'ADMISSION_REFUSED').map((d) => d.message)).toEqual([
      "KubeVirt refuses the VirtualMachineInstance at admission: 'spec.domain.features.hyperv.domain.features.hyperv.synic' requires 'spec.domain.features.hyperv.domain.features.hyperv.vpindex', which was disabled.",
    ]);
  });

  it('models the generated defaults: spinlocks on without a retry count gets 4096, vendorid gets no value', () => {
    // SetObjectDefaults_VirtualMachineInstance() runs SetDefaults_FeatureSpinlocks() on a spinlocks field
    // that is there: enabled when unset, then spinlocks: 4096 when enabled and unset
    // (staging/src/kubevirt.io/api/core/v1/defaults.go, zz_generated.defaults.go L230-232 @ d923fdb8).
    const vmi = (hyperv: string) =>
      readKubevirt(
        `apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata: {name: x}\nspec:\n  domain:\n    features:\n      hyperv: ${hyperv}\n`,
      );
    for (const spinlocks of ['{}', '{enabled: true}']) {
      const p = vmi(`{relaxed: {}, spinlocks: ${spinlocks}}`);
      expect(p.set.features, spinlocks).toEqual({ relaxed: true, spinlocks: 4096 });
      expect(codes(p), spinlocks).not.toContain('MISSING_VALUE');
      expect(p.diagnostics.filter((d) => d.code === 'ADDED_BY_DEFAULT').map((d) => d.message)).toEqual([
        "KubeVirt's mutating webhook sets spec.domain.features.hyperv.spinlocks.spinlocks = 4096: spinlocks is on without a retry count",
      ]);
    }
    const off = vmi('{relaxed: {}, spinlocks: {enabled: false}}');
    expect(off.set.features).toEqual({ relaxed: true });
    expect(codes(off)).not.toContain('ADDED_BY_DEFAULT');
    // A VM's template gets it when the VM starts; a preference on its own is not defaulted.
    const vm = readKubevirt(
      'apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n      domain:\n        features:\n          hyperv: {spinlocks: {}}\n',
    );
    expect(vm.set.features).toEqual({ spinlocks: 4096 });
    // SetDefaults_FeatureVendorID() sets enabled only: vendorid without a value stays refused by libvirt.
    expect(codes(vmi('{vendorid: {}}'))).toContain('MISSING_VALUE');
  });

  it('reads a preference on its own as the VMI of a VM that takes all its Hyper-V fields: the defaults run, admission is not claimed', () => {
    // Its fields reach the VM's VMI (pkg/instancetype/preference/apply/features.go), where the
    // mutating webhook's defaults run on them as on any other (pkg/defaults/defaults.go L70-71).
    const pref = readKubevirt(
      [
        'apiVersion: instancetype.kubevirt.io/v1beta1',
        'kind: VirtualMachineClusterPreference',
        'metadata: {name: windows-hyperv}',
        'spec:',
        '  clock: {preferredTimer: {hyperv: {}}}',
        '  cpu: {preferredCPUFeatures: [{name: invtsc, policy: require}]}',
        '  features:',
        '    preferredHyperv: {relaxed: {}, spinlocks: {}, synictimer: {}, evmcs: {}}',
        '',
      ].join('\n'),
    );
    expect(pref.set.features).toMatchObject({
      relaxed: true,
      spinlocks: 4096,
      stimer: true,
      synic: true,
      vpindex: true,
      vapic: true,
    });
    const found = [...pref.diagnostics, ...checkConfig(pref, {})].map((d) => d.code);
    expect(found).not.toContain('MISSING_DEPENDENCY');
    expect(found).not.toContain('MISSING_VALUE');
    expect(found.filter((c) => c.startsWith('ADMISSION_'))).toEqual([]);
    const added = pref.diagnostics.filter((d) => d.code === 'ADDED_BY_DEFAULT').map((d) => d.message);
    expect(added).toContain(
      "On the VMI of a VM that takes its Hyper-V fields from this preference, KubeVirt's mutating webhook turns vpindex on because synic is enabled: spec.domain.features.hyperv.vpindex.enabled = true",
    );
    expect(added).toContain(
      "On the VMI of a VM that takes its Hyper-V fields from this preference, KubeVirt's mutating webhook requires the vmx CPU feature because evmcs is set: adds {name: vmx, policy: require} to spec.domain.cpu.features",
    );
  });

  it("names a preference's own fields in its findings and fixes, as fix writes them", async () => {
    const pref = [
      'apiVersion: instancetype.kubevirt.io/v1beta1',
      'kind: VirtualMachinePreference',
      'metadata: {name: win}',
      'spec:',
      '  features:',
      '    preferredHyperv:',
      '      relaxed: {}',
      '      evmcs: {}',
      '      synictimer: {}',
      '',
    ].join('\n');
    const checked = await runCapture(['check', '--cpu-vendor', 'amd', '-'], { stdin: pref });
    const fixes = checked.stdout.split('\n').filter((l) => l.includes('= fix:'));
    expect(fixes.map((l) => l.trim())).toEqual([
      '= fix: remove features.preferredHyperv.evmcs',
      '= fix: set clock.preferredTimer.hyperv.enabled: true',
    ]);
    const fixed = await runCapture(['fix', '--dry-run', '--cpu-vendor', 'amd', '-'], { stdin: pref });
    expect(fixed.stdout).toContain('-      evmcs: {}');
    expect(fixed.stdout).toContain('preferredTimer:');
    expect(fixed.stderr).toContain('  - remove features.preferredHyperv.evmcs: ');
    expect(fixed.stderr).toContain('  + set clock.preferredTimer.hyperv.enabled: true: ');
    expect(fixed.stderr.split('\n').filter((l) => /^ {2}[-+~] /.test(l))).toHaveLength(2);
    // The findings name them too; only the notes on the VMI the defaults make name the VMI's fields.
    const findings = checked.stdout.split('\n').filter((l) => /^(error|warning)\[/.test(l));
    expect(findings.some((l) => l.includes('features.preferredHyperv.evmcs does not work on AMD hosts'))).toBe(true);
    expect(findings.join('\n')).not.toMatch(/features\.hyperv\.|clock\.timer\./);
    // A VM's template keeps the domain's names.
    const vm = await runCapture(['check', '--cpu-vendor', 'amd', '-'], {
      stdin:
        'apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata: {name: x}\nspec:\n  domain:\n    features:\n      hyperv: {evmcs: {}}\n',
    });
    expect(vm.stdout).toContain('= fix: remove features.hyperv.evmcs');
    expect(vm.stdout).toContain('error[HOST_VENDOR_UNSUPPORTED]: features.hyperv.evmcs does not work on AMD hosts');
    // Converted to another syntax, the names are that syntax's own.
    const asQemu = await runCapture(['check', '--cpu-vendor', 'amd', '--target', 'qemu', '-'], { stdin: pref });
    expect(asQemu.stdout).toContain('error[HOST_VENDOR_UNSUPPORTED]: hv-evmcs does not work on AMD hosts');
  });

  it("quotes the admission refusal in KubeVirt's words, at the disabled field", () => {
    const text = F('list.yaml');
    const db = readKubevirt(findPieces(text, kubevirt)![1]!.piece.text());
    const refusal = db.diagnostics.find((d) => d.code === 'ADMISSION_REFUSED')!;
    expect(refusal.message).toContain(
      "'spec.domain.features.hyperv.domain.features.hyperv.synic' requires 'spec.domain.features.hyperv.domain.features.hyperv.vpindex', which was disabled.",
    );
    expect(refusal.message).toMatch(/accepts the VirtualMachine but refuses its VirtualMachineInstance/);
    expect(at(text, refusal.span!.start)).toBe('33:15');
  });

  it('refuses evmcs without vmx when the mutator stops at a conflict, and hyperv with hypervPassthrough', () => {
    const vmi = (features: string, cpu = '') =>
      readKubevirt(
        `apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata: {name: x}\nspec:\n  domain:\n${cpu}    features:\n${features}`,
      );
    const evmcs = vmi('      hyperv:\n        evmcs: {enabled: true}\n        vapic: {enabled: false}\n');
    expect(
      evmcs.diagnostics
        .filter((d) => d.code === 'ADMISSION_REFUSED')
        .map((d) => d.message.split(': ').slice(1).join(': ')),
    ).toEqual([
      "'spec.domain.features.hyperv.domain.features.hyperv.evmcs' requires 'spec.domain.features.hyperv.domain.features.hyperv.vapic', which was disabled.",
      'vmx cpu feature is required when evmcs is set',
    ]);
    const both = vmi('      hyperv: {relaxed: {}}\n      hypervPassthrough: {enabled: true}\n');
    expect(
      both.diagnostics.some((d) => /Cannot explicitly set hyperV features if HypervPassthrough/.test(d.message)),
    ).toBe(true);
    const pass = vmi('      hypervPassthrough: {enabled: true}\n');
    expect(pass.set.mode).toBe('passthrough');
    const nul = vmi('      hyperv:\n        relaxed:\n');
    expect(nul.set.features).toEqual({});
    expect(codes(nul)).toContain('INVALID_VALUE');
  });

  it('reports malformed YAML as unreadable, with its position', () => {
    const r = kubevirt.parse('apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nspec: [\n');
    expect(r.ok).toBe(false);
  });
});

describe('editing KubeVirt manifests', () => {
  it('fix adds the Hyper-V clock under clock.timer, and every other byte stays', () => {
    const text = F('vm-windows.yaml');
    const p = readKubevirt(text);
    const out = fixConfig(p, kubevirt, {}).text;
    const added = '            hyperv:\n              enabled: true\n';
    const at = text.indexOf('        features:\n');
    expect(out).toBe(text.slice(0, at) + added + text.slice(at));
    const again = readKubevirt(out);
    expect(again.set.features.time).toBe(true);
  });

  it('set changes a scalar in place, adds keys in the map style of the file, and JSON stays JSON', () => {
    const text = F('vm-windows.yaml');
    const p = readKubevirt(text);
    const out = setConfig(p, kubevirt, [{ kind: 'feature', feature: 'spinlocks', value: 4096 }], { exact: true }).text;
    expect(out).toBe(text.replace('spinlocks: 8191', 'spinlocks: 4096'));

    const json = F('vmi.json');
    const j = readKubevirt(json);
    const jout = setConfig(j, kubevirt, [{ kind: 'feature', feature: 'vpindex', value: true }], { exact: true }).text;
    expect(jout).toBe(
      json.replace('"evmcs": {"enabled": true}', '"evmcs": {"enabled": true},\n          "vpindex": {"enabled": true}'),
    );
    expect(JSON.parse(jout).spec.domain.features.hyperv.vpindex).toEqual({ enabled: true });
    expect(readKubevirt(jout).set.features.vpindex).toBe(true);
  });

  it('set on a VMI no longer lands in a claimName line (the bug that opened the issue)', () => {
    const text = F('vm-windows.yaml').replace(
      '            synictimer:\n              enabled: true\n              direct:\n                enabled: true\n',
      '',
    );
    const p = readKubevirt(text);
    const out = setConfig(p, kubevirt, [{ kind: 'feature', feature: 'stimer', value: true }]).text;
    expect(out).toContain('            claimName: win2k22-root\n');
    expect(out.split('\n').filter((l) => /hv-stimer/.test(l))).toEqual([]);
    expect(readKubevirt(out).set.features.stimer).toBe(true);
  });

  it('set on a VMI without a domain adds spec.domain after its volumes (was: no configuration found)', () => {
    const text =
      'apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nspec:\n  volumes:\n  - name: disk\n    persistentVolumeClaim:\n      claimName: disk\n';
    const out = setConfig(readKubevirt(text), kubevirt, [{ kind: 'feature', feature: 'relaxed', value: true }]).text;
    expect(out).toBe(`${text}  domain:\n    features:\n      hyperv:\n        relaxed:\n          enabled: true\n`);
  });

  it('adds the Hyper-V panic device as a list item, and removes it with its lines', () => {
    const text = F('vm-windows.yaml');
    const p = readKubevirt(text);
    const added = setConfig(p, kubevirt, [{ kind: 'feature', feature: 'crash', value: true }], { exact: true }).text;
    const at = text.indexOf('          disks:\n');
    expect(added).toBe(
      `${text.slice(0, at)}          panicDevices:\n            - model: hyperv\n${text.slice(at)}`.replace(
        // the new key goes after the map's last key (disks), not before it
        '          panicDevices:\n            - model: hyperv\n          disks:\n            - name: rootdisk\n              disk:\n                bus: sata\n',
        '          disks:\n            - name: rootdisk\n              disk:\n                bus: sata\n          panicDevices:\n            - model: hyperv\n',
      ),
    );
    expect(readKubevirt(added).set.features.crash).toBe(true);
    const two = added.replace(
      '            - model: hyperv\n',
      '            - model: isa\n            - model: hyperv\n',
    );
    const removed = setConfig(readKubevirt(two), kubevirt, [{ kind: 'feature', feature: 'crash', value: undefined }], {
      exact: true,
    }).text;
    expect(removed).toBe(two.replace('            - model: hyperv\n', ''));
  });

  it('refuses what it cannot write without changing the meaning, and writes nothing', () => {
    const p = readKubevirt(F('vm-windows.yaml'));
    const r = setConfig(p, kubevirt, [{ kind: 'feature', feature: 'avic', value: true }], { exact: true });
    expect(r.diagnostics.some((d) => d.code === 'NOT_EDITABLE' || d.code === 'NOT_EXPRESSIBLE')).toBe(true);
  });

  it('random changes: the text reads back as the set asked for, and the head of the file stays', () => {
    const ids = [
      'relaxed',
      'vapic',
      'spinlocks',
      'vpindex',
      'runtime',
      'synic',
      'stimer',
      'stimer-direct',
      'reset',
      'vendor-id',
      'frequencies',
      'reenlightenment',
      'tlbflush',
      'tlbflush-direct',
      'tlbflush-ext',
      'ipi',
      'evmcs',
      'time',
      'kvm-hidden',
      'crash',
    ] as const;
    const value = (id: (typeof ids)[number]): fc.Arbitrary<boolean | number | string> =>
      id === 'spinlocks'
        ? fc.integer({ min: 4095, max: 65535 })
        : id === 'vendor-id'
          ? fc.constantFrom('KVMKVMKVM', 'Hv Vendor')
          : fc.boolean();
    const change = fc.oneof(...ids.map((id) => fc.option(value(id), { nil: undefined }).map((v) => [id, v] as const)));
    for (const f of ['vm-windows.yaml', 'vmi.json']) {
      const text = F(f);
      const p = readKubevirt(text);
      fc.assert(
        fc.property(fc.array(change, { maxLength: 6 }), (changes) => {
          let set = p.set;
          for (const [id, v] of changes) set = v === undefined ? unsetFeature(set, id) : setFeature(set, id, v);
          const out = kubevirt.edit!(p, set, {});
          if (out.diagnostics.some((d) => d.severity === 'error')) {
            expect(out.text).toBe(text); // refused: nothing written
            return;
          }
          const again = readKubevirt(out.text);
          expect(again.stream.errors).toEqual([]);
          for (const id of ids) {
            const want = set.features[id];
            const got = again.set.features[id];
            // KubeVirt's defaults may turn on what the set leaves out; what the set states must hold.
            if (want !== undefined && (want !== false || got !== undefined)) expect([id, got]).toEqual([id, want]);
            else if (got !== undefined && got !== false && want === undefined)
              expect(again.read!.features[id]?.added ?? 'stated').not.toBe('stated');
          }
          const head = text.slice(0, text.indexOf(f.endsWith('json') ? '"domain"' : 'domain:'));
          expect(out.text.startsWith(head)).toBe(true);
        }),
        { seed: SEED, numRuns: 200 },
      );
    }
  });

  it('every fixture reads back byte-identical when nothing changes', () => {
    for (const f of ['vm-windows.yaml', 'vmi.json', 'list.yaml', 'stream.yaml']) {
      const text = F(f);
      const p = readKubevirt(text);
      expect(kubevirt.edit!(p, p.set, {}).text).toBe(text);
    }
  });
});

describe('printing for KubeVirt', () => {
  const SET = {
    mode: 'custom' as const,
    features: {
      time: true,
      relaxed: true,
      vapic: true,
      spinlocks: 8191,
      vpindex: true,
      synic: true,
      stimer: true,
      'stimer-direct': true,
      'vendor-id': 'KVMKVMKVM',
      tlbflush: true,
      'tlbflush-ext': true,
      ipi: true,
      evmcs: false,
      crash: true,
      'kvm-hidden': true,
    },
  };

  it('the domain snippet, put under a VMI, reads back as the set', () => {
    const out = kubevirt.print!(SET, {});
    expect(out.diagnostics).toEqual([]);
    const body = out.text.split('\n').slice(1).join('\n').replace(/^/gm, '  ');
    const vmi = `apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata: {name: x}\nspec:\n${body}\n`;
    expect(readKubevirt(vmi).set).toEqual(SET);
  });

  it('--kind preference prints a VirtualMachineClusterPreference that reads back as the set', () => {
    const out = kubevirt.print!(SET, { kind: 'preference' });
    const read = readKubevirt(out.text);
    expect(read.object!.kind).toBe('VirtualMachineClusterPreference');
    expect(read.set).toEqual(SET);
  });

  it('says what KubeVirt has no field for', () => {
    const out = kubevirt.print!({ mode: 'custom', features: { relaxed: true, avic: true } }, {});
    expect(out.diagnostics.map((d) => [d.code, d.feature])).toEqual([['NOT_EXPRESSIBLE', 'avic']]);
  });
});

describe('reenlightenment and the TSC frequency KubeVirt gives a VMI', () => {
  const vm = (reenlightenment: string) =>
    [
      'apiVersion: kubevirt.io/v1',
      'kind: VirtualMachine',
      'metadata:',
      '  name: win',
      'spec:',
      '  template:',
      '    spec:',
      '      domain:',
      '        clock:',
      '          timer:',
      '            hyperv: {}',
      '        features:',
      '          hyperv:',
      '            relaxed: {}',
      '            frequencies: {}',
      `            reenlightenment: ${reenlightenment}`,
      '        resources:',
      '          requests:',
      '            memory: 4Gi',
      '',
    ].join('\n');
  const migration = (text: string) =>
    checkConfig(okValue(kubevirt.parse(text)), { migratable: true }).filter((d) => d.code === 'MIGRATION_BLOCKER');

  it('is no migration failure for a migratable VM: KubeVirt pins the TSC frequency, or marks the VMI not migratable', () => {
    for (const written of ['{}', '{enabled: true}']) {
      const found = migration(vm(written));
      expect(found, written).toHaveLength(1);
      const [d] = found;
      expect(d!.severity).toBe('warning');
      expect(d!.feature).toBe('reenlightenment');
      expect(d!.message).toContain('KubeVirt');
      expect(d!.message).toContain('NoTSCFrequencyNotLiveMigratable');
      expect(d!.message).not.toContain('fails on the destination');
      // Nothing to remove: KubeVirt's own mechanism is the fix, and the note says how a cluster exposes a frequency.
      expect(d!.fix).toBeUndefined();
      expect(d!.notes!.join('\n')).toContain('minimumClusterTSCFrequency');
      expect(d!.notes!.join('\n')).toContain('pkg/virt-controller/watch/topology/tsc.go');
      expect(d!.span).toBeDefined();
    }
    expect(migration(vm('{enabled: false}'))).toEqual([]);
  });

  it('is still the libvirt error for a libvirt domain without a TSC frequency', () => {
    const domain = okValue(
      getFormat('libvirt')!.parse(
        "<domain type='kvm'><name>w</name><features><hyperv mode='custom'><relaxed state='on'/><frequencies state='on'/><reenlightenment state='on'/></hyperv></features><clock offset='utc'><timer name='hypervclock' present='yes'/></clock></domain>",
      ),
    );
    const found = checkConfig(domain, { migratable: true }).filter((d) => d.code === 'MIGRATION_BLOCKER');
    expect(found.map((d) => d.severity)).toEqual(['error']);
  });
});

describe('a fleet in one text: kubectl get vm -A -o yaml', () => {
  /** A List of n VMs, as kubectl prints one; each VM's text is the same length, so the text grows with n. */
  const list = (n: number) =>
    [
      'apiVersion: v1',
      'kind: List',
      'items:',
      ...Array.from({ length: n }, (_, i) =>
        [
          '- apiVersion: kubevirt.io/v1',
          '  kind: VirtualMachine',
          '  metadata:',
          `    name: win-${String(i).padStart(5, '0')}`,
          `    namespace: team-${i % 7}`,
          '  spec:',
          '    template:',
          '      spec:',
          '        domain:',
          // The odd ones have a synthetic timer and no Hyper-V clock (the even ones have the clock alone).
          `          clock: {timer: {${i % 2 ? 'rtc: {}' : 'hyperv: {}'}}}`,
          `          features: {hyperv: {relaxed: {}, vapic: {}, ${i % 2 ? 'synictimer: {}, ' : ''}spinlocks: {spinlocks: 8191}}}`,
          '          resources: {requests: {memory: 4Gi}}',
        ].join('\n'),
      ),
      '',
    ].join('\n');

  it('checks every VM of a 500-VM List, each labelled and with its own findings', async () => {
    const r = await runCapture(['check', '--json', '-'], { stdin: list(500) });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as {
      inputs: { config: string; errors: number }[];
      diagnostics: { config: string; code: string; line: number }[];
    };
    expect(out.inputs).toHaveLength(500);
    expect(out.inputs[0]!.config).toBe("VirtualMachine 'team-0/win-00000' at line 4 (1 of 500)");
    expect(out.inputs[499]!.config).toBe("VirtualMachine 'team-2/win-00499' at line 5992 (500 of 500)");
    // The odd ones have a synthetic timer without the Hyper-V clock: their own finding, at their own line.
    expect(out.inputs.map((c) => c.errors > 0).slice(0, 4)).toEqual([false, true, false, true]);
    const missing = out.diagnostics.filter((d) => d.code === 'MISSING_DEPENDENCY');
    expect(new Set(missing.map((d) => d.config)).size).toBe(250);
    expect(missing[0]).toMatchObject({ config: "VirtualMachine 'team-1/win-00001' at line 16 (2 of 500)", line: 26 });
    expect(r.code).toBe(1);
  });

  it('costs work linear in the List: ten times the VMs, at most fifteen times the steps', async () => {
    const steps: number[] = [];
    for (const n of [100, 1000]) {
      work.steps = 0;
      const r = await runCapture(['audit', '--json', '-'], { stdin: list(n) });
      expect(JSON.parse(r.stdout).summary.total).toBe(n);
      steps.push(work.steps);
    }
    expect(steps[1]! / steps[0]!).toBeLessThanOrEqual(15);
  });

  it('reads a List over 4 MiB when --max-bytes allows it (it was taken for no manifest at all)', async () => {
    // A kubectl List's size is mostly what enlighten does not read (status, managedFields): a comment stands for it.
    const text = `# ${'x'.repeat(5 * 1024 * 1024)}\n${list(3)}`;
    const r = await runCapture(['audit', '--json', '--max-bytes', '16M', '-'], { stdin: text });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).summary.total).toBe(3);
    const capped = await runCapture(['check', '-'], { stdin: text });
    expect(capped.code).toBe(2);
    expect(capped.stderr).toContain('over the 4194304-byte limit; pass --max-bytes to raise it');
  });

  it('refuses more than 10000 objects in one text, saying the cap and how to split', async () => {
    // One short VM a line, so the text stays small: the cap is on objects, not bytes.
    const vms = Array.from(
      { length: 10_001 },
      (_, i) => `- {apiVersion: kubevirt.io/v1, kind: VirtualMachine, metadata: {name: v${i}}, spec: {}}`,
    );
    const r = await runCapture(['check', '-'], { stdin: `apiVersion: v1\nkind: List\nitems:\n${vms.join('\n')}\n` });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('holds more than 10000 VirtualMachines: enlighten reads at most 10000 in one text');
    expect(r.stderr).toContain(
      'split it into files of at most 10000 (one namespace a file: kubectl get vm -n NAMESPACE -o yaml)',
    );
  });
});
