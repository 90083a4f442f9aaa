import type { XmlDocument } from './tree.js';

/** Prints a parsed document: its original text, byte for byte. Edited text comes from `XmlEditor.apply()`. */
export function printXml(doc: XmlDocument): string {
  return doc.text;
}
