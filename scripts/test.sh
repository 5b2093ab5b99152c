#!/usr/bin/env bash
# Build quotegraph, then run every test with ctest (unit, case, golden and command-line tests).
#
# Usage: scripts/test.sh [CTEST OPTIONS]    (from any directory)
#
# Extra arguments go to ctest, e.g. `scripts/test.sh -R golden` or `scripts/test.sh -j4`.
# Exit status: 0 when the build and every test pass, non-zero otherwise
# (also when no test is registered at all).
#
# Environment: QG_BUILD_DIR (default: build), CTEST_PARALLEL_LEVEL, and what scripts/build.sh reads.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build_dir=${QG_BUILD_DIR:-build}

scripts/build.sh "$build_dir"
ctest --test-dir "$build_dir" --output-on-failure --no-tests=error "$@"
