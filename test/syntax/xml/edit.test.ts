import { describe, expect, it } from 'vitest';
import { find, findChild, getAttribute, XmlEditor, XmlValueError } from '../../../src/syntax/xml/index.js';
import { edit, FOUR_SPACES } from './edit-helpers.js';
import { FIXTURES, parseOk, readText } from './helpers.js';

describe('appendChild', () => {
  it('adds a child to an existing <hyperv> indented with 4 spaces', () => {
    const out = edit(FOUR_SPACES, (ed, root) => {
      ed.appendChild(find(root, 'features/hyperv')!, {
        name: 'spinlocks',
        attributes: { state: 'on', retries: '8191' },
      });
    });
    expect(out).toBe(`<domain type='kvm'>
    <features>
        <acpi/>
        <hyperv mode='custom'>
            <relaxed state='on'/>
            <vapic state='on'/>
            <spinlocks state='on' retries='8191'/>
        </hyperv>
        <kvm>
            <hidden state='on'/>
        </kvm>
    </features>
</domain>
`);
  });

  it('adds <hyperv> with children to a self-closing <features/>', () => {
    const text = "<domain type='kvm'>\n  <name>w</name>\n  <features/>\n</domain>\n";
    const out = edit(text, (ed, root) => {
      ed.appendChild(findChild(root, 'features')!, {
        name: 'hyperv',
        attributes: { mode: 'custom' },
        children: [
          { name: 'relaxed', attributes: { state: 'on' } },
          { name: 'vapic', attributes: { state: 'on' } },
        ],
      });
    });
    expect(out).toBe(`<domain type='kvm'>
  <name>w</name>
  <features>
    <hyperv mode='custom'>
      <relaxed state='on'/>
      <vapic state='on'/>
    </hyperv>
  </features>
</domain>
`);
  });

  it('composes several appends to one self-closing parent, with attribute edits on it', () => {
    const text = "<domain>\n  <features>\n    <hyperv mode='passthrough' />\n  </features>\n</domain>";
    const out = edit(text, (ed, root) => {
      const hyperv = find(root, 'features/hyperv')!;
      ed.setAttribute(hyperv, 'mode', 'custom');
      ed.appendChild(hyperv, { name: 'relaxed', attributes: { state: 'on' } });
      ed.appendChild(hyperv, "<vapic state='on'/>");
      ed.setAttribute(hyperv, 'x', '1');
    });
    expect(out).toBe(`<domain>
  <features>
    <hyperv mode='custom' x='1'>
      <relaxed state='on'/>
      <vapic state='on'/>
    </hyperv>
  </features>
</domain>`);
  });

  it('expands an empty <hyperv></hyperv> and puts the end tag on its own line', () => {
    const out = edit('<a>\n  <hyperv></hyperv>\n</a>', (ed, root) => {
      const hyperv = findChild(root, 'hyperv')!;
      ed.appendChild(hyperv, { name: 'relaxed', attributes: { state: 'on' } });
      ed.appendChild(hyperv, { name: 'vapic', attributes: { state: 'on' } });
    });
    expect(out).toBe("<a>\n  <hyperv>\n    <relaxed state='on'/>\n    <vapic state='on'/>\n  </hyperv>\n</a>");
  });

  it('keeps inline content inline', () => {
    const out = edit('<a><b/><c/></a>', (ed, root) => ed.appendChild(root, { name: 'd' }));
    expect(out).toBe('<a><b/><c/><d/></a>');
  });

  it('appends after trailing comments, before the end tag line', () => {
    const out = edit('<a>\n  <b/>\n  <!-- end -->\n</a>\n', (ed, root) => ed.appendChild(root, { name: 'c' }));
    expect(out).toBe('<a>\n  <b/>\n  <!-- end -->\n  <c/>\n</a>\n');
  });

  it('re-indents a multi-line markup string', () => {
    const out = edit(FOUR_SPACES, (ed, root) => {
      ed.appendChild(findChild(root, 'features')!, '<smm state="on">\n  <tseg unit="MiB">48</tseg>\n</smm>');
    });
    expect(out).toContain(
      '        </kvm>\n        <smm state="on">\n          <tseg unit="MiB">48</tseg>\n        </smm>\n    </features>',
    );
  });
});

describe('insertBefore and insertChildAt', () => {
  it('puts a new <hyperv> before <kvm> inside <features>', () => {
    const text =
      "<domain>\n  <features>\n    <acpi/>\n    <kvm>\n      <hidden state='on'/>\n    </kvm>\n  </features>\n</domain>";
    const out = edit(text, (ed, root) => {
      ed.insertBefore(find(root, 'features/kvm')!, {
        name: 'hyperv',
        attributes: { mode: 'custom' },
        children: [{ name: 'relaxed', attributes: { state: 'on' } }],
      });
    });
    expect(out).toBe(
      "<domain>\n  <features>\n    <acpi/>\n    <hyperv mode='custom'>\n      <relaxed state='on'/>\n    </hyperv>\n    <kvm>\n      <hidden state='on'/>\n    </kvm>\n  </features>\n</domain>",
    );
  });

  it('inserts at an index among child elements, or appends past the end', () => {
    const text = '<a>\n  <x/>\n  <z/>\n</a>';
    expect(edit(text, (ed, root) => ed.insertChildAt(root, 1, { name: 'y' }))).toBe(
      '<a>\n  <x/>\n  <y/>\n  <z/>\n</a>',
    );
    expect(edit(text, (ed, root) => ed.insertChildAt(root, 0, { name: 'w' }))).toBe(
      '<a>\n  <w/>\n  <x/>\n  <z/>\n</a>',
    );
    expect(edit(text, (ed, root) => ed.insertChildAt(root, 9, { name: 'end' }))).toBe(
      '<a>\n  <x/>\n  <z/>\n  <end/>\n</a>',
    );
  });
});

