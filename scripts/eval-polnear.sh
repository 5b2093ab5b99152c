#!/usr/bin/env bash
# Score quotegraph on the PolNeAR development set with the shared scorer.
#
# Usage: scripts/eval-polnear.sh [PRED.jsonl]    (from any directory)
#
# Runs `quotegraph analyze - --id ID` once per article of ../shared/data/polnear/dev.jsonl (the
# article text on stdin), writes one {"id", "quotes"} line per article to PRED.jsonl (default:
# BUILD_DIR/polnear-dev.pred.jsonl), then prints what ../shared/tools/score.py says.
# See docs/evaluation.md for what the figures mean.
#
# Exit status: 0 when scored, or when ../shared/data is absent (a message says it was skipped);
# 1 when the scorer fails; 2 usage error.
#
# Environment:
#   QG_BIN         the quotegraph binary to measure; when unset, scripts/build.sh builds
#                  BUILD_DIR and BUILD_DIR/quotegraph is used
#   QG_BUILD_DIR   build directory (default: build)
#   QG_SHARED      the shared folder (default: ../shared beside the repository)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if [[ $# -gt 1 ]]; then
    echo "usage: scripts/eval-polnear.sh [PRED.jsonl]" >&2
    exit 2
fi

shared=${QG_SHARED:-$root/../shared}
gold=$shared/data/polnear/dev.jsonl
scorer=$shared/tools/score.py
if [[ ! -f "$gold" || ! -f "$scorer" ]]; then
    echo "eval-polnear: skipped: $gold or $scorer is absent" >&2
    exit 0
fi

build_dir=${QG_BUILD_DIR:-build}
if [[ -n "${QG_BIN:-}" ]]; then
    bin=$QG_BIN
else
    scripts/build.sh "$build_dir" >&2
    bin=$build_dir/quotegraph
fi
pred=${1:-$build_dir/polnear-dev.pred.jsonl}
mkdir -p "$(dirname "$pred")"

python3 - "$bin" "$gold" "$pred" <<'EOF'
import json, subprocess, sys

binary, gold, pred = sys.argv[1:4]
articles = failed = quotes = 0
with open(gold, encoding="utf-8") as gf, open(pred + ".tmp", "w", encoding="utf-8") as out:
    for line in gf:
        d = json.loads(line)
        articles += 1
        r = subprocess.run([binary, "analyze", "-", "--id", d["id"]],
                           input=d["text"].encode("utf-8"), capture_output=True)
        qs = []
        if r.returncode == 0:
            qs = json.loads(r.stdout)["quotes"]
        else:
            failed += 1
            sys.stderr.write("eval-polnear: %s: exit %d: %s\n"
                             % (d["id"], r.returncode, r.stderr.decode("utf-8", "replace").strip()))
        quotes += len(qs)
        out.write(json.dumps({"id": d["id"], "quotes": qs}, ensure_ascii=False) + "\n")
import os
os.replace(pred + ".tmp", pred)
print("analysed %d articles (%d failed), %d quotes -> %s" % (articles, failed, quotes, pred))
EOF

python3 "$scorer" "$gold" "$pred"
