#!/usr/bin/env bash
# What `pnpm test` needs beyond node_modules: Debian's Chromium (browser tests) and kcat (librdkafka's
# client, for the conformance tests). Installed from Debian when missing and we may; otherwise a sentence.
set -euo pipefail

missing=()
command -v kcat >/dev/null 2>&1 || missing+=(kcat)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
((${#missing[@]} == 0)) && exit 0

if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "pnpm test needs ${missing[*]}: install it with 'apt-get install ${missing[*]}' (Debian), then run pnpm test again." >&2
  exit 1
fi
echo "pnpm test: installing ${missing[*]} from Debian"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
