#!/usr/bin/env bash
# Times `quotefetch portfolio` on 2,000 positions against the fake server with 50 ms latency per answer.
# Offline: everything goes to 127.0.0.1. Writes bench/results/portfolio.md. Takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-5197}
runs=${RUNS:-3}
work=bench/.work/portfolio
mkdir -p "$work" bench/results

dotnet build -c Release src/QuoteFetch.Cli -v q -nologo >/dev/null
dotnet build -c Release tests/QuoteFetch.FakeYahoo -v q -nologo >/dev/null
cli=src/QuoteFetch.Cli/bin/Release/net10.0/QuoteFetch.Cli
fake=tests/QuoteFetch.FakeYahoo/bin/Release/net10.0/QuoteFetch.FakeYahoo

# 1,990 synthetic USD listings, plus ten in five other currencies (pence, CAD, EUR, agorot, cents): 2,000 positions.
{
  echo "symbol,quantity,cost"
  for i in $(seq 0 1989); do printf 'S%04d,%d.5,%d\n' "$i" $((i % 97 + 1)) $((i % 89 * 10 + 100)); done
  for s in OCDO.L 0P000071W8.TO WSU.DE TEVA.TA NPN.JO; do echo "$s,10,1000"; done
  for s in A.L B.TO C.DE D.TA E.JO; do echo "$s,10,1000"; done
} >"$work/holdings-2000.csv"

"$fake" --urls "http://127.0.0.1:$port" --latency-ms 50 >"$work/fake.log" 2>&1 &
fake_pid=$!
trap 'kill "$fake_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$work/fake.log" && break; sleep 0.1; done

{
  echo "# quotefetch portfolio: 2,000 positions, fake server with 50 ms latency"
  echo
  echo "\`bench/portfolio.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
  echo "Release build, $runs runs each. 2,000 positions in six currencies: 2,000 prices and 5 FX pairs, one batch."
  echo "Floor: ceil(2,005 / concurrency) × 50 ms."
  echo
  echo "| concurrency | floor (s) | wall time (s), each run | positions in the output |"
  echo "|---|---|---|---|"
  for c in 16 64 256; do
    times=()
    for _ in $(seq "$runs"); do
      start=$(date +%s.%N)
      "$cli" portfolio "$work/holdings-2000.csv" --base-url "http://127.0.0.1:$port" -c "$c" --format ndjson \
        >"$work/out-$c.ndjson" 2>"$work/err-$c.txt"
      end=$(date +%s.%N)
      times+=("$(printf '%.2f' "$(echo "$end - $start" | bc)")")
    done
    lines=$(wc -l <"$work/out-$c.ndjson")
    floor=$(echo "((2005 + $c - 1) / $c) * 0.05" | bc)
    echo "| $c | $floor | ${times[*]} | $lines |"
  done
} >bench/results/portfolio.md
cat bench/results/portfolio.md
