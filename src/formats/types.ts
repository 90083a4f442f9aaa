import type { Citation, FeatureId, FeatureValue } from '../catalog/index.js';
import type { Diagnostic, ParseResult, Span } from '../diagnostics/index.js';
import type { EnlightenmentSet, Origins } from '../model/index.js';

/**
 * A syntax's id, taken from the registry (`src/formats/registry.ts`): adding a format there adds
 * its id here. A type-only import, so this file loads no format at run time.
 */
export type FormatId = import('./registry.js').RegisteredId;

/** The guest OS a configuration names itself (a libvirt domain's libosinfo metadata). */
export interface GuestOsFact {
  /** The OS table id (`win11`, `linux`); absent when no entry matches the libosinfo id. */
  id?: string;
  /** The OS table name (`Windows 11`), with the id. */
  name?: string;
  /** The libosinfo id as written: the URI of a domain's metadata (`http://microsoft.com/win/11`), the short id of virt-install's --osinfo (`win11`). */
  libosinfo: string;
  /**
   * libosinfo: a domain's libosinfo metadata; virt-install: a virt-install or virt-xml --osinfo / --os-variant;
   * config: a setting of the configuration's own syntax, which `says` names.
   */
  source: 'libosinfo' | 'virt-install' | 'config';
  /** For `config`: where messages say the guest came from (`the configuration's OS type win11`). */
  says?: string;
  span: Span;
}

/** A guest CPU as libvirt's `<cpu>` holds it (virt-install's --cpu writes the same parts). */
export interface CpuRequest {
  mode: 'custom' | 'host-model' | 'host-passthrough' | 'maximum';
  model?: string;
  match?: string;
  check?: string;
  migratable?: 'on' | 'off';
  /** `<model fallback=...>` and `<model vendor_id=...>`. */
  fallback?: string;
  vendorId?: string;
  /** `<feature policy=... name=...>`, in order. */
  features: { policy: string; name: string }[];
  cache?: { level?: string; mode: string };
}

/** A platform that pins the TSC frequency of the VMs that need one to migrate (ConfigContext.tscFrequencyByPlatform). */
export interface TscFrequencyByPlatform {
  where: string;
  otherwise: string;
  notes: string[];
  source: Citation;
}

/** Facts about the VM outside the enlightenment set that rules and printers need. */
export interface ConfigContext {
  /** The -cpu model (`host`, `qemu64`, `Skylake-Client`...), when the input names one. */
  cpuModel?: string;
  cpuModelSpan?: Span;
  /** CPU flags the guest needs on top of its model (`vmx` for nested Hyper-V), as recommend gives them. */
  cpuFlags?: string[];
  /** The machine type (`pc-q35-7.2`), when the input names one. */
  machine?: string;
  /** A fixed TSC frequency in Hz (tsc-frequency= or libvirt's <timer name='tsc' frequency=...>). */
  tscFrequency?: number;
  /**
   * The platform gives the VM a fixed TSC frequency itself when a feature needs one to migrate, which
   * the input does not show (KubeVirt's virt-controller, for reenlightenment): `where` it can, what
   * happens `otherwise`, what to do (`notes`) and where the platform says so.
   */
  tscFrequencyByPlatform?: TscFrequencyByPlatform;
  /** True when the input marks the VM as migratable (libvirt's <cpu ... migratable='on'>). */
  migratable?: boolean;
  /**
   * The clock virt-install gives a Windows guest: the RTC in local time (Windows keeps it so), RTC
   * ticks caught up, PIT ticks delayed, no HPET. Set by recommend for Windows guests.
   */
  windowsClock?: boolean;
  /** The guest OS the input names (libvirt's libosinfo metadata, virt-install's --osinfo); `--os` wins over it. */
  guestOs?: GuestOsFact;
  /** The guest CPU a virt-install or virt-xml command gives (--cpu, or virt-install's default). */
  cpu?: CpuRequest;
  /**
   * Where the configuration decides its set when no item names each feature (a VM manager's OS
   * type line): findings about a feature the text does not hold point here.
   */
  decidedAt?: Span;
  /** The domain type (hypervisor) a virt-install command builds: `kvm`, `qemu` (TCG). */
  domainType?: string;
  /**
   * The kind of document whose names the syntax's fields take here, when they are not its usual
   * ones (a KubeVirt preference's `features.preferredHyperv`): given to `FormatEntry.spell`.
   */
  spelling?: string;
}

