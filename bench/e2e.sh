#!/usr/bin/env bash
# End-to-end benchmark: quotefetch (JIT and Native AOT) against the Python tutorial's httpx program, an aiohttp
# version of it and curl --parallel, for N = 9 ... 10,000 distinct symbols, on loopback only.
#
#   bench/e2e.sh                  # everything: ~10-15 minutes on 2 cores
#   REPS=5 bench/e2e.sh           # more runs per point (the median is reported; 3 is the minimum we accept)
#   SIZES="9 1000" bench/e2e.sh   # fewer sizes, for a quick look
#
# Upstreams, all on 127.0.0.1 and started and stopped here:
#   - no latency: nginx serving one static chart body for every /v8/finance/chart/* (bench/nginx/nginx.conf);
#   - 50 ms: the fake Yahoo server (tests/QuoteFetch.FakeYahoo, a Release publish, not `dotnet run`) with
#     --latency-ms 50, over HTTP/1.1, and with --h2c for HTTP/2 (quotefetch --http-version 2; h2load as the peer).
# Each run is timed by GNU time (user+sys CPU and peak RSS of the client process alone; its wall clock has only
# 10 ms steps, so wall time comes from bash's EPOCHREALTIME around the same command), checked for N prices,
# and appended to bench/.work/e2e-runs.tsv; bench/e2e_report.py writes bench/results/e2e.md and e2e.png.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/.work
RESULTS=$ROOT/bench/results
REPS=${REPS:-3}
SIZES=${SIZES:-"9 100 1000 10000"}
LATENCY_MS=50
# Seconds one run may take before it is killed and marked failed; the slowest expected run is ~35 s.
RUN_LIMIT=${RUN_LIMIT:-180}
PY=/usr/bin/python3 # Debian's, which has python3-httpx and python3-aiohttp (pyenv's python3 has neither)
# nghttp2-client: h2load, the HTTP/2 peer (curl 7.88.1 fails parallel h2c with "Error in the HTTP2 framing layer",
# curl/curl#10634, fixed in curl 8). clang and zlib1g-dev: the Native AOT linker.
PACKAGES=(nginx curl python3-httpx python3-aiohttp python3-matplotlib time clang zlib1g-dev nghttp2-client)

