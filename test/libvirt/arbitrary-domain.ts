// Random libvirt domains for the cross-checks against the real libvirt: written here with a tiny
// serializer of our own (never enlighten's), in random quote styles, indentation and line endings.
import fc from 'fast-check';
import type { FeatureId } from '../../src/catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../src/catalog/index.js';
import { libvirtKnows } from '../../src/formats/libvirt/index.js';

interface Node {
  name: string;
  attrs: [string, string][];
  children: (Node | string)[];
}

const el = (name: string, attrs: [string, string][] = [], children: (Node | string)[] = []): Node => ({
  name,
  attrs,
  children,
});

function escapeAttr(v: string, q: string): string {
  return v
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(q === "'" ? /'/g : /"/g, q === "'" ? '&apos;' : '&quot;');
}

export interface Style {
  quote: "'" | '"';
  /** Some attributes take the other quote. */
  mixed: boolean;
  indent: string;
  newline: '\n' | '\r\n';
}

function write(node: Node, style: Style, depth: number, pick: () => boolean): string {
  const pad = style.indent.repeat(depth);
  const attrs = node.attrs
    .map(([k, v]) => {
      const q = style.mixed && pick() ? (style.quote === "'" ? '"' : "'") : style.quote;
      return ` ${k}=${q}${escapeAttr(v, q)}${q}`;
    })
    .join('');
  if (node.children.length === 0) return `${pad}<${node.name}${attrs}/>`;
  if (node.children.every((c) => typeof c === 'string'))
    return `${pad}<${node.name}${attrs}>${node.children.join('')}</${node.name}>`;
  const inner = node.children.map((c) =>
    typeof c === 'string' ? `${pad}${style.indent}${c}` : write(c, style, depth + 1, pick),
  );
  return [`${pad}<${node.name}${attrs}>`, ...inner, `${pad}</${node.name}>`].join(style.newline);
}

/** The hyperv features libvirt 9.0 knows, in its order. */
const HYPERV_9 = PRINT_ORDER.filter((id) => CATALOG[id].libvirt?.kind === 'hyperv' && libvirtKnows(id, '9.0.0'));
const MODELS = [
  'qemu64',
  'kvm64',
  'Nehalem',
  'Westmere',
  'Penryn',
  'Conroe',
  'core2duo',
  'Opteron_G2',
  'Skylake-Client',
];
const CPU_FEATURES = [
  'vmx',
  'svm',
  'lahf_lm',
  'fxsr_opt',
  'tsc_adjust',
  'pclmuldq',
  'x2apic',
  'invtsc',
  'aes',
  'pcid',
  'cmp_legacy',
];
const POLICIES = ['require', 'disable', 'force', 'forbid'];

const onOff = fc.constantFrom('on', 'off');
/** `a` or undefined, `present` weighted against `absent`. */
const maybe = <T>(a: fc.Arbitrary<T>, present = 1, absent = 1): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: present, arbitrary: a });

const vendorValue = fc.stringMatching(/^[A-Za-z0-9 _.&<>"'-]{1,12}$/);
const retries = fc.oneof(
  fc.integer({ min: 4095, max: 0xffffffff }).map((n) => String(n)),
  fc.integer({ min: 4095, max: 0xffffffff }).map((n) => `0x${n.toString(16)}`),
  fc.constantFrom('4095', '8191', '0x1fff', '4294967295'),
);

function hypervChild(id: FeatureId): fc.Arbitrary<Node | undefined> {
  const s = CATALOG[id].libvirt;
  if (s?.kind !== 'hyperv') return fc.constant(undefined);
  const name = s.element;
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constant(el(name, [['state', 'off']])) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(retries, vendorValue, maybe(onOff), maybe(onOff), maybe(onOff))
        .map(([r, v, direct, tdirect, text]) => {
          const attrs: [string, string][] = [['state', 'on']];
          if (s.valueAttr === 'retries') attrs.push(['retries', r]);
          if (s.valueAttr === 'value') attrs.push(['value', v]);
          const children: Node[] = [];
          // stimer/direct (5.7) counts in 9.0; tlbflush/direct and /extended (11.0) are ignored by 9.0.
          if (name === 'stimer' && direct) children.push(el('direct', [['state', direct]]));
          if (name === 'tlbflush' && tdirect) children.push(el('direct', [['state', tdirect]]));
          if (name === 'tlbflush' && text) children.push(el('extended', [['state', text]]));
          return el(name, attrs, children);
        }),
    },
  );
}

