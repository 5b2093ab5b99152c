#!/usr/bin/env bash
# Build quotegraph with AddressSanitizer and UndefinedBehaviorSanitizer in a second build
# directory and run the whole test suite there (CI runs it after scripts/test.sh).
#
# Usage: scripts/test-sanitize.sh [CTEST OPTIONS]    (from any directory)
#
# Any sanitizer report fails the test that triggered it: the build uses
# -fno-sanitize-recover=all, leaks are reported at exit (LeakSanitizer) and the options below
# make every report abort. The stress tests drop their address-space cap under ASan
# (QG_STRESS_SANITIZED, set by CMake) and allow more time and memory.
#
# Environment: QG_SANITIZE_BUILD_DIR (default: build-sanitize), QG_SANITIZE (default:
# address,undefined), CTEST_PARALLEL_LEVEL, and what scripts/build.sh reads.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build_dir=${QG_SANITIZE_BUILD_DIR:-build-sanitize}
sanitizers=${QG_SANITIZE:-address,undefined}

QG_CMAKE_ARGS="-DQG_SANITIZE=$sanitizers ${QG_CMAKE_ARGS:-}" scripts/build.sh "$build_dir"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-report_objects=1}
ctest --test-dir "$build_dir" --output-on-failure --no-tests=error "$@"
