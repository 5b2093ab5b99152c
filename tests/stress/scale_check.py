#!/usr/bin/env python3
"""Look for inputs whose cost grows faster than their size (a developer tool, not run by ctest).

usage: scale_check.py QUOTEGRAPH [--units N] [--seed S] [--corpus DIR] [--ratio R]

Each unit (the words of tests/fuzz/quotes.dict alone and in random pairs and triples, and short
slices of the files in DIR, default tests/fuzz/corpus) is repeated to 128 KiB and to 1 MiB, and
`quotegraph analyze` is timed on both. The size grows 8 times, so linear code takes about 8 times
longer; a unit whose time grows more than R times (default 12), or that takes over 5 s at 1 MiB,
or that fails, is printed as SUSPECT. Five quadratic paths were found this way (see
docs/performance.md). Takes about a second per unit.
Exit status: 0 no suspect, 1 suspects found, 2 usage error.
"""
import argparse, os, random, re, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))


def dictionary():
    words = []
    with open(os.path.join(HERE, "..", "fuzz", "quotes.dict"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r'^"(.*)"$', line.strip())
            if m:
                words.append(m.group(1).encode("latin-1").decode("unicode_escape").encode("latin-1"))
    return words


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("quotegraph")
    ap.add_argument("--units", type=int, default=100, help="random units besides the dictionary")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", default=os.path.join(HERE, "..", "fuzz", "corpus"))
    ap.add_argument("--ratio", type=float, default=12.0)
    args = ap.parse_args()
    r = random.Random(args.seed)
    words = dictionary()
    files = [os.path.join(args.corpus, f) for f in sorted(os.listdir(args.corpus))]
    units = [w + b" " for w in words]
    for _ in range(args.units):
        if r.random() < 0.5:
            units.append(b"".join(r.choice(words) for _ in range(r.randint(2, 3))) + b" ")
        else:
            with open(r.choice(files), "rb") as f:
                data = f.read() or b"x"
            start = r.randrange(len(data))
            units.append(data[start:start + r.choice([4, 16, 64])] + r.choice(words))
    suspects = 0
    with tempfile.TemporaryDirectory(prefix="qg-scale-") as tmp:
        path = os.path.join(tmp, "in.txt")

        def timed(data):
            with open(path, "wb") as f:
                f.write(data)
            start = time.monotonic()
            try:
                rc = subprocess.run([args.quotegraph, "analyze", path], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, timeout=60).returncode
            except subprocess.TimeoutExpired:
                return 999.0, "timeout"
            return time.monotonic() - start, rc

        for u in units:
            small, _ = timed((u * (131072 // len(u) + 1))[:131072])
            big, rc = timed((u * (1048576 // len(u) + 1))[:1048576])
            ratio = big / max(small, 0.01)
            if ratio > args.ratio or big > 5 or rc != 0:
                suspects += 1
                print(f"SUSPECT x{ratio:.1f} ({small:.2f} s -> {big:.2f} s, exit {rc}): {u[:80]!r}",
                      flush=True)
    print(f"{len(units)} units, {suspects} suspects")
    return 1 if suspects else 0


sys.exit(main())
