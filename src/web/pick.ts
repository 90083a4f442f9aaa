/**
 * Pick and See: the guest, host, workload and target form; the recommended features, each with its
 * reason and a switch; the output in every syntax the registry prints (each with a copy button);
 * the dependency graph, the CPUID leaves and the notes. Everything is recomputed from the choices
 * on each change, with the library's recommend, printRecommendation and the pictures.
 */
import type { FeatureId, HostFacts, RecommendResult } from '../index.js';
import { CATALOG, OS_TABLE, formatCitation, hostFactsFromJson, printRecommendation } from '../index.js';
import type { Choices, YesNo } from './choices.js';
import {
  PRINTABLE,
  VERSION,
  applyToggles,
  checkOptionsOf,
  describeEffect,
  isOnIn,
  recommendFor,
  targetFormat,
} from './choices.js';
import { byId, copyButton, h, put } from './dom.js';
import { cpuidTable, dependencyGraph } from './pictures.js';
import { tabs } from './tabs.js';

const name = (id: FeatureId) => CATALOG[id].qemu.name;

/** The shared state of the page: Pick's choices, read by Paste too. */
export const state: { choices: Choices; shownSyntax?: string; onChange: (() => void)[] } = {
  choices: {} as Choices,
  onChange: [],
};

function update(change: Partial<Choices>, keepToggles = false): void {
  state.choices = { ...state.choices, ...change, ...(keepToggles ? {} : { toggles: [] }) };
  renderResults();
  for (const f of state.onChange) f();
}

let uid = 0;
const field = (label: string, control: HTMLElement, hint?: string) => {
  const id = `f${++uid}`;
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('small', { id: hintId }, hint) : null,
  );
};

function select(key: keyof Choices, options: [string, string][]): HTMLSelectElement {
  return h(
    'select',
    {
      name: key,
      onchange: (e) => update({ [key]: (e.target as HTMLSelectElement).value } as Partial<Choices>),
    },
    ...options.map(([v, label]) => h('option', { value: v, selected: state.choices[key] === v }, label)),
  );
}

const yesNo = (key: keyof Choices) =>
  select(key, [
    ['', 'unknown'],
    ['yes', 'yes'],
    ['no', 'no'],
  ] as [YesNo, string][]);

function checkbox(key: keyof Choices, label: string, hint: string): HTMLElement {
  const id = `f${++uid}`;
  return h(
    'div',
    { class: 'check' },
    h('input', {
      type: 'checkbox',
      id,
      name: key,
      checked: state.choices[key] === true,
      'aria-describedby': `${id}-hint`,
      onchange: (e) => update({ [key]: (e.target as HTMLInputElement).checked } as Partial<Choices>),
    }),
    h('label', { for: id }, label),
    h('small', { id: `${id}-hint` }, hint),
  );
}

function versionInput(key: 'qemuVersion' | 'libvirtVersion', placeholder: string): HTMLInputElement {
  return h('input', {
    type: 'text',
    name: key,
    inputmode: 'decimal',
    placeholder,
    value: state.choices[key],
    autocomplete: 'off',
    oninput: (e) => {
      const input = e.target as HTMLInputElement;
      const v = input.value.trim();
      const ok = v === '' || VERSION.test(v);
      input.setAttribute('aria-invalid', ok ? 'false' : 'true');
      if (ok) update({ [key]: v } as Partial<Choices>);
    },
  });
}

/** The host probe file: pasted, chosen or dropped; its facts replace the host fields they give. */
function probeField(): HTMLElement {
  const status = h('p', { class: 'probe-status', 'aria-live': 'polite' });
  const read = (text: string, fileName: string) => {
    const r = hostFactsFromJson(text, fileName);
    if (!r.ok) {
      put(status, h('span', { class: 'error' }, `${fileName}: ${r.diagnostics[0]!.message}`));
      return;
    }
    const facts: HostFacts = r.value;
    put(status, `Using ${fileName}: ${describeHost(facts)}.`);
    update({ probe: { name: fileName, facts } });
  };
  const file = h('input', {
    type: 'file',
    accept: '.json,application/json',
    onchange: async (e) => {
      const f = (e.target as HTMLInputElement).files?.[0];
      if (f) read(await f.text(), f.name);
    },
  });
  const area = h('textarea', {
    rows: 2,
    placeholder: 'or paste or drop enlighten probe --json output here',
    oninput: (e) => {
      const t = (e.target as HTMLTextAreaElement).value.trim();
      if (t) read(t, 'the pasted probe');
      else {
        put(status);
        update({ probe: undefined });
      }
    },
  });
  dropText(area, read);
  return h('div', {}, field('Probe file (enlighten probe --json)', file), field('Probe text', area), status);
}

