// KubeVirt manifests through the CLI: check (YAML lines, field paths, what KubeVirt refuses or lets
// through), fix, convert to and from, recommend --kind preference, audit of a folder and of stdin.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goldenText, readGolden, runCapture } from '../support/run-cli.js';

const K = 'test/fixtures/kubevirt';

const CASES: [string, string[]][] = [
  ['kubevirt-check-vm', ['check', `${K}/vm-windows.yaml`]],
  ['kubevirt-check-list', ['check', `${K}/list.yaml`]],
  ['kubevirt-check-vmi-json', ['check', '--json', `${K}/vmi.json`]],
  ['kubevirt-fix-dry-run', ['fix', '--dry-run', `${K}/vm-windows.yaml`]],
  ['kubevirt-set-json-dry-run', ['set', '--dry-run', `${K}/vmi.json`, 'stimer']],
  ['kubevirt-convert-libvirt', ['convert', '--to', 'libvirt', `${K}/vmi.json`]],
  ['kubevirt-convert-qemu-stream', ['convert', '--to', 'qemu', `${K}/stream.yaml`]],
  ['kubevirt-convert-to', ['convert', '--to', 'kubevirt', 'examples/win11-recommended.args']],
  [
    'kubevirt-convert-into',
    ['convert', '--to', 'kubevirt', '--into', `${K}/vm-windows.yaml`, 'examples/win11-recommended.args'],
  ],
  [
    'kubevirt-recommend-preference',
    [
      'recommend',
      '--to',
      'kubevirt',
      '--kind',
      'preference',
      '--os',
      'win11',
      '--nested-hyperv',
      '--cpu-vendor',
      'intel',
    ],
  ],
  ['kubevirt-audit-folder', ['audit', K]],
];

describe('KubeVirt manifests through the CLI (golden)', () => {
  it.each(CASES)('%s', async (name, argv) => {
    const run = await runCapture(argv);
    const text = goldenText(run, argv);
    expect(text).toBe(readGolden(name, text));
  });

  it('audits `kubectl get vm -A -o yaml` from stdin, one row per namespace/name', async () => {
    const run = await runCapture(['audit', '--json', '-'], { stdin: readFileSync(`${K}/list.yaml`) });
    const rows = JSON.parse(run.stdout).configurations as { config: string }[];
    expect(rows.map((r) => r.config)).toEqual([
      "VirtualMachine 'prod/web' at line 3 (1 of 2)",
      "VirtualMachine 'prod/db' at line 21 (2 of 2)",
    ]);
    expect(run.code).toBe(1);
  });

  it('refuses to edit a stream of several objects (exit 2), the file untouched', async () => {
    const run = await runCapture(['set', '--dry-run', `${K}/list.yaml`, 'vpindex']);
    expect(run.code).toBe(2);
  });
});