describe('setAttribute and removeAttribute', () => {
  it('changes retries in place, keeping double quotes', () => {
    const text = '<hyperv mode="custom">\n  <spinlocks state="on" retries="8191"/>\n</hyperv>';
    const out = edit(text, (ed, root) => ed.setAttribute(findChild(root, 'spinlocks')!, 'retries', '4096'));
    expect(out).toBe('<hyperv mode="custom">\n  <spinlocks state="on" retries="4096"/>\n</hyperv>');
  });

  it("escapes for the attribute's own quote", () => {
    const text = `<a x="1" y='2'/>`;
    const out = edit(text, (ed, root) => {
      ed.setAttribute(root, 'x', `it's "KVM" & <co>`);
      ed.setAttribute(root, 'y', `it's "KVM"`);
    });
    expect(out).toBe(`<a x="it's &quot;KVM&quot; &amp; &lt;co>" y='it&apos;s "KVM"'/>`);
    const doc = parseOk(out);
    expect(getAttribute(doc.root, 'x')).toBe(`it's "KVM" & <co>`);
  });

  it('adds a new attribute after the last one, in the quote most of the document uses', () => {
    const mixed = readText(`${FIXTURES}mixed-quotes.xml`);
    const out = edit(mixed, (ed, root) => ed.setAttribute(find(root, 'features/hyperv/relaxed')!, 'extra', 'yes'));
    expect(out).toContain('<relaxed state="on" extra="yes"/>');
    expect(edit('<a><b/></a>', (ed, root) => ed.setAttribute(findChild(root, 'b')!, 'k', 'v'))).toBe(
      "<a><b k='v'/></a>",
    );
  });

  it('removes an attribute with the whitespace before it', () => {
    const text = "<a>\n  <spinlocks state='on' retries='8191'/>\n  <b\n    x='1'\n    y='2'/>\n</a>";
    const out = edit(text, (ed, root) => {
      ed.removeAttribute(findChild(root, 'spinlocks')!, 'retries');
      ed.removeAttribute(findChild(root, 'b')!, 'x');
      ed.removeAttribute(findChild(root, 'b')!, 'absent');
    });
    expect(out).toBe("<a>\n  <spinlocks state='on'/>\n  <b\n    y='2'/>\n</a>");
  });
});

describe('removeElement', () => {
  it('removes an element with its line, leaving no blank line', () => {
    const out = edit(FOUR_SPACES, (ed, root) => ed.removeElement(find(root, 'features/hyperv/vapic')!));
    expect(out).toBe(FOUR_SPACES.replace("            <vapic state='on'/>\n", ''));
    expect(out).not.toMatch(/\n\s*\n/);
  });

  it('removes a multi-line element and neighbours that share line breaks', () => {
    const out = edit(FOUR_SPACES, (ed, root) => {
      ed.removeElement(find(root, 'features/hyperv')!);
      ed.removeElement(find(root, 'features/acpi')!);
    });
    expect(out).toBe(
      "<domain type='kvm'>\n    <features>\n        <kvm>\n            <hidden state='on'/>\n        </kvm>\n    </features>\n</domain>\n",
    );
  });

  it('removes every child of an element', () => {
    const text = '<a>\n  <b/>\n  <c/></a>';
    const out = edit(text, (ed, root) => {
      for (const child of root.children) if (child.kind === 'element') ed.removeElement(child);
    });
    expect(out).toBe('<a>\n</a>');
  });

  it('removes inline elements and the blanks beside them', () => {
    expect(edit('<a><b/> <c/></a>', (ed, root) => ed.removeElement(findChild(root, 'b')!))).toBe('<a> <c/></a>');
    expect(edit('<a>\n  <b/> <c/>\n</a>', (ed, root) => ed.removeElement(findChild(root, 'c')!))).toBe(
      '<a>\n  <b/>\n</a>',
    );
    expect(edit('<a>\n  <b/> <c/>\n</a>', (ed, root) => ed.removeElement(findChild(root, 'b')!))).toBe(
      '<a>\n  <c/>\n</a>',
    );
  });

  it('refuses to remove the root', () => {
    const doc = parseOk('<a/>');
    expect(() => new XmlEditor(doc).removeElement(doc.root)).toThrow(XmlValueError);
  });
});

describe('replaceElement', () => {
  it('rewrites an element at its indentation', () => {
    const out = edit(FOUR_SPACES, (ed, root) => {
      ed.replaceElement(find(root, 'features/kvm')!, {
        name: 'kvm',
        children: [
          { name: 'hidden', attributes: { state: 'off' } },
          { name: 'pv-ipi', attributes: { state: 'on' } },
        ],
      });
    });
    expect(out).toContain(
      "        <kvm>\n            <hidden state='off'/>\n            <pv-ipi state='on'/>\n        </kvm>\n    </features>",
    );
  });
});
