#!/usr/bin/env bash
# Builds <outdir>/stratus-disk.qcow2: a BIOS-bootable disk, like a real cloud image, from Debian packages only
# (no internet, no root, no loop mounts). MBR (syslinux mbr.bin) → one bootable FAT partition holding SYSLINUX,
# Debian's cloud kernel and the busybox initramfs of build-test-image.sh, whose /init prints
# "STRATUS-GUEST-UP <uuid>" on ttyS0. The partition is filled with mtools and spliced in with dd.
# Needs: syslinux syslinux-common mtools dosfstools fdisk qemu-utils (+ what build-test-image.sh needs).
# Idempotent: an existing disk newer than its inputs is kept.
set -euo pipefail

die() { echo "build-disk-image: $*" >&2; exit 1; }

[ $# -eq 1 ] || die "usage: $0 <outdir>"
here=$(cd "$(dirname "$0")" && pwd)
out=$("$here/build-test-image.sh" "$1") # vmlinuz + initramfs.img
disk="$out/stratus-disk.qcow2"

for tool in mcopy mkfs.vfat sfdisk syslinux qemu-img; do
  command -v "$tool" >/dev/null || die "'$tool' not found (apt-get install syslinux mtools dosfstools fdisk qemu-utils)"
done
mbr=/usr/lib/syslinux/mbr/mbr.bin
[ -r "$mbr" ] || die "$mbr not found (apt-get install syslinux-common)"

if [ -s "$disk" ] && [ "$disk" -nt "$out/vmlinuz" ] && [ "$disk" -nt "$out/initramfs.img" ] && [ "$disk" -nt "$0" ]; then
  echo "$disk"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
size_mb=64
start=2048 # first sector of the partition (1 MiB aligned)
truncate -s ${size_mb}M "$work/disk.img"
echo "start=$start, type=c, bootable" | sfdisk -q "$work/disk.img"
truncate -s $((size_mb * 1024 * 1024 - start * 512)) "$work/part.img"
mkfs.vfat -n STRATUS "$work/part.img" >/dev/null
cat >"$work/syslinux.cfg" <<'CFG'
SERIAL 0 115200
DEFAULT linux
TIMEOUT 0
PROMPT 0
LABEL linux
  KERNEL vmlinuz
  APPEND initrd=initrd.img console=ttyS0 quiet no_timer_check
CFG
mcopy -i "$work/part.img" "$out/vmlinuz" ::vmlinuz
mcopy -i "$work/part.img" "$out/initramfs.img" ::initrd.img
mcopy -i "$work/part.img" "$work/syslinux.cfg" ::syslinux.cfg
syslinux --install "$work/part.img"
dd if="$work/part.img" of="$work/disk.img" bs=512 seek=$start conv=notrunc status=none
dd if="$mbr" of="$work/disk.img" bs=440 count=1 conv=notrunc status=none
qemu-img convert -q -O qcow2 "$work/disk.img" "$disk.tmp"
mv "$disk.tmp" "$disk"
chmod 0644 "$disk"
echo "$disk"
