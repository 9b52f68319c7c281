#!/usr/bin/env bash
# Packs everything that ships into one folder (default: artifacts/packages):
#   QuoteFetch.<v>.nupkg + .snupkg       the library, its XML docs and README; symbols in the .snupkg
#   QuoteFetch.Cli.<v>.nupkg             the dotnet tool: a pointer naming the two packages below
#   QuoteFetch.Cli.linux-x64.<v>.nupkg   the Native AOT quotefetch, which linux-x64 installs
#   QuoteFetch.Cli.any.<v>.nupkg         the framework-dependent quotefetch, for every other platform
# The version is Directory.Build.props' <Version>. The AOT package needs a linux-x64 host with clang (or gcc).
# Usage: eng/pack.sh [OUTPUT-FOLDER]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/artifacts/packages}" && cd "${1:-$root/artifacts/packages}" && pwd)
# Release outputs under their own artifacts folder: packing for a RID restores the CLI for that RID, and must
# not rewrite the obj/ that a concurrent `dotnet build` or `dotnet test` is using.
artifacts=${QUOTEFETCH_PACK_ARTIFACTS:-$root/artifacts/pack}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Deterministic, with paths in the PDBs mapped to /_/ rather than this machine's folders.
common=(-c Release -o "$out" --artifacts-path "$artifacts" -p:ContinuousIntegrationBuild=true -nologo)

pack() { # label, dotnet pack arguments...
  local label=$1
  shift
  local start=$SECONDS
  echo "pack: $label"
  dotnet pack "$@" "${common[@]}" -clp:ErrorsOnly
  echo "pack: $label done in $((SECONDS - start)) s"
}

pack "library" "$root/src/QuoteFetch"
pack "tool (pointer package)" "$root/src/QuoteFetch.Cli"
pack "tool for linux-x64 (Native AOT)" "$root/src/QuoteFetch.Cli" -r linux-x64
pack "tool for any other platform (framework-dependent)" "$root/src/QuoteFetch.Cli" -r any
ls -l "$out"
