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
  # The native check engine (src/Specula.Cli.Native): `specula check` compiled to machine code, which the app above
  # runs in its place when it finds it as native/specula; a trace validation then takes a few milliseconds of start-up
  # instead of a quarter of a second. Compiled (about 2 CPU-minutes) only for the commands that start `check`
  # processes, and again only when a source it is made of changed; a stale one is removed, never used. Optional: when
  # it cannot be built, `specula check` runs in the app itself.
  engine="$out/native/specula"
  if [ -e "$engine" ] && [ -n "$(find "$root/src/Specula.Tla" "$root/src/Specula.Cli" "$root/src/Specula.Cli.Native" "$root"/Directory.*.props \
      -newer "$engine" \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.tla' \) -not -path '*/obj/*' -not -path '*/bin/*' \
      -print -quit)" ]; then
    rm -f "$engine"
  fi
  case "${1:-}" in
    check | bench)
      if [ ! -e "$engine" ] && [ "${SPECULA_NATIVE_CHECK:-}" != 0 ]; then
        log="$root/artifacts/native/publish.log"
        mkdir -p "$root/artifacts/native" "$out/native"
        if dotnet publish "$root/src/Specula.Cli.Native" -c Release -r "$rid" -p:PublishAot=true --artifacts-path "$root/artifacts/native" \
            -nologo -v quiet >"$log" 2>&1; then
          cp "$root/artifacts/native/publish/Specula.Cli.Native/release_$rid/specula-native" "$engine"
        else
          echo "note: the native check engine could not be built (see $log); \`specula check\` runs in the managed app." >&2
        fi
      fi
      ;;
  esac
  exec "$out/specula" "$@"
fi
dotnet build "$root/src/Specula.Cli" -c Release -nologo -v quiet >/dev/null || { echo "error: build failed" >&2; exit 1; }
exec dotnet "$root/src/Specula.Cli/bin/Release/net10.0/specula.dll" "$@"
