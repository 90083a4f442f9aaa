/**
 * What virt-xml and virt-install 4.1.0 (virtinst, Debian 12) accept on their command lines, from
 * `virt-xml --help`, `virt-install --help` and `virt-xml --features help` / `--clock help` /
 * `--panic help` (source: /usr/share/virt-manager/virtinst/virtxml.py, cli.py). The Hyper-V
 * sub-option names themselves come from the catalog's virtXml spellings, not from here.
 */

/** The device options virt-xml lists after --boot and --idmap (--disk, --network and --graphics come first). */
const LATER_DEVICE_OPTIONS = [
  '--controller',
  '--input',
  '--serial',
  '--parallel',
  '--channel',
  '--console',
  '--hostdev',
  '--filesystem',
  '--sound',
  '--audio',
  '--watchdog',
  '--video',
  '--smartcard',
  '--redirdev',
  '--memballoon',
  '--tpm',
  '--rng',
  '--panic',
  '--shmem',
  '--memdev',
  '--vsock',
  '--iommu',
] as const;

/**
 * virt-xml's change options (each a VirtCLIParser, then --xml, in the order virt-xml lists them in
 * "Only one change operation may be specified (conflicting options [...])"); any two different ones conflict.
 */
export const VIRT_XML_CHANGE_OPTIONS = [
  '--disk',
  '--network',
  '--graphics',
  '--metadata',
  '--memory',
  '--vcpus',
  '--cpu',
  '--iothreads',
  '--seclabel',
  '--keywrap',
  '--cputune',
  '--numatune',
  '--memtune',
  '--blkiotune',
  '--memorybacking',
  '--features',
  '--clock',
  '--pm',
  '--events',
  '--resource',
  '--sysinfo',
  '--qemu-commandline',
  '--launchSecurity',
  '--boot',
  '--idmap',
  ...LATER_DEVICE_OPTIONS,
  '--xml',
] as const;

/** The change options that are devices: the only ones --add-device and --remove-device take. */
export const DEVICE_OPTIONS: string[] = ['--disk', '--network', '--graphics', ...LATER_DEVICE_OPTIONS];

/** Other spellings argparse accepts for the same option. */
export const OPTION_ALIASES: Record<string, string> = {
  '-w': '--network',
  '--security': '--seclabel',
  '--launchsecurity': '--launchSecurity',
  '-c': '--connect',
  '--osinfo': '--os-variant',
  '-n': '--name',
  '-q': '--quiet',
  '-d': '--debug',
  '-h': '--help',
  '-v': '--hvm',
  '-p': '--paravirt',
};

/** virt-xml's actions: exactly one is needed. `--edit` takes an optional selector. */
export const VIRT_XML_ACTIONS = ['--edit', '--add-device', '--remove-device', '--build-xml'] as const;
export type VirtXmlAction = 'edit' | 'add-device' | 'remove-device' | 'build-xml';

export const VIRT_XML_FLAGS = [
  '--add-device',
  '--remove-device',
  '--build-xml',
  '--update',
  '--define',
  '--no-define',
  '--start',
  '--print-diff',
  '--print-xml',
  '--confirm',
  '--quiet',
  '--debug',
  '--help',
  '--version',
] as const;

/** Options that take a value whatever the program. */
export const VALUE_OPTIONS = ['--connect', '--os-variant'] as const;

/** virt-install's options without a value, and those whose value is optional. Every other one takes a value. */
export const VIRT_INSTALL_FLAGS = [
  '--help',
  '--version',
  '--pxe',
  '--import',
  '--hvm',
  '--paravirt',
  '--container',
  '--autostart',
  '--transient',
  '--destroy-on-exit',
  '--noautoconsole',
  '--noreboot',
  '--dry-run',
  '--quiet',
  '--debug',
] as const;
export const VIRT_INSTALL_OPTIONAL = ['--unattended', '--cloud-init', '--sound', '--wait', '--print-xml'] as const;

/** Sub-option patterns virtinst registers for every XML option (`xpath[0-9]*.set`...). */
export const XPATH_SUBOPTION = /^xpath(\d*)\.(delete|set|create|value)$/;

/** The non-Hyper-V sub-options of --features (cli.py ParserFeatures, with its aliases). */
export const OTHER_FEATURES_SUBOPTIONS = [
  'clearxml',
  'acpi',
  'apic',
  'apic.eoi',
  'eoi',
  'gic.version',
  'gic_version',
  'hap',
  'ioapic.driver',
  'kvm.hidden.state',
  'kvm_hidden',
  'kvm.hint-dedicated.state',
  'kvm.poll-control.state',
  'pae',
  'pmu.state',
  'pmu',
  'privnet',
  'pvspinlock.state',
  'smm.state',
  'smm',
  'viridian',
  'vmcoreinfo.state',
  'vmcoreinfo',
  'vmport.state',
  'vmport',
];

/** The sub-options of --clock other than the hypervclock one (cli.py ParserClock); `*_tickpolicy` ones are accepted no-ops. */
export const OTHER_CLOCK_SUBOPTIONS = [
  'clearxml',
  'offset',
  'hpet_present',
  'kvmclock_present',
  'pit_present',
  'platform_present',
  'rtc_present',
  'tsc_present',
  'pit_tickpolicy',
  'rtc_tickpolicy',
  'platform_tickpolicy',
  'hpet_tickpolicy',
  'tsc_tickpolicy',
  'kvmclock_tickpolicy',
  'hypervclock_tickpolicy',
];
export const CLOCK_TIMER_SUBOPTION =
  /^timer(\d*)\.(name|present|tickpolicy|track|mode|frequency|catchup\.threshold|catchup\.slew|catchup\.limit)$/;

/** The sub-options of --panic; the first bare value is the model (remove_first). */
export const PANIC_SUBOPTIONS = ['clearxml', 'model', 'alias.name'];
export const PANIC_ADDRESS_SUBOPTION = /^address\.[a-z.]+$/;

/**
 * What virt-install 4.1 gives a Windows guest (guest.hyperv_supported()) that the command leaves
 * out, in its own sub-options: virtinst/domain/features.py set_defaults() turns each Hyper-V
 * property on that is unset, and domain/clock.py set_defaults() adds the hypervclock timer (after
 * rtc, pit and hpet) when the command gives no timer. Measured with virt-install --print-xml here.
 */
export const WINDOWS_FEATURES_DEFAULT =
  'hyperv_relaxed=on,hyperv_vapic=on,hyperv_spinlocks=on,hyperv_spinlocks_retries=8191';
export const WINDOWS_CLOCK_DEFAULT = 'hypervclock_present=yes';
/** virt-install 4.1's --cpu for an x86 KVM guest without one, when the domain capabilities report host-passthrough migratable (libvirt 6.5 and later): domain/cpu.py _get_app_default_mode(). */
export const KVM_CPU_DEFAULT = 'host-passthrough';
