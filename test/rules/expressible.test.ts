import { ruleTable } from './table.js';

ruleTable('expressible in the target syntax', [
  {
    name: 'a version id written for libvirt',
    features: { relaxed: true, 'version-id-build': 7100 },
    options: { target: 'libvirt' },
    code: 'NOT_EXPRESSIBLE',
    trigger: true,
    severity: 'warning',
    feature: 'version-id-build',
    fixes: true,
    syntaxes: ['qemu', 'json'],
  },
  {
    name: 'syndbg written for virt-xml',
    features: { relaxed: true, vpindex: true, synic: true, syndbg: true },
    options: { target: 'virt-xml' },
    code: 'NOT_EXPRESSIBLE',
    trigger: true,
    feature: 'syndbg',
    syntaxes: ['qemu', 'json'],
  },
  {
    name: 'a version id for QEMU',
    features: { relaxed: true, 'version-id-build': 7100 },
    code: 'NOT_EXPRESSIBLE',
    trigger: false,
    syntaxes: ['qemu', 'json'],
  },
  {
    name: 'relaxed written for libvirt',
    features: { relaxed: true },
    options: { target: 'libvirt' },
    code: 'NOT_EXPRESSIBLE',
    trigger: false,
  },
]);
