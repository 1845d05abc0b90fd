#!/usr/bin/env bash
# Sets up a fresh Debian machine for Specula's tests, builds the solution and runs every test project.
# Ends by printing the totals alone on one line: "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# shellcheck source=eng/prereqs.sh
source "$root/eng/prereqs.sh"
specula_install_prereqs || exit 1

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build Specula.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }

status=0
dotnet test Specula.sln -c Release --no-build -nologo -v quiet \
  --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without reporting a failed test (crash, build break): count it.
  failed=1
fi
specula_stop_services
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