/** What any format's parser produces. */
export interface ParsedConfig {
  format: FormatId;
  source: string;
  set: EnlightenmentSet;
  origins: Origins;
  context: ConfigContext;
  diagnostics: Diagnostic[];
}

/** How a format writes a feature change, for fix hints ("add" and the feature as the syntax spells it). */
export type SpellChange = (feature: FeatureId, value: FeatureValue | null) => string;

export interface PrintOptions {
  /** Format-specific style: qemu `modern` | `legacy`; virt-xml `legacy` | `modern`. */
  style?: string;
  /** The parsed input, so a printer can keep what it should (the CPU model, non-hv flags). */
  input?: ParsedConfig;
  /** Target libvirt version (X.Y[.Z]) for printers that must not write newer elements. */
  libvirtVersion?: string;
  /** Domain capabilities XML (`virsh domcapabilities`), for what libvirt expands from the host. */
  capabilities?: string;
  /** Which kind of document to print, one of the format's `kinds` (`--kind`); the format's default when unset. */
  kind?: string;
  /** The guest OS the set is for (an OS table id, `recommend --os`), for syntaxes that name it in a setting of their own. */
  os?: string;
}

export interface PrintResult {
  text: string;
  diagnostics: Diagnostic[];
}

/** How to parse: a larger or smaller cap on the input than the syntax's own. */
export interface ParseOptions {
  /** Largest input, in characters (libvirt XML: 1 MiB unless given). */
  maxChars?: number;
  /**
   * The host's CPU vendor, for syntaxes whose managing program decides by it when it builds the VM
   * (`--cpu-vendor`); each syntax says what it assumes without it.
   */
  hostVendor?: 'intel' | 'amd';
  /** The QEMU release on the host that runs the configuration (`--qemu-version`), for the same kind of syntax. */
  qemuVersion?: string;
  /**
   * The text of a file the configuration refers to but does not hold (`--companion FILE`: a
   * cluster's CPU model definitions); `FormatEntry.companion` says which file a syntax reads.
   */
  companion?: string;
}

/** The program that reads a syntax's configurations: its checks, limits and words apply to them. */
export type ReadBy = 'qemu' | 'libvirt';

/** A feature a syntax has no words for: why, what to do instead, and where that is written. */
export interface Unwritable {
  /** Why (`libvirt has no element for it`). */
  reason: string;
  /** What to do instead. */
  instead: string;
  source: Citation;
}

/** How `explain` shows a syntax under "How to write it". */
export interface FormatExample {
  /** The name on the left (`QEMU`, `libvirt`). */
  label: string;
  /** The feature with a value (the catalog's example value), written in this syntax; null when it cannot be. */
  write(feature: FeatureId, value: FeatureValue): string | null;
  /** What to say instead when it cannot. */
  none: string;
  /** The key of the example in `explain --json`, when it has one there. */
  jsonKey?: string;
}

/** The releases of the program a syntax follows, and where what it reproduces was measured. */
export interface FormatVersions {
  /** The program (`QEMU`, `libvirt`, `virt-xml and virt-install`, `enlighten`). */
  program: string;
  /** The releases whose behaviour the format reproduces (`7.2`, `9.0 to 12.1.0`). */
  releases: string;
  /** Where that behaviour comes from. */
  measured: string;
}

/**
 * One syntax: a folder under `src/formats/`, one object, one line in the registry. Code outside
 * the folder asks this object, and never branches on the id (docs/ARCHITECTURE.md, "The format contract").
 */
