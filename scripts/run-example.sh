#!/usr/bin/env bash
# Build quotegraph, then analyse the bundled example article and print a readable table.
#
# Usage: scripts/run-example.sh [QUOTEGRAPH OPTIONS]    (from any directory)
#
# Extra arguments go to `quotegraph analyze` before the file, e.g. `scripts/run-example.sh -f json`.
# The build's own output goes to stderr, so stdout holds only quotegraph's output.
#
# Environment: QG_BUILD_DIR (default: build) and what scripts/build.sh reads.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build_dir=${QG_BUILD_DIR:-build}

scripts/build.sh "$build_dir" >&2
exec "$build_dir/quotegraph" analyze -f text "$@" examples/kaspersky-barclays.txt
