// The two POSIX sh programs that run on the server's host: a one-shot discovery, then one long-lived
// sampler that prints a frame per interval. Values reach them as positional arguments, never spliced
// into the text, and each argv is quoted word by word (src/remote/shell-quote.ts) on its way over SSH.

/**
 * Discovery. $1: the server's pid, or empty. Prints `tool NAME` for each GPU tool on PATH, then
 * `path:line` (grep -H) for the files that say what exists: DRM card vendors, thermal zones, hwmon
 * sensors, cpufreq and throttle counters, the pid's cgroup and cpuset, online CPUs and core siblings, and
 * `cgroup-v2-root DIR` on a hybrid cgroup host.
 */
export const DISCOVERY_SCRIPT = `
for t in nvidia-smi amd-smi rocm-smi radeontop; do
  command -v "$t" >/dev/null 2>&1 && echo "tool $t"
done
grep -H '' /sys/devices/system/cpu/online \\
  /sys/class/drm/card[0-9]*/device/vendor \\
  /sys/class/thermal/thermal_zone[0-9]*/type \\
  /sys/class/hwmon/hwmon[0-9]*/name \\
  /sys/devices/system/cpu/cpu[0-9]*/topology/thread_siblings_list 2>/dev/null
for f in /sys/class/thermal/thermal_zone[0-9]*/temp /sys/class/hwmon/hwmon[0-9]*/temp[0-9]*_input \\
  /sys/devices/system/cpu/cpu[0-9]*/cpufreq/scaling_cur_freq \\
  /sys/devices/system/cpu/cpu[0-9]*/thermal_throttle/*_throttle_count \\
  /sys/class/drm/card[0-9]*/device/hwmon/hwmon[0-9]*/*; do
  [ -r "$f" ] && echo "file $f"
done
[ -d /sys/fs/cgroup/unified ] && echo "cgroup-v2-root /sys/fs/cgroup/unified"
if [ -n "$1" ] && [ -r "/proc/$1/stat" ]; then
  grep -H '' "/proc/$1/cgroup" 2>/dev/null
  grep -H '^Cpus_allowed_list' "/proc/$1/status" 2>/dev/null
fi
exit 0
`;

/**
 * The sampler. $1: seconds between frames, $2: frames at most (a deadline, so it never outlives the run),
 * $3: GPU mode (none | lines | snapshot), $4: the GPU command (quoted words, run with eval), $5: seconds
 * between snapshots; then the files to read each frame. A frame is `@@frame`, the files as `path:line`,
 * then `@@gpu` and what the GPU command wrote since the last frame, then `@@end`. When the reader goes
 * away (an SSH channel closed) the next write fails and the traps end the background GPU reader too.
 */
export const SAMPLER_SCRIPT = `
interval=$1; frames=$2; gpu_mode=$3; gpu_cmd=$4; snap_every=$5; shift 5
tmp=$(mktemp -d "\${TMPDIR:-/tmp}/inferload-sampler.XXXXXX") || exit 1
bg=
cleanup() { [ -n "$bg" ] && kill "$bg" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 0' INT TERM HUP PIPE
case "$gpu_mode" in
  lines) eval "$gpu_cmd" 2>&1 | while IFS= read -r l; do printf '%s\\n' "$l" >>"$tmp/gpu"; done & bg=$! ;;
  snapshot) while :; do eval "$gpu_cmd" >"$tmp/gpu.new" 2>&1; mv "$tmp/gpu.new" "$tmp/gpu"; sleep "$snap_every"; done & bg=$! ;;
esac
i=0
while [ "$i" -lt "$frames" ]; do
  i=$((i + 1))
  echo '@@frame' || exit 0
  grep -H '' "$@" 2>/dev/null
  if [ -f "$tmp/gpu" ]; then
    mv "$tmp/gpu" "$tmp/gpu.read"
    echo '@@gpu'
    cat "$tmp/gpu.read"
  fi
  echo '@@end' || exit 0
  sleep "$interval"
done
`;
