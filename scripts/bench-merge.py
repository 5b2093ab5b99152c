#!/usr/bin/env python3
"""Benchmark of `quotegraph merge` on synthetic extract records.

usage: scripts/bench-merge.py [--quotes N] [--keep DIR] [QUOTEGRAPH]

Writes N quote records (default 1,000,000) as extract records shaped like the real ones (the
document JSON of analyze: quotes with cue and mention, entities with mentions, the graph), in
articles of 2 to 16 quotes, then times `quotegraph merge -o /dev/null` on them and prints the
wall time, the CPU time and the peak memory of the merge. The words are drawn from a Zipf
distribution over 30,000 invented words; 20 % of the quotes repeat an earlier one, exactly,
cut short or with a word changed, in another article, so the provenance index has real work to
do. Nothing is read from ../shared. Timing targets belong here, not in the tests: the issue's
target is one million quotes in under a minute.
"""
import argparse, json, os, random, resource, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYLL = ["ka", "lo", "mi", "ra", "te", "su", "vo", "ne", "di", "pa", "ri", "go", "ba", "fe", "ju",
        "an", "el", "or", "us", "im"]
OUTLETS = [f"outlet{i}" for i in range(40)]


def vocabulary(rng, n):
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLL) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("quotegraph", nargs="?", default=os.path.join(ROOT, "build", "quotegraph"))
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--keep", help="write the records into DIR and keep them")
    args = ap.parse_args()
    rng = random.Random(5)
    words = vocabulary(rng, 30000)
    weights = [1.0 / (i + 1) for i in range(len(words))]
    cum = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    people = [f"{rng.choice(words).title()} {rng.choice(words).title()}" for _ in range(20000)]
    orgs = [f"{rng.choice(words).title()} Agency" for _ in range(2000)]

    def sentence(n):
        return " ".join(rng.choices(words, cum_weights=cum, k=n))

    tmp = args.keep or tempfile.mkdtemp(prefix="qg-bench-")
    os.makedirs(tmp, exist_ok=True)
    path = os.path.join(tmp, "records.jsonl")
    said = []  # earlier quotes, for repeats
    made = 0
    art = 0
    t0 = time.time()
    with open(path, "w", encoding="utf-8") as f:
        while made < args.quotes:
            art += 1
            nq = min(rng.randint(2, 16), args.quotes - made)
            quotes, entities, nodes, edges = [], [], [], []
            nodes.append({"id": "article", "node_type": "article", "label": f"a{art}",
                          "anonymous": "unknown", "quotes": float(nq)})
            pos = 0
            for k in range(nq):
                r = rng.random()
                if said and r < 0.2:
                    text = rng.choice(said)
                    ws = text.split()
                    if r < 0.05 and len(ws) > 8:
                        text = " ".join(ws[: len(ws) * 2 // 3])
                    elif r < 0.1:
                        ws[rng.randrange(len(ws))] = rng.choice(words)
                        text = " ".join(ws)
                else:
                    text = sentence(rng.randint(5, 40)).capitalize() + "."
                    if len(said) < 200000:
                        said.append(text)
                name = rng.choice(people)
                org = rng.choice(orgs) if rng.random() < 0.4 else None
                e = len(entities) + 1
                entities.append({"id": f"e{e}", "kind": "person", "name": name,
                                 "mentions": [{"text": name, "start": pos, "end": pos + len(name)}],
                                 "affiliation": None})
                if org:
                    entities.append({"id": f"e{e + 1}", "kind": "organization", "name": org,
                                     "mentions": [{"text": org, "start": pos, "end": pos + 9}],
                                     "affiliation": None})
                    entities[-2]["affiliation"] = f"e{e + 1}"
                quotes.append({"id": f"q{k + 1}", "type": "direct", "text": text,
                               "start": pos + 1, "end": pos + 1 + len(text),
                               "byte_start": pos + 3, "byte_end": pos + 3 + len(text),
                               "cue": {"text": "said", "start": pos, "end": pos + 4},
                               "speaker": {"entity": f"e{e}", "name": name, "kind": "person",
                                           "org": org,
                                           "mention": {"text": name, "start": pos, "end": pos + 3}},
                               "confidence": 0.95, "rule": "tag_after"})
                nodes.append({"id": f"q{k + 1}", "node_type": "quote", "label": text[:60],
                              "anonymous": "unknown", "quotes": 1.0})
                edges.append({"source": "article", "target": f"q{k + 1}", "relation": "contains",
                              "weight": 1.0, "confidence": 1.0})
                pos += len(text) + 40
            rec = {"quotegraph_version": "0.1.0",
                   "document": {"id": f"art-{art:08d}", "url": None, "title": None,
                                "outlet": rng.choice(OUTLETS),
                                "published": f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                "author": None, "chars": pos, "bytes": pos, "paragraphs": nq,
                                "sentences": 2 * nq},
                   "quotes": quotes, "entities": entities, "quoted_terms": [], "diagnostics": [],
                   "graph": {"directed": True, "nodes": nodes, "edges": edges}}
            f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
            made += nq
    size = os.path.getsize(path)
    print(f"generated {made} quotes in {art} articles, {size / 1e6:.0f} MB, "
          f"in {time.time() - t0:.0f} s: {path}")
    t = time.time()
    r = subprocess.run([args.quotegraph, "merge", "-o", os.devnull, path],
                       stderr=subprocess.PIPE, text=True)
    wall = time.time() - t
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(r.stderr.strip())
    print(f"merge: exit {r.returncode}, {wall:.1f} s wall, {ru.ru_utime + ru.ru_stime:.1f} s CPU, "
          f"peak memory {ru.ru_maxrss / 1024:.0f} MB, {size / 1e6 / wall:.0f} MB/s of records")
    if not args.keep:
        shutil.rmtree(tmp)
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
