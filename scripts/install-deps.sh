#!/usr/bin/env bash
# install-deps.sh — installs the Debian packages mini needs to build and test,
# if any are missing. Used by the Makefile; safe to run again.
set -euo pipefail

# tool packages the build needs, plus python3 for the test runners
pkgs=(cmake gcc make pkg-config re2c bison libgc-dev check python3)
if [ "${MINI_WANT_GO:-0}" = 1 ]; then pkgs+=(golang-go); fi
if [ "${MINI_WANT_CLANG:-0}" = 1 ]; then pkgs+=(clang); fi

missing=()
for p in "${pkgs[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "mini: installing missing packages: ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "mini: apt-get not found; please install these packages by hand: ${missing[*]}" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo="sudo"
    else
        echo "mini: not root and no sudo; please run as root: apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi
if ! $sudo apt-get update -qq || ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; then
    echo "mini: could not install ${missing[*]} with apt-get; install them by hand and retry" >&2
    exit 1
fi
