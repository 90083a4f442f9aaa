import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeGuest } from '../../src/guest/decode.js';
import { LINUX_GUEST_SCRIPT } from '../../src/guest/scripts/linux.js';
import { WINDOWS_GUEST_SCRIPT } from '../../src/guest/scripts/windows.js';

const dir = mkdtempSync(join(tmpdir(), 'enlighten-guest-'));
const script = join(dir, 'enlighten-guest.sh');
writeFileSync(script, LINUX_GUEST_SCRIPT);
const shells = ['/bin/sh', '/bin/dash', '/bin/bash'].filter((s) => existsSync(s));

describe('the Linux guest script, run for real on this machine (a KVM guest)', () => {
  it.each(shells)('runs under %s and decodes to "KVM, no Hyper-V identification"', (shell) => {
    const out = execFileSync(shell, [script], { encoding: 'utf8', timeout: 30_000 });
    expect(out).toMatch(/^# enlighten-guest-report: 1\n# os: linux\n/);
    expect(out).toMatch(/\n\[cpuid\]\n# cpuid-source: /);
    const g = decodeGuest(out);
    expect(g).toMatchObject({
      evidence: 'cpuid',
      identification: 'none',
      summary: 'KVM, no Hyper-V identification',
      features: [],
    });
    expect(g.clock.current).toBeTruthy();
    expect(g.clock.available!.length).toBeGreaterThan(0);
  });
  it('is POSIX sh that dash accepts', () => {
    if (!existsSync('/bin/dash')) return;
    execFileSync('/bin/dash', ['-n', script]);
  });
});

describe('the Windows guest script (no PowerShell in Debian: checked by its text, its output by fixtures)', () => {
  it('reads every leaf decode needs and prints lines the table reader accepts', () => {
    for (const leaf of ['0x40000000..0x4000000A', '0x40000080', '0x40000081', '0x40000082', '0x40000100', '0x40000101'])
      expect(WINDOWS_GUEST_SCRIPT).toContain(leaf);
    expect(WINDOWS_GUEST_SCRIPT).toContain(
      "'0x{0:x8} 0x{1:x8} 0x{2:x8} 0x{3:x8} 0x{4:x8}' -f $leaf, $r[0], $r[1], $r[2], $r[3]",
    );
    expect(WINDOWS_GUEST_SCRIPT).toContain("'qpc-frequency: ' + [System.Diagnostics.Stopwatch]::Frequency");
    // What .NET's x8 format gives for the worked example's leaf 3 (negative ints print as two's complement).
    const line = `0x${(0x40000003).toString(16).padStart(8, '0')} 0x00000aff 0x00000030 0x00000000 0x00000108`;
    expect(
      decodeGuest(`[cpuid]\n0x40000000 0x40000005 0x7263694d 0x666f736f 0x76482074\n${line}\n`).features,
    ).toContain('frequencies');
  });
  it('carries the x64 CPUID stub byte for byte: push rbx; mov eax,ecx; mov ecx,edx; cpuid; 4 stores through r8; pop rbx; ret', () => {
    const bytes = /byte\[\] code = \{([^}]*)\}/
      .exec(WINDOWS_GUEST_SCRIPT)![1]!
      .split(',')
      .map((b) => Number(b.trim()));
    expect(bytes).toEqual([
      0x53, 0x89, 0xc8, 0x89, 0xd1, 0x0f, 0xa2, 0x41, 0x89, 0x00, 0x41, 0x89, 0x58, 0x04, 0x41, 0x89, 0x48, 0x08, 0x41,
      0x89, 0x50, 0x0c, 0x5b, 0xc3,
    ]);
  });
  it('prefers X86Base.CpuId (PowerShell 7.1+) and falls back to Add-Type on Windows PowerShell 5.1', () => {
    expect(WINDOWS_GUEST_SCRIPT.indexOf('System.Runtime.Intrinsics.X86.X86Base')).toBeLessThan(
      WINDOWS_GUEST_SCRIPT.indexOf('Add-Type'),
    );
    expect(WINDOWS_GUEST_SCRIPT).toContain('Is64BitProcess');
  });
});
