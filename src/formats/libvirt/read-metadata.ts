/**
 * The guest OS a domain names in its `<metadata>`: virt-install, virt-manager and GNOME Boxes write
 * `<libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0">` with an
 * `<libosinfo:os id="http://microsoft.com/win/11"/>` inside. The prefix is whatever the document
 * binds to that namespace (libvirt keeps metadata elements by namespace, not by prefix), so names
 * are resolved through the `xmlns` declarations in scope. `<os><type>` says only `hvm`, which is
 * no guest OS, so nothing else is read.
 */
import { findOsByLibosinfoId } from '../../model/os-table.js';
import type { GuestOsFact } from '../types.js';
import type { XmlElement } from '../../syntax/xml/index.js';
import { findChild, getAttributeNode, getChildElements } from '../../syntax/xml/index.js';
import type { ReadState } from './read-state.js';

export const LIBOSINFO_NS = 'http://libosinfo.org/xmlns/libvirt/domain/1.0';

/** Namespace URIs by prefix ('' for the default namespace). */
type Scope = ReadonlyMap<string, string>;

function scopeOf(el: XmlElement, outer: Scope): Scope {
  let scope: Map<string, string> | undefined;
  for (const a of el.attributes) {
    if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) continue;
    scope ??= new Map(outer);
    scope.set(a.name === 'xmlns' ? '' : a.name.slice(6), a.value);
  }
  return scope ?? outer;
}

/** True when the element is `local` in the libosinfo namespace, whatever its prefix. */
function isLibosinfo(el: XmlElement, scope: Scope, local: string): boolean {
  const colon = el.name.indexOf(':');
  const prefix = colon < 0 ? '' : el.name.slice(0, colon);
  return el.name.slice(colon + 1) === local && scope.get(prefix) === LIBOSINFO_NS;
}

/** The libosinfo guest OS of a `<domain>`, mapped through the OS table; an id no entry matches is kept and reported. */
export function readGuestOs(domain: XmlElement, state: ReadState): GuestOsFact | undefined {
  const metadata = findChild(domain, 'metadata');
  if (!metadata) return undefined;
  const inMetadata = scopeOf(metadata, scopeOf(domain, new Map()));
  for (const holder of getChildElements(metadata)) {
    const inHolder = scopeOf(holder, inMetadata);
    if (!isLibosinfo(holder, inHolder, 'libosinfo')) continue;
    for (const os of getChildElements(holder)) {
      if (!isLibosinfo(os, scopeOf(os, inHolder), 'os')) continue;
      const id = getAttributeNode(os, 'id');
      if (!id?.value.trim()) continue;
      const entry = findOsByLibosinfoId(id.value);
      const span = { start: id.span.start, end: id.span.end };
      if (!entry) {
        state.report(
          'GUEST_OS_UNKNOWN',
          `the domain's libosinfo metadata names the guest OS ${id.value}, which no enlighten preset matches`,
          span,
          {
            notes: [
              'checks that depend on the guest (stimer for Windows 10 and later...) are left out; give --os to choose one',
            ],
          },
        );
      }
      // Two literals rather than a spread of a conditional object: the spread took a slow path
      // (2 microseconds a domain, profiled over 10,000 files).
      return entry
        ? { id: entry.id, name: entry.name, libosinfo: id.value, source: 'libosinfo', span }
        : { libosinfo: id.value, source: 'libosinfo', span };
    }
  }
  return undefined;
}
