#!/usr/bin/env bash
# Install what wormwatch needs from Debian's packages, only what is missing.
# Debian 12 (bookworm), as root.
set -euo pipefail
pkgs=(build-essential cmake pkg-config
      libpcap-dev libndpi-dev libnetfilter-conntrack-dev
      tcpdump python3 iproute2 nftables conntrack hyperfine time bc
      clang libclang-rt-14-dev
      libhivex-dev libnftables-dev libmicrohttpd-dev libgraphviz-dev graphviz
      libfixbuf-dev libnats-dev nats-server libjs-chart.js chromium
      softflowd nfdump poppler-utils libarchive-dev libzstd-dev liblzma-dev
      libbz2-dev zlib1g-dev locales gettext libjson-c-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything is installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing ${missing[*]}; run as root (or with sudo)" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
