#!/usr/bin/env bash
# The Debian packages the UI tests and the demo need, installed when missing. Used by .ci/run,
# `npm run demo` and `npm test` (its integration and e2e stages).
#   bash scripts/system-packages.sh                  every package below
#   bash scripts/system-packages.sh chromium make    only these
# As root it installs what is missing with apt-get. Otherwise it prints the one command to run and
# exits 1, so the caller stops before a step fails on the missing piece.
set -euo pipefail

# Each package with how to tell it is there (by the file we use, so the check holds without dpkg).
declare -A present=(
  [chromium]='test -x "${CHROMIUM_PATH:-/usr/bin/chromium}"'  # the browser the UI tests and screenshots drive
  [libkrb5-dev]='test -f /usr/include/gssapi/gssapi.h'        # code-server's native "kerberos" module
  [g++]='command -v g++'                                      # code-server's native modules
  [make]='command -v make'
  [python3]='command -v python3'                              # node-gyp
)
all=(chromium libkrb5-dev g++ make python3)

wanted=("$@")
if [ ${#wanted[@]} -eq 0 ]; then wanted=("${all[@]}"); fi

missing=()
for package in "${wanted[@]}"; do
  if [ -z "${present[$package]+set}" ]; then
    echo "system-packages.sh: unknown package \"$package\" (known: ${all[*]})" >&2
    exit 2
  fi
  if ! eval "${present[$package]}" >/dev/null 2>&1; then missing+=("$package"); fi
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Install them with:" >&2
  echo "" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  echo "" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing ${missing[*]}, and this machine has no apt-get: install them with its package manager." >&2
  exit 1
fi
echo "Installing missing Debian packages: ${missing[*]}"
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
