import { describe, expect, it } from 'vitest';
import { find, findChild, XmlEditConflictError, XmlEditor, XmlValueError } from '../../../src/syntax/xml/index.js';
import { edit, FOUR_SPACES } from './edit-helpers.js';
import { FIXTURES, parseOk, readText } from './helpers.js';

describe('line endings and indentation of the file', () => {
  it('keeps a CRLF file CRLF', () => {
    const text = readText(`${FIXTURES}crlf.xml`);
    const out = edit(text, (ed, root) => {
      const hyperv = find(root, 'features/hyperv')!;
      ed.appendChild(hyperv, { name: 'vapic', attributes: { state: 'on' } });
      ed.appendChild(findChild(root, 'features')!, {
        name: 'kvm',
        children: [{ name: 'hidden', attributes: { state: 'on' } }],
      });
      ed.removeElement(find(root, 'features/acpi')!);
    });
    expect(out).toBe(
      "<domain type='kvm'>\r\n  <name>crlf</name>\r\n  <features>\r\n    <hyperv mode='custom'>\r\n      <relaxed state='on'/>\r\n" +
        "      <spinlocks state='on' retries='8191'/>\r\n      <vapic state='on'/>\r\n    </hyperv>\r\n" +
        "    <kvm>\r\n      <hidden state='on'/>\r\n    </kvm>\r\n  </features>\r\n</domain>\r\n",
    );
    expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('keeps a tab-indented file tab-indented', () => {
    const text = readText(`${FIXTURES}tabs.xml`);
    const out = edit(text, (ed, root) => {
      ed.appendChild(find(root, 'features/hyperv')!, {
        name: 'stimer',
        attributes: { state: 'on' },
        children: [{ name: 'direct', attributes: { state: 'on' } }],
      });
      ed.appendChild(parseOk(text).root, { name: 'clock' });
    });
    expect(out).toBe(
      "<domain type='kvm'>\n\t<name>tabs</name>\n\t<features>\n\t\t<acpi/>\n\t\t<hyperv mode='custom'>\n\t\t\t<relaxed state='on'/>\n" +
        "\t\t\t<spinlocks state='on' retries='8191'/>\n\t\t\t<stimer state='on'>\n\t\t\t\t<direct state='on'/>\n\t\t\t</stimer>\n\t\t</hyperv>\n\t</features>\n\t<clock/>\n</domain>\n",
    );
  });

  it('uses a 3-space unit for a new nested level in a 3-space file', () => {
    const text = readText(`${FIXTURES}three-spaces.xml`);
    const out = edit(text, (ed, root) => ed.appendChild(find(root, 'features/acpi')!, { name: 'x' }));
    expect(out).toContain('      <acpi>\n         <x/>\n      </acpi>\n      <apic/>');
  });
});

describe('composition and conflicts', () => {
  it('applies many edits in offset order, whatever order they were made in', () => {
    const out = edit(FOUR_SPACES, (ed, root) => {
      ed.removeElement(find(root, 'features/kvm/hidden')!);
      ed.setAttribute(root, 'type', 'qemu');
      ed.appendChild(find(root, 'features/hyperv')!, { name: 'vpindex', attributes: { state: 'on' } });
      ed.insertBefore(find(root, 'features/acpi')!, { name: 'pae' });
    });
    expect(out).toBe(`<domain type='qemu'>
    <features>
        <pae/>
        <acpi/>
        <hyperv mode='custom'>
            <relaxed state='on'/>
            <vapic state='on'/>
            <vpindex state='on'/>
        </hyperv>
        <kvm>
        </kvm>
    </features>
</domain>
`);
  });

  it('throws on overlapping edits (a bug in the caller)', () => {
    const doc = parseOk(FOUR_SPACES);
    const hyperv = find(doc.root, 'features/hyperv')!;
    const ed = new XmlEditor(doc).setAttribute(hyperv, 'mode', 'passthrough').removeElement(hyperv);
    expect(() => ed.apply()).toThrow(XmlEditConflictError);
  });

  it('rejects markup that is not well-formed and names the problem', () => {
    const doc = parseOk('<a/>');
    expect(() => new XmlEditor(doc).appendChild(doc.root, '<b>')).toThrow(/not well-formed XML: expected <\/b>/);
    expect(() => new XmlEditor(doc).appendChild(doc.root, { name: '1bad' })).toThrow(XmlValueError);
    expect(() => new XmlEditor(doc).setAttribute(doc.root, 'x', 'nul\u0000')).toThrow(XmlValueError);
  });

  it('refuses elements from another parse, and a second root', () => {
    const before = parseOk('<a>\n  <b/>\n</a>');
    const after = parseOk('<a>\n  <c x="1"/>\n  <b/>\n</a>');
    expect(() => new XmlEditor(after).removeElement(findChild(before.root, 'b')!)).toThrow(/does not belong/);
    expect(() => new XmlEditor(after).insertBefore(after.root, { name: 'z' })).toThrow(XmlValueError);
    expect(new XmlEditor(after).replaceElement(after.root, { name: 'z' }).apply()).toBe('<z/>');
  });

  it('leaves the text untouched with no edits', () => {
    const text = readText(`${FIXTURES}comments-everywhere.xml`);
    const doc = parseOk(text);
    expect(new XmlEditor(doc).apply()).toBe(text);
  });
});
