import type { FormatEntry, FormatId } from './types.js';
import { qemuFormat } from './qemu/format.js';
import { jsonFormat } from './json/format.js';
import { libvirtFormat } from './libvirt/format.js';
import { virtXmlFormat } from './virt-xml/format.js';

/** Every syntax enlighten reads or writes: one line each. */
export const FORMATS: FormatEntry[] = [qemuFormat, jsonFormat, virtXmlFormat, libvirtFormat];

export function getFormat(id: FormatId): FormatEntry | undefined {
  return FORMATS.find((f) => f.id === id);
}

/** The syntax the text is most likely in. */
export function detectFormat(text: string): FormatEntry {
  let best = FORMATS[0]!;
  let score = -1;
  for (const f of FORMATS) {
    const s = f.detect(text);
    if (s > score) {
      best = f;
      score = s;
    }
  }
  return best;
}
