#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the renderer needs, only those missing.
# Where it cannot install (no apt-get, no root and no sudo), it prints the exact command.
set -euo pipefail

missing=()
for package in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

command="apt-get install -y --no-install-recommends ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: these system packages are missing and this is not a Debian/Ubuntu system: ${missing[*]}" >&2
  echo "Install Pango, HarfBuzz's subsetter and the Noto fonts (core and CJK) with your package manager." >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "error: missing system packages: ${missing[*]}" >&2
  echo "Run: sudo apt-get update && sudo $command" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo $command -qq
