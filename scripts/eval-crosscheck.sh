#!/usr/bin/env bash
# Cross-check `quotegraph eval` against the shared scorer on the same saved predictions.
#
# Usage: scripts/eval-crosscheck.sh [GOLD.jsonl [PRED.jsonl]]    (from any directory)
#
# Runs `quotegraph analyze - --id ID` once per article of GOLD (default:
# ../shared/data/polnear/dev.jsonl; the article text on stdin, as a user would) and writes each
# analysis, compacted, to PRED (default: BUILD_DIR/eval/NAME.pred.jsonl), with the id also at the
# top level so that ../shared/tools/score.py reads the same file. Then it scores PRED with both
# `quotegraph eval --pred` and score.py and prints their figures side by side. Where the two
# definitions differ (speaker and attribution), docs/evaluation.md says why.
#
# Exit status: 0 when both scored (whatever the figures), or when GOLD or score.py is absent
# (a message says it was skipped); 1 when a step fails; 2 usage error.
#
# Environment: QG_BIN, QG_BUILD_DIR, QG_SHARED as for scripts/eval.sh.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if [[ $# -gt 2 ]]; then
    echo "usage: scripts/eval-crosscheck.sh [GOLD.jsonl [PRED.jsonl]]" >&2
    exit 2
fi
shared=${QG_SHARED:-$root/../shared}
gold=${1:-$shared/data/polnear/dev.jsonl}
scorer=$shared/tools/score.py
if [[ ! -f "$gold" || ! -f "$scorer" ]]; then
    echo "eval-crosscheck: skipped: $gold or $scorer is absent" >&2
    exit 0
fi

build_dir=${QG_BUILD_DIR:-build}
if [[ -n "${QG_BIN:-}" ]]; then
    bin=$QG_BIN
else
    scripts/build.sh "$build_dir" >&2
    bin=$build_dir/quotegraph
fi
name=$(basename "$(dirname "$gold")")-$(basename "$gold" .jsonl)
pred=${2:-$build_dir/eval/$name.pred.jsonl}
mkdir -p "$(dirname "$pred")"

python3 - "$bin" "$gold" "$pred" <<'PY'
import json, os, subprocess, sys

binary, gold, pred = sys.argv[1:4]
articles = quotes = 0
with open(gold, encoding="utf-8") as gf, open(pred + ".tmp", "w", encoding="utf-8") as out:
    for line in gf:
        if not line.strip():
            continue
        d = json.loads(line)
        r = subprocess.run([binary, "analyze", "-", "--id", d["id"]],
                           input=d["text"].encode("utf-8"), capture_output=True)
        if r.returncode != 0:
            sys.exit("eval-crosscheck: %s: exit %d: %s"
                     % (d["id"], r.returncode, r.stderr.decode("utf-8", "replace").strip()))
        doc = json.loads(r.stdout)
        articles += 1
        quotes += len(doc["quotes"])
        out.write(json.dumps({"id": d["id"], **doc}, ensure_ascii=False,
                             separators=(",", ":")) + "\n")
os.replace(pred + ".tmp", pred)
print("analysed %d articles one process each, %d quotes -> %s" % (articles, quotes, pred))
PY

ours=$("$bin" eval -f json --pred "$pred" "$gold")
theirs=$(python3 "$scorer" "$gold" "$pred" --json)
python3 - "$ours" "$theirs" <<'PY'
import json, sys

ours, theirs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print("%-11s %-26s %10s %10s" % ("set", "figure", "score.py", "qg eval"))
for cat, name in (("marked", "quote_mark"), ("all", "all")):
    t, o = theirs[cat], ours["sets"][name]
    rows = [("gold", t["gold"], o["gold"]), ("pred", t["pred"], o["pred"]),
            ("P (overlap)", t["P"], o["overlap"]["precision"]),
            ("R (overlap)", t["R"], o["overlap"]["recall"]),
            ("F1 (overlap)", t["F1"], o["overlap"]["f1"]),
            ("F1 (exact)", t["exact_F1"], o["exact"]["f1"]),
            ("speaker accuracy *", t["speaker_acc"], o["speaker"]["accuracy"]),
            ("attribution recall *", t["attr_R"], o["attribution"]["recall"])]
    for what, a, b in rows:
        print("%-11s %-26s %10s %10s %s" % (name, what, a, b, "" if a == b else "differs"))
print("* defined differently, see docs/evaluation.md: score.py also accepts a speaker whose name "
      "holds the gold mention's last word, and never credits a gold quote without a speaker")
print("articles: score.py %d (missing %d), qg eval %d (missing %d)"
      % (theirs["articles"], theirs["missing_articles"], ours["articles"]["gold"],
         ours["articles"]["missing"]))
PY
