#!/usr/bin/env bash
# Boot time of the test guest (deploy/images/build-test-image.sh) under a raw `virsh create` (pc, TCG, 128 MiB), to
# its markers, in the same run: a baseline initramfs (e.g. one built before the config drive reader), the test image
# without a config drive, and with one (a hand-made config-2 ISO on IDE, as the agent attaches it). Rounds alternate.
#   deploy/bench/config-drive-boot.sh <test-image dir> <baseline initramfs.img> [rounds]
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 <test-image dir> <baseline initramfs.img> [rounds]" >&2; exit 1; }
image=$(cd "$1" && pwd); baseline=$(readlink -f "$2"); rounds=${3:-5}
dir=$(mktemp -d /tmp/config-drive-boot.XXXXXX)
trap 'rm -rf "$dir"' EXIT
mkdir -p $dir/d/openstack/latest
cat > $dir/d/openstack/latest/meta_data.json <<'JSON'
{
  "uuid" : "x",
  "hostname" : "bench-guest",
  "public_keys" : {
    "k" : "ssh-ed25519 AAAA bench@stratus"
  }
}
JSON
printf 'hello' > $dir/d/openstack/latest/user_data
genisoimage -o $dir/disk.config -quiet -V config-2 -r -J -l -ldots -allow-lowercase -allow-multidot $dir/d 2>/dev/null
chmod 0755 $dir; chmod 0644 $dir/disk.config
run() { # name initramfs cdrom(0/1) marker
  local uuid; uuid=$(cat /proc/sys/kernel/random/uuid)
  local log=$dir/console-$uuid.log
  local cd=""
  [ "$3" = 1 ] && cd="<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='$dir/disk.config'/><target dev='hdd' bus='ide'/><readonly/></disk>"
  cat > $dir/dom.xml <<XML
<domain type='qemu'><name>config-drive-boot-$uuid</name><uuid>$uuid</uuid><memory unit='MiB'>128</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type><kernel>$dir/vmlinuz</kernel><initrd>$2</initrd><cmdline>console=ttyS0 quiet</cmdline></os>
<features><acpi/></features>
<devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='$dir/disk.qcow2'/><target dev='vda' bus='virtio'/></disk>
$cd
<serial type='file'><source path='$log'/><target port='0'/></serial><console type='file'><source path='$log'/><target type='serial'/></console>
<controller type='usb' model='none'/><memballoon model='none'/></devices></domain>
XML
  local t0; t0=$(date +%s%N)
  virsh -q -c qemu:///system create $dir/dom.xml >/dev/null
  local up="" mods="" last=""
  for _ in $(seq 1 400); do
    now=$(( ($(date +%s%N) - t0) / 1000000 ))
    [ -z "$up" ] && grep -q "STRATUS-GUEST-UP" $log 2>/dev/null && up=$now
    [ -z "$mods" ] && grep -q "STRATUS-ACPI-READY" $log 2>/dev/null && mods=$now
    if grep -q "$4" $log 2>/dev/null; then last=$now; break; fi
    sleep 0.02
  done
  virsh -q -c qemu:///system destroy config-drive-boot-$uuid >/dev/null 2>&1 || true
  echo "$1 up=${up}ms acpi-ready=${mods}ms $4=${last}ms"
  [ "$1" = new-cd ] && grep STRATUS $log | tr '\n' '|' && echo
  rm -f $log
}
cp "$image/vmlinuz" $dir/vmlinuz; cp "$image/disk.qcow2" $dir/disk.qcow2
cp "$baseline" $dir/main.img; cp "$image/initramfs.img" $dir/new.img
chmod 0644 $dir/*.img $dir/vmlinuz $dir/disk.qcow2
for _ in $(seq 1 "$rounds"); do
  run baseline $dir/main.img 0 STRATUS-ACPI-READY
  run new $dir/new.img 0 "STRATUS-CONFIG-DRIVE none"
  run new-cd $dir/new.img 1 "STRATUS-KEY"
done
