# Shared steps of start.sh and test.sh: dependencies, the Node 24 runtime, local services, and the
# generated Prisma client. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=${NX_SKIP_NX_CACHE:-false}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31mxx %s\033[0m\n' "$*" >&2; exit 1; }

install_dependencies() {
  command -v npm >/dev/null || die "npm is not installed. Install Node.js (any version ≥ 20 with npm ≥ 10); the project brings its own Node 24."
  if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    # `npm install` honours package-lock.json. Not `npm ci`: registries that serve only this
    # platform's optional binaries (as here) leave other platforms' entries out of the lock file,
    # and `npm ci` then refuses it as out of sync.
    say "installing dependencies (npm install, locked versions)"
    npm install --no-audit --no-fund
  fi
  # Every later step runs on the project's Node 24 (npm package node@24), not the machine's Node.
  export PATH="$ROOT/node_modules/.bin:$PATH"
  node -e 'if (+process.versions.node.split(".")[0] < 24) { console.error("Node " + process.version + " found; expected 24"); process.exit(1) }' \
    || die "node_modules/.bin/node is not Node 24; run: rm -rf node_modules && npm ci"
}

generate_prisma_client() {
  say "generating the Prisma client"
  # The CLI wants a native schema engine it cannot download here; generate never uses it.
  local placeholder="$ROOT/node_modules/.cache/prisma-schema-engine-placeholder"
  mkdir -p "$(dirname "$placeholder")" && touch "$placeholder"
  PRISMA_SCHEMA_ENGINE_BINARY="$placeholder" PRISMA_HIDE_UPDATE_MESSAGE=1 prisma generate >/dev/null
}

# ensure_postgres URL: reachable, or started if installed, or a clear message.
ensure_postgres() {
  local host=127.0.0.1 port=5432
  if pg_ready "$host" "$port"; then return; fi
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    say "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start || true
    for _ in $(seq 1 50); do pg_ready "$host" "$port" && return; sleep 0.2; done
  fi
  die "PostgreSQL is not running on $host:$port and could not be started. Install it (Debian: apt-get install postgresql) or set DATABASE_URL to a running server."
}
pg_ready() {
  if command -v pg_isready >/dev/null; then pg_isready -q -h "$1" -p "$2"; else (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; fi
}

ensure_redis() {
  local host=127.0.0.1 port=6379
  if redis_ready "$host" "$port"; then return; fi
  if command -v redis-server >/dev/null; then
    say "starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no >/dev/null
    for _ in $(seq 1 50); do redis_ready "$host" "$port" && return; sleep 0.2; done
  fi
  die "Redis is not running on $host:$port and could not be started. Install it (Debian: apt-get install redis-server) or set REDIS_URL."
}
redis_ready() {
  if command -v redis-cli >/dev/null; then [ "$(redis-cli -h "$1" -p "$2" ping 2>/dev/null)" = PONG ]; else (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; fi
}
