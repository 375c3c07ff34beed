#!/usr/bin/env bash
# Fetches a real llama-server from Debian sid into a private folder, leaving the system's apt and dpkg alone.
#
# Usage: scripts/setup-llama.sh [--force]
# Output: progress on stderr; the launcher's path as the last line on stdout.
# Exit codes: 0 ready, 10 cannot work on this machine (callers fall back to the simulator), other: a bug.
# Environment: INFERLOAD_CACHE (cache root, default <repo>/.cache),
#              INFERLOAD_DEBIAN_MIRROR (Debian archive URI; default: the one in the system's apt sources).
set -euo pipefail

# Verified set: the tools, their libraries, and sid's runtime they link against (bookworm's glibc is too old).
PACKAGES=(llama.cpp-tools libllama0 libggml0 libc6 libstdc++6 libgcc-s1 libgomp1 libssl3t64 zlib1g libzstd1)
# Best first; requirements follow ggml's ggml_add_cpu_backend_variant lists, as /proc/cpuinfo flag names.
VARIANTS=(sapphirerapids zen4 cooperlake icelake cascadelake cannonlake skylakex alderlake haswell
  piledriver ivybridge sandybridge sse42 x64)
TOOLS=(llama-server llama-bench)

say() { echo "setup-llama: $*" >&2; }
unavailable() {
  echo "setup-llama: unavailable: $*" >&2
  exit 10
}
# Mirror host names must not leak into logs, so apt output is shown with URLs and the host masked.
redact() {
  local text
  text=$(sed -E 's#[A-Za-z+]+://[^/[:space:]]+#<mirror>#g')
  [[ -z ${mirror_host:-} ]] || text=${text//"$mirror_host"/<mirror>}
  printf '%s\n' "$text" | sed 's/^/setup-llama: apt: /'
}

force=0
for arg in "$@"; do
  case $arg in
    --force) force=1 ;;
    -h | --help)
      sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
      exit 0
      ;;
    *)
      say "unknown argument '$arg' (expected --force)"
      exit 2
      ;;
  esac
