#!/usr/bin/env bash
# Peak memory of quotefetch (JIT and Native AOT) for N symbols at -c 100, on this machine and on simulated
# machines with other L3 caches, built as shipped and without its gen0 cap (-p:QuoteFetchGen0MaxBudget=0).
#
#   bench/memory.sh                          # N=10000, 3 rounds, this machine, 4 MiB and 260 MiB L3: ~5 minutes
#   REPS=5 N=50000 bench/memory.sh
#   FAKE_L3="393216K" bench/memory.sh        # other simulated L3 sizes (the kernel's own format: a number and K)
#   JIT=dir AOT=dir JIT_NOCAP=dir AOT_NOCAP=dir bench/memory.sh   # measure these publishes instead of building
#
# Why: the .NET GC sizes gen0 (its youngest generation's allocation budget) from the largest CPU cache it reads
# (on Linux /sys/devices/system/cpu/cpu0/cache/index*/size), so the same run takes more memory on a machine
# with a big L3. src/QuoteFetch.Cli/QuoteFetch.Cli.csproj caps the budget (System.GC.Gen0MaxBudget).
#
# The big-L3 machine is simulated: each run starts in a private mount namespace (unshare -m, needs root) where a
# file saying $FAKE_L3 is bind-mounted over cpu0's index3/size, which is all the GC reads of it. Runs on "this
# machine" go through the same wrapper with a copy of the real file, so both pay the same few ms. Without root,
# only this machine is measured, without the wrapper.
# "No cap" is a build without the setting: an environment variable cannot stand for it, because
# DOTNET_GCGen0MaxBudget replaces the GC's own cap instead of lowering it (and the AOT runtime ignores a value
# written with "0x": hex digits only).
# Upstream: nginx answering at once (bench/nginx/nginx.conf, the no-latency upstream of bench/e2e.sh, where the
# README's peak RSS figures come from). Measured by GNU time (peak RSS, user+sys CPU); wall time from bash's
# EPOCHREALTIME. Output: bench/.work/memory/runs.tsv and, as a Markdown table of medians, memory.md and stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/.work/memory
REPS=${REPS:-3}
N=${N:-10000}
FAKE_L3=${FAKE_L3:-4096K 266240K}
L3_FILE=/sys/devices/system/cpu/cpu0/cache/index3/size