const hypervArb = fc
  .record({
    mode: fc.oneof(
      { weight: 6, arbitrary: fc.constant(undefined) },
      { weight: 3, arbitrary: fc.constant('custom') },
      { weight: 1, arbitrary: fc.constant('passthrough') },
    ),
    children: fc.tuple(...HYPERV_9.map(hypervChild)),
    shuffle: fc.boolean(),
    twice: fc.integer({ min: 0, max: 15 }),
  })
  .chain(({ mode, children, shuffle, twice }) => {
    const kids = children.filter((c): c is Node => c !== undefined);
    const ordered = shuffle
      ? fc.shuffledSubarray(kids, { minLength: kids.length, maxLength: kids.length })
      : fc.constant(kids);
    return ordered.map((list) => {
      const attrs: [string, string][] = mode ? [['mode', mode]] : [];
      // Rarely two <hyperv> elements: libvirt 9.0 reads both, the later one winning.
      if (twice === 0 && list.length > 1)
        return [el('hyperv', attrs, list.slice(0, 1)), el('hyperv', attrs, list.slice(1))];
      return [el('hyperv', attrs, list)];
    });
  });

const VENDORS = ['GenuineIntel', 'AuthenticAMD', 'HygonGenuine'];
/** bits as libvirt 9.0 reads them (base 10 int: leading blanks and `+`, leading zeros), 0 included. */
const physBits = fc.oneof(
  fc.integer({ min: 0, max: 64 }).map(String),
  fc.integer({ min: 1, max: 64 }).map((n) => `0${n}`),
  fc.integer({ min: 1, max: 64 }).map((n) => ` +${n}`),
  fc.constant('2147483647'),
);

/** `<cache>`: passthrough only for host-passthrough and maximum (libvirt refuses it elsewhere); emulate needs level 3. */
const cacheArb = (hostLike: boolean) =>
  fc.constantFrom(...(hostLike ? ['passthrough', 'emulate', 'disable'] : ['emulate', 'disable'])).map((mode) =>
    el(
      'cache',
      mode === 'emulate'
        ? [
            ['level', '3'],
            ['mode', mode],
          ]
        : [['mode', mode]],
    ),
  );

/** `<maxphysaddr>`: emulate needs bits in 9.0; limit is ignored by 9.0; a second one is ignored. */
const physAddrArb = fc
  .record({
    passthrough: fc.boolean(),
    bits: physBits,
    limit: maybe(fc.integer({ min: 32, max: 52 }).map(String)),
    twice: fc.boolean(),
  })
  .map(({ passthrough, bits, limit, twice }) => {
    const first = passthrough
      ? el('maxphysaddr', [['mode', 'passthrough'], ...(limit ? ([['limit', limit]] as [string, string][]) : [])])
      : el('maxphysaddr', [
          ['mode', 'emulate'],
          ['bits', bits],
        ]);
    return twice
      ? [
          first,
          el('maxphysaddr', [
            ['mode', 'emulate'],
            ['bits', '40'],
          ]),
        ]
      : [first];
  });

/** The `<cpu>` children libvirt turns into -cpu items after pmu, in a random order. */
const tailArb = (hostLike: boolean) =>
  fc
    .record({ cache: maybe(cacheArb(hostLike)), addr: maybe(physAddrArb), shuffle: fc.boolean() })
    .map(({ cache, addr, shuffle }) => {
      const kids = [...(cache ? [cache] : []), ...(addr ?? [])];
      return shuffle ? kids.reverse() : kids;
    });

const migratableAttr = (m: string | undefined): [string, string][] => (m ? [['migratable', m]] : []);

const cpuArb = (kvm: boolean) =>
  fc.oneof(
    fc.constant(undefined),
    fc
      .record({
        model: fc.constantFrom(...MODELS),
        vendor: maybe(fc.constantFrom(...VENDORS), 1, 3),
        feats: fc.uniqueArray(fc.constantFrom(...CPU_FEATURES), { maxLength: 3 }),
        pol: fc.array(fc.constantFrom(...POLICIES, 'default'), { minLength: 3, maxLength: 3 }),
        tail: tailArb(false),
      })
      .map(({ model, vendor, feats, pol, tail }) =>
        el(
          'cpu',
          [
            ['mode', 'custom'],
            ['match', 'exact'],
            ['check', 'none'],
          ],
          [
            el(
              'model',
              [['fallback', 'allow'], ...(vendor ? ([['vendor_id', vendor]] as [string, string][]) : [])],
              [model],
            ),
            ...feats.map((f, i) =>
              el(
                'feature',
                pol[i] === 'default'
                  ? [['name', f]]
                  : [
                      ['policy', pol[i]!],
                      ['name', f],
                    ],
              ),
            ),
            ...tail,
          ],
        ),
      ),
    // custom without a model: only <cache> and <maxphysaddr> (libvirt refuses features without a model).
    tailArb(false).map((tail) => el('cpu', [], tail)),
    ...[...(kvm ? ['host-passthrough'] : []), 'maximum'].map((mode) =>
      fc
        .record({
          m: maybe(onOff),
          // optional features of these modes write nothing.
          feats: fc.uniqueArray(fc.constantFrom(...CPU_FEATURES), { maxLength: 2 }),
          pol: fc.array(fc.constantFrom(...POLICIES, 'optional'), { minLength: 2, maxLength: 2 }),
          tail: tailArb(true),
        })
        .map(({ m, feats, pol, tail }) =>
          el(
            'cpu',
            [['mode', mode], ['check', 'none'], ...migratableAttr(m)],
            [
              ...feats.map((f, i) =>
                el('feature', [
                  ['policy', pol[i]!],
                  ['name', f],
                ]),
              ),
              ...tail,
            ],
          ),
        ),
    ),
  );

