#!/bin/bash
# A Windows 11 guest with its GPU passed through, started the way VFIO guides do it.
VM=win11
CPU="host,kvm=off,hv_vendor_id=1234567890ab"
HYPERV=(hv_relaxed hv_vapic hv_spinlocks=0x1fff hv_time)

# -cpu host,hv_relaxed \    <- the old line, commented out: not read

IFS=,
sudo qemu-system-x86_64 \
  -name "$VM" -machine q35,accel=kvm -m 16G \
  -cpu "$CPU,${HYPERV[*]}" \
  -device vfio-pci,host=01:00.0,multifunction=on \
  "$@"
