#!/usr/bin/env bash
# End-to-end benchmark of `quotefetch history` (issue 9, section 4): a year of daily bars for N symbols, against
# curl --parallel fetching the same URLs and a Python aiohttp program that parses the same JSON
# (bench/baselines/history_aiohttp.py), on loopback only.
#
#   bench/history-e2e.sh                   # everything: ~4 min of publishing, ~3-5 min of runs on 2 shared cores
#   REPS=5 bench/history-e2e.sh            # more runs per point (the median is reported)
#   MACHINE_NOTE="2 cores shared with ..." bench/history-e2e.sh   # said in bold in the report
#   SIZES="1000" LATENCY_SIZES="1000" bench/history-e2e.sh   # a quick look
#   QF_AOT=path/QuoteFetch.Cli QF_JIT=path/QuoteFetch.Cli bench/history-e2e.sh   # existing publishes, no build
#
# Upstreams, all on 127.0.0.1 and started and stopped here:
#   - no latency: nginx (bench/nginx/nginx.conf) serving one recorded-size 1-year daily body (252 bars, 28,890 B,
#     made by bench/history/make_body.py from the recorded AAPL history fixture) for every /v8/finance/chart/*;
#   - 50 ms: the same nginx and body, each answer sent 50 ms after its request arrived (bench/nginx/nginx-latency.conf,
#     echo_sleep from Debian's libnginx-mod-http-echo);
#   - 50 ms, for context: the fake Yahoo server (tests/QuoteFetch.FakeYahoo, a Release publish) with --latency-ms 50,
#     whose synthetic history (HistoryChart.cs) builds every body on request; it is the bottleneck, not the client.
# Runs are timed like bench/e2e.sh's (EPOCHREALTIME wall, GNU time for CPU and peak RSS of the client alone),
# checked, and appended to bench/.work/history/runs.tsv; bench/history_report.py writes bench/results/history-e2e.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/.work/history # apart from bench/e2e.sh's bench/.work, so both can be run one after the other
RESULTS=$ROOT/bench/results
REPS=${REPS:-3}
SIZES=${SIZES:-"100 1000 5000"}       # no latency: every client but aiohttp at every size
AIOHTTP_SIZES=${AIOHTTP_SIZES:-"100 1000"} # aiohttp at 5,000 would add ~1 min a run of rounds and no target
LATENCY_SIZES=${LATENCY_SIZES-"100 1000"}
FAKE_SIZES=${FAKE_SIZES-"1000"} # "" skips the fake server
LATENCY_MS=50
CONCURRENCY=100
RUN_LIMIT=${RUN_LIMIT:-180}
PY=/usr/bin/python3 # Debian's, which has python3-aiohttp
# libnginx-mod-http-echo: echo_sleep, the 50 ms delay. clang and zlib1g-dev: the Native AOT linker.
PACKAGES=(nginx libnginx-mod-http-echo curl python3-aiohttp time clang zlib1g-dev)
# The query quotefetch history sends for --range 1y --interval 1d (src/QuoteFetch/History/HistoryRequest.cs).
QUERY='range=1y&interval=1d&includePrePost=false'
BARS=252 # in the nginx body

