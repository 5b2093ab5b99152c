#!/usr/bin/env bash
# Throughput and memory of quotegraph on one thread, against ICU's segmentation alone.
#
# Usage: scripts/bench.sh [DATA.jsonl]      (from any directory; takes one to two minutes)
#
# Builds a Release tree with the benchmark drivers (bench/, -DQG_BUILD_BENCH=ON) and measures:
#   1. the corpus: the articles of DATA.jsonl (default ../shared/data/polnear/dev.jsonl, read in
#      place, never copied into the repository) processed again and again up to about 50 MB of
#      text: decode → analyze → graph → compact JSON per article (bench/bench_pipeline.c), and
#      on the same bytes ICU alone (bench/bench_icu.c): UTF-8 → UTF-16 and the sentence
#      BreakIterator over the whole text; the filtered sentence iterator per paragraph as
#      src/segment uses it; and that plus the word BreakIterator (quotegraph's ICU floor);
#      MB/s (10^6 bytes of text per second), articles/s, peak RSS, and the ratio quotegraph /
#      ICU's floor;
#   2. the bundled example (examples/kaspersky-barclays.txt), repeated to about 5 MB;
#   3. cost against input size: the corpus joined into ONE article of 1, 10 and 50 MB;
#   4. `quotegraph extract` (JSON Lines in, one JSON line out per article) with 1 and 2 jobs on
#      the same 50 MB, when the command exists (it is detected at run time; skipped otherwise).
# Timings cover processing only (not reading the input or loading the models); peak RSS is the
# whole process. Results go to stdout; docs/performance.md explains them.
#
# Environment: QG_BENCH_BUILD_DIR (default: build-bench), QG_BENCH_MB (default: 50),
# QG_SKIP_DEPS=1, QG_CMAKE_ARGS (see scripts/build.sh).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build_dir=${QG_BENCH_BUILD_DIR:-build-bench}
data=${1:-$root/../shared/data/polnear/dev.jsonl}
target_mb=${QG_BENCH_MB:-50}
example=examples/kaspersky-barclays.txt

QG_CMAKE_ARGS="-DCMAKE_BUILD_TYPE=Release -DQG_BUILD_BENCH=ON -DQG_BUILD_TESTS=OFF ${QG_CMAKE_ARGS:-}" \
    scripts/build.sh "$build_dir" >/dev/null
pipeline=$build_dir/bench_pipeline
icu=$build_dir/bench_icu
qg=$build_dir/quotegraph

field() { # field NAME "key=value ..." -> value
    tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"
}

ratio() { # ratio A B -> A/B with 2 decimals
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'
}

# best_of N COMMAND...: the run with the highest mb_per_s of N (short runs are noisy)
best_of() {
    local n=$1 best="" out
    shift
    for ((k = 0; k < n; k++)); do
        out=$("$@")
        if [[ -z "$best" ]] || awk -v a="$(field mb_per_s "$out")" -v b="$(field mb_per_s "$best")" \
            'BEGIN { exit !(a > b) }'; then
            best=$out
        fi
    done
    echo "$best"
}

# compare LABEL INPUT REPEAT [--concat BYTES]: quotegraph and ICU alone on the same bytes, ICU in
# three modes (bench/bench_icu.c): plain = the sentence iterator over the whole text; sent = the
# filtered sentence iterator per paragraph, as src/segment uses it; w+s = that plus the word
# iterator over the whole text (all of quotegraph's ICU segmentation, its floor)
compare() {
    local label=$1 input=$2 repeat=$3
    shift 3
    local q i s f qs is ss fs
    q=$("$pipeline" "$input" --repeat "$repeat" "$@")
    i=$(best_of 3 "$icu" "$input" --repeat "$repeat" "$@" --mode plain)
    s=$(best_of 3 "$icu" "$input" --repeat "$repeat" "$@" --mode sentence)
    f=$(best_of 3 "$icu" "$input" --repeat "$repeat" "$@" --mode full)
    qs=$(field mb_per_s "$q")
    is=$(field mb_per_s "$i")
    ss=$(field mb_per_s "$s")
    fs=$(field mb_per_s "$f")
    printf '%-24s %7.1f %8s %8s %8s %9s %9s %9s %8s %8s %7s\n' "$label" \
        "$(awk -v b="$(field bytes "$q")" 'BEGIN { print b / 1e6 }')" \
        "$qs" "$(field articles_per_s "$q")" "$(field peak_rss_mib "$q")" \
        "$is" "$ss" "$fs" "$(field peak_rss_mib "$f")" "$(ratio "$qs" "$fs")" \
        "$(awk -v a="$fs" -v b="$qs" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')"
}

