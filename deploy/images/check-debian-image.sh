#!/usr/bin/env bash
# Boots stratus-debian (deploy/images/build-debian-image.sh) with raw libvirt, no Stratus, and proves that its
# unmodified cloud-init reads an OpenStack config drive: a hand-made ISO 9660 (volume label config-2) holding
# openstack/latest/meta_data.json (uuid, hostname, public_keys), user_data (a #cloud-config that writes a file and
# runs a command) and network_data.json (a static IPv4 on the NIC's MAC). The guest's NIC is on a bridge whose only
# other port is a veth into a network namespace this script creates; the root namespace holds no address on it.
# From that namespace: ssh -i <key> debian@<ip> must show the hostname, the file, the command's output, sudo and a
# ping back to the namespace. Timings from `virsh create` (the raw half of the "POST → SSH login" benchmark):
#   prep       (before the clock) the config drive and the disk's overlay made, as the agent makes them
#   create     virsh create returned
#   sshd       the guest's sshd answers with its banner on port 22
#   login      ssh with the key runs a command
#   final      cloud-init has finished its last stage (the user-data's command has run): its "Cloud-init v. ...
#              finished at" line on the serial console (read from the console file, not by SSH, so waiting costs the
#              guest nothing)
# and per run one machine-readable line:
#   RESULT run=<n> prep_ms=.. create_ms=.. sshd_ms=.. login_ms=.. final_ms=..
# The domain is what the agent builds (TCG, the "pc" machine, direct kernel boot with the agent's default command
# line, a qcow2 overlay on the image, the config drive as an IDE CD-ROM, a virtio NIC, the serial console to a file).
# Everything it creates (domain, namespace, bridge, veth, firewall rule, files) is removed, also on failure.
# Usage: deploy/images/check-debian-image.sh <image-dir> [runs=1]
# Environment: CHECK_RAM_MB (512), CHECK_VCPUS (1), CHECK_DISK_GB (2: larger than the image, so cloud-init grows the
# root file system), CHECK_CMDLINE (the agent's default "console=ttyS0 quiet no_timer_check"), CHECK_TIMEOUT (300 s
# per step), CHECK_KEEP_LOG (a path: the last run's console log is copied there), CHECK_ANALYZE=1 (print where the
# boot's time went: systemd-analyze and cloud-init analyze blame).
# Needs root, libvirt (qemu:///system), and the Debian packages genisoimage (or xorriso), openssh-client, qemu-utils,
# iproute2.
set -euo pipefail

