/**
 * A small, position-keeping, lossless XML parser and editor for libvirt domain XML.
 *
 *     const result = parseXml(text);
 *     if (!result.ok) return result.diagnostics;      // never throws on input
 *     const editor = new XmlEditor(result.doc);
 *     editor.appendChild(find(result.doc.root, 'features/hyperv')!, { name: 'relaxed', attributes: { state: 'on' } });
 *     const edited = editor.apply();                 // every other byte unchanged
 *
 * No DTD is ever read (XML_DTD_REFUSED), so no entity is ever expanded.
 */
export type {
  Span,
  XmlAttribute,
  XmlCData,
  XmlComment,
  XmlDeclaration,
  XmlDocument,
  XmlElement,
  XmlNode,
  XmlProcessingInstruction,
  XmlQuote,
  XmlText,
  XmlTopNode,
} from './tree.js';
export {
  XML_CODES,
  formatPosition,
  offsetToLineColumn,
  type LineColumn,
  type XmlCode,
  type XmlDiagnostic,
  type XmlSeverity,
} from './diagnostics.js';
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  parseXml,
  type ParseXmlOptions,
  type XmlParseResult,
} from './parse.js';
export { printXml } from './print.js';
export { XmlEditor, type XmlInsert } from './editor.js';
export { applyEdits, XmlEditConflictError, type TextEdit } from './apply-edits.js';
export { DEFAULT_STYLE, detectQuote, detectStyle, type XmlNewline, type XmlStyle } from './detect-style.js';
export { escapeAttributeValue, escapeText, XmlValueError } from './escape.js';
export { reindentMarkup, serializeElement, type SerializeOptions, type XmlElementSpec } from './serialize.js';
export {
  find,
  findAll,
  findChild,
  findChildren,
  findParent,
  getAttribute,
  getAttributeNode,
  getChildElements,
  getTextContent,
  walkElements,
} from './query.js';
