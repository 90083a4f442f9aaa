import type { FeatureId } from '../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../catalog/index.js';
import { describeLibvirt } from './spellings.js';
import type { Io } from './io.js';
import { EXIT } from './io.js';
import type { CommandSpec } from './spec.js';
import { writeJson } from './common.js';
import { renderTable } from './table.js';

function listJson(id: FeatureId) {
  const d = CATALOG[id];
  return {
    id,
    qemu: d.qemu.name,
    qemuLegacy: d.qemu.legacy,
    aliases: d.qemu.aliases,
    libvirt: describeLibvirt(id),
    kind: d.kind,
    default: d.default,
    requires: d.requires,
    summary: d.summary,
    intelOnly: d.host.vendors?.length === 1 && d.host.vendors[0] === 'intel',
    nestedOnly: d.nestedOnly,
    blocksMigration: d.migration?.when ?? null,
    experimental: d.experimental === true,
    since: d.since,
  };
}

export async function runList(flags: { json?: boolean }, io: Io): Promise<number> {
  if (flags.json) {
    writeJson(io, PRINT_ORDER.map(listJson));
    return EXIT.OK;
  }
  const rows = PRINT_ORDER.map((id) => {
    const d = CATALOG[id];
    return [id, d.qemu.name, describeLibvirt(id) ?? '-', d.requires.join(', ') || '-', d.summary];
  });
  io.stdout(renderTable(['ID', 'QEMU', 'LIBVIRT', 'REQUIRES', 'SUMMARY'], rows));
  return EXIT.OK;
}

export const listCommand: CommandSpec = {
  name: 'list',
  summary: 'list every Hyper-V enlightenment QEMU knows',
  options: [{ flags: '--json', description: 'print an array of {id, qemu, requires, ...}' }],
  examples: ['enlighten list', "enlighten list --json | jq -r '.[].qemu'"],
  run: (_args, flags, io) => runList(flags as { json?: boolean }, io),
};
