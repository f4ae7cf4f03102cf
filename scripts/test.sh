#!/usr/bin/env bash
# The project's test command: every test in the solution, PostgreSQL tests included, against a
# throwaway PostgreSQL started from the machine's binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/with-postgres.sh dotnet test Conversations.sln -c Release "$@"
