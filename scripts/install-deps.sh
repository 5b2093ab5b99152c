#!/usr/bin/env bash
# Install the Debian 12 packages quotegraph needs to build and test, when any is missing.
#
# Usage: scripts/install-deps.sh
#
# Checks each package with dpkg-query and installs only the missing ones
# (apt-get install -y --no-install-recommends), running apt-get update first and retrying
# once after another update if the install fails. Uses sudo when not run as root.
# Idempotent: when everything is installed it only prints one line.
#
# Environment:
#   QG_SKIP_DEPS=1   do nothing (you manage the packages yourself)
set -euo pipefail

# build-essential brings gcc, make and libc6-dev; an existing gcc + make + libc6-dev is enough too.
# python3-networkx is only used by the GraphML round-trip test; a networkx importable by python3
# (from pip, say) is enough too. parallel (GNU parallel) runs scripts/corpus-parallel.sh and its
# test. chromium opens the HTML reports in the report tests (headless: escaping and screenshots);
# a chromium, chromium-browser or google-chrome on PATH is enough too. cmark-gfm renders the
# Markdown reports in a test.
readonly PACKAGES=(build-essential cmake pkg-config libicu-dev libigraph-dev libjansson-dev
    libcmocka-dev python3 python3-networkx parallel chromium cmark-gfm)

say() {
    printf 'install-deps: %s\n' "$*" >&2
}

if [[ "${QG_SKIP_DEPS:-0}" == 1 ]]; then
    say "skipped (QG_SKIP_DEPS=1)"
    exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    say "not a Debian system (no dpkg-query/apt-get): install the equivalents of ${PACKAGES[*]} yourself"
    exit 0
fi

dpkg_installed() {
    local status
    status=$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) || return 1
    [[ "$status" == installed ]]
}

is_satisfied() {
    local pkg=$1
    if dpkg_installed "$pkg"; then
        return 0
    fi
    case "$pkg" in
    build-essential)
        dpkg_installed gcc && dpkg_installed make && dpkg_installed libc6-dev
        ;;
    python3-networkx)
        command -v python3 >/dev/null 2>&1 && python3 -c 'import networkx' >/dev/null 2>&1
        ;;
    chromium)
        command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
            command -v google-chrome >/dev/null 2>&1
        ;;
    *)
        return 1
        ;;
    esac
}

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! is_satisfied "$pkg"; then
        missing+=("$pkg")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    say "all ${#PACKAGES[@]} required packages are already installed, nothing to do"
    exit 0
fi

as_root=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        as_root=(sudo)
    else
        say "missing ${missing[*]}; run as root (no sudo found): apt-get install ${missing[*]}"
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
apt_get() {
    # env passes DEBIAN_FRONTEND through sudo, which resets the environment.
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get -q -o Dpkg::Lock::Timeout=300 "$@"
}

apt_install() {
    apt_get install -y --no-install-recommends "${missing[@]}"
}

say "installing ${missing[*]}"
if ! { apt_get update && apt_install; }; then
    say "install failed; updating the package lists and trying once more"
    sleep 5
    if ! { apt_get update && apt_install; }; then
        say "could not install ${missing[*]}"
        exit 1
    fi
fi
say "installed ${missing[*]}"
