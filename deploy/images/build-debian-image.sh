#!/usr/bin/env bash
# Builds stratus-debian, a Debian 12 (bookworm) cloud image, into <outdir>:
#   disk.qcow2        the root file system (ext4 on the whole disk, label stratus-root, no partition table)
#   vmlinuz           Debian's cloud kernel (linux-image-cloud-amd64) of the image, for direct kernel boot (aki)
#   initrd.img        its initramfs, made by initramfs-tools in the image (ari): it finds the root by its label
#                     (ROOT=LABEL=stratus-root is built in, so the agent's command line "console=ttyS0 quiet
#                     no_timer_check" boots it as it is) and holds virtio_pci/virtio_blk for the root disk and
#                     ata_piix/sr_mod/cdrom/isofs so the config drive (an IDE CD-ROM on the i440FX "pc" machine) exists
#                     before systemd starts, when cloud-init's ds-identify looks for it
#   packages.manifest "<package> <version>" of every package in the image
#   build.id          "<digest of this script> <digest of packages.manifest> <kernel version>"
# What is in it: debootstrap --variant=minbase, then in the image apt-get install --no-install-recommends of the
# cloud kernel, systemd, udev, dbus, systemd-resolved, openssh-server, Debian's own cloud-init (unmodified; a file in
# /etc/cloud/cloud.cfg.d/ picks the ConfigDrive and OpenStack datasources, user debian, networkd), sudo, curl,
# iputils-ping, with the suite's updates and security updates. SSH host keys are made at first boot, never shipped.
# Packages come from the mirrors the machine's apt sources name (/etc/apt/sources.list, sources.list.d/*.list and
# deb822 *.sources); STRATUS_DEBIAN_MIRROR / STRATUS_DEBIAN_SECURITY_MIRROR override them. No other download.
# Cache: the outputs are kept while this script is unchanged and the machine's apt lists (as of its last apt-get
# update) offer no newer version of any package in the image, from the suites the image uses: a security update or a
# new kernel rebuilds it, an unrelated change of the archive does not. Delete <outdir> to force a build.
# Needs root (debootstrap, chroot, mount of /proc in the image) and the Debian packages debootstrap, e2fsprogs,
# qemu-utils, util-linux; installs nothing itself. Takes a few minutes (network and 2 cores); no loop mounts.
set -euo pipefail

RELEASE=bookworm
PACKAGES=(linux-image-cloud-amd64 initramfs-tools zstd systemd-sysv udev dbus systemd-resolved openssh-server
  cloud-init sudo curl ca-certificates iputils-ping iproute2 e2fsprogs netbase)
LABEL=stratus-root
# the units a throwaway VM does not need at boot (periodic apt and dpkg work, file system scrubs and trims)
MASKED=(apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer e2scrub_reap.service
  fstrim.timer)

die() { echo "build-debian-image: $*" >&2; exit 1; }
say() { echo "build-debian-image: [$((SECONDS))s] $*" >&2; }

[ $# -eq 1 ] || die "usage: $0 <outdir>"
[ "$(id -u)" = 0 ] || die "must run as root (debootstrap and chroot)"
for tool in debootstrap:debootstrap mkfs.ext4:e2fsprogs qemu-img:qemu-utils chroot:coreutils flock:util-linux \
  apt-cache:apt dpkg:dpkg; do
  command -v "${tool%%:*}" >/dev/null || die "'${tool%%:*}' not found (apt-get install ${tool#*:})"
done
mkdir -p "$1"
out=$(cd "$1" && pwd)
self=$(readlink -f "$0")
script_digest=$(sha256sum "$self" | cut -c1-16)

# ---------------------------------------------------------------- mirrors from the machine's apt sources
# "<uri> <suite>" for every enabled "deb" source: one-line format (sources.list, *.list) and deb822 (*.sources)
apt_sources() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk '$1 == "deb" && NF >= 3 { print $2, $3 }'
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '
      function flush(  n, m, i, j, U, S) {
        if ((" " types " ") ~ /[ \t]deb[ \t]/ && enabled != "no") {
          n = split(uris, U, " "); m = split(suites, S, " ")
          for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print U[i], S[j]
        }
        types = uris = suites = last = ""; enabled = "yes"
      }
      BEGIN { enabled = "yes" }
      /^#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^[ \t]/ { if (last == "types") types = types " " $0; else if (last == "uris") uris = uris " " $0
                 else if (last == "suites") suites = suites " " $0; next }
      { key = tolower(substr($0, 1, index($0, ":") - 1)); val = substr($0, index($0, ":") + 1); last = key
        if (key == "types") types = val; else if (key == "uris") uris = val; else if (key == "suites") suites = val
        else if (key == "enabled") { gsub(/[ \t]/, "", val); enabled = tolower(val) } }
      END { flush() }' "$f"
  done
}

