// Checking a -cpu value: `enlighten check` against asking QEMU itself (start paused, quit over QMP),
// which is what users otherwise do. QEMU answers only "starts or not", one problem at a time,
// and cannot check dependencies under TCG; enlighten reports every problem with its fix.
import { compare, fmt } from './lib.mjs';

const CLI = new URL('../bin/enlighten.cjs', import.meta.url).pathname;
const VALUE =
  'qemu64,hv-relaxed=on,hv-vapic=on,hv-spinlocks=0x1fff,hv-runtime=on,hv-synic=on,hv-stimer=on,hv-time=on,hv-frequencies=on,hv-ipi=on';
const QUIT = '{"execute":"qmp_capabilities"}\n{"execute":"quit"}\n';

export function versusQemu(rounds = 20) {
  const [qemu, check] = compare(
    [
      {
        name: 'qemu-system-x86_64 -S, quit',
        cmd: 'qemu-system-x86_64',
        args: [
          '-machine',
          'none,accel=tcg',
          '-cpu',
          `${VALUE},apic-id=0`,
          '-nodefaults',
          '-display',
          'none',
          '-S',
          '-qmp',
          'stdio',
        ],
        opts: { input: QUIT },
        expectStatus: 0,
      },
      { name: 'enlighten check', cmd: process.execPath, args: [CLI, 'check', VALUE] },
    ],
    rounds,
  );
  return {
    title: 'checking a -cpu value: enlighten check vs starting QEMU',
    rows: [
      [qemu.name, fmt(qemu.median)],
      [check.name, fmt(check.median)],
    ],
    summary: `enlighten at ${(check.median / qemu.median).toFixed(2)} of QEMU's time, and it also checks dependencies, which QEMU under TCG does not`,
  };
}
