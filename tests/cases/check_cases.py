#!/usr/bin/env python3
"""Run the analyzer on small cases and compare with their expected quotes.

usage: check_cases.py [--types T1,T2] [--case ID] [--skip-missing] CASES.jsonl -- COMMAND [ARG...]

The matching rules are those of ../shared/tools/check_cases.py (the team's tool), copied here
so that the project's tests do not need ../shared:
an expected quote passes when the output has a quote whose "text" equals "content" (ignoring
surrounding white space, quote marks and final punctuation), whose "speaker.name" and
"speaker.org" together hold every word of "speaker" (articles and "of/for/at" aside), and,
when "org" is given, whose "speaker.org" holds every word of "org".
Project cases may also list "absent": texts that no output quote may contain (a negated cue,
a non-speech verb); each is checked as one more item. A case whose output holds two or more
quotes is also checked for overlapping quotes (item ID.disjoint): quotes never overlap.

--types        check only expected quotes of these types (e.g. direct,mixed)
--case         check only the case with this id
--skip-missing exit 77 (skipped) when CASES.jsonl does not exist
Exit status: 0 all pass, 1 a failure, 2 usage error, 77 skipped.
"""
import argparse, json, re, subprocess, sys

EDGE = " \t\r\n\u00a0\u202f\"'“”‘’«»„‚‹›「」『』,.;:!?—–-…"
STOP = {"a", "an", "the", "of", "for", "at", "s", "by", "von", "der", "de", "la", "le"}

def norm(s):
    return re.sub(r"\s+", " ", (s or "").strip(EDGE)).casefold()

def words(s):
    return {w for w in re.findall(r"\w+", (s or "").casefold()) if w not in STOP}

def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        print(__doc__, file=sys.stderr); return 2
    cut = argv.index("--")
    ap = argparse.ArgumentParser(usage=__doc__)
    ap.add_argument("--types")
    ap.add_argument("--case")
    ap.add_argument("--skip-missing", action="store_true")
    ap.add_argument("cases")
    opt = ap.parse_args(argv[:cut])
    cmd = argv[cut + 1:]
    if not cmd:
        print(__doc__, file=sys.stderr); return 2
    try:
        with open(opt.cases, encoding="utf-8") as f:
            cases = [json.loads(l) for l in f if l.strip()]
    except FileNotFoundError:
        if opt.skip_missing:
            print(f"{opt.cases}: not found, skipped"); return 77
        raise
    types = set(opt.types.split(",")) if opt.types else None
    if opt.case:
        cases = [c for c in cases if c["id"] == opt.case]
        if not cases:
            print(f"no case {opt.case!r} in {opt.cases}", file=sys.stderr); return 2
    passed = failed = 0
    for case in cases:
        todo = [(i, e) for i, e in enumerate(case["expected"]["quotes"])
                if types is None or e.get("type") in types]
        if not todo and not (types is None and case["expected"].get("absent")):
            continue
        try:
            run = subprocess.run(cmd, input=case["text"].encode("utf-8"), capture_output=True, timeout=30)
            got = json.loads(run.stdout.decode("utf-8")).get("quotes", [])
        except Exception as e:  # crash, timeout or bad JSON fails every quote of the case
            got, err = [], f"no usable output ({type(e).__name__})"
        else:
            err = None
        for i, exp in todo:
            label = f'{case["id"]}.{i+1}'
            hit = [q for q in got if norm(q.get("text")) == norm(exp["content"])]
            why = err or ("quote not found" if not hit else None)
            if hit and not why:
                sp = hit[0].get("speaker") or {}
                if not words(exp["speaker"]) <= words(sp.get("name")) | words(sp.get("org")):
                    why = f'speaker {sp.get("name")!r}, want {exp["speaker"]!r}'
                elif exp.get("org") and not words(exp["org"]) <= words(sp.get("org")):
                    why = f'org {sp.get("org")!r}, want {exp["org"]!r}'
            if why:
                failed += 1; print(f"FAIL {label}: {why}  [{exp['content'][:50]!r}]")
                if not hit and not err:
                    print(f"     got: {[q.get('text') for q in got]!r}")
            else:
                passed += 1; print(f"ok   {label}")
        for j, text in enumerate(case["expected"].get("absent", []) if types is None else []):
            label = f'{case["id"]}.absent{j+1}'
            bad = [q.get("text") for q in got if norm(text) in norm(q.get("text"))]
            if err or bad:
                failed += 1; print(f"FAIL {label}: {err or 'quoted: ' + repr(bad[0])}")
            else:
                passed += 1; print(f"ok   {label}")
        # quotes never overlap (a project rule, not one of the shared tool's): one more item
        if types is None and not err and len(got) > 1:
            spans = sorted((q.get("start", 0), q.get("end", 0)) for q in got)
            label = f'{case["id"]}.disjoint'
            clash = [(a, b) for a, b in zip(spans, spans[1:]) if b[0] < a[1]]
            if clash:
                failed += 1; print(f"FAIL {label}: quotes overlap at {clash[0]!r}")
            else:
                passed += 1; print(f"ok   {label}")
    print(f"{passed} passed, {failed} failed")
    if passed + failed == 0:
        print("nothing was checked", file=sys.stderr); return 1
    return 0 if failed == 0 else 1

sys.exit(main())
