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
  # Sandboxes: Docker, the static busybox and debootstrap the offline base images are made of, the toolchains of the
  # example targets, and what the tracing kits' own tests need (python3; cc with the C library headers).
  specula_apt_install docker.io busybox-static debootstrap golang-go golang-etcd-server-dev golang-github-hashicorp-raft-dev \
    python3 gcc libc6-dev \
    || { echo "error: apt-get could not install docker.io, busybox-static, debootstrap, the Go packages, python3 and gcc" >&2; return 1; }
  # The HTML report's browser test drives Debian's headless Chromium through Playwright (no browser is downloaded).
  specula_apt_install chromium || { echo "error: apt-get could not install chromium" >&2; return 1; }
  specula_start_docker || return 1
  return 0
}

SPECULA_DOCKERD_PID=""

# Starts dockerd (no bridge, no NAT: containers get no route out) unless a daemon already answers.
specula_start_docker() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo docker version >/dev/null 2>&1 && return 0
  local log="${TMPDIR:-/tmp}/specula-dockerd.log"
  $sudo sh -c "nohup dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false >'$log' 2>&1 & echo \$! > '${TMPDIR:-/tmp}/specula-dockerd.pid'"
  SPECULA_DOCKERD_PID=$(cat "${TMPDIR:-/tmp}/specula-dockerd.pid" 2>/dev/null)
  local i
  for i in $(seq 1 60); do
    $sudo docker version >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "error: dockerd did not start within 30 s; its log is $log" >&2
  tail -n 20 "$log" >&2
  return 1
}

specula_stop_services() {
  # Stop dockerd only if this script started it.
  if [ -n "$SPECULA_DOCKERD_PID" ]; then
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo kill "$SPECULA_DOCKERD_PID" 2>/dev/null
    local i
    for i in $(seq 1 40); do
      $sudo kill -0 "$SPECULA_DOCKERD_PID" 2>/dev/null || break
      sleep 0.5
    done
    SPECULA_DOCKERD_PID=""
  fi
  return 0
}