log() { printf '[e2e %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
# shellcheck source=bench/common.sh
source bench/common.sh # the script has moved to the repository root above

[ "$REPS" -ge 1 ] 2>/dev/null || { log "REPS must be a positive number"; exit 2; }
started=$(date +%s)
mkdir -p "$WORK" "$RESULTS"

# --- Debian packages -------------------------------------------------------------------------------------
ensure_packages "${PACKAGES[@]}"

# --- builds ----------------------------------------------------------------------------------------------

rm -rf "$WORK/jit" "$WORK/aot" "$WORK/aot-pie" "$WORK/floor-jit" "$WORK/floor-aot" "$WORK/fake" "$WORK/artifacts"
publish "quotefetch, framework-dependent (JIT)" "$WORK/jit-publish.log" \
  src/QuoteFetch.Cli -c Release -o "$WORK/jit" --artifacts-path "$WORK/artifacts/jit"

# A clean AOT build every time (artifacts removed above), so ILC runs and prints every warning it has.
# TrimmerSingleWarn=false lists a package's trim warnings one by one instead of one IL2104 per assembly.
aot_status=0
publish "quotefetch, Native AOT" "$WORK/aot-publish.log" \
  src/QuoteFetch.Cli -c Release -r linux-x64 -p:PublishAot=true -p:TrimmerSingleWarn=false \
  -o "$WORK/aot" --artifacts-path "$WORK/artifacts/aot" || aot_status=$?
# Every warning or error line, once, without MSBuild's trailing [project] tag. The summary lines
# ("0 Warning(s)") only appear at higher verbosity and are dropped anyway.
grep -iE '(warning|error) [A-Z]+[0-9]+' "$WORK/aot-publish.log" | sed -E 's/ \[[^]]*\]$//' | sort -u >"$WORK/aot-warnings.txt" || true
if [ "$aot_status" -ne 0 ]; then
  # TreatWarningsAsErrors turns an ILC warning into a failed publish; measure the binary anyway, and say so.
  log "AOT publish failed (see $WORK/aot-warnings.txt); publishing again with warnings not as errors"
  echo "(the publish above FAILED with these; the measured binary was built with -p:TreatWarningsAsErrors=false)" >>"$WORK/aot-warnings.txt"
  publish "quotefetch, Native AOT (warnings not as errors)" "$WORK/aot-publish-retry.log" \
    src/QuoteFetch.Cli -c Release -r linux-x64 -p:PublishAot=true -p:TreatWarningsAsErrors=false \
    -o "$WORK/aot" --artifacts-path "$WORK/artifacts/aot-retry"
fi
log "AOT warnings: $(wc -l <"$WORK/aot-warnings.txt") line(s) in $WORK/aot-warnings.txt"

# The same program linked as .NET links it by default (position-independent, data dehydrated): what
# src/QuoteFetch.Cli/QuoteFetch.Cli.csproj's link settings buy at start-up, measured in the same runs.
publish "quotefetch, Native AOT with .NET's default link" "$WORK/aot-pie-publish.log" \
  src/QuoteFetch.Cli -c Release -r linux-x64 -p:PublishAot=true -p:IlcDehydrate=true \
  -p:PositionIndependentExecutable=true -o "$WORK/aot-pie" --artifacts-path "$WORK/artifacts/aot-pie"

# The floor: a bare HttpClient program (bench/HttpClientFloor), JIT and AOT, alone and with Polly's retry and
# timeout in front (--resilience): what the runtime and the resilience pipeline cost before quotefetch's own code.
publish "the HttpClient floor (JIT)" "$WORK/floor-jit-publish.log" \
  bench/HttpClientFloor -c Release -o "$WORK/floor-jit" --artifacts-path "$WORK/artifacts/floor-jit"
publish "the HttpClient floor (Native AOT)" "$WORK/floor-aot-publish.log" \
  bench/HttpClientFloor -c Release -r linux-x64 -p:PublishAot=true -o "$WORK/floor-aot" \
  --artifacts-path "$WORK/artifacts/floor-aot"

publish "the fake Yahoo server" "$WORK/fake-publish.log" \
  tests/QuoteFetch.FakeYahoo -c Release -o "$WORK/fake" --artifacts-path "$WORK/artifacts/fake"

# --- inputs ----------------------------------------------------------------------------------------------
for n in $SIZES; do
  if [ "$n" -eq 9 ]; then
    # The tutorial's own list, with FB (which Yahoo, and the fake, answer 404) replaced by META.
    printf '%s\n' VTSAX VTIAX IJS VSS AAPL ORCL GOOG MSFT META >"$WORK/symbols-$n.txt"
  else
    seq -f 'S%05g' 1 "$n" >"$WORK/symbols-$n.txt"
  fi
done
# The fake server's synthetic body (captured in bench/QuoteFetch.Benchmarks/Fixtures, provenance there):
# compact JSON of the size and shape Yahoo sends for a range=1d chart.
BODY=$ROOT/bench/QuoteFetch.Benchmarks/Fixtures/chart-synthetic-MSFT.json

# --- servers ---------------------------------------------------------------------------------------------
SERVER_PIDS=()
stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVER_PIDS=()
}
trap stop_servers EXIT
trap 'log "interrupted"; exit 130' INT TERM

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_ready() { # url [curl options...]: up to 20 s for a 200
  local url=$1 i
  shift
  for i in $(seq 1 200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --noproxy '*' --max-time 1 "$@" "$url" || true)" = 200 ] && return 0
    sleep 0.1
  done
  log "no answer from $url"
  return 1
}

start_nginx() { # sets BASE
  local dir=$WORK/nginx port
  rm -rf "$dir"
  mkdir -p "$dir/html" "$dir/logs" "$dir/tmp"
  cp "$BODY" "$dir/html/chart.json"
  port=$(free_port)
  sed "s/@PORT@/$port/" "$ROOT/bench/nginx/nginx.conf" >"$dir/nginx.conf"
  nginx -p "$dir/" -c "$dir/nginx.conf" -e "$dir/logs/error.log" &
  SERVER_PIDS+=($!)
  BASE=http://127.0.0.1:$port
  wait_ready "$BASE/v8/finance/chart/AAPL"
}

start_fake() { # extra-flags... ; sets BASE
  local port
  port=$(free_port)
  "$WORK/fake/QuoteFetch.FakeYahoo" --urls "http://127.0.0.1:$port" --latency-ms "$LATENCY_MS" "$@" \
    >"$WORK/fake-$port.log" 2>&1 &
  SERVER_PIDS+=($!)
  BASE=http://127.0.0.1:$port
  if [ "$*" = --h2c ]; then wait_ready "$BASE/v8/finance/chart/AAPL" --http2-prior-knowledge; else wait_ready "$BASE/v8/finance/chart/AAPL"; fi
}

# --- one measured run ------------------------------------------------------------------------------------
RUNS=$WORK/e2e-runs.tsv
printf 'latency_ms\tprotocol\tclient\tn\trep\tok\texit\tprices\twall_s\tgnu_time_wall_s\tuser_s\tsys_s\tmaxrss_kb\n' >"$RUNS"

