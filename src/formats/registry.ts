import type { FeatureId } from '../catalog/index.js';
import type { ConfigPiece, FormatEntry, FormatId } from './types.js';
import { piecesCap } from './types.js';
import { heredocPieces, withShellExpansions } from './pieces.js';
import { qemuFormat } from './qemu/format.js';
import { jsonFormat } from './json/format.js';
import { libvirtFormat } from './libvirt/format.js';
import { virtXmlFormat } from './virt-xml/format.js';
import { kubevirtFormat } from './kubevirt/format.js';
import { proxmoxFormat } from './proxmox/format.js';

/**
 * Every syntax enlighten reads or writes: one line each. The order is the order of detection's ties
 * and of every list shown to people.
 */
const REGISTERED = [qemuFormat, jsonFormat, virtXmlFormat, libvirtFormat, kubevirtFormat, proxmoxFormat] as const;

/** The ids of the registered formats: `FormatId` (src/formats/types.ts) is this type. */
export type RegisteredId = (typeof REGISTERED)[number]['id'];

export const FORMATS: readonly FormatEntry[] = REGISTERED;

export function getFormat(id: FormatId): FormatEntry | undefined {
  return FORMATS.find((f) => f.id === id);
}

/** The format of an id the types guarantee (a parsed configuration's, a rule target's). */
export function formatOf(id: FormatId): FormatEntry {
  const f = getFormat(id);
  if (!f) throw new Error(`no format ${id}`);
  return f;
}

/** The feature a name stands for in any syntax (a QEMU property, a libvirt element), the first syntax in registry order that knows it. */
export function featureNamed(name: string): FeatureId | undefined {
  for (const f of FORMATS) {
    const id = f.featureNamed?.(name);
    if (id) return id;
  }
  return undefined;
}

/** The syntax among `formats` the text is most likely in (ties to the first), or undefined. */
function bestOf(formats: readonly FormatEntry[], text: string): FormatEntry | undefined {
  let best: FormatEntry | undefined;
  let score = 0;
  for (const f of formats) {
    const s = f.detect(text);
    if (s > score) {
      best = f;
      score = s;
    }
  }
  return best;
}

/** The file ending of a name (`.xml`), lower case, or undefined. */
function endingOf(name: string): string | undefined {
  const m = /(\.[A-Za-z0-9]+)$/.exec(name);
  return m ? m[1]!.toLowerCase() : undefined;
}

/**
 * The syntax the text is most likely in, or undefined when no syntax recognises it. Given the
 * file's name, the syntaxes that claim its ending (`FormatEntry.extensions`) are asked first, and
 * the first of them that recognises the text wins: a domain file is not run through the shell
 * lexers of the command-line syntaxes. Only when none does are all asked.
 */
export function detectFormat(text: string, name?: string): FormatEntry | undefined {
  const ending = name ? endingOf(name) : undefined;
  if (ending) {
    const claimed = FORMATS.filter((f) => f.extensions?.includes(ending));
    const found = claimed.length ? bestOf(claimed, text) : undefined;
    if (found) return found;
  }
  return bestOf(FORMATS, text);
}

/**
 * What a text is when it is a document of a program enlighten reads but no VM configuration (a
 * libvirt network, a storage pool): `audit` skips such files and counts them. Undefined otherwise.
 */
export function otherDocument(text: string): string | undefined {
  for (const f of FORMATS) {
    const kind = f.otherDocument?.(text);
    if (kind) return kind;
  }
  return undefined;
}

/** What each syntax reads, for "no configuration found" messages. */
export const FORMAT_NAMES = Object.fromEntries(FORMATS.map((f) => [f.id, f.describes])) as Readonly<
  Record<FormatId, string>
>;

/** One configuration of a text that holds several, with its syntax. */
export interface FoundPiece {
  format: FormatEntry;
  piece: ConfigPiece;
}

/**
 * The configurations of a text, when it holds more than the one its syntax reads whole: the
 * syntax's own pieces (two domains, several QEMU commands) and the heredocs whose body another
 * syntax recognises. A text no syntax recognises may still hold one in a heredoc. Undefined when
 * the text is one configuration.
 */
export function findPieces(text: string, format: FormatEntry | undefined): FoundPiece[] | undefined {
  const raw = format ? format.split?.(text) : heredocPieces(text);
  if (!raw?.length) return undefined;
  const out: FoundPiece[] = [];
  if (raw.length > piecesCap(raw)) return raw.map((piece) => ({ format: format ?? FORMATS[0]!, piece }));
  for (const piece of raw) {
    if (!piece.embedded) {
      if (format) out.push({ format, piece });
      continue;
    }
    const found = detectFormat(piece.text());
    const expansions = piece.expansions;
    if (found?.document)
      out.push({
        format: found,
        piece: {
          ...piece,
          kind: `${FORMAT_NAMES[found.id]} in ${piece.kind}`,
          ...(expansions ? { read: (opts) => withShellExpansions(found.parse(piece.text(), opts), expansions) } : {}),
        },
      });
  }
  if (!out.length || (out.length === 1 && !out[0]!.piece.embedded && out[0]!.format === format)) return undefined;
  return out;
}
