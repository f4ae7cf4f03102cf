#!/usr/bin/env bash
# The project's test command: every test in the solution — .NET suites (PostgreSQL ones against a
# throwaway server started from the machine's binaries) and the JavaScript/browser suites in tests/web.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/with-postgres.sh dotnet test Conversations.sln -c Release "$@"

if [ -f tests/web/package.json ] && [ $# -eq 0 ]; then
  # The official @microsoft/signalr client and Playwright (Debian's Chromium) against the built server.
  (cd tests/web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm test)
fi