function describeHost(f: HostFacts): string {
  const parts = [
    f.vendor ? `${f.vendor.toUpperCase()} CPU` : null,
    f.apicv !== undefined ? `APICv/AVIC ${f.apicv ? 'on' : 'off'}` : null,
    f.nested !== undefined ? `nesting ${f.nested ? 'on' : 'off'}` : null,
    f.kvmHyperv?.supported === false
      ? 'no Hyper-V in KVM'
      : f.kvmHyperv?.features
        ? `KVM offers ${f.kvmHyperv.features.length} enlightenments`
        : null,
    f.clocksource ? `clocksource ${f.clocksource}` : null,
  ].filter(Boolean);
  return parts.join(', ') || 'no facts';
}

/** Lets a text area take a dropped file's text. */
export function dropText(area: HTMLTextAreaElement, read: (text: string, name: string) => void): void {
  area.addEventListener('dragover', (e) => e.preventDefault());
  area.addEventListener('drop', async (e) => {
    const f = e.dataTransfer?.files[0];
    if (!f) return;
    e.preventDefault();
    const text = await f.text();
    area.value = text;
    read(text, f.name);
  });
}

export function renderPickForm(): void {
  const c = state.choices;
  put(
    byId('pick-form'),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Guest'),
      field(
        'Guest OS',
        select(
          'os',
          OS_TABLE.map((o) => [o.id, `${o.name} (${o.id})`]),
        ),
        'as recommend --os takes it',
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Host'),
      field(
        'CPU vendor',
        select('vendor', [
          ['', 'unknown'],
          ['intel', 'Intel'],
          ['amd', 'AMD'],
        ]),
      ),
      field('Nested virtualization on', yesNo('nested'), 'kvm_intel or kvm_amd nested=1'),
      field('APICv / AVIC on', yesNo('apicv')),
      field(
        'KVM Hyper-V support',
        select('kvmHyperv', [
          ['', 'unknown'],
          ['none', 'none (no Hyper-V emulation)'],
        ]),
      ),
      probeField(),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Workload'),
      checkbox('nestedHyperv', 'Nested Hyper-V', 'the guest runs Hyper-V itself: WSL2, VBS, the Hyper-V role'),
      checkbox('gpuPassthrough', 'GPU passthrough', 'a GPU is passed through to the guest'),
      checkbox('migratable', 'Migratable', 'the VM must live-migrate'),
      checkbox('overcommitted', 'Overcommitted', 'the host runs more vCPUs than it has CPUs'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Target'),
      field(
        'Syntax',
        select(
          'target',
          PRINTABLE.map((f) => [f.id, `${f.id}: ${f.describes}`]),
        ),
        'recommend --to; every syntax is shown below',
      ),
      field('QEMU version', versionInput('qemuVersion', 'latest, or 7.2')),
      field('libvirt version', versionInput('libvirtVersion', 'latest, or 9.0.0')),
    ),
  );
  void c;
}

/** The request as an `enlighten recommend` command line, so the output can be reproduced. */
function commandLine(): string {
  const c = state.choices;
  const o = checkOptionsOf(c);
  const args = ['enlighten recommend', `--os ${c.os}`];
  if (c.vendor) args.push(`--cpu-vendor ${c.vendor}`);
  if (c.probe) args.push(`--host ${c.probe.name.replace(/\s/g, '-')}`);
  if (c.apicv) args.push(`--apicv ${c.apicv}`);
  if (c.nested) args.push(`--nested-virt ${c.nested}`);
  if (c.kvmHyperv) args.push('--kvm-hyperv none');
  if (o.nestedHyperv) args.push('--nested-hyperv');
  if (o.gpuPassthrough) args.push('--gpu-passthrough');
  if (o.migratable) args.push('--migratable');
  if (o.overcommitted) args.push('--overcommitted');
  if (o.qemuVersion) args.push(`--qemu-version ${o.qemuVersion}`);
  if (o.libvirtVersion) args.push(`--libvirt-version ${o.libvirtVersion}`);
  args.push(`--to ${targetFormat(c).id}`);
  return args.join(' ');
}

function featureLists(result: RecommendResult, set: RecommendResult['set']): { on: HTMLElement; off: HTMLElement } {
  const toggled = new Map(state.choices.toggles.map((t) => [t.feature, t.on]));
  const item = (c: RecommendResult['choices'][number]) => {
    const on = isOnIn(set, c.feature);
    const changed = on !== (c.value !== null && c.value !== false);
    const id = `t-${c.feature}`;
    const value = on && typeof set.features[c.feature] !== 'boolean' ? set.features[c.feature] : undefined;
    return h(
      'li',
      { class: `feature${on ? ' on' : ''}${changed ? ' changed' : ''}`, 'data-feature': c.feature },
      h('input', {
        type: 'checkbox',
        role: 'switch',
        id,
        checked: on,
        'aria-describedby': `${id}-why`,
        onchange: (e) => {
          const want = (e.target as HTMLInputElement).checked;
          const toggles = state.choices.toggles.filter((t) => t.feature !== c.feature);
          update({ toggles: [...toggles, { feature: c.feature, on: want }] }, true);
          byId(id)?.focus();
        },
      }),
      h(
        'label',
        { for: id },
        h('code', {}, name(c.feature)),
        value !== undefined ? h('span', { class: 'value' }, ` = ${String(value)}`) : null,
      ),
      h('a', { href: `#/feature/${c.feature}`, class: 'more', 'aria-label': `About ${name(c.feature)}` }, 'about'),
      h(
        'p',
        { id: `${id}-why`, class: 'why' },
        changed
          ? toggled.has(c.feature)
            ? `You turned it ${on ? 'on' : 'off'}. enlighten: ${c.reason}`
            : `${on ? 'Comes with' : 'Goes with'} your change. enlighten: ${c.reason}`
          : `[${c.stage}] ${c.reason}`,
        h('span', { class: 'source' }, ` Source: ${formatCitation(c.source)}`),
      ),
    );
  };
  // The lists are the recommendation's (a switch turned stays where it is, so the focus does too).
  const recommended = (c: RecommendResult['choices'][number]) => c.value !== null && c.value !== false;
  const on = result.choices.filter(recommended);
  const off = result.choices.filter((c) => !recommended(c));
  const count = (list: typeof on) => {
    const now = list.filter((c) => isOnIn(set, c.feature)).length;
    return now === list.length || now === 0 ? `${list.length}` : `${list.length}, ${now} on now`;
  };
  return {
    on: h('div', {}, h('h3', {}, `On (${count(on)})`), h('ul', { class: 'features' }, ...on.map(item))),
    off: h('div', {}, h('h3', {}, `Left out (${count(off)})`), h('ul', { class: 'features' }, ...off.map(item))),
  };
}

export function renderResults(): void {
  const started = performance.now();
  const c = state.choices;
  const result = recommendFor(c);
  const { set, effects } = applyToggles(result, c.toggles);
  const target = targetFormat(c);
  const guest = result.os ? `${result.os.name} (${result.os.id})` : 'the guest';
  put(
    byId('pick-summary'),
    h(
      'p',
      {},
      `For ${guest}: preset ${result.preset}${result.overlays.length ? ` + ${result.overlays.join(' + ')}` : ''}. `,
      c.toggles.length ? `${c.toggles.length} change${c.toggles.length === 1 ? '' : 's'} of yours. ` : '',
    ),
    h('p', {}, 'The same from the command line: ', h('code', { id: 'command-line' }, commandLine())),
    c.toggles.length
      ? h('button', { type: 'button', onclick: () => update({ toggles: [] }, true) }, 'Back to the recommendation')
      : null,
  );
  put(byId('toggle-status'), ...effects.slice(-1).map(describeEffect));
  const lists = featureLists(result, set);
  put(byId('feature-list'), lists.on);
  put(byId('left-out-list'), lists.off);
  const status = byId('copy-status');
  const printed = new Map(
    PRINTABLE.map((f) => [
      f.id,
      printRecommendation({ ...result, set }, f, {
        ...(VERSION.test(c.libvirtVersion) ? { libvirtVersion: c.libvirtVersion } : {}),
        os: c.os,
      }),
    ]),
  );
  if (!state.shownSyntax) state.shownSyntax = target.id;
  put(
    byId('outputs'),
    tabs(
      'Output syntax',
      PRINTABLE.map((f) => {
        const p = printed.get(f.id)!;
        return {
          id: f.id,
          label: f.id === target.id ? `${f.id} (target)` : f.id,
          panel: h(
            'div',
            { class: 'output' },
            h('p', { class: 'describes' }, f.describes),
            h(
              'div',
              { class: 'code-head' },
              copyButton(`the ${f.id} output`, () => p.text, status),
            ),
            h('pre', { class: 'code', 'data-format': f.id, tabindex: 0, 'aria-label': `${f.id} output` }, p.text),
            ...p.diagnostics.map((d) =>
              h('p', { class: `diag ${d.severity}` }, `${d.severity}[${d.code}]: ${d.message}`),
            ),
          ),
        };
      }),
      state.shownSyntax,
      (id) => {
        state.shownSyntax = id;
      },
    ),
  );
  put(byId('graph'), dependencyGraph(set, 'The chosen set'));
  put(byId('cpuid'), cpuidTable(set));
  const notes = printed.get(target.id)!.notes;
  const clock = result.extras.windowsClock;
  const items = [
    ...notes,
    ...result.extras.cpuFlags.map((f) => `The guest needs the ${f} CPU flag.`),
    ...(clock ? [`Clock: ${clock.reason}. Source: ${formatCitation(clock.source)}`] : []),
    ...(result.extras.tscFrequency ? [`TSC frequency ${result.extras.tscFrequency} Hz.`] : []),
    ...PRINTABLE.flatMap((f) => printed.get(f.id)!.diagnostics.map((d) => `${f.id}: ${d.message}`)),
  ];
  put(
    byId('notes'),
    items.length ? h('ul', {}, ...items.map((n) => h('li', {}, n))) : h('p', {}, 'No notes for this target.'),
  );
  // How long the last change took to compute and show (the browser tests record it).
  document.documentElement.dataset['renderMs'] = String(Math.round(performance.now() - started));
}
