/**
 * The web page's entry: the views (Pick and See, Paste and fix, Explain) behind hash routes
 * (#/, #/paste, #/features, #/feature/stimer), the feature search and the theme switch. It runs
 * the enlighten library in the browser; it makes no request after the page's own files load.
 */
import { FORMATS } from '../index.js';
import { DEFAULT_CHOICES } from './choices.js';
import { byId, h, put } from './dom.js';
import { featureIndex, featurePage, matchFeatures, searchFeature } from './explain.js';
import { renderPasteForm } from './paste.js';
import { renderPickForm, renderResults, state } from './pick.js';

const VIEWS = ['pick', 'paste', 'explain'] as const;

function show(view: (typeof VIEWS)[number]): void {
  for (const v of VIEWS) byId(`view-${v}`).hidden = v !== view;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav.views a'))
    if (a.dataset['view'] === view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
}

function route(focus: boolean): void {
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  const [head, arg] = hash.split('/');
  if (head === 'feature' && arg) {
    const id = searchFeature(arg);
    put(
      byId('view-explain'),
      id
        ? featurePage(id)
        : h('p', { id: 'view-title', tabindex: -1 }, `No enlightenment is named ${arg}: see the list of every one.`),
    );
    show('explain');
    document.title = id ? `${arg} - enlighten` : 'enlighten';
  } else if (head === 'features') {
    put(byId('view-explain'), featureIndex());
    show('explain');
    document.title = 'Every enlightenment - enlighten';
  } else if (head === 'paste') {
    show('paste');
    document.title = 'Paste and fix - enlighten';
  } else {
    show('pick');
    document.title = 'enlighten: Hyper-V enlightenments for KVM';
  }
  if (focus) {
    const view = document.querySelector<HTMLElement>('main > section:not([hidden])');
    view?.querySelector<HTMLElement>('#view-title, h2')?.focus();
  }
}

function setupSearch(): void {
  const input = byId<HTMLInputElement>('search');
  // An example of the spellings search takes: one feature as each syntax writes it, from the formats.
  input.placeholder = [...new Set(FORMATS.map((f) => f.spell('stimer')))].join(', ');
  const list = byId('search-results');
  input.addEventListener('input', () => {
    const found = matchFeatures(input.value);
    put(list, ...found.map((id) => h('li', {}, h('a', { href: `#/feature/${id}` }, id))));
    put(
      byId('search-status'),
      input.value.trim() ? `${found.length} feature${found.length === 1 ? '' : 's'} found` : '',
    );
  });
  byId('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = searchFeature(input.value) ?? matchFeatures(input.value)[0];
    if (id) {
      location.hash = `#/feature/${id}`;
      put(list);
    } else put(byId('search-status'), `No enlightenment is named ${input.value.trim()}.`);
  });
}

type Theme = 'auto' | 'light' | 'dark';

function setupTheme(): void {
  const button = byId<HTMLButtonElement>('theme');
  let theme: Theme = 'auto';
  try {
    theme = (localStorage.getItem('enlighten-theme') as Theme | null) ?? 'auto';
  } catch {
    // storage may be off (file:// in some browsers): the theme follows the system
  }
  // The style sheet knows two themes by data-theme; auto follows the system, also when it changes.
  const system = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    document.documentElement.dataset['theme'] = theme === 'auto' ? (system.matches ? 'dark' : 'light') : theme;
    document.documentElement.dataset['themeChoice'] = theme;
    button.textContent = `Theme: ${theme}`;
    button.setAttribute('aria-label', `Theme: ${theme} (change)`);
  };
  system.addEventListener('change', apply);
  button.addEventListener('click', () => {
    theme = theme === 'auto' ? 'light' : theme === 'light' ? 'dark' : 'auto';
    try {
      localStorage.setItem('enlighten-theme', theme);
    } catch {
      // not kept: fine
    }
    apply();
  });
  apply();
}

function start(): void {
  state.choices = { ...DEFAULT_CHOICES };
  // The forms only hold controls: Enter in a field never submits (which would reload the page).
  for (const id of ['pick-form', 'paste-form']) byId(id).addEventListener('submit', (e) => e.preventDefault());
  renderPickForm();
  renderResults();
  renderPasteForm();
  setupSearch();
  setupTheme();
  window.addEventListener('hashchange', () => {
    // The skip link's target is no view: it moves the focus to the content and leaves the view as it is.
    if (location.hash === '#main') byId('main').focus();
    else route(true);
  });
  route(false);
  // When the page answers input: the browser tests read it as the time to first interaction.
  document.documentElement.dataset['readyMs'] = String(Math.round(performance.now()));
  document.documentElement.dataset['ready'] = 'true';
}

start();
