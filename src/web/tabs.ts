/**
 * Tabs as WAI-ARIA describes them: a tablist of buttons, one panel shown; Left/Right/Home/End move
 * between tabs (focus follows selection), Tab goes into the panel.
 */
import { h } from './dom.js';

export interface Tab {
  id: string;
  label: string;
  panel: HTMLElement;
}

let count = 0;

export function tabs(
  label: string,
  items: Tab[],
  selected: string | undefined,
  onSelect: (id: string) => void,
): HTMLElement {
  const n = ++count;
  const tabId = (t: Tab) => `tab${n}-${t.id}`;
  const panelId = (t: Tab) => `panel${n}-${t.id}`;
  const buttons: HTMLButtonElement[] = [];
  const panels: HTMLElement[] = [];
  const choose = (i: number, focus: boolean) => {
    buttons.forEach((b, j) => {
      b.setAttribute('aria-selected', String(i === j));
      b.tabIndex = i === j ? 0 : -1;
      panels[j]!.hidden = i !== j;
    });
    if (focus) buttons[i]!.focus();
    onSelect(items[i]!.id);
  };
  items.forEach((t, i) => {
    buttons.push(
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: tabId(t),
          'aria-controls': panelId(t),
          'data-tab': t.id,
          onclick: () => choose(i, false),
          onkeydown: (e) => {
            const k = (e as KeyboardEvent).key;
            const to =
              k === 'ArrowRight'
                ? (i + 1) % items.length
                : k === 'ArrowLeft'
                  ? (i - 1 + items.length) % items.length
                  : k === 'Home'
                    ? 0
                    : k === 'End'
                      ? items.length - 1
                      : -1;
            if (to >= 0) {
              e.preventDefault();
              choose(to, true);
            }
          },
        },
        t.label,
      ),
    );
    panels.push(h('div', { role: 'tabpanel', id: panelId(t), 'aria-labelledby': tabId(t), tabindex: -1 }, t.panel));
  });
  const start = Math.max(
    0,
    items.findIndex((t) => t.id === selected),
  );
  const el = h('div', { class: 'tabs' }, h('div', { role: 'tablist', 'aria-label': label }, ...buttons), ...panels);
  buttons.forEach((b, j) => {
    b.setAttribute('aria-selected', String(start === j));
    b.tabIndex = start === j ? 0 : -1;
    panels[j]!.hidden = start !== j;
  });
  return el;
}
