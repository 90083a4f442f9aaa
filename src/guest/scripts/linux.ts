/**
 * The POSIX sh script a user runs inside a Linux guest (nothing to install). Its output is what
 * `enlighten decode` reads: `# key: value` lines, a [cpuid] table, the Hyper-V and hypervisor lines
 * of the boot log under [dmesg], and the clocksources under [clocksource].
 */
export const LINUX_GUEST_SCRIPT = String.raw`#!/bin/sh
# enlighten guest report for Linux. Run it inside the guest (as root to read the CPUID leaves):
#   sh enlighten-guest.sh > report.txt      then on any machine:  enlighten decode report.txt
# Needs only a POSIX shell, dd and od. It reads; it changes nothing (it may load the cpuid module).
LC_ALL=C
export LC_ALL
echo '# enlighten-guest-report: 1'
echo '# os: linux'
echo "# kernel: $(uname -r 2>/dev/null)"
echo '[cpuid]'
LEAVES='0x40000000 0x40000001 0x40000002 0x40000003 0x40000004 0x40000005 0x40000006 0x40000007 0x40000008 0x40000009 0x4000000a 0x40000080 0x40000081 0x40000082 0x40000100 0x40000101'
if [ ! -e /dev/cpu/0/cpuid ] && [ "$(id -u)" = 0 ]; then modprobe cpuid 2>/dev/null; fi
read_leaf() {
  dd if=/dev/cpu/0/cpuid bs=16 count=1 skip="$(($1))" iflag=skip_bytes 2>/dev/null | od -An -tx4
}
if [ -r /dev/cpu/0/cpuid ] && [ -n "$(read_leaf 0x40000000)" ]; then
  echo '# cpuid-source: /dev/cpu/0/cpuid'
  for leaf in $LEAVES; do
    set -- $(read_leaf "$leaf")
    [ $# -eq 4 ] && printf '0x%08x 0x%s 0x%s 0x%s 0x%s\n' "$(($leaf))" "$1" "$2" "$3" "$4"
  done
elif command -v cpuid >/dev/null 2>&1; then
  echo '# cpuid-source: cpuid -r -1'
  cpuid -r -1 2>/dev/null | grep -E '^ *0x4[0-9a-f]{7} 0x00:'
else
  echo '# cpuid: not readable (run as root with the cpuid module, or install the cpuid tool)'
fi
echo '[dmesg]'
PATTERN='Hyper-?V|x86/hyperv|Hypervisor detected|clocksource: Switched'
if dmesg >/dev/null 2>&1; then
  dmesg | grep -E "$PATTERN"
elif command -v journalctl >/dev/null 2>&1 && journalctl -k -b -q --no-pager >/dev/null 2>&1; then
  journalctl -k -b -q --no-pager | grep -E "$PATTERN"
elif [ -r /var/log/dmesg ]; then
  grep -E "$PATTERN" /var/log/dmesg
else
  echo '# dmesg: not readable (run as root, or set kernel.dmesg_restrict=0)'
fi
echo '[clocksource]'
CS=/sys/devices/system/clocksource/clocksource0
echo "current: $(cat "$CS/current_clocksource" 2>/dev/null)"
echo "available: $(cat "$CS/available_clocksource" 2>/dev/null)"
echo '[end]'
`;
