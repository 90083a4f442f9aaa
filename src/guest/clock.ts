import type { Evidence } from './parse-evidence.js';

/** Linux clocksource names and what their use says about the guest's enlightenments. */
const LINUX: Record<string, string> = {
  hyperv_clocksource_tsc_page: "Hyper-V's reference TSC page (hv-time is there and Linux uses it)",
  hyperv_clocksource_msr: "Hyper-V's reference counter MSR (hv-time without the TSC page)",
  'kvm-clock': "KVM's own paravirtual clock (kvmclock), as a KVM guest does",
  tsc: 'the TSC directly (the host gave a stable, invariant TSC)',
  hpet: 'the HPET: slow to read, every read exits to the host',
  acpi_pm: 'the ACPI PM timer: slow to read, every read exits to the host',
};

/** Windows: QueryPerformanceCounter's frequency says which counter backs it. */
const WINDOWS: Record<string, string> = {
  '10000000':
    'QueryPerformanceCounter ticks at 10 MHz: the Hyper-V reference time (hv-time) or an invariant TSC, which Windows 10 and later also scale to 10 MHz',
  '14318180':
    'QueryPerformanceCounter runs on the HPET (14.318 MHz): hv-time is not in use, and every read exits to the host',
  '3579545':
    'QueryPerformanceCounter runs on the ACPI PM timer (3.58 MHz): hv-time is not in use, and every read exits to the host',
};

/** What the clock evidence means, or null when there is none. */
export function describeClock(ev: Evidence): string | null {
  const current = ev.clocksource.current;
  if (current) return `${current}: ${LINUX[current] ?? 'a clocksource enlighten has no note for'}`;
  const qpc = ev.meta['qpc-frequency'];
  if (qpc) return WINDOWS[qpc] ?? `QueryPerformanceCounter ticks at ${qpc} Hz: a TSC-based counter`;
  return null;
}
