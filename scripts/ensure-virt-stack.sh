#!/usr/bin/env bash
# Make sure the real virtualization stack our integration tests drive is present:
# QEMU (qemu-system-x86_64), libvirt (virsh, virt-xml-validate, embedded QEMU driver, libvirtd
# for the fleet tests),
# xmllint, virt-xml (virtinst), cpuid and chromium (the web page's browser tests), from Debian 12's packages.
#
# Idempotent: when every tool is there (and the libvirt-qemu user exists) it returns at once.
# As root it installs what is missing with apt-get (never libvirt-daemon-system: it pulls
# systemd). Not as root it prints the command to run and exits 1.
# Output is one summary line; the details go to $ENSURE_VIRT_LOG (default: a file in $TMPDIR).
#
# Exit codes: 0 ready, 1 tools missing and not root, 2 install failed.
set -u

PACKAGES=(qemu-system-x86 libvirt-clients libvirt-daemon libvirt-daemon-driver-qemu libxml2-utils virtinst cpuid groff-base man-db chromium)
TOOLS=(qemu-system-x86_64 virsh libvirtd virt-xml-validate xmllint virt-xml cpuid groff man chromium)
LOG="${ENSURE_VIRT_LOG:-${TMPDIR:-/tmp}/enlighten-ensure-virt-stack.log}"
INSTALL_LINE="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${PACKAGES[*]}"

missing_tools() {
  local t out=()
  for t in "${TOOLS[@]}"; do
    command -v "$t" >/dev/null 2>&1 || out+=("$t")
  done
  echo "${out[*]}"
}

# libvirt's Debian build runs QEMU as libvirt-qemu unless qemu.conf says otherwise; the embedded
# driver looks the user up at start-up and is very slow (about a minute) when it is absent.
has_qemu_user() { getent passwd libvirt-qemu >/dev/null 2>&1; }

add_qemu_user() {
  getent group libvirt-qemu >/dev/null 2>&1 &&
    useradd --system --no-create-home --gid libvirt-qemu --shell /usr/sbin/nologin libvirt-qemu ||
    useradd --system --no-create-home --user-group --shell /usr/sbin/nologin libvirt-qemu
}

missing="$(missing_tools)"
if [ -z "$missing" ] && has_qemu_user; then
  echo "virt stack: ready ($(qemu-system-x86_64 --version | head -n1 | awk '{print "QEMU", $4}'), libvirt $(virsh --version))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if [ -n "$missing" ]; then
    echo "virt stack: missing $missing; run as root: $INSTALL_LINE" >&2
  fi
  if ! has_qemu_user; then
    echo "virt stack: missing user libvirt-qemu; run as root: useradd --system --no-create-home --user-group --shell /usr/sbin/nologin libvirt-qemu" >&2
  fi
  exit 1
fi

: >"$LOG"
start=$(date +%s)
if [ -n "$missing" ]; then
  {
    echo "== missing: $missing"
    echo "== apt-get update"
    apt-get -o DPkg::Lock::Timeout=300 update
  } >>"$LOG" 2>&1 || { echo "virt stack: apt-get update failed (see $LOG)" >&2; exit 2; }
  {
    echo "== apt-get install ${PACKAGES[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${PACKAGES[@]}"
  } >>"$LOG" 2>&1 || { echo "virt stack: apt-get install failed (see $LOG)" >&2; exit 2; }
fi

if ! has_qemu_user; then
  { echo "== useradd libvirt-qemu"; add_qemu_user; } >>"$LOG" 2>&1 ||
    { echo "virt stack: could not create user libvirt-qemu (see $LOG)" >&2; exit 2; }
fi

still="$(missing_tools)"
if [ -n "$still" ]; then
  echo "virt stack: still missing after install: $still (see $LOG)" >&2
  exit 2
fi
echo "virt stack: installed in $(( $(date +%s) - start )) s ($(qemu-system-x86_64 --version | head -n1 | awk '{print "QEMU", $4}'), libvirt $(virsh --version); log $LOG)"