const timerArb = fc.oneof(
  fc.constantFrom('yes', 'no').map((p) =>
    el('timer', [
      ['name', 'hypervclock'],
      ['present', p],
    ]),
  ),
  fc.constant(el('timer', [['name', 'hypervclock']])),
  fc.constantFrom('yes', 'no').map((p) =>
    el('timer', [
      ['name', 'kvmclock'],
      ['present', p],
    ]),
  ),
  fc.constant(
    el('timer', [
      ['name', 'rtc'],
      ['tickpolicy', 'catchup'],
    ]),
  ),
  fc.constant(
    el('timer', [
      ['name', 'pit'],
      ['tickpolicy', 'delay'],
    ]),
  ),
  fc.constant(
    el('timer', [
      ['name', 'hpet'],
      ['present', 'no'],
    ]),
  ),
);

// dirty-ring is an accelerator property (-accel kvm,dirty-ring-size=N), never a -cpu item.
const kvmArb = fc
  .record({ hidden: maybe(onOff), dedicated: maybe(onOff), poll: maybe(onOff), ipi: maybe(onOff), ring: maybe(onOff) })
  .map((k) => {
    const kids = [
      ...(k.hidden ? [el('hidden', [['state', k.hidden]])] : []),
      ...(k.dedicated ? [el('hint-dedicated', [['state', k.dedicated]])] : []),
      ...(k.poll ? [el('poll-control', [['state', k.poll]])] : []),
      ...(k.ipi ? [el('pv-ipi', [['state', k.ipi]])] : []),
      ...(k.ring
        ? [
            el('dirty-ring', [
              ['state', k.ring],
              ['size', '4096'],
            ]),
          ]
        : []),
    ];
    return kids.length ? el('kvm', [], kids) : undefined;
  });

export const styleArb: fc.Arbitrary<Style> = fc.record({
  quote: fc.constantFrom("'" as const, '"' as const),
  mixed: fc.boolean(),
  indent: fc.constantFrom('  ', '    ', '\t', ' '),
  newline: fc.constantFrom('\n' as const, '\n' as const, '\r\n' as const),
});

/** A whole random domain that libvirt 9.0 accepts, named `name`. */
export function arbitraryDomain(name: string, kvm: boolean): fc.Arbitrary<string> {
  return fc
    .record({
      style: styleArb,
      type: kvm ? fc.constantFrom('qemu', 'kvm') : fc.constant('qemu'),
      cpu: cpuArb(kvm),
      hyperv: maybe(hypervArb, 6, 1),
      timers: fc.array(timerArb, { maxLength: 4 }),
      eoi: maybe(onOff, 1, 4),
      pvspinlock: fc.constantFrom(undefined, undefined, undefined, 'on', 'off', ''),
      kvm: maybe(kvmArb, 1, 3),
      pmu: maybe(onOff, 1, 4),
      panic: fc.boolean(),
      picks: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
    })
    .map((d) => {
      let i = 0;
      const pick = () => d.picks[i++ % d.picks.length]!;
      const features: Node[] = [el('acpi')];
      if (d.eoi) features.push(el('apic', [['eoi', d.eoi]]));
      if (d.hyperv) features.push(...d.hyperv);
      if (d.kvm) features.push(d.kvm);
      if (d.pvspinlock !== undefined) features.push(el('pvspinlock', d.pvspinlock ? [['state', d.pvspinlock]] : []));
      if (d.pmu) features.push(el('pmu', [['state', d.pmu]]));
      const cpuIsHost = d.cpu?.attrs.some(([k, v]) => k === 'mode' && v === 'host-passthrough');
      const domain = el(
        'domain',
        [['type', cpuIsHost ? 'kvm' : d.type]],
        [
          el('name', [], [name]),
          el('memory', [['unit', 'KiB']], ['131072']),
          el(
            'os',
            [],
            [
              el(
                'type',
                [
                  ['arch', 'x86_64'],
                  ['machine', 'pc'],
                ],
                ['hvm'],
              ),
            ],
          ),
          el('features', [], features),
          ...(d.cpu ? [d.cpu] : []),
          el('clock', [['offset', 'utc']], d.timers),
          el('devices', [], d.panic ? [el('panic', [['model', 'hyperv']])] : []),
        ],
      );
      return write(domain, d.style, 0, pick) + d.style.newline;
    });
}
