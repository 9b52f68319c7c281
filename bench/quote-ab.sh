#!/usr/bin/env bash
# Same-round A/B of the quote path between two builds of quotefetch, for when the machine is too busy for
# bench/e2e.sh's figures to be compared with an earlier run's: both builds run in the same rounds, interleaved.
#
#   OLD=70a18ad bench/quote-ab.sh          # this worktree's HEAD against commit 70a18ad (both published here)
#   REPS=9 OLD=... bench/quote-ab.sh
#
# Points: N=10,000 from nginx (no latency; bench/nginx/nginx.conf, the quote body of bench/e2e.sh), -c 100, AOT and
# JIT; N=1,000 from the fake Yahoo server with --latency-ms 50, -c 100, AOT and JIT; N=9 start-up with hyperfine
# (AOT, then JIT), three rounds. Writes bench/.work/ab/runs.tsv and prints medians.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/.work/ab
REPS=${REPS:-6}
OLD=${OLD:?OLD=<commit> is the build to compare this worktree with}
export LC_ALL=C
unset http_proxy https_proxy all_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log() { printf '[quote-ab %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

rm -rf "$WORK"
mkdir -p "$WORK/old-src" "$WORK/nginx/html" "$WORK/nginx/logs" "$WORK/nginx/tmp"
git archive "$OLD" | tar -x -C "$WORK/old-src"
publish() { # source-dir out-dir extra-args...
  local src=$1 out=$2
  shift 2
  log "publishing $out"
  (cd "$src" && dotnet publish src/QuoteFetch.Cli -c Release -o "$WORK/$out" --artifacts-path "$WORK/artifacts/$out" "$@") \
    >"$WORK/$out.log" 2>&1 || { tail -20 "$WORK/$out.log" >&2; exit 1; }
}
publish "$WORK/old-src" old-jit
publish "$WORK/old-src" old-aot -r linux-x64 -p:PublishAot=true
publish "$ROOT" new-jit
publish "$ROOT" new-aot -r linux-x64 -p:PublishAot=true
log "publishing the fake Yahoo server"
dotnet publish tests/QuoteFetch.FakeYahoo -c Release -o "$WORK/fake" --artifacts-path "$WORK/artifacts/fake" >"$WORK/fake.log" 2>&1

printf '%s\n' VTSAX VTIAX IJS VSS AAPL ORCL GOOG MSFT META >"$WORK/symbols-9.txt"
seq -f 'S%05g' 1 1000 >"$WORK/symbols-1000.txt"
seq -f 'S%05g' 1 10000 >"$WORK/symbols-10000.txt"
free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cp "$ROOT/bench/QuoteFetch.Benchmarks/Fixtures/chart-synthetic-MSFT.json" "$WORK/nginx/html/chart.json"
nginx_port=$(free_port)
sed "s/@PORT@/$nginx_port/" "$ROOT/bench/nginx/nginx.conf" >"$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx/" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" &
NGINX=$!
fake_port=$(free_port)
"$WORK/fake/QuoteFetch.FakeYahoo" --urls "http://127.0.0.1:$fake_port" --latency-ms 50 >"$WORK/fake-run.log" 2>&1 &
FAKE=$!
trap 'kill "$NGINX" "$FAKE" 2>/dev/null || true' EXIT
sleep 3
NGINX_URL=http://127.0.0.1:$nginx_port
FAKE_URL=http://127.0.0.1:$fake_port

printf 'point\tbuild\trep\twall_s\tuser_s\tsys_s\tmaxrss_kb\trows\n' >"$WORK/runs.tsv"
one() { # point build rep base-url symbols-file
  local t0 t1 user sys rss
  t0=$EPOCHREALTIME
  /usr/bin/time -f '%U %S %M' -o "$WORK/time" "$WORK/$2/QuoteFetch.Cli" --base-url "$4" -f "$5" --format csv -c 100 \
    >"$WORK/out" 2>"$WORK/err"
  t1=$EPOCHREALTIME
  read -r user sys rss < <(tail -1 "$WORK/time")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')" \
    "$user" "$sys" "$rss" "$(($(wc -l <"$WORK/out") - 1))" >>"$WORK/runs.tsv"
}
for rep in $(seq 0 "$REPS"); do # round 0 warms up and is dropped below
  log "round $rep/$REPS"
  for build in old-aot new-aot old-jit new-jit; do one n10000-rtt0 "$build" "$rep" "$NGINX_URL" "$WORK/symbols-10000.txt"; done
  for build in new-aot old-aot new-jit old-jit; do one n1000-50ms "$build" "$rep" "$FAKE_URL" "$WORK/symbols-1000.txt"; done
done
for round in 1 2 3; do
  hyperfine -N -w 5 -r 40 --export-json "$WORK/hyperfine-aot-$round.json" \
    "$WORK/old-aot/QuoteFetch.Cli --base-url $NGINX_URL -f $WORK/symbols-9.txt --format csv" \
    "$WORK/new-aot/QuoteFetch.Cli --base-url $NGINX_URL -f $WORK/symbols-9.txt --format csv" >"$WORK/hyperfine-aot-$round.txt"
done
hyperfine -N -w 2 -r 15 --export-json "$WORK/hyperfine-jit.json" \
  "$WORK/old-jit/QuoteFetch.Cli --base-url $NGINX_URL -f $WORK/symbols-9.txt --format csv" \
  "$WORK/new-jit/QuoteFetch.Cli --base-url $NGINX_URL -f $WORK/symbols-9.txt --format csv" >"$WORK/hyperfine-jit.txt"

/usr/bin/python3 - "$WORK" <<'PY'
import csv, json, statistics, sys
work = sys.argv[1]
groups = {}
for row in csv.DictReader(open(f"{work}/runs.tsv"), delimiter="\t"):
    if row["rep"] != "0":
        groups.setdefault((row["point"], row["build"]), []).append(row)
print("| point | build | runs | wall s median (min–max) | CPU s median | peak RSS MiB | rows |")
print("|---|---|---:|---:|---:|---:|---|")
for (point, build), rows in sorted(groups.items()):
    wall = [float(r["wall_s"]) for r in rows]
    cpu = [float(r["user_s"]) + float(r["sys_s"]) for r in rows]
    rss = statistics.median(int(r["maxrss_kb"]) for r in rows) / 1024
    print(f"| {point} | {build} | {len(rows)} | {statistics.median(wall):.3f} ({min(wall):.3f}–{max(wall):.3f}) "
          f"| {statistics.median(cpu):.2f} | {rss:.1f} | {','.join(sorted({r['rows'] for r in rows}))} |")
for name in ["hyperfine-aot-1", "hyperfine-aot-2", "hyperfine-aot-3", "hyperfine-jit"]:
    for result in json.load(open(f"{work}/{name}.json"))["results"]:
        build = result["command"].split()[0].split("/")[-2]
        print(f"{name}: {build} N=9 {result['mean'] * 1000:.1f} ± {result['stddev'] * 1000:.1f} ms")
PY
