#!/usr/bin/env bash
# The packages as a user gets them, checked end to end in a temporary folder:
#   1. eng/pack.sh packs the library and the tool (pointer, linux-x64 Native AOT, any) into TMP/feed;
#   2. the library package has its README, licence, XML docs, and its symbols in a .snupkg;
#   3. `dotnet tool install --tool-path TMP/tool --add-source TMP/feed QuoteFetch.Cli` installs the Native AOT
#      binary on linux-x64; `quotefetch --version` prints Directory.Build.props' <Version>; it fetches from the
#      fake Yahoo server;
#   4. the framework-dependent fallback (QuoteFetch.Cli.any), installed through a pointer that offers only it,
#      does the same;
#   5. a console app (eng/pack-check/) restored from TMP/feed prices AAPL through the packed library (AddQuoteFetch), at the
#      price the tool printed.
# Needs only the NuGet mirror: packages restore as usual, and what is packed here comes from TMP/feed into a
# package folder of its own, so nothing stale from an earlier run (same version, other code) is picked up.
# Prints "pack-check: passed" or "pack-check: FAILED: <why>", exits 0 or 1.
# Usage: eng/pack-check.sh [FEED]  (FEED: a folder eng/pack.sh already filled; checks it instead of packing)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
start=$SECONDS
tmp=$(mktemp -d "${TMPDIR:-/tmp}/quotefetch-pack-check.XXXXXX")
fake_pid=
cleanup() {
  if [ -n "$fake_pid" ]; then kill -TERM "$fake_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
  echo "pack-check: FAILED: $*" >&2
  exit 1
}
ok() { echo "pack-check: ok: $*"; }

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n 1)
[ -n "$version" ] || fail "no <Version> in Directory.Build.props"
feed=$tmp/feed
[ $# -eq 0 ] || feed=$(cd "$1" && pwd)

# --- 1. pack -----------------------------------------------------------------------------------------------
if [ $# -eq 0 ]; then
  QUOTEFETCH_PACK_ARTIFACTS=$tmp/artifacts "$root/eng/pack.sh" "$feed" || fail "eng/pack.sh failed (above)"
fi
for package in QuoteFetch.$version.nupkg QuoteFetch.$version.snupkg QuoteFetch.Cli.$version.nupkg \
  QuoteFetch.Cli.linux-x64.$version.nupkg QuoteFetch.Cli.any.$version.nupkg; do
  [ -f "$feed/$package" ] || fail "eng/pack.sh made no $package"
done
ok "packed version $version"

# --- 2. the library package ------------------------------------------------------------------------------
# Read whole into variables: `unzip | grep -q` would fail under pipefail when grep stops reading early.
entries=$(unzip -Z1 "$feed/QuoteFetch.$version.nupkg")
nuspec=$(unzip -p "$feed/QuoteFetch.$version.nupkg" '*.nuspec')
symbols=$(unzip -Z1 "$feed/QuoteFetch.$version.snupkg")
for entry in lib/net10.0/QuoteFetch.dll lib/net10.0/QuoteFetch.xml README.md; do
  grep -qx "$entry" <<<"$entries" || fail "QuoteFetch.$version.nupkg has no $entry"
done
grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "QuoteFetch's nuspec has no MIT licence"
grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "QuoteFetch's nuspec names no readme"
grep -qx 'lib/net10.0/QuoteFetch.pdb' <<<"$symbols" || fail "QuoteFetch.$version.snupkg has no lib/net10.0/QuoteFetch.pdb"
ok "library package: README, MIT licence, XML docs, symbols package"

# --- the fake Yahoo server ---------------------------------------------------------------------------------
# A Release publish run directly, so the process to stop is the server itself (not a `dotnet run` parent).
dotnet publish "$root/tests/QuoteFetch.FakeYahoo" -c Release -o "$tmp/fake" --artifacts-path "$tmp/artifacts" \
  -nologo -clp:ErrorsOnly >"$tmp/fake-publish.log" 2>&1 ||
  { cat "$tmp/fake-publish.log" >&2; fail "publishing the fake Yahoo server failed"; }
fake_log=$tmp/fake.log
dotnet "$tmp/fake/QuoteFetch.FakeYahoo.dll" --urls http://127.0.0.1:0 >"$fake_log" 2>&1 &
fake_pid=$!
base_url=
for _ in $(seq 1 120); do # at most 60 s
  base_url=$(sed -n 's/^Fake Yahoo listening on \(http[^ ]*\).*/\1/p' "$fake_log")
  [ -n "$base_url" ] && break
  kill -0 "$fake_pid" 2>/dev/null || { cat "$fake_log" >&2; fail "the fake Yahoo server exited"; }
  sleep 0.5
done
[ -n "$base_url" ] || { cat "$fake_log" >&2; fail "the fake Yahoo server did not start within 60 s"; }

# --- 3. and 4. the tool: Native AOT on linux-x64, framework-dependent elsewhere -----------------------------
check_tool() { # label, tool folder, feed, expected package id
  local label=$1 tool_path=$2 source=$3 expected=$4 command out status=0
  NUGET_PACKAGES=$tmp/packages dotnet tool install --tool-path "$tool_path" --add-source "$source" \
    QuoteFetch.Cli --version "$version" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; fail "$label: dotnet tool install failed"; }
  command=$tool_path/quotefetch
  [ -d "$tool_path/.store/quotefetch.cli/$version/$expected" ] ||
    fail "$label: dotnet tool installed $(ls "$tool_path/.store/quotefetch.cli/$version"), not $expected"
  out=$("$command" --version) || fail "$label: quotefetch --version failed"
  [ "$out" = "$version" ] || fail "$label: quotefetch --version printed '$out', not '$version'"
  # Exit 1: a symbol failed (NONEXIST), the others were priced.
  out=$("$command" --base-url "$base_url" --format csv --decimals 12 AAPL MSFT NONEXIST) || status=$?
  [ "$status" -eq 1 ] || fail "$label: exit $status, not 1, for AAPL MSFT NONEXIST: $out"
  printf '%s\n' "$out" >"$tmp/$expected.csv"
  grep -q '^AAPL,[0-9][0-9.]*,USD,' <<<"$out" || fail "$label: no AAPL price in: $out"
  grep -q '^NONEXIST,,.*,not-found,' <<<"$out" || fail "$label: NONEXIST is not not-found in: $out"
}

check_tool "linux-x64 tool" "$tmp/tool" "$feed" quotefetch.cli.linux-x64
# The Native AOT tool needs no shim: the command is a link to the binary in the package.
target=$(readlink -f "$tmp/tool/quotefetch")
case "$target" in
  */quotefetch.cli.linux-x64/"$version"/tools/any/linux-x64/QuoteFetch.Cli) ;;
  *) fail "quotefetch runs $target, not the binary of QuoteFetch.Cli.linux-x64" ;;
