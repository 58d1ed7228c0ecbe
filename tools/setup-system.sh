#!/usr/bin/env bash
# Install the Debian packages listed in tools/system-packages.txt (or the list given) that are
# missing. As root it runs apt-get; otherwise it prints the exact command and fails.
set -euo pipefail
cd "$(dirname "$0")/.."
list=${1:-tools/system-packages.txt}
wanted=$(grep -v '^\s*#' "$list" | grep -v '^\s*$' | tr '\n' ' ')
missing=""
for pkg in $wanted; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "aimap-publish set-up: missing Debian packages:$missing" >&2
  echo "run as root:  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
  exit 1
fi
echo "aimap-publish set-up: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
