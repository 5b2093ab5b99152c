#!/usr/bin/env bash
# Measure quotegraph on the shared development sets and guard against regressions.
#
# Usage: scripts/eval.sh    (from any directory)
#
# Runs `quotegraph eval` on ../shared/data/polnear/dev.jsonl and prints its table, then on
# ../shared/data/german_wikinews/dev.jsonl when present (a separate table, for information only:
# the models are English). The JSON reports go to OUT_DIR/polnear-dev.json and
# OUT_DIR/german_wikinews-dev.json. Then it compares the PolNeAR quote-mark (direct + mixed)
# overlap F1 with the value recorded in tests/eval/baseline.json (how to update it is written
# there). docs/evaluation.md defines every figure.
#
# Exit status: 0 when the F1 is at most the tolerance (0.01) below the baseline; 1 when it falls
# further, or when the evaluation fails; QG_SKIP_STATUS (default 0) when ../shared/data/polnear
# or python3 is absent (a message says it was skipped).
#
# Environment:
#   QG_BIN          the quotegraph binary to measure; when unset, scripts/build.sh builds
#                   BUILD_DIR and BUILD_DIR/quotegraph is used
#   QG_BUILD_DIR    build directory (default: build)
#   QG_SHARED       the shared folder (default: ../shared beside the repository)
#   QG_EVAL_OUT     OUT_DIR for the JSON reports (default: BUILD_DIR/eval)
#   QG_SKIP_STATUS  exit status when skipped (ctest sets 77)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if [[ $# -gt 0 ]]; then
    echo "usage: scripts/eval.sh" >&2
    exit 2
fi

skip=${QG_SKIP_STATUS:-0}
shared=${QG_SHARED:-$root/../shared}
polnear=$shared/data/polnear/dev.jsonl
wikinews=$shared/data/german_wikinews/dev.jsonl
baseline=$root/tests/eval/baseline.json
if [[ ! -f "$polnear" ]]; then
    echo "eval: skipped: $polnear is absent (the shared data is not here)"
    exit "$skip"
fi
shared=$(cd "$shared" && pwd)
polnear=$shared/data/polnear/dev.jsonl
wikinews=$shared/data/german_wikinews/dev.jsonl
if ! command -v python3 >/dev/null; then
    echo "eval: skipped: python3 is needed to compare with $baseline"
    exit "$skip"
fi

build_dir=${QG_BUILD_DIR:-build}
if [[ -n "${QG_BIN:-}" ]]; then
    bin=$QG_BIN
else
    scripts/build.sh "$build_dir" >&2
    bin=$build_dir/quotegraph
fi
out=${QG_EVAL_OUT:-$build_dir/eval}
mkdir -p "$out"

echo "== PolNeAR dev (en): $polnear"
"$bin" eval "$polnear"
"$bin" eval -f json -o "$out/polnear-dev.json" "$polnear"
if [[ -f "$wikinews" ]]; then
    echo
    echo "== German WikiNews dev (de; for information only, the models are English): $wikinews"
    "$bin" eval "$wikinews"
    "$bin" eval -f json -o "$out/german_wikinews-dev.json" "$wikinews"
fi
echo

python3 - "$baseline" "$out/polnear-dev.json" <<'PY'
import json, sys

with open(sys.argv[1], encoding="utf-8") as f:
    base = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    report = json.load(f)
want = base["polnear_dev"]["quote_mark_overlap_f1"]
tol = base["tolerance"]
got = report["sets"]["quote_mark"]["overlap"]["f1"]
print(f"PolNeAR dev quote-mark overlap F1: {got:.4f}; baseline {want:.4f} "
      f"(measured on {base['polnear_dev']['measured_on']}), tolerance {tol}")
if got < want - tol:
    print(f"eval: FAIL: F1 fell {want - got:.4f} below the baseline in tests/eval/baseline.json")
    sys.exit(1)
if got > want + tol:
    print("eval: the F1 is above the baseline by more than the tolerance: record the new value "
          "in tests/eval/baseline.json so that later regressions are caught")
print("eval: ok")
PY