export LC_ALL=C
unset http_proxy https_proxy all_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[memory %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

[ "$REPS" -ge 1 ] 2>/dev/null || { log "REPS must be a positive number"; exit 2; }
for tool in nginx curl /usr/bin/time; do
  command -v "$tool" >/dev/null || { log "$tool is missing (apt-get install nginx curl time clang zlib1g-dev)"; exit 2; }
done
rm -rf "$WORK"
mkdir -p "$WORK/runs"

# --- builds (each with its own --artifacts-path, so nothing is shared with builds in src/) -----------------
publish() { # variable name dotnet-publish-arguments...: publishes to $WORK/name unless the variable names a directory
  local variable=$1 name=$2
  shift 2
  [ -z "${!variable:-}" ] || return 0
  log "publishing $name"
  dotnet publish src/QuoteFetch.Cli -c Release -o "$WORK/$name" --artifacts-path "$WORK/artifacts/$name" "$@" \
    >"$WORK/$name.log" 2>&1 || { log "publish failed, see $WORK/$name.log"; exit 1; }
  printf -v "$variable" '%s' "$WORK/$name"
}
publish JIT jit
publish JIT_NOCAP jit-nocap -p:QuoteFetchGen0MaxBudget=0
publish AOT aot -r linux-x64 -p:PublishAot=true
publish AOT_NOCAP aot-nocap -r linux-x64 -p:PublishAot=true -p:QuoteFetchGen0MaxBudget=0
for dir in "$JIT" "$JIT_NOCAP"; do
  log "$dir: $(grep -o '"System.GC.Gen0MaxBudget": [0-9]*' "$dir/QuoteFetch.Cli.runtimeconfig.json" || echo 'no gen0 cap')"
done

# --- upstream ----------------------------------------------------------------------------------------------
NGINX_PID=
stop() { [ -z "$NGINX_PID" ] || { kill -TERM "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; }; }
trap stop EXIT
trap 'log "interrupted"; exit 130' INT TERM
mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs" "$WORK/nginx/tmp"
cp "$ROOT/bench/QuoteFetch.Benchmarks/Fixtures/chart-synthetic-MSFT.json" "$WORK/nginx/html/chart.json"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sed "s/@PORT@/$PORT/" "$ROOT/bench/nginx/nginx.conf" >"$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx/" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" &
NGINX_PID=$!
BASE=http://127.0.0.1:$PORT
for _ in $(seq 1 200); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --noproxy '*' --max-time 1 "$BASE/v8/finance/chart/A" || true)" = 200 ] && break
  sleep 0.1
done
seq -f 'S%05g' 1 "$N" >"$WORK/symbols.txt"

# --- machines ----------------------------------------------------------------------------------------------
MACHINES=(this)
cp "$L3_FILE" "$WORK/l3-this" 2>/dev/null || echo 0K >"$WORK/l3-this"
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null && [ -e "$L3_FILE" ]; then
  for size in $FAKE_L3; do
    echo "$size" >"$WORK/l3-$size"
    MACHINES+=("$size")
  done
  WRAP=1
else
  log "not root or no unshare: measuring this machine only"
  WRAP=0
fi

# One run: machine build config rep. The command runs in its own mount namespace with the machine's L3 file.
run_one() {
  local machine=$1 build=$2 config=$3 rep=$4 dir stem t0 t1 status=0 prices user sys rss
  case $build-$config in
    jit-shipped) dir=$JIT ;; jit-nocap) dir=$JIT_NOCAP ;; aot-shipped) dir=$AOT ;; aot-nocap) dir=$AOT_NOCAP ;;
  esac
  stem=$WORK/runs/$machine-$build-$config-$rep
  local cmd=(/usr/bin/time -f '%U %S %M' -o "$stem.time"
    "$dir/QuoteFetch.Cli" --base-url "$BASE" -f "$WORK/symbols.txt" --format csv -c 100 --no-cache)
  t0=$EPOCHREALTIME
  if [ "$WRAP" = 1 ]; then
    unshare -m sh -c 'mount --bind "$1" "$2" && shift 2 && exec "$@"' sh "$WORK/l3-$machine" "$L3_FILE" "${cmd[@]}" \
      >"$stem.out" 2>"$stem.err" || status=$?
  else
    "${cmd[@]}" >"$stem.out" 2>"$stem.err" || status=$?
  fi
  t1=$EPOCHREALTIME
  prices=$(awk -F, 'NR > 1 && $2 != "" { n++ } END { print n + 0 }' "$stem.out")
  read -r user sys rss < <(tail -1 "$stem.time")
  if [ "$status" -ne 0 ] || [ "$prices" -ne "$N" ]; then
    log "FAILED: $machine $build $config rep $rep: exit $status, $prices of $N prices (see $stem.err)"
    return 1
  fi
  [ "$rep" -eq 0 ] || printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$machine" "$build" "$config" "$rep" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')" "$user" "$sys" "$rss" >>"$WORK/runs.tsv"
  rm -f "$stem.out"
}

printf 'machine\tbuild\tconfig\trep\twall_s\tuser_s\tsys_s\tmaxrss_kb\n' >"$WORK/runs.tsv"
log "warming up (disk caches)"
for build in aot jit; do for config in shipped nocap; do run_one this "$build" "$config" 0; done; done
for rep in $(seq 1 "$REPS"); do
  log "round $rep/$REPS, N=$N"
  # Interleaved, so a burst of load from elsewhere hits every point alike.
  for machine in "${MACHINES[@]}"; do
    for build in aot jit; do
      for config in shipped nocap; do run_one "$machine" "$build" "$config" "$rep"; done
    done
  done
done

# --- report ------------------------------------------------------------------------------------------------
l3_of() { tr -d '\n' <"$WORK/l3-$1"; }
{
  echo "Machine: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores," \
    "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, L3 as the GC reads it" \
    "($L3_FILE): $(l3_of this); load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "N=$N symbols, -c 100, --format csv to a file, nginx answering at once; medians of $REPS runs."
  echo
  echo '| L3 (GC sees) | build | gen0 cap | peak RSS, MiB | wall, s | CPU user+sys, s |'
  echo '|---|---|---|---:|---:|---:|'
  for machine in "${MACHINES[@]}"; do
    for build in aot jit; do
      for config in shipped nocap; do
        awk -F'\t' -v m="$machine" -v b="$build" -v c="$config" -v l3="$(l3_of "$machine")" '
          function median(a, n,   i, j, t) {
            for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
          }
          $1 == m && $2 == b && $3 == c { n++; w[n] = $5; cpu[n] = $6 + $7; r[n] = $8 / 1024 }
          END {
            printf "| %s | %s | %s | %.1f | %.3f | %.2f |\n", l3, (b == "aot" ? "Native AOT" : "JIT"),
              (c == "shipped" ? "as shipped" : "none"), median(r, n), median(w, n), median(cpu, n)
          }' "$WORK/runs.tsv"
      done
    done
  done
} | tee "$WORK/memory.md"
