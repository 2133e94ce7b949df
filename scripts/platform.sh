#!/usr/bin/env bash
# The project's two commands, runnable on a fresh clone with nothing installed before:
#   npm start  ->  scripts/platform.sh start   (install what is missing, build, run everything)
#   npm test   ->  scripts/platform.sh test    (install, build, type-check, lint, all tests)
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(nats-server redis-server postgresql)
# `npm test` also drives the admin console in Debian's chromium (headless, apps/e2e).
TEST_APT_PACKAGES=(chromium)

log() { printf '\033[1m[platform]\033[0m %s\n' "$*"; }

have_postgres() {
  command -v postgres >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1 && return 0
  compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

# nats-server, redis-server and PostgreSQL come from apt (installed when missing and root);
# with `test`, chromium too.
ensure_system_packages() {
  local missing=() wanted=("${APT_PACKAGES[@]}")
  command -v nats-server >/dev/null 2>&1 || missing+=(nats-server)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  have_postgres || missing+=(postgresql)
  if [ "${1:-}" = test ]; then
    wanted+=("${TEST_APT_PACKAGES[@]}")
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing: ${missing[*]}. Install them with: sudo apt-get install -y ${wanted[*]}"
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
  build_console
}

# The admin console's page (Vite), served by the api-gateway under /console; rebuilt when a
# source or the lockfile is newer than the last build.
build_console() {
  local built=apps/console/dist/index.html
  if [ -f "$built" ] && [ -z "$(find apps/console package-lock.json -newer "$built" -not -path '*/dist' -not -path '*/dist/*' -not -path '*/node_modules/*' -print -quit)" ]; then
    return 0
  fi
  log "building the console (tsc, vite build)"
  npx tsc -p apps/console
  npx vite build --config apps/console/vite.config.mts
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
    ensure_system_packages test
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
