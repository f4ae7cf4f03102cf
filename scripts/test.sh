#!/usr/bin/env bash
# The project's test command: every test in the solution — .NET suites (PostgreSQL ones against a
# throwaway server started from the machine's binaries) and the JavaScript/browser suites in tests/web.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
scripts/with-postgres.sh dotnet test Conversations.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for the whole .NET run (dotnet test prints one per test assembly).
awk '/^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+/ { gsub(",", ""); f += $4; p += $6 }
     END { printf "dotnet: %d passed, %d failed\n", p, f }' "$log"
[ "$status" -eq 0 ] || exit "$status"

if [ -f tests/web/package.json ] && [ $# -eq 0 ]; then
  # The official @microsoft/signalr client and Playwright (Debian's Chromium) against the built server.
  (cd tests/web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm test)
fi