count_prices() { # kind file: how many prices the output has
  case $1 in
    csv) awk -F, 'NR == 1 { header = ($1 == "symbol" && $2 == "price") } NR > 1 && $2 != "" { n++ } END { print header ? n + 0 : 0 }' "$2" ;;
    py) awk -F, 'NF == 2 && $2 != "" && $2 != "None" { n++ } END { print n + 0 }' "$2" ;;
    curl) grep -o '"regularMarketPrice"' "$2" | wc -l ;;
    # h2load prints no bodies, only counts: "status codes: 100 2xx, 0 3xx, ...".
    h2load) sed -n 's/^status codes: \([0-9]*\) 2xx.*/\1/p' "$2" | grep . || echo 0 ;;
  esac
}

run_one() { # latency protocol client n rep kind command...  (rep 0 = warm-up, not recorded)
  local latency=$1 protocol=$2 client=$3 n=$4 rep=$5 kind=$6
  shift 6
  local stem=$WORK/runs/$latency-$protocol-$client-$n-$rep
  local status=0 prices wall time_wall user sys rss ok=1 t0 t1
  t0=$EPOCHREALTIME
  /usr/bin/time -f '%e %U %S %M' -o "$stem.time" timeout -k 5 "$RUN_LIMIT" "$@" >"$stem.out" 2>"$stem.err" || status=$?
  t1=$EPOCHREALTIME
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
  prices=$(count_prices "$kind" "$stem.out")
  # GNU time writes "Command exited with non-zero status N" first when the client failed; the numbers are last.
  read -r time_wall user sys rss < <(tail -1 "$stem.time") || true
  if ! [[ "${rss:-}" =~ ^[0-9]+$ ]]; then
    time_wall=nan user=nan sys=nan rss=0 # GNU time itself failed: never count the run
    [ "$status" -ne 0 ] || status=255
  fi
  if [ "$status" -ne 0 ] || [ "$prices" -ne "$n" ]; then
    ok=0
    log "FAILED: $client N=$n latency=${latency}ms $protocol rep $rep: exit $status, $prices of $n prices (see $stem.err)"
  fi
  if [ "$rep" -gt 0 ]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
      "$latency" "$protocol" "$client" "$n" "$rep" "$ok" "$status" "$prices" "$wall" "$time_wall" "$user" "$sys" "$rss" >>"$RUNS"
    rm -f "$stem.out" # up to 12 MB each; the verdict is recorded
  fi
}

measure() { # latency protocol client n rep
  local latency=$1 protocol=$2 client=$3 n=$4 rep=$5
  local symbols=$WORK/symbols-$n.txt urls=$WORK/curl-$protocol-$n.cfg
  local qf=("--base-url" "$BASE" -f "$symbols" --format csv --no-cache) # the fetch, not the local cache (#12)
  local curl_args=(--silent --show-error --fail --noproxy '*' --parallel --parallel-max 100 --config "$urls")
  case $client in
    aot-c100) run_one "$@" csv "$WORK/aot/QuoteFetch.Cli" "${qf[@]}" -c 100 ;;
    aot-c16) run_one "$@" csv "$WORK/aot/QuoteFetch.Cli" "${qf[@]}" ;; # the default concurrency
    jit-c100) run_one "$@" csv "$WORK/jit/QuoteFetch.Cli" "${qf[@]}" -c 100 ;;
    jit-c16) run_one "$@" csv "$WORK/jit/QuoteFetch.Cli" "${qf[@]}" ;;
    aot-pie-c100) run_one "$@" csv "$WORK/aot-pie/QuoteFetch.Cli" "${qf[@]}" -c 100 ;;
    floor-aot) run_one "$@" curl "$WORK/floor-aot/HttpClientFloor" "$BASE" "$symbols" ;;
    floor-jit) run_one "$@" curl "$WORK/floor-jit/HttpClientFloor" "$BASE" "$symbols" ;;
    floor-aot-polly) run_one "$@" curl "$WORK/floor-aot/HttpClientFloor" "$BASE" "$symbols" --resilience ;;
    floor-jit-polly) run_one "$@" curl "$WORK/floor-jit/HttpClientFloor" "$BASE" "$symbols" --resilience ;;
    aot-c100-h2) run_one "$@" csv "$WORK/aot/QuoteFetch.Cli" "${qf[@]}" -c 100 --http-version 2 ;;
    jit-c100-h2) run_one "$@" csv "$WORK/jit/QuoteFetch.Cli" "${qf[@]}" -c 100 --http-version 2 ;;
    httpx) run_one "$@" py "$PY" "$ROOT/bench/baselines/tutorial_httpx.py" "$BASE" "$symbols" ;;
    aiohttp) run_one "$@" py "$PY" "$ROOT/bench/baselines/aiohttp_gather.py" "$BASE" "$symbols" ;;
    curl) run_one "$@" curl curl "${curl_args[@]}" ;;
    # One connection, 100 streams (h2c prior knowledge): what quotefetch --http-version 2 -c 100 does.
    h2load) run_one "$@" h2load h2load --input-file "$WORK/h2load-$n.txt" -n "$n" -c 1 -m 100 ;;
    *) log "unknown client $client"; return 1 ;;
  esac
}

