#!/usr/bin/env bash
# `npm start`: from a fresh clone to a running platform (all domains in one process).
source "$(dirname "$0")/lib.sh"
install_dependencies
ensure_postgres
ensure_redis
generate_prisma_client
say "building (services, then the web console)"
node tools/build.mjs
nx build console --outputStyle=static >/dev/null
# The platform creates its database if missing and applies pending migrations before it listens.
say "starting the platform (Ctrl-C stops it)"
PORT="${PORT:-3000}"
echo "    Console: http://${HOST:-127.0.0.1}:$PORT/"
echo "    API:     http://${HOST:-127.0.0.1}:$PORT/v1"
echo "    Docs:    http://${HOST:-127.0.0.1}:$PORT/docs"
echo "    OpenAPI: http://${HOST:-127.0.0.1}:$PORT/v1/openapi.json"
echo "    Health:  http://${HOST:-127.0.0.1}:$PORT/health/ready"
exec node --enable-source-maps dist/apps/platform/src/main.js
