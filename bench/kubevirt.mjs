// KubeVirt manifests: `enlighten check` / `audit -` next to yq (the Python yq over jq, Debian's),
// what people otherwise run to look at the Hyper-V fields of a manifest or of
// `kubectl get vm -A -o yaml`. yq only extracts; enlighten also applies KubeVirt's defaults and
// admission rules and runs every check.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare, fmt, peakKiB } from './lib.mjs';

const CLI = new URL('../bin/enlighten.cjs', import.meta.url).pathname;
const VM = new URL('../test/fixtures/kubevirt/vm-windows.yaml', import.meta.url).pathname;

/** A List of `n` VMs as kubectl prints it, each from the fixture with its own name. */
function list(n) {
  const vm = readFileSync(VM, 'utf8').replace(/^#.*\n/, '');
  const items = [];
  for (let i = 0; i < n; i++)
    items.push(
      vm
        .replace('name: win2k22\n', `name: win${i}\n`)
        .split('\n')
        .map((l, j) => (l ? (j === 0 ? `- ${l}` : `  ${l}`) : l))
        .join('\n'),
    );
  return `apiVersion: v1\nitems:\n${items.join('\n')}\nkind: List\nmetadata:\n  resourceVersion: ""\n`;
}

/** One VM whose cloud-init user data makes it about `size` bytes (a large manifest, one object). */
function big(size) {
  const vm = readFileSync(VM, 'utf8');
  const line = '      #cloud-config runcmd: [echo, 0123456789abcdef0123456789abcdef0123456789abcdef]\n';
  const data = line.repeat(Math.ceil(size / line.length));
  return vm.replace(
    '      volumes:\n',
    `      volumes:\n        - name: cloudinit\n          cloudInitNoCloud:\n            userData: |\n${data.replace(/^ {6}/gm, '              ')}`,
  );
}

export function kubevirt() {
  const dir = mkdtempSync(join(tmpdir(), 'enlighten-bench-kubevirt-'));
  try {
    const fleet = join(dir, 'fleet.yaml');
    writeFileSync(fleet, list(64));
    const large = join(dir, 'large.yaml');
    writeFileSync(large, big(1024 * 1024));
    const rows = [];
    for (const [label, file, cmd, query] of [
      ['one VM (test/fixtures/kubevirt/vm-windows.yaml)', VM, 'check', '.spec.template.spec.domain.features.hyperv'],
      [
        'kind: List of 64 VMs (the most one text may hold)',
        fleet,
        'audit',
        '.items[].spec.template.spec.domain.features.hyperv',
      ],
      ['one VM of 1 MiB (cloud-init user data)', large, 'check', '.spec.template.spec.domain.features.hyperv'],
    ]) {
      const [ours, yq] = compare(
        [
          { name: `enlighten ${cmd}`, cmd: process.execPath, args: [CLI, cmd, file] },
          { name: 'yq', cmd: 'yq', args: ['-c', query, file], expectStatus: 0 },
        ],
        3,
      );
      const kib = peakKiB(process.execPath, [CLI, cmd, file]);
      rows.push([
        label,
        `enlighten ${cmd} ${fmt(ours.median)}`,
        `yq ${fmt(yq.median)}`,
        kib === null ? '' : `peak ${Math.round(kib / 1024)} MiB RSS`,
      ]);
    }
    return {
      title: 'KubeVirt manifests: enlighten next to yq',
      rows,
      summary:
        'median of 3 runs after 2 warm-ups; yq only extracts the hyperv block, enlighten reads, models KubeVirt and checks',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
