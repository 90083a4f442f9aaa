import type { FeatureId } from '../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../catalog/index.js';
import { FORMATS } from '../formats/registry.js';
import type { Io } from './io.js';
import { EXIT } from './io.js';
import { jsonOption } from './options.js';
import type { CommandSpec } from './spec.js';
import { writeJson } from './common.js';
import { renderTable } from './table.js';

/** The syntaxes that can say where a feature lives in their documents (libvirt: `hyperv/stimer/direct`): one column each. */
const PLACES = FORMATS.filter((f) => f.locate);

function listJson(id: FeatureId) {
  const d = CATALOG[id];
  return {
    id,
    qemu: d.qemu.name,
    qemuLegacy: d.qemu.legacy,
    aliases: d.qemu.aliases,
    ...Object.fromEntries(PLACES.map((f) => [f.id, f.locate!(id)])),
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
    return [id, d.qemu.name, ...PLACES.map((f) => f.locate!(id) ?? '-'), d.requires.join(', ') || '-', d.summary];
  });
  io.stdout(renderTable(['ID', 'QEMU', ...PLACES.map((f) => f.id.toUpperCase()), 'REQUIRES', 'SUMMARY'], rows));
  return EXIT.OK;
}

export const listCommand: CommandSpec = {
  name: 'list',
  summary: 'list every Hyper-V enlightenment QEMU knows',
  options: [jsonOption('print an array of {id, qemu, requires, ...}')],
  examples: ['enlighten list', "enlighten list --json | jq -r '.[].qemu'"],
  run: (_args, flags, io) => runList(flags as { json?: boolean }, io),
};
