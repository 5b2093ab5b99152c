#!/usr/bin/env python3
"""Measure `quotegraph report` on PolNeAR dev and on larger corpora made from it.

usage: scripts/bench-report.py [--quotegraph PATH] [--dev PATH] [--copies N[,N...]] [--work DIR]

The 487 PolNeAR dev articles get an outlet and a date taken from their ids
(`nyt_2016-03-02_...`: outlet "nyt", published 2016-03-02) and are run through extract once.
For each N of --copies, the extract records are repeated N times with new ids and, from the
second copy on, every word of every quote changed (`word` -> `wordx2`), so that the copies do not
form quote groups with each other; the result is merged, then reported as HTML and Markdown.
Prints, per corpus: articles, quotes, the merge document's size, and for each report its wall
time, CPU time, peak memory (max RSS, through GNU time when /usr/bin/time exists) and size. The texts stay in the work directory (default: a
temporary one), never in the repository. Exit status: 0, or 1 when the data or a run fails.
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def timed(cmd, stdout=None):
    """Run cmd; return (wall s, cpu s, max RSS in MB). The max RSS is GNU time's: a child of
    this script would report this script's own memory too (Linux counts the memory a process
    had before exec). Without /usr/bin/time it is None."""
    err = tempfile.TemporaryFile()
    measure = tempfile.NamedTemporaryFile(mode="r")
    full = [GNU_TIME, "-f", "%e %U %S %M", "-o", measure.name, *cmd] if GNU_TIME else cmd
    t0 = time.monotonic()
    code = subprocess.call(full, stdout=stdout or subprocess.DEVNULL, stderr=err)
    wall = time.monotonic() - t0
    if code != 0:
        err.seek(0)
        sys.exit(f"bench-report: {' '.join(cmd)} failed ({code}): {err.read().decode().strip()}")
    if not GNU_TIME:
        return wall, None, None
    e, u, s, m = measure.read().split()[-4:]
    return float(e), float(u) + float(s), int(m) / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quotegraph", default=os.path.join(ROOT, "build", "quotegraph"))
    ap.add_argument("--dev", default=os.path.join(ROOT, "..", "shared", "data", "polnear",
                                                   "dev.jsonl"))
    ap.add_argument("--copies", default="1,25")
    ap.add_argument("--work")
    a = ap.parse_args()
    if not os.path.exists(a.dev):
        sys.exit(f"bench-report: {a.dev} not found (PolNeAR dev, from ../shared/data)")
    work = a.work or tempfile.mkdtemp(prefix="qg-bench-report-")
    os.makedirs(work, exist_ok=True)
    qg = os.path.abspath(a.quotegraph)
    articles = os.path.join(work, "articles.jsonl")
    with open(a.dev, encoding="utf-8") as f, open(articles, "w", encoding="utf-8") as out:
        for line in f:
            d = json.loads(line)
            m = re.match(r"(.*?)_(\d{4}-\d{2}-\d{2})_", d["id"])
            rec = {"id": d["id"], "text": d["text"]}
            if m:
                rec["outlet"], rec["published"] = m.group(1), m.group(2)
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    records = os.path.join(work, "records.jsonl")
    with open(records, "wb") as out:
        wall, cpu, rss = timed([qg, "extract", "-q", articles], stdout=out)
    print(f"extract: 487 articles in {wall:.2f} s")
    base = [json.loads(l) for l in open(records, encoding="utf-8")]
    print("| copies | articles | quotes | merge document | report | wall | CPU | max RSS | size |")
    print("| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    for n in [int(x) for x in a.copies.split(",")]:
        recs = os.path.join(work, f"records-{n}.jsonl")
        nq = 0
        with open(recs, "w", encoding="utf-8") as out:
            for c in range(n):
                for r in base:
                    d = dict(r)
                    d["document"] = dict(r["document"], id=f"{r['document']['id']}-{c}")
                    if c:
                        d["quotes"] = [dict(q, text=re.sub(r"(\w+)", rf"\g<1>x{c}", q["text"]))
                                       for q in r["quotes"]]
                    nq += len(d["quotes"])
                    out.write(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n")
        corpus = os.path.join(work, f"corpus-{n}.json")
        timed([qg, "merge", "-q", "-o", corpus, recs])
        size = os.path.getsize(corpus) / 1e6
        for fmt in ("html", "md"):
            out = os.path.join(work, f"report-{n}.{fmt}")
            wall, cpu, rss = timed([qg, "report", "-f", fmt, "-o", out, corpus])
            cpu_s = f"{cpu:.2f} s" if cpu is not None else "?"
            rss_s = f"{rss:.0f} MB" if rss is not None else "?"
            print(f"| {n} | {len(base) * n} | {nq} | {size:.1f} MB | {fmt} | {wall:.2f} s | "
                  f"{cpu_s} | {rss_s} | {os.path.getsize(out) / 1e3:.0f} kB |")
        os.remove(recs)
    if not a.work:
        shutil.rmtree(work)
    return 0


sys.exit(main())