suite() { # latency protocol clients...: warm up, then REPS rounds per size, clients interleaved
  local latency=$1 protocol=$2 n rep client
  shift 2
  local clients=("$@")
  for n in $SIZES; do
    awk -v base="$BASE" '{ printf "url = \"%s/v8/finance/chart/%s\"\n", base, $1 }' "$WORK/symbols-$n.txt" >"$WORK/curl-$protocol-$n.cfg"
    awk -v base="$BASE" '{ printf "%s/v8/finance/chart/%s\n", base, $1 }' "$WORK/symbols-$n.txt" >"$WORK/h2load-$n.txt"
  done
  # Warm-up (not recorded): disk caches for every binary, and the server's JIT for the fake.
  log "warming up: latency ${latency} ms, $protocol"
  for client in "${clients[@]}"; do measure "$latency" "$protocol" "$client" 100 0; done
  for n in $SIZES; do
    for rep in $(seq 1 "$REPS"); do
      log "latency ${latency} ms, $protocol, N=$n, round $rep/$REPS"
      # Interleaved, so a burst of load from elsewhere hits every client alike instead of one.
      for client in "${clients[@]}"; do measure "$latency" "$protocol" "$client" "$n" "$rep"; done
    done
  done
}

mkdir -p "$WORK/runs"
rm -f "$WORK"/runs/*
case " $SIZES " in *" 100 "*) ;; *) seq -f 'S%05g' 1 100 >"$WORK/symbols-100.txt" ;; esac # the warm-up's list
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# What the timing harness itself adds to a wall time: GNU time and timeout starting `true`.
harness_ms=$(for i in $(seq 1 9); do
  t0=$EPOCHREALTIME
  /usr/bin/time -o /dev/null timeout 10 true
  awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f\n", (b - a) * 1000 }'
done | sort -n | sed -n 5p)

CLIENTS=(aot-c100 aot-c16 jit-c100 jit-c16 httpx aiohttp curl floor-aot floor-jit floor-aot-polly floor-jit-polly)
start_nginx
suite 0 http1.1 "${CLIENTS[@]}" aot-pie-c100
stop_servers

start_fake
suite "$LATENCY_MS" http1.1 "${CLIENTS[@]}"
stop_servers

start_fake --h2c
suite "$LATENCY_MS" h2c aot-c100-h2 jit-c100-h2 h2load
stop_servers

# --- report ----------------------------------------------------------------------------------------------
meta=$WORK/e2e-meta.txt
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
  echo "memory=$(free -g | awk '/^Mem:/ { print $2 " GiB" }')"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "dotnet=SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/NETCore.App/ { v = $2 } END { print v }')"
  echo "python=$("$PY" -c 'import sys, httpx, aiohttp; print(f"CPython {sys.version.split()[0]}, httpx {httpx.__version__}, aiohttp {aiohttp.__version__}")')"
  echo "curl=$(curl --version | head -1 | cut -d' ' -f1-2)"
  echo "nginx=$(nginx -v 2>&1 | sed 's/.*nginx\///')"
  echo "clang=$(clang --version | head -1)"
  echo "commit=$(git rev-parse --short HEAD)$(git status --porcelain -- src | grep -q . && echo ' (src/ had uncommitted changes)')"
  echo "aot_size_mib=$(awk -v b="$(stat -c %s "$WORK/aot/QuoteFetch.Cli")" 'BEGIN { printf "%.1f", b / 1048576 }')"
  echo "aot_pie_size_mib=$(awk -v b="$(stat -c %s "$WORK/aot-pie/QuoteFetch.Cli")" 'BEGIN { printf "%.1f", b / 1048576 }')"
  echo "reps=$REPS"
  echo "harness_ms=$harness_ms"
  echo "h2load=$(h2load --version | head -1)"
  echo "load_before=$load_before"
  echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "script_minutes=$(awk -v s="$(($(date +%s) - started))" 'BEGIN { printf "%.1f", s / 60 }')"
} >"$meta"
cp "$RUNS" "$RESULTS/e2e-runs.tsv"
"$PY" "$ROOT/bench/e2e_report.py" "$RUNS" "$meta" "$WORK/aot-warnings.txt" "$RESULTS/e2e.md" "$RESULTS/e2e.png"
log "done in $(awk -v s="$(($(date +%s) - started))" 'BEGIN { printf "%.1f", s / 60 }') min: $RESULTS/e2e.md, $RESULTS/e2e.png"
