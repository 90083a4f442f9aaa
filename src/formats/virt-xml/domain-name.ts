import { findChild, getTextContent, parseXml } from '../../syntax/xml/index.js';

/** The `<name>` of a libvirt domain XML, or undefined when the text is not one. */
export function domainNameOf(xml: string): string | undefined {
  const parsed = parseXml(xml);
  if (!parsed.ok || parsed.doc.root.name !== 'domain') return undefined;
  const name = findChild(parsed.doc.root, 'name');
  const text = name ? getTextContent(name).trim() : '';
  return text || undefined;
}
