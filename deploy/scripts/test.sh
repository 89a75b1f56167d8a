#!/usr/bin/env bash
# `npm test`: the whole suite with its own setup. Type checks and lint (Nx, no daemon, no cloud),
# then unit and integration tests (Jest) against real PostgreSQL, Redis and anvil.
source "$(dirname "$0")/lib.sh"
install_dependencies
ensure_postgres
ensure_redis
generate_prisma_client
bash deploy/scripts/ensure-chromium.sh   # the console's browser tests drive a real Chromium
say "type checks and lint"
nx run-many -t typecheck lint --outputStyle=static --skipNxCache
say "unit and integration tests"
# NestJS 12 is ESM-only; Jest needs vm modules to require() it.
NODE_OPTIONS="--experimental-vm-modules --no-warnings" jest --ci "$@"
