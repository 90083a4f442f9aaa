// One mistake, one finding: a Hyper-V vendor id over 12 bytes is reported once, whatever syntax
// holds it and whichever program is to read it, with its position and what to do (a fix, or a note
// that says what to write).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { makeTempDir } from '../support/tools.js';

const LONG = '0123456789abcdef';
const dir = makeTempDir('enlighten-vendor-id-');

const FILES: Record<string, string> = {
  'long.args': `-cpu host,hv-relaxed,hv-vendor-id=${LONG}\n`,
  'legacy.args': `-cpu host,hv_relaxed,hv_vendor_id=${LONG}\n`,
  'launch.sh': `#!/bin/sh\nqemu-system-x86_64 -machine q35 -cpu host,hv-relaxed,hv-vendor-id=${LONG} -m 4G\n`,
  'domain.xml': `<domain type='kvm'>\n  <name>w</name>\n  <memory>4194304</memory>\n  <os><type arch='x86_64' machine='q35'>hvm</type></os>\n  <features>\n    <hyperv mode='custom'>\n      <relaxed state='on'/>\n      <vendor_id state='on' value='${LONG}'/>\n    </hyperv>\n  </features>\n</domain>\n`,
  'set.json': `{"mode": "custom", "features": {"relaxed": true, "vendor-id": "${LONG}"}}\n`,
  'vm.yaml': `apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata:\n  name: w\nspec:\n  domain:\n    features:\n      hyperv:\n        relaxed: {}\n        vendorid:\n          vendorid: "${LONG}"\n    resources:\n      requests:\n        memory: 4Gi\n`,
  '100.conf': `bios: ovmf\nmachine: pc-q35-8.1\nmemory: 4096\nostype: win10\ncpu: host,hv-vendor-id=${LONG}\n`,
};
for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);

interface Found {
  code: string;
  severity: string;
  message: string;
  line?: number;
  column?: number;
  notes?: string[];
  fix?: { description: string };
}

async function check(args: string[]): Promise<Found[]> {
  let stdout = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: () => undefined,
    readStdin: async () => Buffer.from(''),
    isTty: false,
    cwd: dir,
    env: {},
  };
  await runCli(['check', '--json', ...args], io);
  return (JSON.parse(stdout) as { diagnostics: Found[] }).diagnostics;
}

describe('a vendor id over 12 bytes', () => {
  for (const file of Object.keys(FILES))
    for (const target of [undefined, 'qemu', 'libvirt', 'virt-xml', 'kubevirt', 'json'])
      it(`is one finding in ${file}${target ? ` written for ${target}` : ''}, located, saying what to do`, async () => {
        const found = (await check([...(target ? ['--target', target] : []), file])).filter(
          // Notes (info) that quote the value, such as the -cpu qemu-server builds, are not findings about it.
          (d) => d.severity !== 'info' && (d.message.includes(LONG) || /VENDOR/.test(d.code)),
        );
        expect(found.map((d) => d.code)).toHaveLength(1);
        const [d] = found;
        expect(d!.line, d!.code).toBeGreaterThan(0);
        expect(d!.column, d!.code).toBeGreaterThan(0);
        // What to do: a fix, or a note that says what to write.
        expect(d!.fix !== undefined || (d!.notes ?? []).some((n) => /\bwrite\b|at most 12/.test(n)), d!.code).toBe(
          true,
        );
      });

  it("has QEMU's own warning and its source when QEMU reads it, and a fix that writes what QEMU keeps", async () => {
    const [d] = await check(['long.args']);
    expect(d).toMatchObject({ code: 'VENDOR_ID_TRUNCATED', line: 1, column: 22 });
    expect(d!.message).toContain('truncated to 12 characters');
    expect(d!.notes!.join('\n')).toContain('x86_cpu_hyperv_realize()');
    expect(d!.fix!.description).toContain('0123456789ab');
  });

  it('has no fix when QEMU would cut inside a character (13 bytes, the 12th inside é), and says what to write', async () => {
    writeFileSync(join(dir, 'accents.args'), '-cpu host,hv-relaxed,hv-vendor-id=aéééééé\n');
    const found = (await check(['accents.args'])).filter((d) => d.code === 'VENDOR_ID_TRUNCATED');
    expect(found).toHaveLength(1);
    expect(found[0]!.fix).toBeUndefined();
    expect(found[0]!.notes![0]).toBe("QEMU's cut falls inside a character: write at most 12 bytes, e.g. 'aééééé'");
  });
});
