#!/usr/bin/env bash
# Builds the Stratus test guest into <outdir>:
#   vmlinuz        Debian's cloud kernel (copied from /boot/vmlinuz-*-cloud-amd64)
#   initramfs.img  busybox-static + an /init that mounts proc, sys and devtmpfs, prints
#                  "STRATUS-GUEST-UP <uuid>" to /dev/ttyS0 (uuid = lowercased DMI product_uuid,
#                  i.e. the libvirt domain <uuid>, i.e. the Stratus instance id), then brings eth0 up by
#                  DHCP (busybox udhcpc), prints "STRATUS-NET <ip>", answers ping and stays up; a probe on TCP
#                  port 7 takes one line "ping <ipv4>", pings that address from the guest and answers (and
#                  prints to the console) "STRATUS-PROBE ping <ipv4> ok|fail": tests see what a guest reaches;
#                  "arp-claim <ipv4>" makes the guest announce that address as its own (an ARP spoofing attempt)
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
# networking after the marker, in the background, so it never delays it: eth0 by DHCP (the lease script applies
# the address the network's dnsmasq gives), then "STRATUS-NET <ip>"; the kernel answers ping
for m in /lib/stratus-modules/*.ko; do insmod "$m" 2>/dev/null; done
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
while true; do sleep 3600; done
INIT
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
# one request per connection: "ping <ipv4>"; nothing else is run
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
  *) answer="STRATUS-PROBE bad-request" ;;
esac
echo "$answer"
echo "$answer" > /dev/ttyS0
PROBE
  chmod 0755 "$root/bin/stratus-probe"
  # the virtio NIC's driver is a module of the cloud kernel: ship it and its dependencies, in load order
  kver=${kernel#/boot/vmlinuz-}
  mkdir -p "$root/lib/stratus-modules"
  n=0
  for m in virtio virtio_ring virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci failover net_failover virtio_net; do
    ko=$(find "/lib/modules/$kver/kernel" -name "$m.ko" | head -n 1)
    [ -n "$ko" ] || die "kernel module $m.ko of $kver not found"
    n=$((n + 1)); cp "$ko" "$root/lib/stratus-modules/$(printf %02d $n)-$m.ko"
  done
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
