#!/bin/sh
# Chooses what this container runs: a service (dist/apps/<name>/src/main.js), the migrations, or
# the CLI. The first argument wins over CHAINLOOM_SERVICE. `exec` so the process gets SIGTERM
# directly and drains (SHUTDOWN_TIMEOUT_MS) instead of being killed.
set -eu
target="${1:-${CHAINLOOM_SERVICE:-platform}}"
[ "$#" -gt 0 ] && shift
case "$target" in
  migrate)
    exec node --enable-source-maps dist/tools/prisma/migrate-deploy.js "$@" ;;
  cli)
    exec node --enable-source-maps dist/apps/cli/src/main.js "$@" ;;
  *)
    main="dist/apps/$target/src/main.js"
    if [ ! -f "$main" ]; then
      echo "chainloom: unknown service \"$target\"; one of: $(ls dist/apps | tr '\n' ' ')migrate cli" >&2
      exit 64
    fi
    exec node --enable-source-maps "$main" "$@" ;;
esac