host_codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
sources=$(apt_sources | sed 's#/* # #')
archive=${STRATUS_DEBIAN_MIRROR:-$(awk -v a="$RELEASE" -v b="$host_codename" '$2 == a || $2 == b { print $1; exit }' <<<"$sources")}
[ -n "$archive" ] || die "no Debian archive in the apt sources (a 'deb' source of suite $RELEASE or ${host_codename:-?});" \
  "set STRATUS_DEBIAN_MIRROR=<uri>"
security=${STRATUS_DEBIAN_SECURITY_MIRROR:-$(awk '$2 ~ /-security$/ { print $1; exit }' <<<"$sources")}
suites=("$RELEASE")
awk -v a="$RELEASE-updates" -v b="$host_codename-updates" '$2 == a || $2 == b { found = 1 } END { exit !found }' \
  <<<"$sources" && suites+=("$RELEASE-updates")
[ -n "$security" ] && suites+=("$RELEASE-security")

# ---------------------------------------------------------------- cache
# Packages of the image (packages.manifest) of which the machine's apt lists hold a newer version in one of the
# image's suites: "<package> <in the image> <newer>". Only meaningful on a bookworm host (its lists are bookworm's).
newer_packages() {
  [ "$host_codename" = "$RELEASE" ] || return 0
  local manifest="$out/packages.manifest" pkg ver have
  declare -A image=()
  while read -r pkg ver; do image[$pkg]=$ver; done <"$manifest"
  # "  pkg | version | http://mirror/debian bookworm-security/main amd64 Packages"
  apt-cache madison "${!image[@]}" 2>/dev/null | awk -F'|' -v s=" ${suites[*]} " '
    { gsub(/ /, "", $1); gsub(/ /, "", $2); split($3, w, " "); sub(/\/.*/, "", w[2])
      if (index(s, " " w[2] " ")) print $1, $2 }' | sort -u | while read -r pkg ver; do
    have=${image[$pkg]:-}
    [ -n "$have" ] && [ "$ver" != "$have" ] && dpkg --compare-versions "$ver" gt "$have" && echo "$pkg $have $ver"
  done
  return 0
}

up_to_date() {
  local f newer
  for f in disk.qcow2 vmlinuz initrd.img packages.manifest build.id; do [ -s "$out/$f" ] || return 1; done
  [ "$(cut -d' ' -f1 "$out/build.id")" = "$script_digest" ] || { say "the build script changed"; return 1; }
  newer=$(newer_packages)
  [ -z "$newer" ] || { say "newer packages in the apt lists: $(head -n 5 <<<"$newer" | tr '\n' ';')"; return 1; }
}

exec 9>"$out/.lock"
flock 9 # one build per outdir at a time; a second caller waits and then finds it done
if up_to_date; then
  echo "$out"
  exit 0
fi

