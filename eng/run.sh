#!/usr/bin/env bash
# Builds Specula and runs the `specula` command with the given arguments on the embedded defaults.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=eng/prereqs.sh
source "$root/eng/prereqs.sh"
specula_install_prereqs || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$root/src/Specula.Cli" -c Release -nologo -v quiet >/dev/null || { echo "error: build failed" >&2; exit 1; }
exec dotnet "$root/src/Specula.Cli/bin/Release/net10.0/specula.dll" "$@"
