#!/usr/bin/env bash
# The project's two commands, runnable on a fresh clone with nothing installed before:
#   npm start  ->  scripts/platform.sh start   (install what is missing, build, run everything)
#   npm test   ->  scripts/platform.sh test    (install, build, type-check, lint, all tests)
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(nats-server redis-server postgresql)

log() { printf '\033[1m[platform]\033[0m %s\n' "$*"; }

have_postgres() {
  command -v postgres >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1 && return 0
  compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

# nats-server, redis-server and PostgreSQL come from apt (installed when missing and root).
ensure_system_packages() {
  local missing=()
  command -v nats-server >/dev/null 2>&1 || missing+=(nats-server)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  have_postgres || missing+=(postgresql)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing: ${missing[*]}. Install them with: sudo apt-get install -y ${APT_PACKAGES[*]}"
    exit 1
  fi
  log "installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends "${missing[@]}" >/tmp/im-apt.log 2>&1; then
    apt-get update >>/tmp/im-apt.log 2>&1
    apt-get install -y --no-install-recommends "${missing[@]}" >>/tmp/im-apt.log 2>&1 || {
      tail -n 20 /tmp/im-apt.log
      exit 1
    }
  fi
}

# npm dependencies from the lockfile, when missing or older than the lockfile.
ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

build() {
  log "building (tsc -b)"
  npx tsc -b tsconfig.build.json
}

cmd=${1:-}
shift || true
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
case "$cmd" in
  start)
    ensure_system_packages
    ensure_node_modules
    build
    exec node deploy/dist/main.js "$@"
    ;;
  test)
    started=$(date +%s)
    ensure_system_packages
    ensure_node_modules
    build
    log "type-checking (tsc --noEmit)"
    npx tsc -p tsconfig.json --noEmit
    log "linting (eslint, Nx module boundaries)"
    npx nx show projects >/dev/null
    npx eslint --max-warnings=0 .
    npx prettier --check . --log-level warn
    log "testing (jest: unit, integration, end-to-end)"
    npx jest --ci --maxWorkers=2 "$@"
    log "npm test passed in $(($(date +%s) - started)) s"
    ;;
  *)
    echo "usage: scripts/platform.sh start|test [args]" >&2
    exit 2
    ;;
esac
