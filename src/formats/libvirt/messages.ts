/**
 * libvirt's own error messages, word for word (measured with libvirt 9.0's `virsh define`, and
 * libvirt src/conf/domain_conf.c @ 380fb893 and src/qemu/qemu_validate.c @ a9ac674e). Every diagnostic about a
 * libvirt rule quotes one of these after "libvirt: ", or the catalog's words for a value libvirt refuses
 * (`minimum.message`, `stringLimits.libvirtTooLong` and `libvirtForbidden`, with the limits themselves).
 */
export const LIBVIRT_SAYS = {
  invalidAttribute: (attr: string, element: string, value: string) =>
    `Invalid value for attribute '${attr}' in element '${element}': '${value}'.`,
  invalidUnsigned: (attr: string, element: string, value: string) =>
    `Invalid value for attribute '${attr}' in element '${element}': '${value}'. Expected non-negative integer value`,
  missingAttribute: (attr: string, element: string) => `Missing required attribute '${attr}' in element '${element}'`,
  missingVendorValue: () => "missing 'value' attribute for HyperV feature 'vendor_id'",
  unknownHyperv: (name: string) => `unsupported HyperV Enlightenment feature: ${name}`,
  unknownKvm: (name: string) => `unsupported KVM feature: ${name}`,
  unknownChild: (parent: string, name: string) => `unsupported Hyper-V ${parent} feature: ${name}`,
  unsupportedArch: (arch: string, machine: string) =>
    `Hyperv features are not supported for architecture '${arch}' or machine type '${machine}'`,
  panicArch: () => "only i686 and x86_64 guests support panic device of model 'hyperv'",
  panicAddress: () => "setting the panic device address is not supported for model 'hyperv'",
  panicTwice: () => "Multiple panic devices with model 'hyperv'",
} as const;

/** libvirt's limits (domain_conf.c); the limits on a feature's value are in its catalog entry. */
export const LIBVIRT_LIMITS = {
  /** Largest retries value (unsigned int). */
  maxRetries: 0xffffffff,
} as const;