export interface FormatEntry<Id extends string = FormatId> {
  id: Id;
  /** What the syntax reads, for "no configuration found" messages (`libvirt domain XML`). */
  describes: string;
  /** The program that reads configurations in this syntax, whose limits and words the rules apply. */
  readBy: ReadBy;
  /** The releases this syntax's parser and printer follow. */
  versions: FormatVersions;
  /**
   * File endings (`.xml`, lower case) whose files are most likely in this syntax: detection asks
   * the syntaxes that claim a file's ending first, and `audit` walks folders for every claimed ending.
   */
  extensions?: readonly string[];
  /**
   * A document of this syntax's program that is no VM configuration (a libvirt network, pool or
   * snapshot): what it is, in a few words, or undefined. `audit` skips such files with a count.
   * Cheap: it looks at the start of the text only.
   */
  otherDocument?(text: string): string | undefined;
  /** How sure we are the text is in this syntax: 0 not at all, higher is surer. */
  detect(text: string): number;
  /**
   * The configuration, with its own warnings and notes; `ok: false` with the diagnostics when the
   * text cannot be read as this syntax at all (malformed XML, an unterminated quote, no command).
   * Never throws.
   */
  parse(text: string, opts?: ParseOptions): ParseResult<ParsedConfig>;
  /**
   * How this syntax writes a feature in messages: its name alone (QEMU's item, libvirt's element,
   * JSON's key), or, given a value, the setting (the item with its value, the element with its
   * attribute, the key and its value). Each syntax's own folder spells them.
   */
  spell(feature: FeatureId, value?: FeatureValue, spelling?: string): string;
  /** Fix words in this syntax, in the style of the parsed input (the spelling the input already uses). */
  spellChange(input: ParsedConfig): SpellChange;
  /** The feature a name in this syntax stands for (a QEMU item, a libvirt element), for `explain`; undefined when none. */
  featureNamed?(name: string): FeatureId | undefined;
  /** Where the feature lives in this syntax's documents, for `list` (`hyperv/stimer/direct`); null when it has no place. */
  locate?(feature: FeatureId): string | null;
  /** How `explain` writes a feature in this syntax. */
  example?: FormatExample;
  print?(set: EnlightenmentSet, opts: PrintOptions): PrintResult;
  /**
   * Rewrites the parsed source so that it holds `set`, changing only what it must: every byte
   * outside the changed items stays as it was. Used by `set` and `fix`.
   */
  edit?(parsed: ParsedConfig, set: EnlightenmentSet, opts: PrintOptions): PrintResult;
  /**
   * Translations into other syntaxes that need more than the set (libvirt XML -> QEMU -cpu: the
   * CPU model, timers and libvirt's own order); `convert` prefers them to the target's print.
   */
  translate?: Partial<Record<FormatId, (parsed: ParsedConfig, opts: PrintOptions) => PrintResult>>;
  /**
   * The syntax of what this one's commands build (virt-install and virt-xml build libvirt domains).
   * `convert` to a syntax this one has no translation for goes through it: that syntax prints the
   * set with this input's context, reads it back and translates it (libvirt's -cpu, model included).
   */
  builds?: FormatId;
  /**
   * The configurations of a text that holds several (virt-install --print-xml's two domains), each
   * as the whole text with the rest blanked so positions stay the file's; undefined for one.
   */
  split?(text: string): ConfigPiece[] | undefined;
  /**
   * What to do with a text holding more pieces than the cap, in the syntax's own terms (one
   * namespace a file), for the refusal's hint.
   */
  splitAdvice?: string;
  /** How this syntax gives the guest CPU flags (`vmx` for nested Hyper-V), for recommend's notes; absent when it has no guest CPU. */
  cpuFlags?: {
    /** The guest CPU that is the host's own and so passes the host's flags (`-cpu host`). */
    host: string;
    /** The flags asked for alone, when `print` leaves them out; absent when it writes them. */
    require?(flags: readonly string[]): string;
  };
  /** Why a feature cannot be written in this syntax, or undefined when it can. Ask the format a syntax `builds`, too. */
  cannotWrite?(feature: FeatureId): Unwritable | undefined;
  /**
   * What the program that reads this syntax does when the host's KVM lacks the feature (or, with
   * `noHyperv`, has no Hyper-V emulation at all), in its own words; host findings quote every
   * registered program's.
   */
  hostRefusal?(feature: FeatureId, noHyperv: boolean): string | undefined;
  /** True when `print` writes the set exactly as `--json` reports carry it: such a report leaves the text out. */
  printsSetJson?: boolean;
  /** True when `print` writes the clock a Windows guest wants (`ConfigContext.windowsClock`). */
  writesClock?: boolean;
  /** True when printing and editing follow a target libvirt release (`PrintOptions.libvirtVersion`). */
  followsLibvirtRelease?: boolean;
  /**
   * The kinds of document `print` can write besides its default (a shared preference instead of a
   * VM's fields), for `--kind`; each with what it is, for help and errors.
   */
  kinds?: readonly { name: string; describes: string }[];
  /**
   * Settings of the syntax's own that `set NAME=VALUE` may change besides features (a VM manager's
   * OS type, from which it derives the set): their names, and the edit, which changes only that
   * setting or refuses (an error diagnostic, the text unchanged).
   */
  settings?: {
    names: readonly string[];
    edit(parsed: ParsedConfig, name: string, value: string): PrintResult;
  };
  /**
   * The file a configuration of this syntax may refer to, which `--companion FILE` gives
   * (`ParseOptions.companion`): what it is, for help and messages. Undefined for none.
   */
  companion?: string;
  /**
   * The paths of this syntax's files, for a syntax whose ending is too common to claim (Proxmox's
   * `qemu-server/VMID.conf` among a system's `.conf` files): `audit` walks the files that match.
   */
  paths?: RegExp;
  /**
   * How `audit` names a row from the file's path when the path names the VM (`node/VMID` for a
   * cluster's `nodes/NODE/qemu-server/VMID.conf`); undefined when it does not.
   */
  rowName?(path: string): string | undefined;
  /**
   * True for syntaxes whose texts are documents (a domain, enlighten's JSON) that a script may
   * write out whole with a heredoc: such a heredoc is read as one. Commands in a heredoc are text.
   */
  document?: boolean;
}

