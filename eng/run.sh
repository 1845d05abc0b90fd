#!/usr/bin/env bash
# Builds Specula and runs the `specula` command with the given arguments on the embedded defaults.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=eng/prereqs.sh
source "$root/eng/prereqs.sh"
specula_install_prereqs || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) rid=linux-x64 ;;
  Linux-aarch64 | Linux-arm64) rid=linux-arm64 ;;
  *) rid= ;;
esac
if [ -n "$rid" ]; then
  # A ReadyToRun publish (code compiled ahead of time, see src/Specula.Cli/Specula.Cli.csproj) starts about three
  # times faster than a plain build; only the assemblies that changed are compiled again. It has its own build tree
  # (artifacts/r2r) so that it and `eng/test.sh`'s build never rewrite each other's intermediate files.
  out="$root/artifacts/r2r/publish/Specula.Cli/release_$rid"
  dotnet publish "$root/src/Specula.Cli" -c Release -r "$rid" --artifacts-path "$root/artifacts/r2r" -nologo -v quiet >/dev/null \
    || { echo "error: build failed" >&2; exit 1; }
  exec "$out/specula" "$@"
fi
dotnet build "$root/src/Specula.Cli" -c Release -nologo -v quiet >/dev/null || { echo "error: build failed" >&2; exit 1; }
exec dotnet "$root/src/Specula.Cli/bin/Release/net10.0/specula.dll" "$@"
