import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../../src/diagnostics/index.js';
import { parseVirtXml } from '../../src/formats/virt-xml/index.js';
import { detectFormat } from '../../src/formats/registry.js';
import { virtXmlFormat } from '../../src/formats/virt-xml/format.js';
import { findCalls } from '../../src/formats/virt-xml/programs.js';
import { splitCommands } from '../../src/formats/virt-xml/split-commands.js';
import { toJsonSet } from '../../src/model/index.js';
import { SEED_BLOG_SET, seedBlogCommands } from './sets.js';
import { diagnosticsOf, okValue } from '../support/parse-result.js';

const features = (text: string) => toJsonSet(okValue(parseVirtXml(text)).set).features;
const codes = (text: string) => diagnosticsOf(parseVirtXml(text)).map((d) => d.code);

describe('virt-xml parse', () => {
  it("reads the blog's commands (seed 000) as the blog's set, as written: one line, run together", () => {
    const text = seedBlogCommands();
    const parsed = okValue(parseVirtXml(text));
    expect(toJsonSet(parsed.set)).toEqual(toJsonSet(SEED_BLOG_SET));
    expect(parsed.style).toBe('legacy');
    expect(parsed.commands.map((c) => [c.program, c.domain, c.action, c.options])).toEqual([
      ['virt-xml', '$VMNAME', 'edit', ['--features']],
      ['virt-xml', '$VMNAME', 'edit', ['--clock']],
    ]);
    // The second command starts mid-line: read, with a warning.
    expect(parsed.diagnostics.map((d) => [d.code, d.severity])).toEqual([['INVALID_COMMAND', 'warning']]);
    expect(text.slice(parsed.origins.spinlocks!.start, parsed.origins.spinlocks!.end)).toBe(
      'hyperv_spinlocks_retries=8191',
    );
    expect(text.slice(parsed.origins.time!.start, parsed.origins.time!.end)).toBe('hypervclock_present=yes');
  });

  it('reads the same commands on their own lines without a finding', () => {
    const text = seedBlogCommands().replace('  sudo', '\nsudo');
    expect(toJsonSet(okValue(parseVirtXml(text)).set)).toEqual(toJsonSet(SEED_BLOG_SET));
    expect(codes(text)).toEqual([]);
  });

  it.each([
    ['newlines', 'virt-xml vm --edit --features hyperv_relaxed=on\nvirt-xml vm --edit --clock hypervclock_present=yes'],
    [
      'semicolons',
      'virt-xml vm --edit --features hyperv_relaxed=on; virt-xml vm --edit --clock hypervclock_present=yes',
    ],
    [
      '&& and continuations',
      'sudo virt-xml --connect qemu:///system vm \\\n  --edit --features hyperv_relaxed=on && \\\n sudo -E virt-xml vm --edit --clock=hypervclock_present=yes',
    ],
    [
      'comments and a prompt',
      '# enable\n$ virt-xml "$VM" --edit --features hyperv.relaxed.state=on # relaxed\n$ virt-xml "$VM" --edit --clock hypervclock_present=1',
    ],
    [
      'a full path, a quoted name and argparse prefixes',
      "/usr/bin/virt-xml 'my vm' --ed --feat hyperv_relaxed=ON || virt-xml -c test:///default my-vm --edit --cl hypervclock_present=Yes",
    ],
  ])('splits commands: %s', (_name, text) => {
    expect(features(text)).toEqual({ time: true, relaxed: true });
    expect(codes(text)).toEqual([]);
  });

  it('reads xpath sub-options, --xml, timers, the panic device and removals', () => {
    const text = [
      `virt-xml vm --edit --features 'xpath1.set=./hyperv/vpindex/@state=on,xpath2.set=./hyperv/vendor_id/@value=KVM Hv,xpath3.set=./hyperv/vendor_id/@state=on,xpath4.set=./hyperv/stimer/direct/@state=off,xpath5.delete=./hyperv/evmcs'`,
      `virt-xml vm --edit --xml ./features/hyperv/tlbflush/@state=on --xml xpath.set=./features/hyperv/tlbflush/extended/@state=on --xml "./features/hyperv/spinlocks/@retries=0x1fff" --xml ./features/hyperv/spinlocks/@state=on`,
      `virt-install --name vm --clock timer3.name=hypervclock,timer3.present=no`,
      `virt-xml vm --add-device --panic hyperv`,
      `virt-xml vm --edit --features xpath.set=./hyperv/@mode=host-model`,
    ].join('\n');
    const parsed = okValue(parseVirtXml(text));
    // The virt-install line gets virt-install's default CPU, and says so.
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['VIRT_INSTALL_DEFAULT']);
    expect(parsed.set.mode).toBe('host-model');
    expect(toJsonSet(parsed.set).features).toEqual({
      time: false,
      spinlocks: 8191,
      vpindex: true,
      'stimer-direct': false,
      'vendor-id': 'KVM Hv',
      tlbflush: true,
      'tlbflush-ext': true,
      crash: true,
    });
    const removal = okValue(
      parseVirtXml(
        `virt-xml vm --remove-device --panic model=hyperv\nvirt-xml vm --edit --clock 'xpath1.delete=./timer[@name=\\"hypervclock\\"]'`,
      ),
    );
    expect(removal.edits.map((e) => [e.op, 'feature' in e ? e.feature : e.mode])).toEqual([
      ['delete', 'crash'],
      ['delete', 'time'],
    ]);
  });

  it('applies what virt-xml applies: named sub-options first, then xpath slots in order, the last repeat winning', () => {
    expect(
      features(
        'virt-xml vm --edit --features xpath2.set=./hyperv/ipi/@state=off,xpath1.set=./hyperv/ipi/@state=on,hyperv_relaxed=on',
      ),
    ).toEqual({ relaxed: true, ipi: false });
    expect(features('virt-xml vm --edit --features xpath1.set=./hyperv/relaxed/@state=off,hyperv_relaxed=on')).toEqual({
      relaxed: false,
    });
    expect(
      features('virt-xml vm --edit --features hyperv_relaxed=on,hyperv.relaxed.state=off,hyperv_relaxed=on'),
    ).toEqual({ relaxed: false });
    expect(codes('virt-xml vm --edit --features hyperv_relaxed=on,hyperv_relaxed=off')).toEqual(['DUPLICATE_FEATURE']);
    expect(features('virt-xml vm --edit --features hyperv_synic=on,clearxml=yes,hyperv_vapic=on')).toEqual({
      synic: true,
      vapic: true,
    });
    expect(features('virt-xml vm --edit --features hyperv_synic=on --features hyperv_vapic=off')).toEqual({
      synic: true,
      vapic: false,
    });
  });

  it('follows virtinst quoting inside sub-options (shlex, commas as separators) and its can_comma xpath values', () => {
    expect(
      features(
        `virt-xml vm --edit --features 'xpath1.set=./hyperv/vendor_id/@value,xpath1.value=x=y\\,z,xpath2.set=./hyperv/vendor_id/@state=on'`,
      ),
    ).toEqual({ 'vendor-id': 'x=y,z' });
    expect(
      features(
        `virt-xml vm --edit --features 'xpath2.set=./hyperv/vendor_id/@state=on,xpath1.set=./hyperv/vendor_id/@value=a,b'`,
      ),
    ).toEqual({ 'vendor-id': 'a,b' });
    expect(
      features(
        `virt-xml vm --edit --features 'xpath1.set="./hyperv/vendor_id/@value=K V",xpath2.set=./hyperv/vendor_id/@state=on'`,
      ),
    ).toEqual({ 'vendor-id': 'K V' });
    expect(features('virt-xml vm --edit --features hyperv_spinlocks=on,hyperv_spinlocks_retries=0x2000')).toEqual({
      spinlocks: 8192,
    });
    expect(features('virt-xml vm --edit --features hyperv_spinlocks=on,hyperv_spinlocks_retries=8_191')).toEqual({
      spinlocks: 8191,
    });
  });

  const findings: [string, string, DiagnosticCode[]][] = [
    [
      'two change options',
      'virt-xml vm --edit --features hyperv_relaxed=on --clock hypervclock_present=yes',
      ['SEVERAL_CHANGE_OPTIONS'],
    ],
    ['a misspelt sub-option', 'virt-xml vm --edit --features hyperv_relaxd=on', ['UNKNOWN_SUBOPTION']],
    ['a misspelt element', 'virt-xml vm --edit --features xpath1.set=./hyperv/vpindx/@state=on', ['UNKNOWN_FEATURE']],
    ['a bad on/off word', 'virt-xml vm --edit --features hyperv_relaxed=maybe', ['INVALID_BOOLEAN']],
    [
      'an xpath state libvirt refuses',
      'virt-xml vm --edit --features xpath1.set=./hyperv/vpindex/@state=yes',
      ['INVALID_BOOLEAN'],
    ],
    [
      'a bad number',
      'virt-xml vm --edit --features hyperv_spinlocks=on,hyperv_spinlocks_retries=0x',
      ['INVALID_NUMBER'],
    ],
    [
      'a number out of range',
      'virt-xml vm --edit --features hyperv_spinlocks=on,hyperv_spinlocks_retries=-1',
      ['NUMBER_OUT_OF_RANGE'],
    ],
    ['a sub-option without value', 'virt-xml vm --edit --features hyperv_relaxed', ['MISSING_VALUE']],
    ['spinlocks on without retries', 'virt-xml vm --edit --features hyperv_spinlocks=on', ['MISSING_VALUE']],
    [
      'an xpath set without value',
      'virt-xml vm --edit --features xpath1.set=./hyperv/vpindex/@state',
      ['MISSING_VALUE'],
    ],
    [
      'an unclosed quote for virtinst',
      `virt-xml vm --edit --features 'xpath1.set="./hyperv/vpindex/@state=on'`,
      ['UNTERMINATED_QUOTE'],
    ],
    ['an unclosed shell quote', `virt-xml vm --edit --features 'hyperv_relaxed=on`, ['UNTERMINATED_QUOTE']],
    ['no action', 'virt-xml vm --features hyperv_relaxed=on', ['INVALID_COMMAND']],
    ['two actions', 'virt-xml vm --edit --add-device --panic hyperv', ['INVALID_COMMAND']],
    ['no change', 'virt-xml vm --edit', ['INVALID_COMMAND']],
    ['--add-device with --features', 'virt-xml vm --add-device --features hyperv_relaxed=on', ['INVALID_COMMAND']],
    ['an unknown option', 'virt-xml vm --edit --featurez hyperv_relaxed=on', ['INVALID_COMMAND', 'INVALID_COMMAND']],
    ['a stray argument', 'virt-xml vm other --edit --features hyperv_relaxed=on', ['INVALID_COMMAND']],
    [
      'deleting an attribute',
      'virt-xml vm --edit --features xpath1.delete=./hyperv/spinlocks/@retries',
      ['INVALID_COMMAND'],
    ],
    ['a timer by number', 'virt-xml vm --edit --clock timer0.name=hypervclock,timer0.present=yes', ['INVALID_COMMAND']],
    ['no command at all', 'virsh start vm', ['UNREADABLE_INPUT']],
  ];
  it.each(findings)('reports %s', (_name, text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it('suggests the sub-option or element meant', () => {
    const notes = (text: string) => okValue(parseVirtXml(text)).diagnostics.flatMap((d) => d.notes ?? []);
    expect(notes('virt-xml vm --edit --features hyperv_relaxd=on')).toEqual([
      "did you mean 'hyperv_relaxed', 'hyperv_reset'?",
    ]);
    expect(notes('virt-xml vm --edit --features xpath1.set=./hyperv/vpindx/@state=on')).toEqual([
      "did you mean 'vpindex'?",
    ]);
    const several = okValue(
      parseVirtXml('virt-xml vm --edit --clock hypervclock_present=yes --features hyperv_relaxed=on'),
    ).diagnostics[0]!;
    expect(several.message).toContain(
      "Only one change operation may be specified (conflicting options ['--features', '--clock'])",
    );
  });

  it('reads virt-install too: every option at once, no action, with what virt-install adds for a Windows guest', () => {
    const text =
      'virt-install --name win11 --osinfo win11 --memory 4096 --features hyperv.synic.state=on,hyperv.vapic.state=on --clock offset=localtime,hypervclock_present=yes --panic model=hyperv --disk none --noautoconsole';
    expect(features(text)).toEqual({
      time: true,
      relaxed: true,
      vapic: true,
      spinlocks: 8191,
      synic: true,
      crash: true,
    });
    expect(codes(text)).toEqual(['VIRT_INSTALL_DEFAULT']);
    expect(okValue(parseVirtXml(text)).commands[0]!.domain).toBe('win11');
  });

  it('is what detection picks for virt-xml and virt-install text', () => {
    for (const text of [
      'virt-xml vm --edit --features hyperv_relaxed=on',
      'sudo virt-xml $VM --edit',
      '$ sudo virt-install --name x',
      '# comment\nvirt-xml vm --edit',
    ]) {
      expect(detectFormat(text)?.id, text).toBe('virt-xml');
    }
    expect(detectFormat('-cpu host,hv-relaxed=on')?.id).toBe('qemu');
  });

  // Detection skips splitting a text into commands when, without the quotes, backslashes and line
  // breaks the shell takes out of words, it names neither program. That must never miss a call the
  // split finds: the word may be quoted, escaped or continued over lines in any way.
  it('finds the calls splitting finds, however the program name is quoted, escaped or continued', () => {
    const bySplitting = (text: string) =>
      splitCommands(text).some((c) => findCalls(c.words).calls.length > 0)
        ? 4
        : /(^|\n)\s*(sudo\s+)?virt-(xml|install)\s/.test(text)
          ? 2
          : 0;
    const piece = fc.constantFrom(
      'virt-xml',
      'virt-install',
      'virt',
      '-',
      'xml',
      'install',
      'v',
      'i',
      'l',
      '/usr/bin/',
      'sudo ',
      ' ',
      '\n',
      '\r\n',
      '\\\n',
      '\\',
      "'",
      '"',
      '$',
      '#',
      ';',
      ' --edit',
      ' vm',
      ' --features hyperv.relaxed.state=on',
      'qemu-system-x86_64 -cpu host',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        expect(virtXmlFormat.detect(text), JSON.stringify(text)).toBe(bySplitting(text));
      }),
      { numRuns: 3000 },
    );
    for (const text of ['vi\\\nrt-xml vm --edit', '\'virt\'-"xml" vm --edit', 'sudo /usr/bin/virt-\\install --name x'])
      expect(virtXmlFormat.detect(text), text).toBe(4);
  });
});