header() {
    printf '%-24s %7s %8s %8s %8s %9s %9s %9s %8s %8s %7s\n' "$1" "MB" "qg MB/s" "art/s" "qg MiB" \
        "ICU MB/s" "sent MB/s" "w+s MB/s" "ICU MiB" "qg/w+s" "time x"
}

# text bytes of a JSON Lines file (the "text" members), from the driver itself
text_bytes() {
    field bytes "$("$icu" "$1" --repeat 1 --mode plain)"
}

# measure_extract JSONL: `quotegraph extract` with 1 and 2 jobs, when it exists
measure_extract() {
    local jsonl=$1 bytes=$2
    # the command exists when the help text lists it
    if ! "$qg" --help 2>/dev/null | grep -qE '^[[:space:]]+extract[[:space:]]'; then
        echo "quotegraph extract: not available in this build, skipped"
        return 0
    fi
    local jobs out t0 t1 rss
    for jobs in 1 2; do
        out=$(mktemp)
        if [[ -x /usr/bin/time ]]; then
            t0=$(date +%s.%N)
            /usr/bin/time -f '%M' -o "$out.rss" "$qg" extract --jobs "$jobs" "$jsonl" >/dev/null
            t1=$(date +%s.%N)
            rss=$(awk '{ printf "%.1f", $1 / 1024 }' "$out.rss")
        else
            t0=$(date +%s.%N)
            "$qg" extract --jobs "$jobs" "$jsonl" >/dev/null
            t1=$(date +%s.%N)
            rss="?"
        fi
        rm -f "$out" "$out.rss"
        awk -v b="$bytes" -v t0="$t0" -v t1="$t1" -v j="$jobs" -v rss="$rss" \
            'BEGIN { printf "extract --jobs %d: %.1f MB in %.2f s = %.2f MB/s, peak RSS %s MiB (wall time, reading and writing included)\n", j, b / 1e6, t1 - t0, b / 1e6 / (t1 - t0), rss }'
    done
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "ICU $(pkg-config --modversion icu-uc 2>/dev/null || echo '?'), $(cc --version | head -1)"
echo "quotegraph: Release build in $build_dir; MB = 10^6 bytes of article text; one thread"
echo "columns: qg = decode+analyze+graph+JSON per article; ICU alone (best of 3 each, UTF-16 conversion"
echo "included): ICU = sentence BreakIterator over the whole text; sent = the filtered sentence iterator"
echo "per paragraph as src/segment uses it; w+s = sent + the word BreakIterator over the whole text"
echo "(quotegraph's ICU floor); MiB = peak RSS (ICU: w+s); qg/w+s = throughput ratio; time x = w+s/qg"
echo

header "example, ~5 MB"
example_bytes=$(wc -c <"$example")
compare "$(basename "$example")" "$example" $(( (5000000 + example_bytes - 1) / example_bytes ))
echo

if [[ ! -r "$data" ]]; then
    echo "corpus: $data not found, corpus measurements skipped"
    exit 0
fi
bytes=$(text_bytes "$data")
repeat=$(( (target_mb * 1000000 + bytes - 1) / bytes ))
header "corpus, ~${target_mb} MB"
compare "$(basename "$data") x$repeat" "$data" "$repeat"
echo

header "one article of N MB"
for mb in 1 10 50; do
    compare "$mb MB article" "$data" 1 --concat $(( mb * 1000000 ))
done
echo

# the same ~50 MB as a JSON Lines file, for extract (a temporary file, removed at exit)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ((r = 0; r < repeat; r++)); do cat "$data"; done >"$tmp/corpus.jsonl"
measure_extract "$tmp/corpus.jsonl" $(( bytes * repeat ))
