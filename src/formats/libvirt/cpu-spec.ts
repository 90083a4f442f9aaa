import type { CpuRequest } from '../types.js';
import type { XmlElementSpec } from '../../syntax/xml/index.js';

/**
 * The `<cpu>` element for a CPU request, as virt-install writes it (attributes mode, match, check,
 * migratable; `<model fallback vendor_id>`, `<cache>`, then `<feature policy name>` in order).
 */
export function cpuSpec(cpu: CpuRequest): XmlElementSpec {
  const attributes: [string, string][] = [['mode', cpu.mode]];
  if (cpu.match) attributes.push(['match', cpu.match]);
  if (cpu.check) attributes.push(['check', cpu.check]);
  if (cpu.migratable) attributes.push(['migratable', cpu.migratable]);
  const children: XmlElementSpec[] = [];
  if (cpu.model) {
    const modelAttributes: [string, string][] = [];
    if (cpu.fallback) modelAttributes.push(['fallback', cpu.fallback]);
    if (cpu.vendorId) modelAttributes.push(['vendor_id', cpu.vendorId]);
    children.push({ name: 'model', attributes: modelAttributes, children: [cpu.model] });
  }
  if (cpu.cache)
    children.push({
      name: 'cache',
      attributes: [
        ...(cpu.cache.level ? [['level', cpu.cache.level] as [string, string]] : []),
        ['mode', cpu.cache.mode],
      ],
    });
  for (const f of cpu.features)
    children.push({
      name: 'feature',
      attributes: [
        ['policy', f.policy],
        ['name', f.name],
      ],
    });
  return { name: 'cpu', attributes, children };
}
