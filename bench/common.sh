# Shared by the bench scripts (sourced, not run): loopback-only environment, Debian packages, publishing.
# The sourcing script defines log() first (each prefixes its own name) and, for ensure_packages, $WORK.

export LC_ALL=C # a '.' decimal point in EPOCHREALTIME and awk

# Benchmark traffic goes to 127.0.0.1 only: no client may pick up a proxy from the environment.
unset http_proxy https_proxy all_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

ensure_packages() { # package...: installs the Debian packages that are missing (the apt log goes to $WORK/apt.log)
  local package missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >"$WORK/apt.log"
  fi
}

# Callers pass --artifacts-path so their obj/ and bin/ stay apart from src/'s, which other builds may be using.
publish() { # name log-file dotnet-publish-arguments...
  local name=$1 logfile=$2
  shift 2
  log "publishing $name"
  if ! dotnet publish "$@" >"$logfile" 2>&1; then
    log "publishing $name failed; the end of $logfile:"
    tail -40 "$logfile" >&2
    return 1
  fi
}