esac
[ "$(head -c 4 "$target" | tail -c 3)" = ELF ] || fail "$target is not a native binary"
ok "dotnet tool install: the Native AOT quotefetch, --version $version, fetched from the fake server"

# A pointer that offers only `any` stands for a platform without a RID-specific package (osx-arm64, say).
feed_any=$tmp/feed-any
mkdir -p "$feed_any"
cp "$feed/QuoteFetch.Cli.any.$version.nupkg" "$feed_any/"
dotnet pack "$root/src/QuoteFetch.Cli" -c Release -o "$feed_any" --artifacts-path "$tmp/artifacts" -nologo \
  -clp:ErrorsOnly -p:ToolPackageRuntimeIdentifiers=any >"$tmp/pack-any.log" 2>&1 ||
  { cat "$tmp/pack-any.log" >&2; fail "packing a pointer to the any package failed"; }
check_tool "fallback tool" "$tmp/tool-any" "$feed_any" quotefetch.cli.any
ok "dotnet tool install: the framework-dependent fallback, --version $version, fetched from the fake server"

# --- 5. a console app on the packed library --------------------------------------------------------------
cp -r "$root/eng/pack-check" "$tmp/consumer"
rm -rf "$tmp/consumer/bin" "$tmp/consumer/obj"
NUGET_PACKAGES=$tmp/packages dotnet build "$tmp/consumer" -nologo -p:QuoteFetchVersion="$version" \
  -p:RestoreAdditionalProjectSources="$feed" >"$tmp/consumer-build.log" 2>&1 ||
  { cat "$tmp/consumer-build.log" >&2; fail "the console app on the packed library did not build"; }
out=$(dotnet run --no-build --project "$tmp/consumer" -- "$base_url" AAPL) ||
  fail "the console app on the packed library failed: $out"
tool_price=$(sed -n 's/^AAPL,\([^,]*\),.*/\1/p' "$tmp/quotefetch.cli.linux-x64.csv")
read -r symbol price currency <<<"$out"
[ "$symbol $currency" = "AAPL USD" ] && awk -v a="$price" -v b="$tool_price" 'BEGIN { exit !(a + 0 == b + 0) }' ||
  fail "the console app printed '$out', the tool AAPL at $tool_price"
ok "a console app on package QuoteFetch $version priced $out"

echo "pack-check: passed in $((SECONDS - start)) s"
