#!/usr/bin/env bash
# Install what wormwatch needs from Debian's packages, only what is missing.
# Debian 12 (bookworm), as root. (fonts-ipafont-gothic: Japanese text for
# the browser tests of the Japanese pages; the pages themselves name no font.)
set -euo pipefail
pkgs=(build-essential cmake pkg-config
      libpcap-dev libndpi-dev libnetfilter-conntrack-dev
      tcpdump python3 iproute2 nftables conntrack hyperfine time bc
      clang libclang-rt-14-dev
      libhivex-dev libnftables-dev libmicrohttpd-dev libgraphviz-dev graphviz
      libfixbuf-dev libnats-dev nats-server libjs-chart.js chromium
      softflowd nfdump poppler-utils libarchive-dev libzstd-dev liblzma-dev
      libbz2-dev zlib1g-dev locales gettext libjson-c-dev python3-jsonschema
      fonts-ipafont-gothic)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The Japanese output is tested under ja_JP.UTF-8: generate it when missing.
need_locale() { ! locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$'; }
gen_locale() {
  if need_locale && [ "$(id -u)" -eq 0 ]; then
    sed -i 's/^# *\(ja_JP.UTF-8 UTF-8\)/\1/' /etc/locale.gen 2>/dev/null || true
    grep -q '^ja_JP.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null || echo 'ja_JP.UTF-8 UTF-8' >>/etc/locale.gen
    locale-gen >/dev/null
    echo "install-deps: generated the ja_JP.UTF-8 locale"
  fi
}
if [ ${#missing[@]} -eq 0 ]; then
  gen_locale
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
gen_locale
