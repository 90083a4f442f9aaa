import { expect } from 'vitest';
import { XmlEditor, type XmlElement } from '../../../src/syntax/xml/index.js';
import { parseOk } from './helpers.js';

/** Parses, edits, checks the result parses again, and returns the edited text. */
export function edit(text: string, change: (ed: XmlEditor, root: XmlElement) => void): string {
  const doc = parseOk(text);
  const ed = new XmlEditor(doc);
  change(ed, doc.root);
  const out = ed.apply();
  expect(ed.reparse().ok).toBe(true);
  return out;
}

export const FOUR_SPACES = `<domain type='kvm'>
    <features>
        <acpi/>
        <hyperv mode='custom'>
            <relaxed state='on'/>
            <vapic state='on'/>
        </hyperv>
        <kvm>
            <hidden state='on'/>
        </kvm>
    </features>
</domain>
`;