die() { echo "check-debian-image: $*" >&2; exit 1; }
[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: $0 <image-dir> [runs=1]"
IMAGE=$(cd "$1" && pwd)
RUNS=${2:-1}
RAM_MB=${CHECK_RAM_MB:-512}
VCPUS=${CHECK_VCPUS:-1}
DISK_GB=${CHECK_DISK_GB:-2}
CMDLINE=${CHECK_CMDLINE:-console=ttyS0 quiet no_timer_check}
TIMEOUT=${CHECK_TIMEOUT:-300}
VIRSH=(virsh -q -c qemu:///system)

[ "$(id -u)" = 0 ] || die "must run as root (namespaces, bridges, libvirt)"
for f in disk.qcow2 vmlinuz initrd.img; do [ -s "$IMAGE/$f" ] || die "$IMAGE/$f is missing (build-debian-image.sh)"; done
for tool in virsh:libvirt-clients ssh:openssh-client ssh-keygen:openssh-client qemu-img:qemu-utils ip:iproute2; do
  command -v "${tool%%:*}" >/dev/null || die "'${tool%%:*}' not found (apt-get install ${tool#*:})"
done
if command -v genisoimage >/dev/null; then MKISO=(genisoimage)
elif command -v xorriso >/dev/null; then MKISO=(xorriso -as mkisofs)
else die "neither genisoimage nor xorriso found (apt-get install genisoimage)"; fi

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# ---------------------------------------------------------------- what one run creates, and its removal
SFX= NS= BR= VETH= WORK= DOMAIN= FW_RULE=
cleanup() {
  [ -n "$DOMAIN" ] && { "${VIRSH[@]}" destroy "$DOMAIN" >/dev/null 2>&1 || true; }
  [ -n "$FW_RULE" ] && { iptables -D FORWARD -i "$BR" -o "$BR" -j ACCEPT 2>/dev/null || true; }
  [ -n "$VETH" ] && { ip link del "$VETH" 2>/dev/null || true; }
  [ -n "$BR" ] && { ip link del "$BR" 2>/dev/null || true; }
  [ -n "$NS" ] && { ip netns del "$NS" 2>/dev/null || true; }
  [ -n "$WORK" ] && rm -rf "$WORK"
  SFX= NS= BR= VETH= WORK= DOMAIN= FW_RULE=
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { # message: the console's end, then exit (the EXIT trap removes everything)
  echo "check-debian-image: $*" >&2
  if [ -n "$WORK" ] && [ -f "$WORK/console.log" ]; then
    echo "----- last lines of the guest's console" >&2
    tail -n 40 "$WORK/console.log" | tr -d '\r' >&2
    [ -n "${CHECK_KEEP_LOG:-}" ] && cp "$WORK/console.log" "$CHECK_KEEP_LOG"
  fi
  exit 1
}

in_ns() { ip netns exec "$NS" "$@"; }
guest_ssh() { # command...: runs it in the guest as debian, from the namespace
  in_ns ssh -i "$WORK/key" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o LogLevel=ERROR -o ConnectTimeout=5 "debian@$GUEST_IP" "$@"
}
sshd_answers() { # its banner: a connection before the address is up fails by itself (ARP) within seconds; sshd
  # re-executes itself for each connection, which takes seconds on a loaded TCG guest before the banner comes
  [[ "$(in_ns timeout 30 bash -c "exec 3<>/dev/tcp/$GUEST_IP/22 && head -c 7 <&3" 2>/dev/null)" == SSH-2.0 ]]
}
console_says() { grep -q "$1" "$WORK/console.log" 2>/dev/null; }
wait_until() { # what, command...: polls until the command succeeds, at most TIMEOUT seconds
  local what=$1 deadline=$((SECONDS + TIMEOUT)); shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "$what: not within ${TIMEOUT}s"
    sleep 0.1
  done
}

# ---------------------------------------------------------------- one run
setup_network() {
  SFX=$(printf %04x $((RANDOM % 65536)))
  local net=$((RANDOM % 250 + 1))
  NS="stratus-chk-$SFX"; BR="brchk$SFX"; VETH="vchk${SFX}h"
  NS_IP="10.254.$net.1"; GUEST_IP="10.254.$net.10"
  MAC=$(printf '52:54:00:%02x:%02x:%02x' $((RANDOM % 256)) $((RANDOM % 256)) $((RANDOM % 256)))
  ip netns add "$NS"
  ip link add "$BR" type bridge
  ip link set "$BR" up
  ip link add "$VETH" type veth peer name "vchk${SFX}n"
  ip link set "$VETH" master "$BR" up
  ip link set "vchk${SFX}n" netns "$NS"
  in_ns ip link set lo up
  in_ns ip addr add "$NS_IP/24" dev "vchk${SFX}n"
  in_ns ip link set "vchk${SFX}n" up
  # bridged frames pass the host's FORWARD chain when br_netfilter is on: open this bridge if the policy is not
  if [ "$(cat /proc/sys/net/bridge/bridge-nf-call-iptables 2>/dev/null || echo 0)" = 1 ] &&
    ! iptables -S FORWARD 2>/dev/null | head -n 1 | grep -qx -- '-P FORWARD ACCEPT'; then
    iptables -I FORWARD -i "$BR" -o "$BR" -j ACCEPT && FW_RULE=1
  fi
}

make_config_drive() { # the OpenStack config-2 layout, as Nova writes it
  local dir="$WORK/drive/openstack/latest"
  mkdir -p "$dir"
  cat >"$dir/meta_data.json" <<JSON
{"uuid": "$UUID", "name": "$HOSTNAME_", "hostname": "$HOSTNAME_", "launch_index": 0, "availability_zone": "nova",
 "public_keys": {"check": "$(cat "$WORK/key.pub")"}, "keys": [{"name": "check", "type": "ssh", "data": "$(cat "$WORK/key.pub")"}],
 "meta": {}, "project_id": "check"}
JSON
  cat >"$dir/network_data.json" <<JSON
{"links": [{"id": "tap0", "type": "phy", "ethernet_mac_address": "$MAC", "mtu": 1500, "vif_id": "$UUID"}],
 "networks": [{"id": "network0", "type": "ipv4", "link": "tap0", "network_id": "$UUID",
   "ip_address": "$GUEST_IP", "netmask": "255.255.255.0",
   "routes": [{"network": "0.0.0.0", "netmask": "0.0.0.0", "gateway": "$NS_IP"}]}],
 "services": [{"type": "dns", "address": "$NS_IP"}]}
JSON
  cat >"$dir/user_data" <<USER
#cloud-config
write_files:
  - path: /var/tmp/stratus-check
    content: "written by user-data $NONCE\n"
runcmd:
  - [sh, -c, "echo ran $NONCE on \$(hostname) > /var/tmp/stratus-runcmd"]
USER
  "${MKISO[@]}" -quiet -o "$WORK/config.iso" -V config-2 -J -r "$WORK/drive" 2>/dev/null ||
    "${MKISO[@]}" -o "$WORK/config.iso" -V config-2 -J -r "$WORK/drive" >/dev/null 2>&1 || fail "cannot make the ISO"
}

domain_xml() {
  cat <<XML
<domain type='qemu'>
  <name>$DOMAIN</name>
  <uuid>$UUID</uuid>
  <memory unit='MiB'>$RAM_MB</memory>
  <vcpu>$VCPUS</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$WORK/vmlinuz</kernel>
    <initrd>$WORK/initrd.img</initrd>
    <cmdline>$CMDLINE</cmdline>
  </os>
  <features><acpi/><tcg><tb-cache unit='MiB'>64</tb-cache></tcg></features>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' discard='unmap'/>
      <source file='$WORK/disk.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <source file='$WORK/config.iso'/>
      <target dev='hdc' bus='ide'/>
      <readonly/>
    </disk>
    <interface type='bridge'>
      <source bridge='$BR'/>
      <mac address='$MAC'/>
      <model type='virtio'/>
    </interface>
    <serial type='file'><source path='$WORK/console.log'/><target port='0'/></serial>
    <console type='file'><source path='$WORK/console.log'/><target type='serial' port='0'/></console>
    <controller type='usb' model='none'/>
    <memballoon model='none'/>
  </devices>
</domain>
XML
}

one_run() { # n
  local n=$1 t0 prep created sshd login final out
  WORK=$(mktemp -d /tmp/stratus-check.XXXXXX)
  chmod 0755 "$WORK" # QEMU (user libvirt-qemu) reads the disk, kernel, ISO and writes the console here
  setup_network
  UUID=$(cat /proc/sys/kernel/random/uuid)
  HOSTNAME_="check-$SFX"
  NONCE=$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
  ssh-keygen -q -t ed25519 -N '' -C check -f "$WORK/key"
  # copies, as the agent's image cache holds its own: libvirt relabels (chowns) every file of the backing chain, and
  # the image's folder may be out of QEMU's reach
  cp "$IMAGE/vmlinuz" "$IMAGE/initrd.img" "$WORK/"
  cp "$IMAGE/disk.qcow2" "$WORK/base.qcow2"
  t0=$(now_ms) # what the agent does for each instance (its image cache is warm): the config drive and the overlay
  make_config_drive
  qemu-img create -q -f qcow2 -F qcow2 -b "$WORK/base.qcow2" "$WORK/disk.qcow2" "${DISK_GB}G"
  prep=$(($(now_ms) - t0))
  DOMAIN="stratus-check-$SFX"
  domain_xml >"$WORK/domain.xml"

  t0=$(now_ms)
  "${VIRSH[@]}" create "$WORK/domain.xml" >/dev/null || fail "virsh create failed"
  created=$(($(now_ms) - t0))
  wait_until "sshd on $GUEST_IP:22" sshd_answers
  sshd=$(($(now_ms) - t0))
  wait_until "ssh login as debian" guest_ssh true
  login=$(($(now_ms) - t0))
  wait_until "cloud-init's final stage" console_says 'Cloud-init v\. .* finished at'
  final=$(($(now_ms) - t0))

  out=$(guest_ssh hostname) || fail "ssh hostname failed"
  [ "$out" = "$HOSTNAME_" ] || fail "hostname is '$out', expected '$HOSTNAME_'"
  out=$(guest_ssh cat /var/tmp/stratus-check) || fail "no /var/tmp/stratus-check"
  [ "$out" = "written by user-data $NONCE" ] || fail "user-data file holds '$out'"
  out=$(guest_ssh cat /var/tmp/stratus-runcmd)
  [ "$out" = "ran $NONCE on $HOSTNAME_" ] || fail "runcmd wrote '$out'"
  out=$(guest_ssh sudo -n id -u) || fail "sudo failed"
  [ "$out" = 0 ] || fail "sudo id -u says '$out'"
  guest_ssh ping -c 1 -W 5 "$NS_IP" >/dev/null || fail "the guest cannot ping $NS_IP"
  guest_ssh curl --version >/dev/null || fail "no curl in the guest"
  out=$(guest_ssh cat /var/lib/cloud/data/instance-id) || fail "no cloud-init instance id"
  [ "$out" = "$UUID" ] || fail "cloud-init's instance id is '$out', expected $UUID"
  out=$(guest_ssh "df -BM --output=size / | tail -n 1 | tr -d ' M'")
  echo "run $n: $HOSTNAME_ at $GUEST_IP: hostname, user-data file, runcmd, sudo, ping, curl ok; root file system" \
    "${out} MiB on a ${DISK_GB} GiB disk; $(tr -d '\r' <"$WORK/console.log" | grep -o 'Datasource DataSource[^.]*' | head -n 1)"
  if [ "${CHECK_ANALYZE:-0}" = 1 ]; then
    guest_ssh "systemd-analyze; systemd-analyze blame | head -n 15; sudo cloud-init analyze blame | head -n 25" || true
  fi
  echo "run $n: create ${created} ms, sshd answers ${sshd} ms, login ${login} ms, user-data runcmd done ${final} ms"
  echo "RESULT run=$n prep_ms=$prep create_ms=$created sshd_ms=$sshd login_ms=$login final_ms=$final"
  [ -n "${CHECK_KEEP_LOG:-}" ] && cp "$WORK/console.log" "$CHECK_KEEP_LOG"
  cleanup
}

echo "image $IMAGE ($(cat "$IMAGE/build.id" 2>/dev/null)), $RAM_MB MiB, $VCPUS vCPU, TCG, pc, cmdline '$CMDLINE'"
for n in $(seq 1 "$RUNS"); do one_run "$n"; done