log() { printf '[history-e2e %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
# shellcheck source=bench/common.sh
source bench/common.sh # the script has moved to the repository root above

[ "$REPS" -ge 1 ] 2>/dev/null || { log "REPS must be a positive number"; exit 2; }
started=$(date +%s)
mkdir -p "$WORK" "$RESULTS"

# --- Debian packages -------------------------------------------------------------------------------------
ensure_packages "${PACKAGES[@]}"

# --- builds ----------------------------------------------------------------------------------------------

# --artifacts-path keeps these obj/ and bin/ apart from src/'s and from bench/e2e.sh's.
if [ -z "${QF_JIT:-}" ]; then
  rm -rf "$WORK/jit" "$WORK/artifacts/jit"
  publish "quotefetch, framework-dependent (JIT)" "$WORK/jit-publish.log" \
    src/QuoteFetch.Cli -c Release -o "$WORK/jit" --artifacts-path "$WORK/artifacts/jit"
  QF_JIT=$WORK/jit/QuoteFetch.Cli
fi
if [ -z "${QF_AOT:-}" ]; then
  rm -rf "$WORK/aot" "$WORK/artifacts/aot"
  publish "quotefetch, Native AOT" "$WORK/aot-publish.log" \
    src/QuoteFetch.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$WORK/aot" --artifacts-path "$WORK/artifacts/aot"
  QF_AOT=$WORK/aot/QuoteFetch.Cli
fi
if [ -z "${FAKE:-}" ]; then
  rm -rf "$WORK/fake" "$WORK/artifacts/fake"
  publish "the fake Yahoo server" "$WORK/fake-publish.log" \
    tests/QuoteFetch.FakeYahoo -c Release -o "$WORK/fake" --artifacts-path "$WORK/artifacts/fake"
  FAKE=$WORK/fake/QuoteFetch.FakeYahoo
fi

# --- inputs ----------------------------------------------------------------------------------------------
for n in $SIZES $LATENCY_SIZES $FAKE_SIZES 100; do seq -f 'S%05g' 1 "$n" >"$WORK/symbols-$n.txt"; done
BODY=$WORK/chart-history-1y.json
body_bytes=$("$PY" "$ROOT/bench/history/make_body.py" \
  "$ROOT/tests/QuoteFetch.FakeYahoo/Fixtures/chart-AAPL-history-2020-08-31-to-2020-11-07.json" "$BODY")
log "nginx body: $BODY, $body_bytes bytes, $BARS bars"

# --- servers ---------------------------------------------------------------------------------------------
SERVER_PIDS=()
SAMPLER=
stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVER_PIDS=()
}
trap 'stop_servers; [ -z "$SAMPLER" ] || kill "$SAMPLER" 2>/dev/null || true' EXIT
trap 'log "interrupted"; exit 130' INT TERM

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_ready() { # url: up to 20 s for a 200
  local url=$1 i
  for i in $(seq 1 200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --noproxy '*' --max-time 1 "$url" || true)" = 200 ] && return 0
    sleep 0.1
  done
  log "no answer from $url"
  return 1
}

start_nginx() { # config-file: sets BASE
  local conf=$1 dir=$WORK/nginx port
  rm -rf "$dir"
  mkdir -p "$dir/html" "$dir/logs" "$dir/tmp"
  cp "$BODY" "$dir/html/chart.json"
  port=$(free_port)
  sed -e "s/@PORT@/$port/" -e "s/@LATENCY_S@/$(awk -v ms="$LATENCY_MS" 'BEGIN { printf "%.3f", ms / 1000 }')/" \
    "$ROOT/bench/nginx/$conf" >"$dir/nginx.conf"
  nginx -p "$dir/" -c "$dir/nginx.conf" -e "$dir/logs/error.log" &
  SERVER_PIDS+=($!)
  BASE=http://127.0.0.1:$port
  wait_ready "$BASE/v8/finance/chart/AAPL?$QUERY"
}

start_fake() { # sets BASE
  local port
  port=$(free_port)
  "$FAKE" --urls "http://127.0.0.1:$port" --latency-ms "$LATENCY_MS" >"$WORK/fake-$port.log" 2>&1 &
  SERVER_PIDS+=($!)
  BASE=http://127.0.0.1:$port
  wait_ready "$BASE/v8/finance/chart/AAPL?$QUERY"
}

# --- one measured run ------------------------------------------------------------------------------------
RUNS=$WORK/runs.tsv
printf 'upstream\tlatency_ms\tclient\tn\trep\tok\texit\tsymbols\trows\twall_s\tgnu_time_wall_s\tuser_s\tsys_s\tmaxrss_kb\tout_bytes\n' >"$RUNS"

# How many symbols came back with bars, and how many bar rows (or bodies) the output has: "symbols rows".
count_output() { # kind file
  case $1 in
    # CSV long: symbol,date,open,high,low,close,adj_close,volume; a row with a close is a bar.
    csv) awk -F, 'NR == 1 { header = ($1 == "symbol" && $2 == "date" && $6 == "close") } NR > 1 && $6 != "" { rows++; seen[$1] = 1 }
                  END { if (!header) { print 0, 0; exit } for (s in seen) n++; print n + 0, rows + 0 }' "$2" ;;
    # NDJSON (one object per line as each symbol completes) and JSON (an array of the same objects): an object
    # with at least one bar is a success (a failed symbol has "bars":[]); rows are the bars' closes. grep -o, since
    # a JSON document may be one line.
    ndjson | json) echo "$(grep -o '"bars":\[{' "$2" | wc -l) $(grep -o '"close":' "$2" | wc -l)" ;;
    # curl: the bodies back to back; each has one "close":[ column.
    curl) grep -o '"close":\[' "$2" | wc -l | awk '{ print $1, $1 }' ;;
    # aiohttp baseline: ticker,timestamp,close per bar.
    py) awk -F, 'NF == 3 && $3 != "" { rows++; seen[$1] = 1 } END { for (s in seen) n++; print n + 0, rows + 0 }' "$2" ;;
  esac
}

