#!/usr/bin/env bash
# Builds the Stratus test guest into <outdir>:
#   vmlinuz        Debian's cloud kernel (copied from /boot/vmlinuz-*-cloud-amd64)
#   initramfs.img  busybox-static + an /init that mounts proc, sys and devtmpfs, prints
#                  "STRATUS-GUEST-UP <uuid>" to /dev/ttyS0 (uuid = lowercased DMI product_uuid,
#                  i.e. the libvirt domain <uuid>, i.e. the Stratus instance id), then brings eth0 up by
#                  DHCP (busybox udhcpc), prints "STRATUS-NET <ip>", answers ping and stays up (before that
#                  "STRATUS-MODULES <loaded>", and "STRATUS-MODULE-FAILED <name>: <error>" or
#                  "STRATUS-NET-FAILED <why>" when it cannot bring eth0 up); a probe on TCP
#                  port 7 takes one line "ping <ipv4>", pings that address from the guest and answers (and
#                  prints to the console) "STRATUS-PROBE ping <ipv4> ok|fail": tests see what a guest reaches;
#                  "arp-claim <ipv4>" makes the guest announce that address as its own (an ARP spoofing attempt);
#                  "poweroff" answers "STRATUS-PROBE poweroff ok" and powers the guest off a second later (the guest
#                  shuts itself down). The guest reacts to ACPI: a press of its power button (libvirt's shutdown,
#                  QEMU's system_powerdown) prints "STRATUS-POWER-BUTTON", syncs and powers off (poweroff -f: PID 1
#                  is this script, not an init that would handle plain poweroff); "STRATUS-ACPI-READY" says the
#                  button is watched (a press before it is lost). In the background too, the guest reads its config
#                  drive (the OpenStack config-2 layout on a CD-ROM, as the agent attaches it): it loads the CD-ROM's
#                  modules, mounts the device labelled config-2 read-only, sets its host name from meta_data.json and
#                  prints "STRATUS-HOSTNAME <name>", "STRATUS-USERDATA <sha256 of user_data>" (or "none") and
#                  "STRATUS-KEY <the first public key's comment, or the sha256 of its line>" (or "none"); without a
#                  drive "STRATUS-CONFIG-DRIVE none" ("STRATUS-CONFIG-DRIVE-FAILED <why>" when it cannot read one)
#   initramfs.modules  the kernel modules the initramfs holds, in load order (resolved from the kernel's modules.dep;
#                  drive/ the config drive's)
#   build.id       the kernel version and a digest of the inputs; a change (a new kernel package) rebuilds
#   disk.qcow2     an empty qcow2 disk (64 MiB virtual) to attach as the root disk
# Uses Debian packages only (linux-image-cloud-amd64, kmod, busybox-static, cpio, gzip, qemu-utils);
# installs nothing, needs no network, no root and no loop mounts. Idempotent: outputs built from the same
# inputs (build.id) are kept.
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

kver=${kernel#/boot/vmlinuz-}
[ -f "/lib/modules/$kver/modules.dep" ] || die "/lib/modules/$kver/modules.dep is missing (run: depmod $kver)"
modprobe=$(command -v modprobe || echo /sbin/modprobe)
[ -x "$modprobe" ] || die "'modprobe' not found (apt-get install kmod)"

# The modules the guest needs (its NIC; the ACPI power button as an input device: button, evdev); their dependencies
# are resolved from the kernel, see module_load_order.
MODULES=(virtio_pci virtio_net button evdev)
# The config drive's reader, loaded after those (what they share is loaded once): the CD-ROM's controller (IDE on the
# pc machine: ata_piix; virtio-scsi on q35, whose AHCI the cloud kernel does not build), the SCSI CD-ROM driver and
# the ISO 9660 file system.
DRIVE_MODULES=(ata_piix virtio_scsi sr_mod isofs)

# Prints the .ko paths to insmod for the modules named after $1 (paths already loaded, separated by white space),
# dependencies first, each once: modprobe --show-depends takes one module per call and prints "insmod <path>" lines
# in load order ("builtin <name>" for what the kernel has built in).
module_load_order() {
  local m line seen
  seen=" $(echo $1) "
  shift
  for m in "$@"; do
    line=$("$modprobe" -S "$kver" --show-depends "$m" 2>&1) || die "modprobe cannot resolve $m for $kver: $line"
    while read -r verb path _; do
      [ "$verb" = insmod ] || continue
      case "$seen" in *" $path "*) continue ;; esac
      seen="$seen$path "
      echo "$path"
    done <<<"$line"
  done
}

# busybox insmod takes plain ELF modules only: a compressed one (.ko.xz, .ko.zst, .ko.gz) is unpacked
unpack_module() { # source target
  case "$1" in
    *.ko) cp "$1" "$2" ;;
    *.ko.xz) xz -dc "$1" >"$2" ;;
    *.ko.zst) zstd -qdc "$1" >"$2" ;;
    *.ko.gz) gzip -dc "$1" >"$2" ;;
    *) die "unknown module format: $1" ;;
  esac
}