# ---------------------------------------------------------------- build
work="$out/.work"
root="$work/root"
cleanup() {
  local m
  # never delete through a mount: unmount what is under the image root first, then stay on this file system
  for m in $(awk -v r="$root/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
  if awk -v r="$root/" 'index($2, r) == 1 { found = 1 } END { exit !found }' /proc/mounts; then
    echo "build-debian-image: $work still has mounts; left in place" >&2
  elif [ "${STRATUS_DEBIAN_KEEP_WORK:-0}" = 1 ] && [ -d "$work" ]; then
    echo "build-debian-image: STRATUS_DEBIAN_KEEP_WORK=1: the image's files stay in $work" >&2
  else
    rm -rf --one-file-system "$work"
  fi
}
trap cleanup EXIT
STRATUS_DEBIAN_KEEP_WORK=0 cleanup
mkdir -p "$work"

say "debootstrap $RELEASE from $archive (suites ${suites[*]}${security:+, security from $security})"
debootstrap --variant=minbase --arch=amd64 --components=main "$RELEASE" "$root" "$archive" >"$work/debootstrap.log" 2>&1 ||
  { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap failed (log above)"; }
for m in "$root/proc" "$root/sys" "$root/dev/pts"; do mountpoint -q "$m" && umount "$m"; done
for dev in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do # debootstrap may have bind-mounted /dev
  IFS=: read -r name major minor <<<"$dev"
  [ -c "$root/dev/$name" ] || mknod -m 0666 "$root/dev/$name" c "$major" "$minor"
done

in_root() {
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"
}

# apt in the image: the same mirrors and suites; no recommends, no documentation, man pages or translations
{
  echo "Types: deb"; echo "URIs: $archive/"; echo "Suites: ${suites[*]/$RELEASE-security/}" | sed 's/ *$//'
  echo "Components: main"; echo "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
  if [ -n "$security" ]; then
    echo; echo "Types: deb"; echo "URIs: $security/"; echo "Suites: $RELEASE-security"; echo "Components: main"
    echo "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
  fi
} >"$root/etc/apt/sources.list.d/debian.sources"
rm -f "$root/etc/apt/sources.list"
cat >"$root/etc/apt/apt.conf.d/90stratus" <<'APT'
APT::Install-Recommends "false";
Acquire::Languages "none";
APT
cat >"$root/etc/dpkg/dpkg.cfg.d/90stratus-nodoc" <<'DPKG'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-include=/usr/share/locale/locale.alias
DPKG
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" # nothing starts in the image while it is built
chmod 0755 "$root/usr/sbin/policy-rc.d"

# before the kernel is installed, so its first initramfs is already the right one
# no fsck at boot (pass 0): every server's disk is a fresh overlay of this file system, checked when it was made
echo "LABEL=$LABEL / ext4 rw,discard,errors=remount-ro 0 0" >"$root/etc/fstab"
mkdir -p "$root/etc/initramfs-tools/conf.d" "$root/etc/initramfs-tools/hooks"
cat >"$root/etc/initramfs-tools/conf.d/stratus" <<CONF
# Stratus: only the modules named by hooks/stratus (not every storage driver), and the root found by its label
MODULES=list
ROOT=LABEL=$LABEL
CONF
cat >"$root/etc/initramfs-tools/hooks/stratus" <<'HOOK'
#!/bin/sh
# Stratus: the root disk (virtio), and the config drive's CD-ROM (IDE on the i440FX "pc" machine; virtio-scsi too),
# so /dev/sr0 exists before systemd starts and cloud-init's ds-identify finds the config-2 label. The kernel's
# dependency data decides what else comes along (manual_add_modules).
case "$1" in prereqs) exit 0 ;; esac
. /usr/share/initramfs-tools/hook-functions
for m in virtio_pci virtio_blk virtio_scsi ata_piix ata_generic sr_mod cdrom isofs; do
  manual_add_modules "$m"
done
HOOK
chmod 0755 "$root/etc/initramfs-tools/hooks/stratus"

mount -t proc proc "$root/proc"
say "apt-get install ${PACKAGES[*]}"
{
  in_root apt-get update -q &&
    in_root apt-get -y -q dist-upgrade &&
    in_root apt-get -y -q install "${PACKAGES[@]}"
} >"$work/apt.log" 2>&1 || { tail -n 40 "$work/apt.log" >&2; die "apt-get in the image failed (log above)"; }

kver=$(cd "$root/boot" && ls -1 vmlinuz-* 2>/dev/null | sed 's/^vmlinuz-//' | sort -V | tail -n 1)
[ -n "$kver" ] && [ -s "$root/boot/initrd.img-$kver" ] || die "no kernel and initramfs in the image's /boot"
initramfs=$(in_root lsinitramfs "/boot/initrd.img-$kver")
for m in virtio_blk ata_piix sr_mod; do # the initramfs must find the root disk and the config drive
  [[ "$initramfs" == *"/$m.ko"* ]] || die "the initramfs lacks $m"
done

say "configuring (kernel $kver)"
# cloud-init: Debian's package as it is; this file only chooses what it reads and how the guest looks
cat >"$root/etc/cloud/cloud.cfg.d/90_stratus.cfg" <<'CLOUD'
# Stratus: the guest learns who it is from the config drive (OpenStack config-2) or the metadata service
# (169.254.169.254, OpenStack layout); None only lets the boot finish when neither is there.
datasource_list: [ ConfigDrive, OpenStack, None ]
datasource:
  OpenStack:
    max_wait: 30
    timeout: 5
# (Debian's cloud.cfg already makes the default user "debian", with sudo, and keeps the apt sources)
system_info:
  network:
    renderers: [networkd]
    activators: [networkd]
# host keys are made at first boot; ed25519 and ecdsa take well under a second under TCG, RSA several
ssh_genkeytypes: [ed25519, ecdsa]
ssh_deletekeys: true
# C.UTF-8 needs no locale-gen at first boot; there is no GRUB (the kernel boots directly), so nothing to seed
locale: C.UTF-8
grub_dpkg:
  enabled: false
manage_etc_hosts: true
CLOUD
echo "LANG=C.UTF-8" >"$root/etc/default/locale"
# networking: systemd-networkd renders what cloud-init writes (network_data.json); online once one link is
wait_online=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$root/lib/systemd/system/systemd-networkd-wait-online.service")
mkdir -p "$root/etc/systemd/system/systemd-networkd-wait-online.service.d"
printf '[Service]\nExecStart=\nExecStart=%s --any --timeout=60\n' "$wait_online" \
  >"$root/etc/systemd/system/systemd-networkd-wait-online.service.d/stratus.conf"
# sshd: keys only (the default user's password is locked anyway); set here, so cloud-init need not restart sshd
echo "PasswordAuthentication no" >"$root/etc/ssh/sshd_config.d/50-stratus.conf"
# sshd: no host key in the image (it is shared by every server); cloud-init makes them, and if it did not run,
# sshd makes its own before its configuration test
rm -f "$root"/etc/ssh/ssh_host_*
mkdir -p "$root/etc/systemd/system/ssh.service.d"
cat >"$root/etc/systemd/system/ssh.service.d/stratus.conf" <<'SSH'
[Service]
ExecStartPre=
ExecStartPre=/bin/sh -c 'ls /etc/ssh/ssh_host_*_key >/dev/null 2>&1 || /usr/bin/ssh-keygen -A'
ExecStartPre=/usr/sbin/sshd -t
SSH
in_root systemctl enable systemd-networkd systemd-resolved ssh >>"$work/apt.log" 2>&1
in_root systemctl mask "${MASKED[@]}" >>"$work/apt.log" 2>&1
echo localhost >"$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"
: >"$root/etc/machine-id" # empty: systemd makes one at first boot (first-boot semantics), unique per server
rm -f "$root/var/lib/dbus/machine-id" "$root/var/lib/systemd/random-seed" "$root/usr/sbin/policy-rc.d"
in_root dpkg-query -W -f '${Package} ${Version}\n' | sort >"$work/packages.manifest"
in_root apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/debconf/*-old "$root"/tmp/* "$root"/var/tmp/* \
  "$root"/var/lib/cloud "$root/root/.bash_history"
find "$root/var/log" -type f -delete
umount "$root/proc"
[ -L "$root/etc/resolv.conf" ] || rm -f "$root/etc/resolv.conf" # systemd-resolved's link, not the build host's file

say "mkfs.ext4 -d and qemu-img convert"
used_mb=$(du -sxm "$root" | cut -f1)
size_mb=$(((used_mb * 5 / 4 + 256 + 127) / 128 * 128)) # a quarter free (and 256 MiB); cloud-init grows it to the disk
inodes=$(($(find "$root" -xdev | wc -l) * 2 + 16384))
rm -f "$work/disk.raw"
truncate -s "${size_mb}M" "$work/disk.raw"
mkfs.ext4 -q -F -L "$LABEL" -m 1 -N "$inodes" -d "$root" "$work/disk.raw"
qemu-img convert -q -f raw -O qcow2 "$work/disk.raw" "$work/disk.qcow2"
cp "$root/boot/vmlinuz-$kver" "$work/vmlinuz"
cp "$root/boot/initrd.img-$kver" "$work/initrd.img"
chmod 0644 "$work/disk.qcow2" "$work/vmlinuz" "$work/initrd.img" "$work/packages.manifest"
for f in vmlinuz initrd.img packages.manifest disk.qcow2; do mv "$work/$f" "$out/$f"; done
echo "$script_digest $(sha256sum "$out/packages.manifest" | cut -c1-16) $kver" >"$out/build.id"
chmod 0755 "$out"
say "done: $(du -m "$out/disk.qcow2" | cut -f1) MiB qcow2 ($used_mb MiB of files on a $size_mb MiB disk), kernel $kver"
echo "$out"
