export type Severity = 'error' | 'warning' | 'info';

interface CodeDef {
  severity: Severity;
  /** The input could not be read at all (exit status 2 rather than 1). */
  unreadable?: true;
  /** What the code means, for docs/diagnostics.md. */
  summary: string;
}

/**
 * Every diagnostic code enlighten emits. Codes are stable: never rename one; add new ones.
 * docs/diagnostics.md is generated from this table (npm run docs).
 */
export const CODES = {
  UNKNOWN_FEATURE: {
    severity: 'error',
    summary: 'A Hyper-V property (hv-*) that QEMU does not know; QEMU refuses to start.',
  },
  INVALID_BOOLEAN: {
    severity: 'error',
    summary: "An on/off property with a value QEMU does not accept as 'on' or 'off'.",
  },
  INVALID_NUMBER: { severity: 'error', summary: 'A numeric property whose value is not a number QEMU can parse.' },
  NUMBER_OUT_OF_RANGE: {
    severity: 'error',
    summary: 'A numeric property whose value does not fit its type (uint32, uint16, uint8).',
  },
  INVALID_VALUE: { severity: 'error', summary: 'A property value outside the set QEMU accepts (on/off/auto).' },
  MISSING_VALUE: { severity: 'error', summary: 'A property that needs a value was given none.' },
  MISSING_DEPENDENCY: {
    severity: 'error',
    summary:
      'A feature is on but a feature it requires is not; QEMU refuses to start ("Hyper-V X requires Hyper-V Y").',
  },
  DUPLICATE_FEATURE: { severity: 'warning', summary: 'The same property is given more than once; the last one wins.' },
  CONFLICTING_FEATURE: {
    severity: 'warning',
    summary: 'The same property is turned both on and off; the last one wins.',
  },
  AMBIGUOUS_CPU_STRING: {
    severity: 'warning',
    summary:
      'A +feature/-feature item mixed with a later feature=value for the same property; QEMU warns and applies the +/- item last.',
  },
  NO_CPU_ARGUMENT: {
    severity: 'info',
    summary: 'A QEMU command line without a -cpu argument: no Hyper-V enlightenments are set.',
  },
  NO_CONFIGURATION: {
    severity: 'error',
    unreadable: true,
    summary: 'No configuration was found in the input: no -cpu, no domain, no virt-xml command, no enlighten JSON.',
  },
  NOT_EDITABLE: {
    severity: 'error',
    unreadable: true,
    summary: 'enlighten found the configuration but cannot change it without changing its meaning; nothing is written.',
  },
  SEVERAL_COMMANDS: {
    severity: 'warning',
    summary: 'A text with several QEMU commands that set -cpu: only the last is read, and enlighten does not edit it.',
  },
  SHELL_VALUE_RESOLVED: {
    severity: 'info',
    summary:
      'A -cpu value the script builds from variables that it assigns literally, or from a default it gives (${CPU:-host,...}) that the environment may replace: read as the shell would build it, with each item pointing at where it is written.',
  },
  CPU_OVERRIDDEN: {
    severity: 'warning',
    summary:
      'A -cpu followed by another -cpu in the same QEMU command: QEMU uses the last one, so the earlier one takes no effect.',
  },
  SHELL_EXPANSION: {
    severity: 'warning',
    summary: 'A -cpu value the shell builds from variables or commands: only its literal parts are read.',
  },
  UNREADABLE_INPUT: {
    severity: 'error',
    unreadable: true,
    summary: 'The input could not be read as any known syntax.',
  },
  UNTERMINATED_QUOTE: {
    severity: 'error',
    unreadable: true,
    summary: 'A shell quote in a QEMU command line is not closed.',
  },
  VENDOR_ID_TRUNCATED: {
    severity: 'warning',
    summary: 'A vendor id longer than 12 bytes: QEMU truncates it and warns (hv-vendor-id truncated to 12 characters).',
  },
  NOT_EXPRESSIBLE: {
    severity: 'warning',
    summary: 'A setting the target syntax cannot express; it is left out of the output.',
  },
  EXPERIMENTAL_PROPERTY: {
    severity: 'info',
    summary: 'An experimental x-hv-* property: accepted by QEMU, but not a stable interface.',
  },
  // virt-xml / virt-install command lines.
  SEVERAL_CHANGE_OPTIONS: {
    severity: 'error',
    summary:
      'A virt-xml command with two change options (--features and --clock): virt-xml refuses it ("Only one change operation may be specified").',
  },
  UNKNOWN_SUBOPTION: {
    severity: 'error',
    summary: 'A sub-option virt-xml does not know ("Unknown --features options"): virt-xml refuses the command.',
  },
  INVALID_COMMAND: {
    severity: 'error',
    summary:
      'A virt-xml command virt-xml refuses (no action, two actions, no change, a stray argument) or reads differently from how it looks.',
  },
  // Guest side (enlighten cpuid / decode).
  CPUID_NEEDS_HOST: {
    severity: 'info',
    summary:
      'The leaves depend on the host (passthrough, host-model, or an on-off-auto left to auto); give a probe file to compute them.',
  },
  GUEST_NO_EVIDENCE: {
    severity: 'error',
    summary: 'The input holds no CPUID leaves and no Hyper-V or hypervisor lines of a Linux boot log.',
  },
  GUEST_EVIDENCE_CONFLICT: {
    severity: 'warning',
    summary:
      'Two pieces of guest evidence disagree (CPUs of one dump, boots of one log, log and dump); the first one kept is used.',
  },
  GUEST_UNEXPLAINED_BITS: {
    severity: 'info',
    summary: 'Set bits in the Hyper-V leaves that no QEMU property sets: another hypervisor built these leaves.',
  },
  GUEST_INCONSISTENT_BITS: {
    severity: 'warning',
    summary: 'Bits QEMU always sets are clear, or a conditional bit disagrees with the features around it.',
  },
  GUEST_NO_HYPERV: {
    severity: 'error',
    summary: 'The configuration asks for Hyper-V enlightenments but the guest has no Hyper-V leaves at all.',
  },
  GUEST_FEATURE_MISSING: {
    severity: 'error',
    summary: 'An enlightenment the configuration turns on is not in the guest.',
  },
  GUEST_VALUE_DIFFERS: {
    severity: 'error',
    summary: 'A value the guest sees (spinlocks, vendor id, version) differs from the configured one.',
  },
  GUEST_FEATURE_UNEXPECTED: {
    severity: 'warning',
    summary: 'The guest has an enlightenment the configuration does not turn on.',
  },
  GUEST_FEATURE_NOT_VISIBLE: {
    severity: 'info',
    summary:
      'A configured enlightenment this evidence cannot show (not in this log format, or never visible from inside).',
  },
  // Host side (enlighten probe, probe files).
  HOST_FILE_INVALID: {
    severity: 'error',
    summary: 'A host probe file that is not the JSON `enlighten probe --json` writes.',
  },
  KVM_MISSING: { severity: 'error', summary: 'No /dev/kvm: no KVM guest, so no enlightenment, can run on this host.' },
  KVM_UNUSABLE: { severity: 'error', summary: '/dev/kvm exists but cannot be opened or answers no KVM API.' },
  KVM_NO_HYPERV: {
    severity: 'error',
    summary: "KVM_CAP_HYPERV is 0: this host's KVM has no Hyper-V emulation, so no hv-* feature can work.",
  },
  KVM_HV_CPUID_UNAVAILABLE: {
    severity: 'info',
    summary: 'KVM_GET_SUPPORTED_HV_CPUID could not be read, so the per-feature list of this host is unknown.',
  },
  NATIVE_PROBE_UNAVAILABLE: {
    severity: 'warning',
    summary:
      'The small native helper that issues the KVM ioctls is not built or cannot run; the ioctl part of the probe is missing.',
  },
  CLOCKSOURCE_NOT_TSC: {
    severity: 'warning',
    summary: "The host's clocksource is not tsc: hv-time's reference TSC page needs a stable TSC on the host.",
  },
  HOST_NESTING_OFF: {
    severity: 'info',
    summary:
      'Nested virtualization is off or unavailable: the nested-only enlightenments (evmcs, emsr-bitmap, tlbflush-direct) do nothing.',
  },
  HOST_APICV_OFF: {
    severity: 'info',
    summary: 'APICv / AVIC is off or unavailable: hv-avic gains nothing and may cost.',
  },
  // Rules (src/rules): host, target versions, migration, values, visibility, guest and workload advice.
  HOST_VENDOR_UNSUPPORTED: {
    severity: 'error',
    summary: "A feature the host's CPU vendor cannot run (evmcs on AMD): QEMU refuses to start the VM.",
  },
  HOST_LACKS_CAPABILITY: {
    severity: 'warning',
    summary:
      'A feature that needs something the host lacks (APICv/AVIC, nested virtualization, a stable TSC, a CPU with AVX2).',
  },
  HOST_LACKS_FEATURE: {
    severity: 'error',
    summary:
      "A feature the host's KVM does not offer (not in KVM_GET_SUPPORTED_HV_CPUID, or no Hyper-V emulation at all).",
  },
  FEATURE_TOO_NEW: {
    severity: 'error',
    summary: 'A feature newer than the target QEMU or libvirt version, which refuses it.',
  },
  MACHINE_TOO_OLD: {
    severity: 'warning',
    summary: 'A feature newer than the QEMU version the machine type is pinned to (pc-q35-6.1).',
  },
  MIGRATION_BLOCKER: {
    severity: 'error',
    summary:
      'For a migratable VM: a setting that blocks live migration or makes it fail (passthrough, coresharing auto, reenlightenment without tsc-frequency).',
  },
  VALUE_BELOW_MINIMUM: {
    severity: 'warning',
    summary:
      'A value below the minimum another tool enforces (spinlock retries below 4095: QEMU takes it, libvirt refuses it).',
  },
  LIBVIRT_REFUSES_VALUE: {
    severity: 'error',
    summary: 'A value libvirt refuses: spinlock retries below 4095, a vendor id over 12 characters.',
  },
  FORBIDDEN_CHARACTER: {
    severity: 'error',
    summary: 'A character no syntax can carry in the value (a comma in the vendor id).',
  },
  SPECIAL_VALUE: {
    severity: 'info',
    summary: 'A value with a meaning of its own (spinlocks 0xffffffff: never notify, the same as not setting it).',
  },
  VALUE_EXCEEDS_FIELD: {
    severity: 'warning',
    summary: 'A value wider than the CPUID field it lands in: the guest sees only the low bits.',
  },
  IDENTIFICATION_OFF: {
    severity: 'warning',
    summary:
      'Only identification values (vendor id, version) are set: they do not turn Hyper-V identification on, so the guest never sees them.',
  },
  GUEST_WILL_NOT_DETECT: {
    severity: 'warning',
    summary: 'A value that keeps the guest from detecting Hyper-V (a vendor id other than "Microsoft Hv" for Linux).',
  },
  PASSTHROUGH_IGNORES_FEATURES: {
    severity: 'warning',
    summary: 'Features listed next to passthrough mode, which ignores them.',
  },
  RECOMMENDED_FEATURE_MISSING: {
    severity: 'warning',
    summary:
      'A feature this guest or workload needs is off (stimer for Windows 10 and later, relaxed, the Hyper-V clock).',
  },
  GUEST_OS_UNKNOWN: {
    severity: 'info',
    summary:
      "A guest OS the configuration names (a domain's libosinfo metadata) that no enlighten preset matches; the guest-dependent checks are left out.",
  },
  VIRT_INSTALL_DEFAULT: {
    severity: 'info',
    summary:
      'What virt-install fills in that its command leaves out (its default CPU for a KVM guest, the Hyper-V set and clock of a Windows guest); enlighten reads the command with it.',
  },
  ADDED_BY_DEFAULT: {
    severity: 'info',
    summary:
      'What the program that reads the configuration adds to it before use (a mutating admission webhook, a shared preference): enlighten checks the configuration with it.',
  },
  ADMISSION_REFUSED: {
    severity: 'error',
    summary:
      "A combination the program's admission step refuses, quoted in its own words with its field path: the configuration is never run.",
  },
  ADMISSION_ACCEPTED: {
    severity: 'info',
    summary:
      "The program's admission step accepts the configuration as it is: every other finding is one it lets through, to show when the VM starts or in the guest.",
  },
  GUEST_OS_DIFFERS: {
    severity: 'info',
    summary:
      "--os names another guest OS than the configuration does (a domain's libosinfo metadata, a VM manager's OS type); --os wins. A warning where the configuration's OS setting decides the enlightenments.",
  },
  DERIVED_SETTING: {
    severity: 'info',
    summary:
      'What the program that manages the configuration derives from it (an OS type, a machine version, a host fact) rather than reads from it; enlighten reads the configuration with it and names each assumption it made.',
  },
  FEATURE_UNREACHABLE: {
    severity: 'info',
    summary:
      "A feature the guest would get that this configuration's OS type or machine version keeps out, with the change that would give it.",
  },
  FLAG_CAVEAT: {
    severity: 'info',
    summary:
      'A flag that the program managing the configuration documents with a risk (guest blue screens on old CPUs).',
  },
  CONFIG_LINE_SKIPPED: {
    severity: 'warning',
    summary: 'A line of the configuration that the program reading it cannot parse and skips.',
  },
  NESTED_ONLY_FEATURE: {
    severity: 'warning',
    summary:
      'A nested-only feature for a guest that runs no hypervisor: it gains nothing and may cost (evmcs turns posted interrupts off).',
  },
  // XML reading (libvirt domain XML): the input is not well-formed, or is refused before reading.
  XML_MALFORMED: {
    severity: 'error',
    unreadable: true,
    summary: 'The XML is not well-formed; the message gives the line and column.',
  },
  XML_DTD_REFUSED: {
    severity: 'error',
    unreadable: true,
    summary:
      'A <!DOCTYPE> is refused: no DTD is read, no entity is expanded (billion laughs) and no external entity is fetched.',
  },
  XML_UNKNOWN_ENTITY: {
    severity: 'error',
    unreadable: true,
    summary: 'An entity reference other than the five predefined ones and numeric references.',
  },
  XML_TOO_LARGE: {
    severity: 'error',
    unreadable: true,
    summary: 'The XML is over the size cap (1 MiB); a domain XML is a few KB.',
  },
  XML_TOO_DEEP: {
    severity: 'error',
    unreadable: true,
    summary: 'Elements are nested deeper than the cap (1000 levels).',
  },
  XML_EMPTY: { severity: 'error', unreadable: true, summary: 'The XML holds no root element.' },
  XML_MULTIPLE_ROOTS: { severity: 'error', unreadable: true, summary: 'The XML holds more than one root element.' },
  XML_ENCODING_REFUSED: {
    severity: 'error',
    unreadable: true,
    summary:
      "The XML declaration names an encoding other than UTF-8 or UTF-16 (encoding='ISO-8859-1'); libvirt reads only Unicode.",
  },
  // libvirt's own rules, in libvirt's words.
  LIBVIRT_UNKNOWN_ELEMENT: {
    severity: 'error',
    summary:
      'An element inside <hyperv>, <stimer> or <tlbflush> that libvirt does not know; libvirt refuses the domain.',
  },
  LIBVIRT_INVALID_VALUE: {
    severity: 'error',
    summary: 'An attribute value libvirt refuses (state, present, mode, retries).',
  },
  LIBVIRT_MISSING_ATTRIBUTE: {
    severity: 'error',
    summary: 'An attribute libvirt requires is missing (state, retries, the vendor_id value).',
  },
  LIBVIRT_VENDOR_ID_INVALID: {
    severity: 'error',
    summary: 'A vendor_id value over 12 characters or with a comma: libvirt refuses it.',
  },
  LIBVIRT_PASSTHROUGH_CHILDREN: {
    severity: 'warning',
    summary: "<hyperv mode='passthrough'> with children: the schema forbids them, and newer libvirt ignores them.",
  },
  LIBVIRT_TOO_OLD: {
    severity: 'error',
    summary: 'An element, attribute or mode newer than the target libvirt release, which refuses or ignores it.',
  },
  LIBVIRT_UNSUPPORTED_GUEST: {
    severity: 'error',
    summary:
      'A Hyper-V setting libvirt refuses for this guest: a non-x86 architecture, a hyperv panic device with an address, or two of them.',
  },
  LIBVIRT_CPU_OVERRIDDEN: {
    severity: 'warning',
    summary:
      "A -cpu in <qemu:commandline> comes after libvirt's own -cpu; QEMU uses the last one, so <hyperv> does not take effect.",
  },
  LIBVIRT_HOST_DEPENDENT: {
    severity: 'info',
    summary:
      'Part of the -cpu value libvirt computes from the host (host-model, optional CPU features); give the domain capabilities to expand it.',
  },
  RESTART_NEEDED: {
    severity: 'warning',
    summary:
      'A running domain whose saved configuration sets other enlightenments than the running one: they take effect at its next start (audit --connect).',
  },
} as const satisfies Record<string, CodeDef>;

export type DiagnosticCode = keyof typeof CODES;

/** True for codes that mean the input could not be read at all. */
export function isUnreadable(code: DiagnosticCode): boolean {
  return (CODES[code] as CodeDef).unreadable === true;
}

export function severityOf(code: DiagnosticCode): Severity {
  return CODES[code].severity;
}
