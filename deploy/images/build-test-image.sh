#!/usr/bin/env bash
# Builds the Stratus test guest into <outdir>:
#   vmlinuz        Debian's cloud kernel (copied from /boot/vmlinuz-*-cloud-amd64)
#   initramfs.img  busybox-static + an /init that mounts proc, sys and devtmpfs, prints
#                  "STRATUS-GUEST-UP <uuid>" to /dev/ttyS0 (uuid = lowercased DMI product_uuid,
#                  i.e. the libvirt domain <uuid>, i.e. the Stratus instance id) and stays up
#   disk.qcow2     an empty qcow2 disk (64 MiB virtual) to attach as the root disk
# Uses Debian packages only (linux-image-cloud-amd64, busybox-static, cpio, gzip, qemu-utils);
# installs nothing, needs no network, no root and no loop mounts. Idempotent: an output that is
# already newer than its inputs is kept.
set -euo pipefail

die() { echo "build-test-image: $*" >&2; exit 1; }

[ $# -eq 1 ] || die "usage: $0 <outdir>"
out=$1

for tool in cpio gzip qemu-img; do
  command -v "$tool" >/dev/null || die "'$tool' not found (apt-get install cpio gzip qemu-utils)"
done
busybox=/bin/busybox
[ -x "$busybox" ] || die "$busybox not found (apt-get install busybox-static)"
ldd "$busybox" >/dev/null 2>&1 && die "$busybox is dynamically linked (apt-get install busybox-static)"
kernel=$(ls -1 /boot/vmlinuz-*-cloud-amd64 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$kernel" ] || die "no /boot/vmlinuz-*-cloud-amd64 (apt-get install linux-image-cloud-amd64)"
[ -r "$kernel" ] || die "$kernel is not readable"

mkdir -p "$out"
out=$(cd "$out" && pwd)
self=$(readlink -f "$0")

# vmlinuz
if [ ! -s "$out/vmlinuz" ] || [ "$kernel" -nt "$out/vmlinuz" ]; then
  cp "$kernel" "$out/vmlinuz.tmp" && mv "$out/vmlinuz.tmp" "$out/vmlinuz"
fi

# initramfs.img
if [ ! -s "$out/initramfs.img" ] || [ "$busybox" -nt "$out/initramfs.img" ] || [ "$self" -nt "$out/initramfs.img" ]; then
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp}
  cp "$busybox" "$root/bin/busybox"
  ln -s busybox "$root/bin/sh"
  cat > "$root/init" <<'INIT'
#!/bin/sh
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
uuid=$(tr 'A-F' 'a-f' < /sys/class/dmi/id/product_uuid)
echo "STRATUS-GUEST-UP $uuid" > /dev/ttyS0
while true; do sleep 3600; done
INIT
  chmod 0755 "$root/init"
  (cd "$root" && find . -print0 | cpio --null -o -H newc --quiet --owner=0:0) | gzip -1 > "$out/initramfs.img.tmp"
  mv "$out/initramfs.img.tmp" "$out/initramfs.img"
fi

# disk.qcow2
if [ ! -s "$out/disk.qcow2" ]; then
  qemu-img create -q -f qcow2 "$out/disk.qcow2.tmp" 64M
  mv "$out/disk.qcow2.tmp" "$out/disk.qcow2"
fi

chmod 0644 "$out/vmlinuz" "$out/initramfs.img" "$out/disk.qcow2"
echo "$out"