mkdir -p "$out"
out=$(cd "$out" && pwd)
self=$(readlink -f "$0")

# What the outputs are built from: the kernel (its version and bytes, which decide the modules), busybox and this
# script. Package files keep their build dates as mtimes, so a newer kernel can look older than an earlier build:
# compare contents, not times.
build_id="$kver $(cat "$kernel" "$busybox" "$self" | sha256sum | cut -c1-16)"

# vmlinuz
if [ ! -s "$out/vmlinuz" ] || ! cmp -s "$kernel" "$out/vmlinuz"; then
  cp "$kernel" "$out/vmlinuz.tmp" && mv "$out/vmlinuz.tmp" "$out/vmlinuz"
fi

# initramfs.img (and initramfs.modules, the list of the modules it holds, in load order)
if [ ! -s "$out/initramfs.img" ] || [ ! -s "$out/initramfs.modules" ] || [ "$(cat "$out/build.id" 2>/dev/null)" != "$build_id" ]; then
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
# networking after the marker, in the background, so it never delays it: eth0 by DHCP (the lease script applies
# the address the network's dnsmasq gives), then "STRATUS-NET <ip>"; the kernel answers ping
# the NIC's modules, in the order the build resolved; what loaded and what failed goes to the console, so a guest
# without a network says why
loaded=
for m in /lib/stratus-modules/*.ko; do
  name=${m##*/}; name=${name#*-}; name=${name%.ko}
  if err=$(insmod "$m" 2>&1); then loaded="$loaded $name"
  else echo "STRATUS-MODULE-FAILED $name: $err" > /dev/ttyS0; fi
done
echo "STRATUS-MODULES$loaded" > /dev/ttyS0
# ACPI: every input device named "Power Button" (button.ko) is watched; its first event (a press) powers the guest
# off, as acpid would on a distribution (one input_event is 24 bytes on x86_64)
for dev in /sys/class/input/event*; do
  [ "$(cat "$dev/device/name" 2>/dev/null)" = "Power Button" ] || continue
  (dd if="/dev/input/${dev##*/}" of=/dev/null bs=24 count=1 2>/dev/null
   echo "STRATUS-POWER-BUTTON" > /dev/ttyS0; sync; poweroff -f) &
  acpi=ready
done
# a press before this point is lost (as on any guest still booting): tests wait for this line before they ask
[ -n "${acpi:-}" ] && echo "STRATUS-ACPI-READY" > /dev/ttyS0
[ -e /sys/class/net/eth0 ] || echo "STRATUS-NET-FAILED no eth0 (interfaces: $(ls /sys/class/net | tr '\n' ' '))" > /dev/ttyS0
if [ -e /sys/class/net/eth0 ]; then
  (ip link set lo up; ip link set eth0 up
   # like a cloud image's DHCP client, keep asking (a loaded host can be slow to answer): up to ~2 minutes
   tries=0
   until udhcpc -i eth0 -q -f -n -t 10 -T 1 -s /bin/udhcpc-apply >/dev/null 2>&1 || [ $tries -ge 11 ]; do
     tries=$((tries + 1)); sleep 1
   done
   echo "STRATUS-NET $(cat /tmp/eth0.ip 2>/dev/null || echo none)" > /dev/ttyS0
   nc -ll -p 7 -e /bin/stratus-probe) &
fi
# the config drive, in the background like the network, so it delays neither (see /bin/stratus-config-drive)
/bin/stratus-config-drive &
while true; do sleep 3600; done
INIT
  cat > "$root/bin/stratus-config-drive" <<'DRIVE'
#!/bin/sh
# Reads the config drive as cloud-init's ConfigDrive datasource finds it: the file system labelled config-2, mounted
# read-only; prints what the guest learnt (STRATUS-HOSTNAME, STRATUS-USERDATA, STRATUS-KEY)
say() { echo "$*" > /dev/ttyS0; }
for m in /lib/stratus-modules/drive/*.ko; do
  name=${m##*/}; name=${name#*-}; name=${name%.ko}
  err=$(insmod "$m" 2>&1) || say "STRATUS-CONFIG-DRIVE-FAILED module $name: $err"
done
dev=$(findfs LABEL=config-2 2>/dev/null)
if [ -z "$dev" ]; then say "STRATUS-CONFIG-DRIVE none"; exit 0; fi
mkdir -p /mnt/config
if ! err=$(mount -t iso9660 -o ro "$dev" /mnt/config 2>&1); then
  say "STRATUS-CONFIG-DRIVE-FAILED mount $dev: $err"; exit 0
fi
dir=/mnt/config/openstack/latest
# meta_data.json is pretty-printed JSON, one member a line; its own members come before the user's "meta"
name=$(sed -n 's/^ *"hostname" *: *"\([^"]*\)".*/\1/p' "$dir/meta_data.json" | head -n 1)
[ -n "$name" ] && hostname "$name"
say "STRATUS-CONFIG-DRIVE $dev"
say "STRATUS-HOSTNAME $(hostname)"
if [ -f "$dir/user_data" ]; then say "STRATUS-USERDATA $(sha256sum < "$dir/user_data" | cut -d' ' -f1)"
else say "STRATUS-USERDATA none"; fi
key=$(sed -n '/^ *"public_keys" *: *{/,/}/s/^ *"[^"]*" *: *"\([^"]*\)".*/\1/p' "$dir/meta_data.json" | head -n 1)
if [ -z "$key" ]; then say "STRATUS-KEY none"
else
  set -f; set -- $key; shift 2
  if [ -n "$*" ]; then say "STRATUS-KEY $*"; else say "STRATUS-KEY $(printf %s "$key" | sha256sum | cut -d' ' -f1)"; fi
fi
umount /mnt/config
DRIVE
  chmod 0755 "$root/bin/stratus-config-drive"
  cat > "$root/bin/udhcpc-apply" <<'LEASE'
#!/bin/sh
# busybox udhcpc lease script: $1 is the event, $ip/$mask/$router/$mtu come from the lease
case "$1" in
  bound|renew)
    ip addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" dev "$interface"
    [ -n "$mtu" ] && ip link set "$interface" mtu "$mtu"
    [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
    echo "$ip" > "/tmp/$interface.ip" ;;
  deconfig) ip addr flush dev "$interface" ;;