done

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cache=${INFERLOAD_CACHE:-$repo/.cache}
[[ $cache == /* ]] || cache="$PWD/$cache"
base="$cache/llama"
root="$base/root"
apt_dir="$base/apt"
bin_dir="$base/bin"
stamp="$base/stamp"
backend_record="$base/backend"
launcher="$bin_dir/llama-server"
multiarch=usr/lib/x86_64-linux-gnu

[[ $(uname -s) == Linux && $(uname -m) == x86_64 ]] || unavailable "needs Linux on x86-64, this is $(uname -sm)"
for tool in apt-get dpkg-deb; do
  command -v "$tool" > /dev/null || unavailable "$tool not found (needs a Debian-based system)"
done

mkdir -p "$base"
# Parallel callers (tests run two files at once) wait here and then take the quick path.
if command -v flock > /dev/null; then
  exec 9> "$base/lock"
  flock 9
fi

# Runs one of the private root's programs through its own loader: bookworm's ld.so cannot load sid's libc.
run_in_root() {
  local dir=$1 backend=$2 program=$3
  shift 3
  GGML_BACKEND_PATH=$backend "$dir/$multiarch/ld-linux-x86-64.so.2" \
    --library-path "$dir/$multiarch:$dir/$multiarch/llama" "$dir/usr/bin/$program" "$@"
}

# Output is captured first: grep -q exiting early would make the launcher die of SIGPIPE under pipefail.
launcher_works() {
  local out
  [[ -x $launcher ]] && out=$("$launcher" --version 2>&1) && grep -q '^version: ' <<< "$out"
}

if [[ $force == 0 && -f $stamp && -f $backend_record ]] && launcher_works; then
  say "reusing $root ($(tr '\n' ' ' < "$stamp"))"
  echo "$launcher"
  exit 0
fi

# The main Debian archive: a deb entry with component main whose suite is this release's own codename.
list_sources() {
  local file
  for file in /etc/apt/sources.list.d/*.sources; do
    [[ -r $file ]] || continue
    awk '
      function flush(  n, i, u) {
        if (types ~ /(^| )deb( |$)/ && enabled != "no") {
          n = split(uris, u, " ")
          for (i = 1; i <= n; i++) print u[i] "\t" suites "\t" comps
        }
        types = uris = suites = comps = enabled = ""
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^[A-Za-z-]+:/ {
        key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^[ \t]+/, "")
        if (key == "types") types = $0
        else if (key == "uris") uris = $0
        else if (key == "suites") suites = $0
        else if (key == "components") comps = $0
        else if (key == "enabled") enabled = tolower($0)
      }
      END { flush() }' "$file"
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -r $file ]] || continue
    awk '$1 == "deb" {
      i = 2
      if ($i ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ }
      comps = ""
      for (j = i + 2; j <= NF; j++) comps = comps " " $j
      print $i "\t" $(i + 1) "\t" comps
    }' "$file"
  done
}

find_mirror() {
  local codename="" uri suites comps suite
  if [[ -r /etc/os-release ]]; then codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}"); fi
  while IFS=$'\t' read -r uri suites comps; do
    [[ $uri == http://* || $uri == https://* ]] || continue
    [[ " $comps " == *" main "* ]] || continue
    for suite in $suites; do
      if [[ $suite == "${codename:-}" || (-z $codename && $suite != *-*) ]]; then
        echo "${uri%/}"
        return 0
      fi
    done
  done < <(list_sources)
  return 1
}

mirror=${INFERLOAD_DEBIAN_MIRROR:-}
mirror_origin="INFERLOAD_DEBIAN_MIRROR"
if [[ -z $mirror ]]; then
  mirror=$(find_mirror) || unavailable "no Debian archive found in /etc/apt sources; set INFERLOAD_DEBIAN_MIRROR"
  mirror_origin="the system's apt sources"
fi
mirror=${mirror%/}
mirror_host=${mirror#*://}
mirror_host=${mirror_host%%/*}
mirror_host=${mirror_host##*@}
mirror_host=${mirror_host%%:*}

# A private apt: its own sources, lists, cache and empty status; no system apt.conf.d (hooks, docker-clean).
rm -rf "$apt_dir"
trap 'rm -rf "$apt_dir" "$base/root.new"' EXIT
mkdir -p "$apt_dir"/{etc/parts,lists/partial,cache/archives/partial,state,debs}
: > "$apt_dir/state/status"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
signed_by=""
[[ -r $keyring ]] && signed_by="[signed-by=$keyring] "
echo "deb ${signed_by}$mirror sid main" > "$apt_dir/etc/sources.list"
# The system's own proxy and release-date policy still apply (a frozen mirror needs Check-Valid-Until false).
inherited=$(apt-config dump 2> /dev/null | grep -E '^Acquire::(Check-Valid-Until|Check-Date|Max-ValidTime|https?::Proxy)[ :]' || true)
cat > "$apt_dir/etc/apt.conf" << EOF
Dir::Etc::Main "/dev/null";
Dir::Etc::Parts "$apt_dir/etc/parts";
Dir::Etc::SourceList "$apt_dir/etc/sources.list";
Dir::Etc::SourceParts "/dev/null";
Dir::Etc::Preferences "/dev/null";
Dir::Etc::PreferencesParts "/dev/null";
Dir::State "$apt_dir/state";
Dir::State::Lists "$apt_dir/lists";
Dir::State::status "$apt_dir/state/status";
Dir::Cache "$apt_dir/cache";
Dir::Log "$apt_dir/state";
APT::Architecture "amd64";
APT::Architectures { "amd64"; };
APT::Sandbox::User "root";
Acquire::Languages "none";
Acquire::GzipIndexes "true";
Acquire::Retries "1";
Acquire::http::Timeout "20";
Acquire::https::Timeout "20";
$inherited
EOF
export APT_CONFIG="$apt_dir/etc/apt.conf"

say "fetching the sid package index"
if ! out=$(apt-get -q update --error-on=any 2>&1); then
  redact <<< "$out" | tail -n 5 >&2
  unavailable "cannot fetch Debian sid's package index from the mirror in $mirror_origin"
fi

say "downloading ${PACKAGES[*]}"
if ! out=$(cd "$apt_dir/debs" && apt-get -qq download "${PACKAGES[@]}" 2>&1); then
  redact <<< "$out" | tail -n 5 >&2
  unavailable "cannot download ${PACKAGES[*]} from Debian sid"
fi

say "unpacking into $root"
new="$base/root.new"
rm -rf "$new"
mkdir -p "$new"
versions=""
for deb in "$apt_dir"/debs/*.deb; do
  dpkg-deb -x "$deb" "$new"
  versions+="$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)"$'\n'
done

# Every shared library must resolve inside the private root, or the set above has gone stale.
for program in "${TOOLS[@]}"; do
  missing=$("$new/$multiarch/ld-linux-x86-64.so.2" --library-path "$new/$multiarch:$new/$multiarch/llama" \
    --list "$new/usr/bin/$program" | grep 'not found' || true)
  [[ -z $missing ]] || {
    say "$program: libraries missing from the private root:"$'\n'"$missing"
    exit 1
  }
done

cpu_flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
variant_needs() {
  local avx512="avx512f avx512cd avx512vl avx512dq avx512bw"
  local haswell="sse4_2 avx f16c fma avx2 bmi2"
  case $1 in
    x64) echo "" ;;
    sse42) echo "sse4_2" ;;
    sandybridge) echo "sse4_2 avx" ;;
    ivybridge) echo "sse4_2 avx f16c" ;;
    piledriver) echo "sse4_2 avx f16c fma" ;;
    haswell) echo "$haswell" ;;
    alderlake) echo "$haswell avx_vnni" ;;
    skylakex) echo "$haswell $avx512" ;;
    cannonlake) echo "$haswell $avx512 avx512vbmi" ;;
    cascadelake) echo "$haswell $avx512 avx512_vnni" ;;
    icelake) echo "$haswell $avx512 avx512vbmi avx512_vnni" ;;
    cooperlake) echo "$haswell $avx512 avx512_vnni avx512_bf16" ;;
    zen4) echo "$haswell $avx512 avx512vbmi avx512_vnni avx512_bf16" ;;
    sapphirerapids) echo "$haswell $avx512 avx512vbmi avx512_vnni avx512_bf16 amx_tile amx_int8" ;;
  esac
}
cpu_has_all() {
  local flag
  for flag in $1; do [[ $cpu_flags == *" $flag "* ]] || return 1; done
}
# ggml refuses a variant this CPU lacks features for and says so; a loaded one logs this line.
backend_loads() {
  local so=$1 out
  out=$(run_in_root "$new" "$so" llama-server -v -m "$base/no-such-dir/none.gguf" --host 127.0.0.1 \
    --port 0 2>&1 < /dev/null) || true
  grep -qF "loaded CPU backend from $so" <<< "$out"
}

backends="$new/$multiarch/ggml/backends0"
chosen=""
for variant in "${VARIANTS[@]}"; do
  so="$backends/libggml-cpu-$variant.so"
  [[ -f $so ]] && cpu_has_all "$(variant_needs "$variant")" || continue
  if backend_loads "$so"; then
    chosen=$variant
    break
  fi
  say "CPU backend $variant did not load; trying the next one"
done
[[ -n $chosen ]] || unavailable "no CPU backend in $backends loads on this CPU"
say "CPU backend: $chosen"

rm -rf "$root"
mv "$new" "$root"
mkdir -p "$bin_dir"
# Launchers find the root relative to themselves, so the cache folder can move.
for program in "${TOOLS[@]}"; do
  cat > "$bin_dir/$program" << EOF
#!/bin/sh
# Runs Debian sid's $program from ../root with sid's own loader (written by scripts/setup-llama.sh).
here=\$(dirname -- "\$(readlink -f -- "\$0")")
root="\${here%/*}/root"
lib="\$root/$multiarch"
export GGML_BACKEND_PATH="\${GGML_BACKEND_PATH:-\$lib/ggml/backends0/libggml-cpu-$chosen.so}"
exec "\$lib/ld-linux-x86-64.so.2" --library-path "\$lib:\$lib/llama" "\$root/usr/bin/$program" "\$@"
EOF
  chmod 755 "$bin_dir/$program"
done
echo "$chosen" > "$backend_record"

launcher_works || {
  say "the launcher $launcher fails to run: $("$launcher" --version 2>&1 | tail -n 3)"
  exit 1
}
printf '%s' "$versions" | sort > "$stamp"
say "ready: $(tr '\n' ' ' < "$stamp")"
echo "$launcher"
