import { ruleTable } from './table.js';

ruleTable('migration', [
  { name: 'passthrough with --migratable', features: {}, mode: 'passthrough', options: { migratable: true }, code: 'MIGRATION_BLOCKER', trigger: true, severity: 'error', feature: 'passthrough', says: /blocks live migration/, fixes: true },
  { name: 'passthrough, not migratable', features: {}, mode: 'passthrough', code: 'MIGRATION_BLOCKER', trigger: false },
  { name: 'passthrough in a domain marked migratable', features: {}, mode: 'passthrough', ctx: { migratable: true }, code: 'MIGRATION_BLOCKER', trigger: true, syntaxes: ['libvirt'] },
  { name: 'coresharing auto with --migratable', features: { relaxed: true, 'no-nonarch-coresharing': 'auto' }, options: { migratable: true }, code: 'MIGRATION_BLOCKER', trigger: true, feature: 'no-nonarch-coresharing', syntaxes: ['qemu', 'json'] },
  { name: 'coresharing on with --migratable', features: { relaxed: true, 'no-nonarch-coresharing': true }, options: { migratable: true }, code: 'MIGRATION_BLOCKER', trigger: false, syntaxes: ['qemu', 'json'] },
  { name: 'reenlightenment without tsc-frequency', features: { frequencies: true, reenlightenment: true }, options: { migratable: true }, code: 'MIGRATION_BLOCKER', trigger: true, feature: 'reenlightenment', says: /can make live migration fail/, fixes: true },
  { name: 'reenlightenment with a fixed tsc-frequency', features: { frequencies: true, reenlightenment: true }, options: { migratable: true }, ctx: { tscFrequency: 2400000000 }, code: 'MIGRATION_BLOCKER', trigger: false, syntaxes: ['qemu', 'libvirt'] },
  { name: 'reenlightenment, not migratable', features: { frequencies: true, reenlightenment: true }, code: 'MIGRATION_BLOCKER', trigger: false },
]);
