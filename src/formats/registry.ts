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

/** The syntax the text is most likely in, or undefined when no syntax recognises it. */
export function detectFormat(text: string): FormatEntry | undefined {
  let best: FormatEntry | undefined;
  let score = 0;
  for (const f of FORMATS) {
    const s = f.detect(text);
    if (s > score) {
      best = f;
      score = s;
    }
  }
  return best;
}

/** What each syntax reads, for "no configuration found" messages. */
export const FORMAT_NAMES: Readonly<Record<FormatId, string>> = {
  qemu: 'a QEMU -cpu value or command line',
  json: "enlighten's JSON",
  'virt-xml': 'virt-xml or virt-install commands',
  libvirt: 'libvirt domain XML',
};
