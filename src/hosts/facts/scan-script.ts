// The one script a scan runs on a host (DESIGN §3.2): POSIX sh (dash, busybox ash, bash), read-only,
// no sleeps, no temporary files, no secrets. It prints a bundle: every section is opened by a line
// `@@@ <name>` (always preceded by a newline, so a file without a final newline cannot swallow the
// next header). A line `@@@! <text>` inside a section is a note from the script itself: the tool is
// not installed, needs root, or exited non-zero (with the first 300 characters of its stderr).
// One missing tool never stops the script; every section is always opened.

/** The sections SCAN_SCRIPT prints, in order (the first thirteen are DESIGN §3.2's). */
export const SCRIPT_SECTIONS = [
  'hostname',
  'uname',
  'os-release',
  'cpuinfo',
  'lscpu',
  'meminfo',
  'lsblk',
  'ip-addr',
  'ip-link',
  'ip-route',
  'kvm',
  'python3',
  'timesync',
  'ip-route6',
  'sys-class-net',
  'dmi-id',
  'dmidecode',
] as const;

/** POSIX sh script that prints the scan bundle on stdout; run it as `sh -c "$SCAN_SCRIPT"` or pipe it into `sh`. */
export const SCAN_SCRIPT = String.raw`# osism-installer scan: read-only; prints a bundle of "@@@ <section>" blocks.
export LC_ALL=C
PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"; export PATH
sec() { printf '\n@@@ %s\n' "$1"; }
note() { printf '\n@@@! %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
T=; if have timeout; then T='timeout 10'; fi
# run TOOL ARGS...: stdout as is; stderr kept only to explain a failure.
run() {
  if ! have "$1"; then note "$1: not installed"; return 1; fi
  exec 3>&1
  _e=$($T "$@" 2>&1 1>&3 3>&-)
  _r=$?
  exec 3>&-
  if [ "$_r" -ne 0 ]; then
    note "$1 exited $_r: $(printf '%s' "$_e" | tr '\r\n\t' '   ' | cut -c1-300)"
    return 1
  fi
  return 0
}
# show FILE: a kernel or config file as is.
show() {
  if [ -r "$1" ]; then cat "$1" || note "$1: unreadable"; else note "$1: absent"; fi
}
# The whole body is parsed before anything runs (safe to pipe into sh); no command reads stdin.
scan() {
  sec hostname; run uname -n
  sec uname; run uname -srm
  sec os-release
  if [ -r /etc/os-release ]; then show /etc/os-release; else show /usr/lib/os-release; fi
  sec cpuinfo; show /proc/cpuinfo
  sec lscpu
  if have lscpu; then $T lscpu -J 2>/dev/null || run lscpu; else note "lscpu: not installed"; fi
  sec meminfo; show /proc/meminfo
  sec lsblk
  if have lsblk; then
    $T lsblk -J -b -O 2>/dev/null ||
      run lsblk -J -b -o NAME,KNAME,PATH,TYPE,SIZE,ROTA,RM,MODEL,VENDOR,SERIAL,MOUNTPOINT,FSTYPE
  else note "lsblk: not installed"; fi
  sec ip-addr; run ip -j addr
  sec ip-link; run ip -j -d link
  sec ip-route; run ip -j route
  sec kvm
  if [ -c /dev/kvm ]; then echo 'dev=present'; else echo 'dev=absent'; fi
  for m in kvm_intel kvm_amd kvm_hv kvm; do
    if [ -d "/sys/module/$m" ]; then
      echo "module=$m"
      if [ -r "/sys/module/$m/parameters/nested" ] && IFS= read -r n < "/sys/module/$m/parameters/nested"; then echo "nested=$n"; fi
    fi
  done
  sec python3
  if have python3; then run python3 -V; else note "python3: not installed"; fi
  sec timesync
  _t=0
  if have timedatectl && $T timedatectl status 2>/dev/null; then _t=1; fi
  if have chronyc && $T chronyc -n tracking 2>/dev/null; then _t=1; fi
  [ "$_t" = 1 ] || note "no time synchronisation report: timedatectl and chronyc are absent or failed"
  sec ip-route6; run ip -j -6 route show default
  sec sys-class-net
  if cd /sys/class/net 2>/dev/null; then
    for n in *; do
      [ -e "$n" ] || continue
      s=; IFS= read -r s 2>/dev/null < "$n/speed" || s=
      [ -n "$s" ] || s=unknown
      if [ -e "$n/device" ]; then v=yes; else v=no; fi
      printf '%s speed=%s device=%s\n' "$n" "$s" "$v"
    done
    cd / || :
  else note "/sys/class/net: absent"; fi
  sec dmi-id
  _d=0
  for f in sys_vendor product_name product_serial; do
    if [ -r "/sys/class/dmi/id/$f" ]; then
      v=; IFS= read -r v 2>/dev/null < "/sys/class/dmi/id/$f" || [ -n "$v" ] || continue
      printf '%s=%s\n' "$f" "$v"; _d=1
    fi
  done
  [ "$_d" = 1 ] || note "/sys/class/dmi/id: no readable DMI files (no DMI on this machine)"
  sec dmidecode
  if [ "$(id -u 2>/dev/null)" = 0 ]; then run dmidecode -t 1; else note "dmidecode: needs root (the scan user is not root)"; fi
  sec end
}
scan </dev/null
exit 0
`;
