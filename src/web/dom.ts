/**
 * The page's DOM layer: one function that makes an element. Children are nodes or text (text is
 * always a text node: nothing the page shows is parsed as HTML). No framework: the page re-renders
 * a region by replacing its children.
 */
export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;

const SVG_NS = 'http://www.w3.org/2000/svg';

function fill(el: Element, attrs: Attrs, children: Child[]): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'value' && 'value' in el) (el as HTMLInputElement).value = String(v);
    else if (k === 'checked' && 'checked' in el) (el as HTMLInputElement).checked = v === true;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
}

/** An HTML element: attributes (`onclick` etc. add listeners), then children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  fill(el, attrs, children);
  return el;
}

/** An SVG element. */
export function s(tag: string, attrs: Attrs = {}, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  fill(el, attrs, children);
  return el as SVGElement;
}

/** Replaces the children of `el`. */
export function put(el: Element, ...children: Child[]): void {
  el.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
}

/** The element with this id (the page's fixed regions). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

/** A button that copies `text()` to the clipboard and says so in `status` (a live region). */
export function copyButton(label: string, text: () => string, status: HTMLElement): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'copy',
      'aria-label': `Copy ${label}`,
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(text());
          put(status, `Copied ${label}.`);
        } catch {
          put(status, `Could not copy ${label}: select the text and copy it.`);
        }
      },
    },
    'Copy',
  );
}

/** A button that saves `text()` as a file, made in the browser (a blob URL: nothing is fetched). */
export function downloadButton(label: string, name: () => string, text: () => string): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      onclick: () => {
        const url = URL.createObjectURL(new Blob([text()], { type: 'text/plain' }));
        const a = h('a', { href: url, download: name() });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      },
    },
    label,
  );
}