run_one() { # upstream latency client n rep kind command...  (rep 0 = warm-up, not recorded)
  local upstream=$1 latency=$2 client=$3 n=$4 rep=$5 kind=$6
  shift 6
  local stem=$WORK/runs/$upstream-$latency-$client-$n-$rep
  local status=0 symbols rows wall time_wall user sys rss ok=1 t0 t1 bytes
  t0=$EPOCHREALTIME
  /usr/bin/time -f '%e %U %S %M' -o "$stem.time" timeout -k 5 "$RUN_LIMIT" "$@" >"$stem.out" 2>"$stem.err" || status=$?
  t1=$EPOCHREALTIME
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
  read -r symbols rows < <(count_output "$kind" "$stem.out")
  bytes=$(stat -c %s "$stem.out")
  read -r time_wall user sys rss < <(tail -1 "$stem.time") || true
  if ! [[ "${rss:-}" =~ ^[0-9]+$ ]]; then
    time_wall=nan user=nan sys=nan rss=0
    [ "$status" -ne 0 ] || status=255
  fi
  # Every symbol must come back with bars; from nginx, every one with all 252 of them.
  if [ "$status" -ne 0 ] || [ "$symbols" -ne "$n" ] || { [ "$upstream" = nginx ] && [ "$kind" != curl ] && [ "$rows" -ne $((n * BARS)) ]; }; then
    ok=0
    log "FAILED: $client N=$n $upstream latency=${latency}ms rep $rep: exit $status, $symbols of $n symbols, $rows rows (see $stem.err)"
  fi
  if [ "$rep" -gt 0 ]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
      "$upstream" "$latency" "$client" "$n" "$rep" "$ok" "$status" "$symbols" "$rows" "$wall" "$time_wall" "$user" "$sys" "$rss" "$bytes" >>"$RUNS"
    [ "$ok" -eq 0 ] || rm -f "$stem.out" # up to ~100 MB each at N=5,000; a failed run's output is kept
  fi
}

measure() { # upstream latency client n rep
  local upstream=$1 latency=$2 client=$3 n=$4
  local symbols=$WORK/symbols-$n.txt
  # --no-cache: every run fetches and parses (the body's bars are from 2020-21, so a cached "1y" would be empty).
  # aot-csv-cold-cache measures the default instead: a first run with the cache on, storing every bar.
  local cached=(history --base-url "$BASE" -f "$symbols" --range 1y --interval 1d)
  local qf=("${cached[@]}" --no-cache)
  case $client in
    aot-csv) run_one "$@" csv "$QF_AOT" "${qf[@]}" --format csv -c "$CONCURRENCY" ;;
    aot-ndjson) run_one "$@" ndjson "$QF_AOT" "${qf[@]}" --format ndjson -c "$CONCURRENCY" ;;
    aot-json) run_one "$@" json "$QF_AOT" "${qf[@]}" --format json -c "$CONCURRENCY" ;;
    aot-csv-cold-cache)
      rm -rf "$WORK/cache" && mkdir -p "$WORK/cache"
      QUOTEFETCH_CACHE_DIR=$WORK/cache run_one "$@" csv "$QF_AOT" "${cached[@]}" --format csv -c "$CONCURRENCY" ;;
    aot-csv-c16) run_one "$@" csv "$QF_AOT" "${qf[@]}" --format csv ;; # the default concurrency
    aot-ndjson-c16) run_one "$@" ndjson "$QF_AOT" "${qf[@]}" --format ndjson ;;
    jit-csv) run_one "$@" csv "$QF_JIT" "${qf[@]}" --format csv -c "$CONCURRENCY" ;;
    jit-ndjson) run_one "$@" ndjson "$QF_JIT" "${qf[@]}" --format ndjson -c "$CONCURRENCY" ;;
    curl) run_one "$@" curl curl --silent --show-error --fail --noproxy '*' --parallel --parallel-max "$CONCURRENCY" \
      --config "$WORK/curl-$upstream-$latency-$n.cfg" ;;
    curl-c16) run_one "$@" curl curl --silent --show-error --fail --noproxy '*' --parallel --parallel-max 16 \
      --config "$WORK/curl-$upstream-$latency-$n.cfg" ;; # as many connections as quotefetch's default
    aiohttp) run_one "$@" py "$PY" "$ROOT/bench/baselines/history_aiohttp.py" "$BASE" "$symbols" ;;
    *) log "unknown client $client"; return 1 ;;
  esac
}

