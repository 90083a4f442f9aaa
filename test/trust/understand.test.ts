/**
 * Never write what was not understood: text that holds no configuration, a -cpu the shell builds,
 * items enlighten cannot read, values QEMU would misread. Each case leaves the file byte-identical.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/formats/registry.js';
import { runCapture } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'enlighten-understand-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(name: string, text: string): string {
  const path = join(dir, `${n++}-${name}`);
  writeFileSync(path, text);
  return path;
}

const NOT_CONFIGURATIONS: [string, string][] = [
  // A VirtualMachineInstance is a configuration now (src/formats/kubevirt/): test/kubevirt/kubevirt.test.ts
  // holds the one that was here, with set writing under spec.domain and nothing else.
  // A Proxmox VM configuration (100.conf) was here: it is one now (src/formats/proxmox/, test/cli/proxmox-golden.test.ts).
  ['start.sh', '#!/bin/bash\nset -e\nif [ -e /dev/kvm ]; then\n  echo ok\nfi\n'],
  [
    'commented.sh',
    '#!/bin/bash\n# qemu-system-x86_64 -enable-kvm -cpu host,hv_relaxed,hv_vapic \\\n#   -m 8G\n# Cleanup will catch on Exit\ntrap cleanup EXIT\n',
  ],
  ['README.md', '# My VM\n\nRun it like this:\n\n    ...\n    ...\n\nThat is all.\n'],
  ['words.txt', 'hello world\n'],
  ['empty-ish.txt', '\n\n   \n'],
  ['heredoc.sh', 'cat <<EOT\nqemu-system-x86_64 -cpu host,hv_relaxed -m 4G\nEOT\n'],
  ['heredoc-quoted.sh', "cat <<-'END'\n\tqemu-system-x86_64 \\\n\t  -cpu host,hv_relaxed\nEND\n"],
  ['fenced.md', '# Start the VM\n\n```sh\nqemu-system-x86_64 -cpu host,hv_relaxed -m 4G\n```\n'],
  ['sentence.md', 'To run it, type `qemu-system-x86_64 -cpu host,hv_relaxed -m 4G` and wait.\n'],
  ['echo.sh', 'echo qemu-system-x86_64 -cpu host,hv_relaxed\n'],
  ['log.txt', '2024-01-01 12:00:00 starting qemu-system-x86_64 -cpu host,hv_relaxed -m 4G\n'],
  ['package.json', '{"name": "x", "version": "1.0.0", "cpu": "host"}\n'],
];

describe('no configuration found', () => {
  it.each(NOT_CONFIGURATIONS)(
    '%s: check, set and fix exit 2 with the syntaxes tried, and write nothing',
    async (name, text) => {
      const path = file(name, text);
      for (const argv of [
        ['check', path],
        ['set', path, 'hv-relaxed'],
        ['fix', path, '--os', 'win11'],
      ]) {
        const r = await runCapture(argv);
        expect(r.code, `${argv.join(' ')}\n${r.stdout}${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(
          /no configuration found in .*: it is none of a QEMU -cpu value or command line, enlighten's JSON, virt-xml or virt-install commands, libvirt domain XML/,
        );
      }
      expect(readFileSync(path, 'utf8')).toBe(text);
    },
  );

  it('property: for text no syntax recognises, set and fix leave the file byte-identical and exit non-zero', async () => {
    const line = fc.oneof(
      fc.constantFrom(
        '',
        '#!/bin/sh',
        'fi',
        'done',
        '...',
        '- name: x',
        'key: value',
        '  claimName: disk',
        '[section]',
        'echo "$@"',
        '# -cpu host,hv_relaxed',
        'cores: 4',
      ),
      fc.string({ unit: fc.constantFrom('a', 'b', ' ', ':', '-', '#', '=', '.', 'é', '\t'), maxLength: 30 }),
    );
    const texts = fc
      .array(line, { minLength: 2, maxLength: 8 })
      .map((lines) => `${lines.join('\n')}\n`)
      .filter((t) => detectFormat(t) === undefined);
    const samples = fc.sample(texts, 40);
    for (const text of samples) {
      const path = file('random.txt', text);
      for (const argv of [
        ['set', path, 'hv-stimer'],
        ['fix', path],
      ]) {
        const r = await runCapture(argv);
        expect(r.code, `${argv.join(' ')} on ${JSON.stringify(text)}`).not.toBe(0);
      }
      expect(readFileSync(path, 'utf8')).toBe(text);
    }
  });
});

describe('a -cpu the shell builds', () => {
  const script =
    '#!/bin/bash\nCPU=host\nqemu-system-x86_64 -m 4G \\\n  -cpu "$CPU,hv-relaxed,hv-spinlocks=${SPIN:+0x1fff}" \\\n  -smp 4\n';
  it('check reads the literal parts, says which are built, and checks nothing it cannot know', async () => {
    const r = await runCapture(['check', file('vm.sh', script)]);
    // $CPU is assigned in the file (host); ${SPIN:+...} gives its word only if the environment sets SPIN.
    expect(r.stdout).toMatch(
      /warning\[SHELL_EXPANSION\]: the -cpu value is built by the shell \(\$\{SPIN:\+0x1fff\}\)/,
    );
    expect(r.stdout).toMatch(/vm.sh:4:38/);
    expect(r.stdout).toMatch(/whether \$\{SPIN:\+0x1fff\} gives its word is not known/);
    expect(r.stdout).not.toMatch(/INVALID_NUMBER/);
  });
  it('a default the script gives (${NAME:-default}) is read and checked, said to be one, and never rewritten', async () => {
    const text = '#!/bin/bash\nCPU=${CPU:-"host,hv_stimer"}\nqemu-system-x86_64 -enable-kvm -cpu "$CPU" -m 4G\n';
    const path = file('default.sh', text);
    const check = await runCapture(['check', path]);
    expect(check.code).toBe(1);
    // The finding points into the default, where the user would change it.
    expect(check.stdout).toMatch(/error\[MISSING_DEPENDENCY\][^\n]*\n --> [^\n]*default.sh:2:18/);
    expect(check.stdout).toContain('the default given for $CPU at line 2 (the environment may set another)');
    expect(check.stdout).toContain('change the default (or the assignments) by hand');
    for (const argv of [
      ['fix', path],
      ['set', path, 'hv-synic'],
    ]) {
      const r = await runCapture(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout + r.stderr).toContain('error[NOT_EDITABLE]');
    }
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
  it.each([
    ['"$CPU,hv-relaxed,hv-spinlocks=${SPIN:+0x1fff}"', '$CPU, ${SPIN:+0x1fff}'],
    ['"${CPU[*]}","${CPUFLAGS[*]}"', '${CPU[*]}, ${CPUFLAGS[*]}'],
    ['host,hv-relaxed$(extra)', '$(extra)'],
  ])('set refuses to rewrite -cpu %s, with the line, and writes nothing', async (word, expansion) => {
    const text = `qemu-system-x86_64 -enable-kvm \\\n  -cpu ${word} \\\n  -m 4G\n`;
    const path = file('vm.args', text);
    const r = await runCapture(['set', path, 'hv-vapic']);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain(`error[NOT_EDITABLE]: the -cpu value is built by the shell (${expansion})`);
    expect(r.stdout + r.stderr).toMatch(/vm.args:2:/);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
  it.each([
    ['host,hv_stimer,$EXTRA', '$EXTRA'],
    ['host,hv_stimer,hv_vendor_id=`id -un`', '`id -un`'],
  ])(
    'a bare -cpu value %s: the part a shell would replace is named, checked for nothing, and never rewritten',
    async (value, expansion) => {
      const check = await runCapture(['check', value]);
      expect(check.stdout).toContain(
        `warning[SHELL_EXPANSION]: the -cpu value holds what a shell would replace (${expansion})`,
      );
      const path = file('vm.args', `${value}\n`);
      const fix = await runCapture(['fix', path]);
      expect(fix.code).toBe(2);
      expect(fix.stdout + fix.stderr).toContain('error[NOT_EDITABLE]');
      expect(readFileSync(path, 'utf8')).toBe(`${value}\n`);
    },
  );
  it.each([
    [
      'brace expansion',
      '#!/bin/bash\nqemu-system-x86_64 -cpu host,hv_relaxed,{hv_vapic,hv_time} -m 4G\n',
      /built by the shell \(\{hv_vapic,hv_time\}\)/,
    ],
    ['a glob', '#!/bin/bash\nqemu-system-x86_64 -cpu host,hv_relaxed* -m 4G\n', /built by the shell \(\*\)/],
    [
      'two QEMU commands',
      '#!/bin/sh\nqemu-system-x86_64 -name a -cpu host,hv_stimer -m 4G &\nqemu-system-x86_64 -name b -cpu host,hv_relaxed -m 4G &\n',
      /holds 2 QEMU commands \(QEMU command at line 2, QEMU command at line 3\): enlighten does not guess which one to change/,
    ],
  ])('%s: set refuses (exit 2) and writes nothing', async (_name, text, message) => {
    const path = file('vm.sh', text);
    const r = await runCapture(['set', path, 'hv-stimer']);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(message);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
  it('check reports each of several QEMU commands on its own', async () => {
    const r = await runCapture([
      'check',
      file(
        'two.sh',
        '#!/bin/sh\nqemu-system-x86_64 -cpu host,hv_stimer &\nqemu-system-x86_64 -cpu host,hv_relaxed &\n',
      ),
    ]);
    expect(r.stdout).toMatch(/== .*two.sh: QEMU command at line 2 \(1 of 2\)\n/);
    expect(r.stdout).toMatch(/== .*two.sh: QEMU command at line 3 \(2 of 2\)\n/);
    expect(r.stdout).not.toMatch(/SEVERAL_COMMANDS/);
  });
  it('a lone CR is part of a word, as for the shell: the item is unknown and kept as written', async () => {
    const path = file('cr.args', '-cpu host,hv_relaxed\r,hv_time -m 4G\n');
    const r = await runCapture(['check', path]);
    expect(r.stdout).toMatch(/unknown Hyper-V property 'hv_relaxed\\r'/);
    const s = await runCapture(['set', path, 'vapic', '--stdout']);
    expect(s.stdout).toBe("-cpu 'host,hv_relaxed\r,hv_time,hv_vapic' -m 4G\n"); // the same word for the shell
  });
  it('virt-xml commands in a script are never rewritten in place (they are reprinted, losing the rest)', async () => {
    const text =
      '#!/bin/bash\nset -e\nVM=win10\nvirsh shutdown "$VM"\nvirt-xml "$VM" --edit --features hyperv.relaxed.state=on\n';
    const path = file('vx.sh', text);
    for (const argv of [
      ['set', path, 'vapic'],
      ['fix', '--preset', 'windows-modern', path],
    ]) {
      const r = await runCapture(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/cannot edit the virt-xml text in .* in place without losing what it does not read/);
    }
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
  it("enlighten's JSON with keys of its own is not rewritten (they would be lost)", async () => {
    const text = '{"mode":"custom","features":{"stimer":true},"comment":"keep me"}\n';
    const path = file('j.json', text);
    const r = await runCapture(['set', path, 'synic']);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/rewrites its JSON whole, which would lose its keys "comment"/);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
  it('a QEMU command line without -cpu: enlighten does not choose where one goes', async () => {
    const text = 'qemu-system-x86_64 -enable-kvm -m 4G -drive file=win.qcow2\n';
    const path = file('nocpu.args', text);
    const r = await runCapture(['set', path, 'hv-relaxed']);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/no -cpu argument, and enlighten does not choose where one goes/);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});

describe('what cannot be read is kept, and values are never written so that QEMU misreads them', () => {
  it('an item with an invalid value is kept exactly as written', async () => {
    const path = file('drop.args', 'qemu-system-x86_64 -cpu host,hv-relaxed,hv-spinlocks=bogus -m 1G\n');
    const r = await runCapture(['set', path, 'hv-vapic', '--stdout']);
    expect(r.stdout).toBe('qemu-system-x86_64 -cpu host,hv-relaxed,hv-spinlocks=bogus,hv-vapic=on -m 1G\n');
  });
  it('a vendor id with a comma is refused for QEMU (it splits -cpu at every comma; `,,` is no escape there)', async () => {
    const r = await runCapture(['convert', '--to', 'qemu', '{"features":{"vendor-id":"KVM,hv-passthrough"}}']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/hv-passthrough/);
    expect(r.stdout + r.stderr).toMatch(
      /error\[NOT_EXPRESSIBLE\]: hv-vendor-id="KVM,hv-passthrough" cannot be written in a -cpu value/,
    );
  });
});

describe('encodings: written back as read, or refused as libvirt refuses them', () => {
  const domain =
    "<domain type='kvm'>\n  <name>w</name>\n  <features>\n    <hyperv>\n      <relaxed state='on'/>\n    </hyperv>\n  </features>\n</domain>\n";
  it('a UTF-16 domain with a byte-order mark is edited and stays UTF-16', async () => {
    const path = join(dir, `${n++}-u16.xml`);
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(domain, 'utf16le')]));
    const r = await runCapture(['set', path, 'vapic']);
    expect(r.code, r.stderr).toBe(0);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(bytes.subarray(2).toString('utf16le')).toBe(
      domain.replace("<relaxed state='on'/>\n", "<relaxed state='on'/>\n      <vapic state='on'/>\n"),
    );
  });
  it.each([
    [
      'a binary file named .xml',
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0xd0, 0x01]),
      /holds a NUL byte at byte offset 7: binary data/,
    ],
    [
      'Latin-1 text',
      Buffer.from('<domain type="kvm"><name>\xe9</name></domain>\n', 'latin1'),
      /is not valid UTF-8: byte 0xE9 at byte offset 25/,
    ],
  ])('%s: refused with the offset, untouched', async (_name, bytes, message) => {
    const path = join(dir, `${n++}-bad.xml`);
    writeFileSync(path, bytes);
    const r = await runCapture(['set', path, 'relaxed']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});

describe('--json refusals', () => {
  it('a refusal is JSON on stdout too, with the exit status', async () => {
    const path = file('notes.txt', 'hello world\n');
    const r = await runCapture(['set', '--json', path, 'relaxed']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({
      error: expect.stringMatching(/^no configuration found in /),
      exit: 2,
    });
  });
});
