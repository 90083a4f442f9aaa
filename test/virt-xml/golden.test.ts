// Golden outputs: printed plans (test/golden/virt-xml-plans.txt), parse findings as code frames
// (virt-xml-parse.txt) and the CLI (virt-xml-*.txt). UPDATE_GOLDEN=1 rewrites them; read the diff.
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../../src/diagnostics/index.js';
import { toJsonSet } from '../../src/model/index.js';
import { parseVirtXml, printVirtXmlCommands } from '../../src/formats/virt-xml/index.js';
import { goldenText, readGolden, runCapture } from '../support/run-cli.js';
import { GOLDEN_PLANS, seedBlogCommands } from './sets.js';
import { okValue } from '../support/parse-result.js';

function planText(): string {
  const out: string[] = [];
  for (const [name, from, to, opts] of GOLDEN_PLANS) {
    const plan = printVirtXmlCommands(from, to, opts);
    out.push(
      `## ${name}`,
      `from ${JSON.stringify(toJsonSet(from))}`,
      `to   ${JSON.stringify(toJsonSet(to))}`,
      `opts ${JSON.stringify(opts)}`,
      '',
    );
    out.push(...(plan.commands.length ? plan.commands : ['(no command)']));
    for (const d of plan.diagnostics) out.push(`# ${d.severity}[${d.code}] ${d.message}`);
    out.push(`# intended ${JSON.stringify(toJsonSet(plan.intended))}`, '');
  }
  return out.join('\n');
}

const PARSES: [string, string][] = [
  ["the blog's commands, as the seed holds them", seedBlogCommands()],
  [
    'several change options, a misspelt sub-option, a bad value',
    'sudo virt-xml win11 --edit --features hyperv_relaxd=on,hyperv_vapic=maybe --clock hypervclock_present=yes',
  ],
  [
    'xpath mistakes',
    `virt-xml win11 --edit --features 'xpath1.set=./hyperv/vpindx/@state=on,xpath2.set=./hyperv/synic/@state=yes,xpath3.delete=./hyperv/spinlocks/@retries'`,
  ],
  [
    'spinlocks without retries, and no action',
    'virt-xml win11 --features hyperv.spinlocks.state=on\nvirt-xml win11 --edit --add-device --panic hyperv',
  ],
];

function parseText(): string {
  const out: string[] = [];
  for (const [name, text] of PARSES) {
    const parsed = okValue(parseVirtXml(text));
    out.push(`## ${name}`, text, '', `set ${JSON.stringify(toJsonSet(parsed.set))} (style ${parsed.style})`, '');
    for (const d of parsed.diagnostics) out.push(renderDiagnostic(d, text, { sourceName: '<input>' }), '');
  }
  return out.join('\n');
}

const CLI: [string, string[]][] = [
  [
    'virt-xml-convert-legacy',
    [
      'convert',
      '--to',
      'virt-xml',
      '--style',
      'legacy',
      "-cpu 'host,hv_relaxed,hv_vapic,hv_spinlocks=0x1fff,hv_time,hv_vpindex,hv_synic,hv_stimer,hv_vendor_id=KVM Hv,hv_crash'",
    ],
  ],
  [
    'virt-xml-convert-modern',
    [
      'convert',
      '--to',
      'virt-xml',
      "-cpu 'host,hv_relaxed,hv_vapic,hv_spinlocks=0x1fff,hv_time,hv_vpindex,hv_synic,hv_stimer,hv_vendor_id=KVM Hv,hv_crash'",
    ],
  ],
  [
    'virt-xml-convert-not-expressible',
    ['convert', '--to', 'virt-xml', 'host,hv-relaxed=on,hv-syndbg=on,hv-stimer-direct=on,hv-version-id-build=7'],
  ],
  [
    'virt-xml-convert-from-libvirt',
    ['convert', '--to', 'virt-xml', '--style', 'legacy', 'test/virt-xml/fixtures/win10-stimer.xml'],
  ],
  ['virt-xml-convert-to-qemu', ['convert', '--to', 'qemu', seedBlogCommands()]],
  [
    'virt-xml-convert-to-json',
    [
      'convert',
      '--to',
      'json',
      'virt-install --name w --features hyperv.synic.state=on,hyperv_spinlocks=on,hyperv_spinlocks_retries=8191 --clock hypervclock_present=yes',
    ],
  ],
  ['virt-xml-check-seed', ['check', seedBlogCommands().replace('  sudo', '\nsudo')]],
  [
    'virt-xml-check-errors',
    ['check', 'virt-xml win11 --edit --features hyperv_relaxd=on --clock hypervclock_present=yes'],
  ],
  ['virt-xml-check-json', ['check', '--json', 'virt-xml win11 --edit --features hyperv_relaxd=on']],
];

describe('virt-xml golden output', () => {
  it('printed plans', () => {
    const text = planText();
    expect(text).toBe(readGolden('virt-xml-plans', text));
  });

  it('parse findings', () => {
    const text = parseText();
    expect(text).toBe(readGolden('virt-xml-parse', text));
  });

  it.each(CLI)('%s', async (name, argv) => {
    const run = await runCapture(argv);
    const text = goldenText(run, argv);
    expect(text).toBe(readGolden(name, text));
  });
});