describe('virt-xml fix words', () => {
  it('spells a change as the command that makes it, in the input style, on its domain', async () => {
    const { virtXmlFormat } = await import('../../src/formats/virt-xml/format.js');
    const legacy = virtXmlFormat.spellChange(
      okValue(parseVirtXml('virt-xml win11 --edit --features hyperv_relaxed=on')),
    );
    expect(legacy('synic', true)).toBe('run virt-xml win11 --edit --features hyperv_synic=on');
    expect(legacy('vpindex', true)).toBe('run virt-xml win11 --edit --features xpath1.set=./hyperv/vpindex/@state=on');
    expect(legacy('stimer', null)).toBe('run virt-xml win11 --edit --features xpath1.delete=./hyperv/stimer');
    expect(legacy('time', true)).toBe('run virt-xml win11 --edit --clock hypervclock_present=yes');
    expect(legacy('crash', null)).toBe('run virt-xml win11 --remove-device --panic model=hyperv');
    const modern = virtXmlFormat.spellChange(
      okValue(parseVirtXml('virt-xml "$VM" --edit --features hyperv.relaxed.state=on')),
    );
    expect(modern('spinlocks', 8191)).toBe(
      'run virt-xml "$VM" --edit --features hyperv.spinlocks.state=on,hyperv.spinlocks.retries=8191',
    );
    expect(modern('syndbg', true)).toMatch(/no virt-xml spelling/);
  });
});
