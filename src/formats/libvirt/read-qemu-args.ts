import { cite, sourceNote } from '../../catalog/index.js';
import type { Span } from '../../diagnostics/index.js';
import { parseCpuValue, printQemuItems } from '../../syntax/qemu-cpu/index.js';
import type { XmlElement } from '../../syntax/xml/index.js';
import { getAttribute, getChildElements } from '../../syntax/xml/index.js';
import type { ReadState } from './read-state.js';

/** libvirt's namespace for QEMU pass-through (docs/drvqemu.rst); the prefix is whatever the domain binds to it. */
const QEMU_NS = 'http://libvirt.org/schemas/domain/qemu/1.0';
const CPU_OPTIONS = ['-cpu', '--cpu'];

/** A `-cpu` value given in `<qemu:commandline>`: libvirt appends it after its own -cpu, and QEMU uses the last one. */
export interface CpuOverride {
  value: string;
  /** From the `-cpu` argument to its value. */
  span: Span;
}

/** The prefix the domain binds to libvirt's QEMU namespace (`xmlns:qemu=...`), if any. */
function qemuPrefix(domain: XmlElement): string | undefined {
  const attr = domain.attributes.find((a) => a.name.startsWith('xmlns:') && getAttribute(domain, a.name) === QEMU_NS);
  return attr?.name.slice('xmlns:'.length);
}

/**
 * Reads the `-cpu` arguments of `<qemu:commandline>` and reports that they override libvirt's own
 * -cpu (measured with libvirt 9.0's domxml-to-native: the `<qemu:arg>` values come after libvirt's
 * arguments, so the command line has two -cpu and QEMU keeps the last). `<qemu:override>` changes
 * only properties of the `-device` arguments libvirt writes at start (drvqemu.rst); the CPU is
 * `-cpu`, and hotpluggable vCPUs are added later by QMP, so it cannot touch the CPU (measured: a
 * `vcpu1` override appears nowhere on the command line) and is not read.
 */
export function readCpuOverrides(domain: XmlElement, state: ReadState): CpuOverride[] {
  const prefix = qemuPrefix(domain);
  if (!prefix) return [];
  const args = getChildElements(domain)
    .filter((e) => e.name === `${prefix}:commandline`)
    .flatMap((c) => getChildElements(c).filter((a) => a.name === `${prefix}:arg`));
  const out: CpuOverride[] = [];
  args.forEach((arg, i) => {
    const next = args[i + 1];
    const value = next ? getAttribute(next, 'value') : undefined;
    if (!CPU_OPTIONS.includes(getAttribute(arg, 'value') ?? '') || value === undefined || !next) return;
    out.push({ value, span: { start: arg.span.start, end: next.span.end } });
  });
  const last = out[out.length - 1];
  if (last) report(last, prefix, state);
  return out;
}

function report(override: CpuOverride, prefix: string, state: ReadState): void {
  const cpu = parseCpuValue(override.value, () => ({ start: override.span.start, end: override.span.end }));
  const items = printQemuItems(cpu.set);
  const source = cite(
    ['libvirtQemuNs', 'qemu:commandline'],
    ['repoLibvirtNative', "domxml-to-native: the <qemu:arg> -cpu comes after libvirt's"],
  );
  state.report(
    'LIBVIRT_CPU_OVERRIDDEN',
    `<${prefix}:commandline> adds -cpu ${override.value} after libvirt's own -cpu; QEMU uses the last one, so the <hyperv> section (and every other -cpu item libvirt writes) does not take effect`,
    override.span,
    {
      notes: [
        `what takes effect: ${items.length ? items.join(', ') : 'no Hyper-V enlightenment'}${cpu.model ? ` on CPU model ${cpu.model}` : ''} (from the override)`,
        `remove the <${prefix}:arg value='-cpu'/> pair to let <hyperv> decide, or write every enlightenment into the override`,
        sourceNote(source),
      ],
    },
  );
}
