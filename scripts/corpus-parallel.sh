#!/usr/bin/env bash
# Run corpus mode over shards with GNU parallel: `quotegraph extract` on parts of a JSON Lines
# file at the same time (parallel --pipepart), then one `quotegraph merge`. The result is the
# same bytes as one process would give (extract keeps input order with --keep-order; merge
# does not depend on order or grouping). See docs/corpus.md#beyond-one-machine.
#
# Usage: scripts/corpus-parallel.sh [OPTIONS] INPUT.jsonl [-- EXTRACT_OPTION...]
#
#   -j JOBS      jobs at once per host (default: one per CPU, parallel's default)
#   -b BLOCK     part size for --pipepart: bytes with k/M/G, or -N for N parts per job slot
#                (default -4)
#   -S FILE      run the jobs on the hosts of FILE (parallel --sshloginfile); quotegraph must
#                be installed at the same path there (-x), and ssh must log in without a prompt
#   -x PROGRAM   the quotegraph binary (default: build/quotegraph of this repository, else
#                quotegraph from PATH)
#   -d DIR       output directory (default: corpus-out); it receives records.jsonl (the extract
#                records, in input order), corpus.json (the merge; another name with -f) and
#                joblog (parallel's job log)
#   -f FORMAT    merge output format: json (default), graphml, cytoscape, csv
#   -h           print this help
#
# EXTRACT_OPTIONs after -- go to every extract job, e.g. -- --outlet-field x_meta.publisher
#
# Exit status: 0 success; 1 some articles gave error records (the merge is still made) or a
# step failed; 2 usage error; 3 an article id came with different content (merge's status 3:
# the merge is still made).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; }
say() { printf 'corpus-parallel: %s\n' "$*" >&2; }

jobs=() block=-4 sshlogin=() qg= dir=corpus-out format=json
while getopts 'j:b:S:x:d:f:h' opt; do
    case $opt in
    j) jobs=(-j "$OPTARG") ;;
    b) block=$OPTARG ;;
    S) sshlogin=(--sshloginfile "$OPTARG") ;;
    x) qg=$OPTARG ;;
    d) dir=$OPTARG ;;
    f) format=$OPTARG ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
if [[ $# -lt 1 ]]; then
    usage >&2
    exit 2
fi
input=$1
shift
if [[ $# -gt 0 && $1 == -- ]]; then
    shift
fi
extract_opts=("$@")

if ! command -v parallel >/dev/null 2>&1; then
    say "GNU parallel is not installed (Debian package parallel; scripts/install-deps.sh adds it)"
    exit 1
fi
if [[ -z $qg ]]; then
    if [[ -x $root/build/quotegraph ]]; then
        qg=$root/build/quotegraph
    else
        qg=$(command -v quotegraph || true)
    fi
fi
if [[ -z $qg ]]; then
    say "no quotegraph binary: build it (scripts/build.sh) or pass -x PROGRAM"
    exit 1
fi
if [[ ! -f $input ]]; then
    say "$input: not a regular file (--pipepart needs a file it can seek in)"
    exit 1
fi
case $format in
json) out=corpus.json ;;
graphml) out=corpus.graphml ;;
cytoscape) out=corpus.cytoscape.json ;;
csv) out=corpus.csv ;;
*) say "unknown format '$format' (json, graphml, cytoscape, csv)"; exit 2 ;;
esac
mkdir -p "$dir"

# Map: each job reads one part of the file on stdin; --keep-order writes the parts' records in
# input order. parallel's exit status counts the jobs that failed; extract fails a job when
# an article gave an error record, which is not a reason to stop.
status=0
parallel --pipepart -a "$input" --block "$block" "${jobs[@]}" "${sshlogin[@]}" --keep-order \
    --joblog "$dir/joblog" -q "$qg" extract -q "${extract_opts[@]}" >"$dir/records.jsonl" ||
    status=$?
shards=$(($(wc -l <"$dir/joblog") - 1))
failed=$(awk 'NR > 1 && $7 != 0 { n++ } END { print n + 0 }' "$dir/joblog")
say "extract: $shards shards, $failed with error records or failures (see $dir/joblog)"
if [[ $status -gt 100 ]]; then
    say "parallel failed (exit $status)"
    exit 1
fi

# Reduce: one merge of every record.
merge_status=0
"$qg" merge -f "$format" -o "$dir/$out" "$dir/records.jsonl" || merge_status=$?
if [[ $merge_status -ne 0 && $merge_status -ne 3 ]]; then
    exit "$merge_status"
fi
say "wrote $dir/records.jsonl and $dir/$out"
if [[ $status -ne 0 ]]; then
    exit 1
fi
exit "$merge_status"
