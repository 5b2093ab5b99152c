#!/usr/bin/env bash
# Install missing dependencies, configure and build quotegraph.
#
# Usage: scripts/build.sh [BUILD_DIR]      (from any directory)
#
# BUILD_DIR defaults to $QG_BUILD_DIR, else "build"; a relative path is relative to the
# repository root. The build type is RelWithDebInfo unless QG_CMAKE_ARGS says otherwise.
#
# Environment:
#   QG_BUILD_DIR     build directory when no argument is given (default: build)
#   QG_CMAKE_ARGS    extra cmake configure arguments, split on whitespace,
#                    e.g. QG_CMAKE_ARGS="-DCMAKE_BUILD_TYPE=Debug -DQG_SANITIZE=address,undefined"
#   QG_SKIP_DEPS=1   do not run scripts/install-deps.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if [[ $# -gt 1 ]]; then
    echo "usage: scripts/build.sh [BUILD_DIR]" >&2
    exit 2
fi
build_dir=${1:-${QG_BUILD_DIR:-build}}

scripts/install-deps.sh

extra_args=()
if [[ -n "${QG_CMAKE_ARGS:-}" ]]; then
    read -r -a extra_args <<<"$QG_CMAKE_ARGS"
fi

jobs=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${extra_args[@]}"
cmake --build "$build_dir" -j"$jobs"
