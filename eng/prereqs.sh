#!/usr/bin/env bash
# Installs what Specula needs on a Debian machine and starts the services its tests use.
# Sourced by eng/test.sh and eng/run.sh; idempotent.

specula_apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

specula_install_prereqs() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET SDK 10 is required (dotnet not found on PATH). Install it, then run this again." >&2
    return 1
  fi
  specula_apt_install git ca-certificates || { echo "error: apt-get could not install git" >&2; return 1; }
  return 0
}

specula_stop_services() {
  return 0
}