suite() { # upstream latency sizes clients...: warm up, then REPS rounds per size, clients interleaved
  local upstream=$1 latency=$2 sizes=$3 n rep client
  shift 3
  for n in $sizes 100; do
    awk -v base="$BASE" -v q="$QUERY" '{ printf "url = \"%s/v8/finance/chart/%s?%s\"\n", base, $1, q }' \
      "$WORK/symbols-$n.txt" >"$WORK/curl-$upstream-$latency-$n.cfg"
  done
  log "warming up: $upstream, latency ${latency} ms"
  for client in "$@"; do measure "$upstream" "$latency" "$client" 100 0; done
  for n in $sizes; do
    for rep in $(seq 1 "$REPS"); do
      log "$upstream, latency ${latency} ms, N=$n, round $rep/$REPS"
      for client in "$@"; do
        if [ "$client" = aiohttp ] && [[ " $AIOHTTP_SIZES " != *" $n "* ]]; then continue; fi
        measure "$upstream" "$latency" "$client" "$n" "$rep"
      done
    done
  done
}

mkdir -p "$WORK/runs"
rm -f "$WORK"/runs/*
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
CLIENTS_0=(${CLIENTS_0:-aot-csv aot-ndjson aot-json aot-csv-c16 aot-ndjson-c16 jit-csv jit-ndjson curl curl-c16 aiohttp aot-csv-cold-cache})
CLIENTS_50=(${CLIENTS_50:-aot-csv aot-ndjson jit-csv curl aot-csv-c16})
CLIENTS_FAKE=(${CLIENTS_FAKE:-aot-csv curl})

# A background sampler of the machine's load, so the report can say how busy the 2 cores were.
(while :; do cut -d' ' -f1 /proc/loadavg; sleep 5; done) >"$WORK/load.txt" &
SAMPLER=$!

start_nginx nginx.conf
suite nginx 0 "$SIZES" "${CLIENTS_0[@]}"
stop_servers

if [ -n "$LATENCY_SIZES" ]; then
  start_nginx nginx-latency.conf
  suite nginx "$LATENCY_MS" "$LATENCY_SIZES" "${CLIENTS_50[@]}"
  stop_servers
fi

fake_body_bytes=0
if [ -n "$FAKE_SIZES" ]; then
  start_fake
  # The fake's synthetic body for this request, for the report.
  fake_body_bytes=$(curl -s --noproxy '*' "$BASE/v8/finance/chart/S00001?$QUERY" | wc -c)
  suite fake "$LATENCY_MS" "$FAKE_SIZES" "${CLIENTS_FAKE[@]}"
  stop_servers
fi
kill "$SAMPLER" 2>/dev/null || true
SAMPLER=

# --- report ----------------------------------------------------------------------------------------------
meta=$WORK/meta.txt
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
  echo "memory=$(free -g | awk '/^Mem:/ { print $2 " GiB" }')"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "dotnet=SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/NETCore.App/ { v = $2 } END { print v }')"
  echo "python=$("$PY" -c 'import sys, aiohttp; print(f"CPython {sys.version.split()[0]}, aiohttp {aiohttp.__version__}")')"
  echo "curl=$(curl --version | head -1 | cut -d' ' -f1-2)"
  echo "nginx=$(nginx -v 2>&1 | sed 's/.*nginx\///')"
  echo "commit=$(git rev-parse --short HEAD)$(git status --porcelain -- src | grep -q . && echo ' (src/ had uncommitted changes)')"
  echo "qf_aot=$QF_AOT"
  echo "qf_jit=$QF_JIT"
  echo "body_bytes=$body_bytes"
  echo "bars=$BARS"
  echo "fake_body_bytes=$fake_body_bytes"
  echo "concurrency=$CONCURRENCY"
  echo "latency_ms=$LATENCY_MS"
  echo "reps=$REPS"
  echo "note=${MACHINE_NOTE:-}" # e.g. MACHINE_NOTE="2 cores shared with 3 other agents building and testing"
  echo "load_before=$load_before"
  echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "load_samples=$(sort -n "$WORK/load.txt" | awk '{ a[NR] = $1 } END { printf "min %s, median %s, max %s (%d samples, 5 s apart)", a[1], a[int((NR + 1) / 2)], a[NR], NR }')"
  echo "script_minutes=$(awk -v s="$(($(date +%s) - started))" 'BEGIN { printf "%.1f", s / 60 }')"
} >"$meta"
cp "$RUNS" "$RESULTS/history-e2e-runs.tsv"
"$PY" "$ROOT/bench/history_report.py" "$RUNS" "$meta" "$RESULTS/history-e2e.md"
log "done in $(awk -v s="$(($(date +%s) - started))" 'BEGIN { printf "%.1f", s / 60 }') min: $RESULTS/history-e2e.md"
