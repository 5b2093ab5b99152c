#!/usr/bin/env python3
"""List quote pairs from different articles with their word-3-gram similarity, to measure the
threshold `quotegraph merge` uses for altered wording (docs/corpus.md#altered-wording).

usage: scripts/similarity-pairs.py [--floor J] RECORDS.jsonl...

RECORDS are extract records. Quotes are normalised as merge does (NFKC case folding, accents
of U+0300-U+036F removed, words of letters and digits, an apostrophe inside a word dropped);
pairs that are the same words, or where one is contained in the other, are left out (merge
groups them anyway). Prints, most similar first: Jaccard similarity of the 3-gram sets, the
number of shared 3-grams, and both quotes. Label the pairs by hand to choose the threshold.
This is a measuring aid for corpora of a few thousand quotes; it compares every pair that
shares a 3-gram.
"""
import argparse, collections, itertools, json, re, sys, unicodedata

WORD = re.compile(r"[^\W_]+")


def normalise(text):
    s = unicodedata.normalize("NFKC", text).casefold()
    s = "".join(ch for ch in unicodedata.normalize("NFD", s) if not "\u0300" <= ch <= "\u036f")
    s = re.sub(r"(?<=[^\W_])['\u2019\u02bc](?=[^\W\d_])", "", s)
    return " ".join(WORD.findall(s))


def grams(norm):
    w = norm.split()
    if len(w) < 3:
        return {norm} if w else set()
    return {" ".join(w[i:i + 3]) for i in range(len(w) - 2)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("records", nargs="+")
    ap.add_argument("--floor", type=float, default=0.2, help="print pairs from this Jaccard up")
    args = ap.parse_args()
    where = collections.defaultdict(set)  # normalised text -> articles
    raw = {}
    for path in args.records:
        with open(path, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                if "document" not in rec:
                    continue
                for q in rec["quotes"]:
                    n = normalise(q["text"])
                    if n:
                        where[n].add(rec["document"]["id"])
                        raw.setdefault(n, q["text"])
    sets = {n: grams(n) for n in where}
    index = collections.defaultdict(list)
    for n, g in sets.items():
        for x in g:
            index[x].append(n)
    seen = set()
    rows = []
    for posting in index.values():
        for a, b in itertools.combinations(sorted(posting), 2):
            if (a, b) in seen:
                continue
            seen.add((a, b))
            if where[a] == where[b] and len(where[a]) == 1:
                continue  # the same single article
            if f" {a} " in f" {b} " or f" {b} " in f" {a} ":
                continue
            shared = len(sets[a] & sets[b])
            j = shared / len(sets[a] | sets[b])
            if j >= args.floor:
                rows.append((j, shared, raw[a], raw[b]))
    for j, shared, a, b in sorted(rows, key=lambda r: (-r[0], -r[1], r[2])):
        print(f"{j:.3f}\t{shared}\t{a}\t{b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