/**
 * The most configurations one text may hold when each piece is a copy of the text (ConfigPiece.text).
 * A splitter returns at most one more than its cap, without making the rest, so that the caller can
 * refuse the text: memory and work stay linear in its size.
 */
export const MAX_PIECES = 64;

/**
 * The most configurations one text may hold when its syntax reads each piece without copying the
 * text (ConfigPiece.read): a KubeVirt List or stream, `kubectl get vm -A -o yaml`. A piece then
 * costs what its own object does, so reading them all costs one reading of the text; the cap still
 * bounds the output, which grows with the pieces, while --max-bytes bounds the text.
 */
export const MAX_READ_PIECES = 10_000;

/** The cap on how many of these pieces one text may hold: MAX_READ_PIECES when each reads on its own, else MAX_PIECES. */
export function piecesCap(pieces: readonly ConfigPiece[]): number {
  return pieces.length > 0 && pieces.every((p) => p.read && !p.embedded) ? MAX_READ_PIECES : MAX_PIECES;
}

/** One configuration of several in one text. */
export interface ConfigPiece {
  /** The whole text with the rest blanked (made when asked: a text over its cap is refused without them). */
  text(): string;
  /**
   * Reads the piece, positions in the whole text; `parse(text())` when absent. A syntax's own piece
   * reads without making its text, at the cost of the piece alone (the syntax read the whole text
   * once to split it); an embedded one reads its text and then what its place changes (a heredoc's
   * expansions).
   */
  read?(opts: ParseOptions): ParseResult<ParsedConfig>;
  span: Span;
  /** What it is, in the words of its syntax (`domain`, `QEMU command`), for "holds 2 ..." and labels. */
  kind: string;
  /** Its name (a domain's `<name>`), when it has one. */
  name?: string;
  /**
   * True for text that another syntax may hold (a heredoc's body): its syntax is detected on its
   * own, and it is dropped when no syntax recognises it.
   */
  embedded?: boolean;
  /** The shell's expansions in it (an unquoted heredoc's body): what goes there is known only when the script runs. */
  expansions?: readonly { span: Span; text: string }[];
}