esac
exit 0
LEASE
  chmod 0755 "$root/bin/udhcpc-apply"
  cat > "$root/bin/stratus-probe" <<'PROBE'
#!/bin/sh
# one request per connection: "ping <ipv4>", "arp-claim <ipv4>" or "poweroff"; nothing else is run
read -r verb target
case "$verb:$target" in
  ping:*[!0-9.]*|ping:) answer="STRATUS-PROBE bad-request" ;;
  ping:*) if ping -c 1 -W 2 "$target" >/dev/null 2>&1; then answer="STRATUS-PROBE ping $target ok"
          else answer="STRATUS-PROBE ping $target fail"; fi ;;
  arp-claim:*[!0-9.]*|arp-claim:) answer="STRATUS-PROBE bad-request" ;;
  arp-claim:*) # behave like an attacker: announce someone else's address as ours (gratuitous ARP)
          ip addr add "$target/32" dev eth0 2>/dev/null
          arping -c 3 -U -I eth0 -s "$target" "$target" >/dev/null 2>&1
          ip addr del "$target/32" dev eth0 2>/dev/null
          answer="STRATUS-PROBE arp-claim $target sent" ;;
  poweroff:) answer="STRATUS-PROBE poweroff ok"
          (sleep 1; sync; poweroff -f) </dev/null >/dev/null 2>&1 & ;;
  *) answer="STRATUS-PROBE bad-request" ;;
esac
echo "$answer"
echo "$answer" > /dev/ttyS0
PROBE
  chmod 0755 "$root/bin/stratus-probe"
  # the virtio NIC's driver is a module of the cloud kernel: ship it with what it depends on, in the order the
  # kernel's own dependency data (modules.dep, through modprobe) gives, never a list that assumes a kernel version
  mkdir -p "$root/lib/stratus-modules/drive"
  order=$(module_load_order "" "${MODULES[@]}")
  n=0
  for path in $order; do
    n=$((n + 1))
    name=$(basename "$path"); name=${name%%.ko*}
    unpack_module "$path" "$root/lib/stratus-modules/$(printf %02d "$n")-$name.ko"
  done
  [ "$n" -gt 0 ] || die "no kernel modules resolved for ${MODULES[*]} of $kver"
  n=0
  for path in $(module_load_order "$order" "${DRIVE_MODULES[@]}"); do
    n=$((n + 1))
    name=$(basename "$path"); name=${name%%.ko*}
    unpack_module "$path" "$root/lib/stratus-modules/drive/$(printf %02d "$n")-$name.ko"
  done
  [ "$n" -gt 0 ] || die "no kernel modules resolved for ${DRIVE_MODULES[*]} of $kver"
  (cd "$root/lib/stratus-modules" && ls -1 *.ko drive/*.ko) >"$out/initramfs.modules.tmp"
  chmod 0755 "$root/init"
  (cd "$root" && find . -print0 | cpio --null -o -H newc --quiet --owner=0:0) | gzip -1 > "$out/initramfs.img.tmp"
  mv "$out/initramfs.img.tmp" "$out/initramfs.img"
  mv "$out/initramfs.modules.tmp" "$out/initramfs.modules"
  echo "$build_id" >"$out/build.id"
fi

# disk.qcow2
if [ ! -s "$out/disk.qcow2" ]; then
  qemu-img create -q -f qcow2 "$out/disk.qcow2.tmp" 64M
  mv "$out/disk.qcow2.tmp" "$out/disk.qcow2"
fi

chmod 0644 "$out/vmlinuz" "$out/initramfs.img" "$out/disk.qcow2"
echo "$out"
