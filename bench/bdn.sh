#!/usr/bin/env bash
# Runs the BenchmarkDotNet suite (Release, ShortRun by default) and copies the GitHub-markdown reports into
# bench/QuoteFetch.Benchmarks/results/, where git sees them (BenchmarkDotNet.Artifacts/ is ignored).
# Usage: bench/bdn.sh [extra BenchmarkDotNet args], e.g. bench/bdn.sh --filter '*Chart*' --job medium
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

artifacts=bench/.work/bdn
results=bench/QuoteFetch.Benchmarks/results
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--filter '*')
# --job short unless the caller chose a job.
printf '%s\n' "${args[@]}" | grep -qx -- '--job\|-j' || args+=(--job short)

rm -rf "$artifacts/results"
dotnet build bench/QuoteFetch.Benchmarks -c Release
status=0
dotnet run --project bench/QuoteFetch.Benchmarks -c Release --no-build -- "${args[@]}" --artifacts "$artifacts" || status=$?

mkdir -p "$results"
shopt -s nullglob
for report in "$artifacts"/results/*-report-github.md; do
  cp "$report" "$results/"
  echo "copied $(basename "$report")"
done
exit "$status"
