/*
 * kvm-hv-probe: asks this host's KVM what Hyper-V emulation it offers and prints JSON.
 * Built by scripts/build.mjs into dist/kvm-hv-probe; run by src/host/native.ts. Read-only:
 * it opens /dev/kvm, issues KVM_CHECK_EXTENSION and KVM_GET_SUPPORTED_HV_CPUID (on /dev/kvm when
 * KVM_CAP_SYS_HYPERV_CPUID, else on a throw-away vCPU), and reads CPUID 0x40000000 of this CPU.
 * Numbers: include/uapi/linux/kvm.h (torvalds/linux); the #ifndef values are for old headers.
 */
#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#ifndef KVM_CAP_SYS_HYPERV_CPUID
#define KVM_CAP_SYS_HYPERV_CPUID 191
#endif
#ifndef KVM_CAP_HYPERV_ENFORCE_CPUID
#define KVM_CAP_HYPERV_ENFORCE_CPUID 199
#endif
#ifndef KVM_GET_SUPPORTED_HV_CPUID
#define KVM_GET_SUPPORTED_HV_CPUID _IOWR(KVMIO, 0xc1, struct kvm_cpuid2)
#endif

static const struct { const char *name; int cap; } CAPS[] = {
  {"KVM_CAP_HYPERV", 44},          {"KVM_CAP_HYPERV_VAPIC", 45},
  {"KVM_CAP_HYPERV_SPIN", 46},     {"KVM_CAP_HYPERV_TIME", 96},
  {"KVM_CAP_HYPERV_SYNIC", 123},   {"KVM_CAP_HYPERV_SYNIC2", 148},
  {"KVM_CAP_HYPERV_VP_INDEX", 149}, {"KVM_CAP_HYPERV_EVENTFD", 154},
  {"KVM_CAP_HYPERV_TLBFLUSH", 155}, {"KVM_CAP_HYPERV_SEND_IPI", 161},
  {"KVM_CAP_HYPERV_ENLIGHTENED_VMCS", 163}, {"KVM_CAP_HYPERV_CPUID", 167},
  {"KVM_CAP_HYPERV_DIRECT_TLBFLUSH", 175}, {"KVM_CAP_SYS_HYPERV_CPUID", 191},
  {"KVM_CAP_HYPERV_ENFORCE_CPUID", 199},
};

#define MAX_ENTRIES 64
static struct { struct kvm_cpuid2 head; struct kvm_cpuid_entry2 e[MAX_ENTRIES]; } hv;

static void print_host_cpuid(void) {
  unsigned a, b, c, d;
  __cpuid(1, a, b, c, d);
  int present = (c >> 31) & 1;
  printf("  \"hostCpuid\": {\"hypervisorBit\": %s", present ? "true" : "false");
  if (present) {
    char sig[13] = {0};
    __cpuid(0x40000000, a, b, c, d);
    memcpy(sig, &b, 4), memcpy(sig + 4, &c, 4), memcpy(sig + 8, &d, 4);
    for (int i = 0; i < 12; i++) if (sig[i] && (sig[i] < 32 || sig[i] > 126 || sig[i] == '"' || sig[i] == '\\')) sig[i] = '?';
    printf(", \"maxLeaf\": \"0x%08x\", \"signature\": \"%s\"", a, sig);
  }
  printf("},\n");
}

/* KVM_GET_SUPPORTED_HV_CPUID on the system fd, or on a vCPU for kernels before 5.11. */
static int get_hv_cpuid(int kvm, const char **via) {
  hv.head.nent = MAX_ENTRIES;
  if (ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_SYS_HYPERV_CPUID) > 0) {
    *via = "system";
    return ioctl(kvm, KVM_GET_SUPPORTED_HV_CPUID, &hv);
  }
  if (ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_HYPERV_CPUID) <= 0) { *via = "none"; errno = ENOTSUP; return -1; }
  *via = "vcpu";
  int vm = ioctl(kvm, KVM_CREATE_VM, 0);
  if (vm < 0) return -1;
  int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
  int r = vcpu < 0 ? -1 : ioctl(vcpu, KVM_GET_SUPPORTED_HV_CPUID, &hv);
  int saved = errno;
  if (vcpu >= 0) close(vcpu);
  close(vm);
  errno = saved;
  return r;
}

int main(void) {
  printf("{\n  \"tool\": \"kvm-hv-probe 1\",\n");
  print_host_cpuid();
  int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
  if (kvm < 0) {
    printf("  \"open\": false, \"errno\": %d, \"error\": \"%s\"\n}\n", errno, strerror(errno));
    return 0;
  }
  printf("  \"open\": true,\n  \"apiVersion\": %d,\n  \"caps\": {", ioctl(kvm, KVM_GET_API_VERSION, 0));
  for (unsigned i = 0; i < sizeof CAPS / sizeof CAPS[0]; i++) {
    printf("%s\n    \"%s\": %d", i ? "," : "", CAPS[i].name, ioctl(kvm, KVM_CHECK_EXTENSION, CAPS[i].cap));
  }
  printf("\n  },\n");
  const char *via = "none";
  if (get_hv_cpuid(kvm, &via) < 0) {
    printf("  \"hvCpuid\": {\"ok\": false, \"via\": \"%s\", \"errno\": %d, \"error\": \"%s\"}\n}\n", via, errno, strerror(errno));
    return 0;
  }
  printf("  \"hvCpuid\": {\"ok\": true, \"via\": \"%s\", \"leaves\": {", via);
  for (unsigned i = 0; i < hv.head.nent && i < MAX_ENTRIES; i++) {
    struct kvm_cpuid_entry2 *e = &hv.e[i];
    printf("%s\n    \"0x%08x\": {\"eax\": \"0x%08x\", \"ebx\": \"0x%08x\", \"ecx\": \"0x%08x\", \"edx\": \"0x%08x\"}",
           i ? "," : "", e->function, e->eax, e->ebx, e->ecx, e->edx);
  }
  printf("\n  }}\n}\n");
  close(kvm);
  return 0;
}
