#!/usr/bin/env python3
"""Tests of `quotegraph eval`, one per ctest test. Gold sets and predictions are written here.

usage: test_eval_cli.py QUOTEGRAPH SHARED_DIR TEST_NAME
Exit status: 0 pass, 1 fail, 77 skipped (SHARED_DIR/tools/score.py is absent), 2 usage error.
"""
import json, os, random, subprocess, sys, tempfile

QG = None
SHARED = None

TEXT = ("“We will rebuild the bridge,” the mayor said. Critics said the plan was too costly. "
        "Ms Okafor called it ‘a waste of money’ on Monday.")


class Skip(Exception):
    pass


def run(*args):
    return subprocess.run([QG, *args], capture_output=True, timeout=30)


def span(text, needle, start=0):
    i = text.index(needle, start)
    return i, i + len(needle)


def gold_quote(text, content, typ, speaker):
    s, e = span(text, content)
    q = {"start": s, "end": e, "type": typ, "speaker": speaker,
         "speaker_start": None, "speaker_end": None, "cue": None}
    if speaker:
        q["speaker_start"], q["speaker_end"] = span(text, speaker)
    return q


def pred_quote(text, content, typ, speaker):
    s, e = span(text, content)
    sp = None
    if speaker:
        ms, me = span(text, speaker)
        sp = {"entity": "e1", "name": speaker, "kind": "person", "org": None,
              "mention": {"text": speaker, "start": ms, "end": me}}
    return {"id": "q", "type": typ, "text": text[s:e], "start": s, "end": e, "speaker": sp}


GOLD_QUOTES = [("We will rebuild the bridge,", "direct", "the mayor"),
               ("the plan was too costly", "indirect", "Critics"),
               ("it ‘a waste of money’", "mixed", "Ms Okafor")]


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def gold_file(tmp, name="gold.jsonl"):
    return write_jsonl(os.path.join(tmp, name), [
        {"id": "a1", "text": TEXT, "quotes": [gold_quote(TEXT, *q) for q in GOLD_QUOTES]}])


def pred_doc(doc_id, text, quotes):
    """A compacted analyze document, with the fields the scorer reads."""
    return {"quotegraph_version": "0.1.0", "document": {"id": doc_id, "chars": len(text)},
            "quotes": [pred_quote(text, *q) for q in quotes]}


def eval_json(*args):
    r = run("eval", "-f", "json", *args)
    assert r.returncode == 0, f"exit {r.returncode}: {r.stderr.decode(errors='replace')}"
    return json.loads(r.stdout)


# ---- tests ----

def json_report_has_every_set_and_figure(tmp):
    gold = gold_file(tmp)
    pred = write_jsonl(os.path.join(tmp, "pred.jsonl"), [pred_doc("a1", TEXT, GOLD_QUOTES[:1])])
    d = eval_json("--pred", pred, gold)
    assert list(d) == ["quotegraph_version", "articles", "sets", "types"], list(d)
    assert d["articles"] == {"gold": 1, "predicted": 1, "missing": 0, "unknown": 0, "error_records": 0}, d["articles"]
    assert list(d["sets"]) == ["direct", "indirect", "mixed", "quote_mark", "all"], list(d["sets"])
    for name, row in d["sets"].items():
        assert list(row) == ["gold", "pred", "overlap", "exact", "speaker", "attribution"], row
        assert list(row["overlap"]) == ["matched", "precision", "recall", "f1"], row["overlap"]
        assert list(row["speaker"]) == ["checked", "right", "accuracy"], row["speaker"]
    a = d["sets"]["all"]
    assert (a["gold"], a["pred"], a["overlap"]["matched"]) == (3, 1, 1), a
    assert a["overlap"]["recall"] == 0.3333 and a["overlap"]["precision"] == 1.0, a["overlap"]
    assert d["sets"]["quote_mark"]["overlap"]["recall"] == 0.5, d["sets"]["quote_mark"]
    assert d["types"]["mixed"]["unmatched"] == 1 and d["types"]["direct"]["direct"] == 1, d["types"]


def text_report_has_a_row_per_set(tmp):
    gold = gold_file(tmp)
    pred = write_jsonl(os.path.join(tmp, "pred.jsonl"), [pred_doc("a1", TEXT, GOLD_QUOTES)])
    r = run("eval", "--pred", pred, gold)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.decode("utf-8").splitlines()
    for name, gold_n in (("direct", 1), ("indirect", 1), ("mixed", 1), ("quote_mark", 2), ("all", 3)):
        row = [l for l in lines if l.split() and l.split()[0] == name and "|" in l]
        assert len(row) == 1, f"no row {name} in:\n" + "\n".join(lines)
        cells = row[0].replace("|", " ").split()
        assert cells[1] == str(gold_n) and cells[2] == str(gold_n), row[0]
        assert "1.0000" in cells and "0.0000" not in cells, row[0]


def analyser_run_scores_the_same_as_its_saved_predictions(tmp):
    gold = gold_file(tmp)
    r = subprocess.run([QG, "analyze", "--id", "a1", "-"], input=TEXT.encode("utf-8"),
                       capture_output=True, timeout=30)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    pred = write_jsonl(os.path.join(tmp, "pred.jsonl"), [doc])
    saved = eval_json("--pred", pred, gold)
    direct = eval_json(gold)
    assert saved == direct, f"--pred {saved['sets']['all']} vs analyser {direct['sets']['all']}"
    assert direct["sets"]["direct"]["exact"]["matched"] == 1, direct["sets"]["direct"]


def output_option_writes_the_file(tmp):
    gold = gold_file(tmp)
    out = os.path.join(tmp, "out")
    os.mkdir(out)
    dest = os.path.join(out, "eval.json")
    r = run("eval", "-f", "json", "-o", dest, gold)
    assert r.returncode == 0 and r.stdout == b"", (r.returncode, r.stdout[:100], r.stderr)
    assert os.listdir(out) == ["eval.json"], os.listdir(out)
    with open(dest, "rb") as f:
        assert f.read() == run("eval", "-f", "json", gold).stdout


def malformed_gold_line_exits_1_naming_the_line(tmp):
    good = json.dumps({"id": "a", "text": "Hi.", "quotes": []})
    path = os.path.join(tmp, "gold.jsonl")
    with open(path, "w") as f:
        f.write(good + "\n\n" + '{"id": "b", "text": "x", "quotes": [{"start": 0}]}\n')
    r = run("eval", path)
    err = r.stderr.decode()
    assert r.returncode == 1, f"exit {r.returncode}"
    assert r.stdout == b"", r.stdout[:200]
    assert f"{path}: line 3: quotes[0]: \"end\" is missing" in err, err


def malformed_prediction_line_exits_1_naming_the_line(tmp):
    gold = gold_file(tmp)
    pred = os.path.join(tmp, "pred.jsonl")
    with open(pred, "w") as f:
        f.write(json.dumps(pred_doc("a1", TEXT, [])) + "\n" + '{"document": {"id": "a1"}, "quo\n')
    r = run("eval", "--pred", pred, gold)
    err = r.stderr.decode()
    assert r.returncode == 1 and r.stdout == b"", (r.returncode, r.stdout[:200])
    assert f"{pred}: line 2: invalid JSON" in err, err


def missing_and_unknown_predictions_are_warned_about(tmp):
    gold = write_jsonl(os.path.join(tmp, "gold.jsonl"), [
        {"id": "a1", "text": TEXT, "quotes": [gold_quote(TEXT, *q) for q in GOLD_QUOTES]},
        {"id": "a2", "text": TEXT, "quotes": [gold_quote(TEXT, *q) for q in GOLD_QUOTES]}])
    pred = write_jsonl(os.path.join(tmp, "pred.jsonl"),
                       [pred_doc("a1", TEXT, GOLD_QUOTES), pred_doc("other", TEXT, GOLD_QUOTES)])
    r = run("eval", "-f", "json", "--pred", pred, gold)
    assert r.returncode == 0, r.stderr
    err = r.stderr.decode()
    assert "1 of the 2 articles" in err and "1 lines have ids that are not in" in err, err
    d = json.loads(r.stdout)
    assert d["articles"] == {"gold": 2, "predicted": 1, "missing": 1, "unknown": 1,
                             "error_records": 0}, d["articles"]
    assert d["sets"]["all"]["overlap"]["recall"] == 0.5, d["sets"]["all"]


def extract_error_records_score_as_missing_articles(tmp):
    gold = write_jsonl(os.path.join(tmp, "gold.jsonl"), [
        {"id": "a1", "text": TEXT, "quotes": [gold_quote(TEXT, *q) for q in GOLD_QUOTES]},
        {"id": "a2", "text": TEXT, "quotes": [gold_quote(TEXT, *q) for q in GOLD_QUOTES]}])
    # what `quotegraph extract` writes for a line it could not analyse, with and without an id
    pred = write_jsonl(os.path.join(tmp, "pred.jsonl"), [
        pred_doc("a1", TEXT, GOLD_QUOTES),
        {"id": "a2", "file": "in.jsonl", "line": 2, "error": "text: not a string"},
        {"id": None, "file": "in.jsonl", "line": 3, "error": "invalid JSON"}])
    r = run("eval", "-f", "json", "--pred", pred, gold)
    assert r.returncode == 0, r.stderr
    assert "2 lines are error records of extract" in r.stderr.decode(), r.stderr
    d = json.loads(r.stdout)
    assert d["articles"]["missing"] == 1 and d["articles"]["error_records"] == 2, d["articles"]
    assert d["sets"]["all"]["overlap"]["recall"] == 0.5, d["sets"]["all"]


def usage_errors_exit_2(tmp):
    gold = gold_file(tmp)
    for args in (["eval"], ["eval", "-f", "graphml", gold], ["eval", "--id", "x", gold],
                 ["eval", "--pred", gold, "-m", "models", gold]):
        r = run(*args)
        assert r.returncode == 2, f"{args}: exit {r.returncode}"
        assert r.stderr.strip() and r.stdout == b"", args


def agrees_with_shared_score_py_on_random_predictions(tmp):
    """Random articles, gold quotes and predictions (ties, duplicates, spans of marks only,
    every type): where the definitions coincide, every figure equals score.py's. They coincide
    when every gold quote has a speaker (our attribution also credits "no speaker" for a gold
    quote without one) and the gold speaker is a pronoun (score.py also accepts a prediction
    whose speaker name holds the gold mention's last word, unless it is a pronoun)."""
    scorer = os.path.join(SHARED, "tools", "score.py")
    if not os.path.exists(scorer):
        raise Skip(f"{scorer} is absent")
    rng = random.Random(20261129)
    pieces = ["word", "Wort", "“", "”", "‘", "’", "«", "»", ",", ".", ":", "—", "-", "…", " ",
              " ", " ", "\n", "é", "ß", "x"]
    types = ["direct", "indirect", "mixed"]
    golds, preds = [], []
    for a in range(40):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(30, 90)))
        n = len(text)

        def rand_span():
            s = rng.randrange(n)
            return s, min(n, s + rng.randint(0, 25))
        gq = []
        for _ in range(rng.randint(0, 7)):
            s, e = rand_span()
            ss, se = rand_span()
            gq.append({"start": s, "end": e, "type": rng.choice(types), "speaker": "he",
                       "speaker_start": ss, "speaker_end": se})
        pq = []
        for _ in range(rng.randint(0, 8)):
            if gq and rng.random() < 0.4:  # near a gold quote: exact, shifted or duplicated
                g = rng.choice(gq)
                s = max(0, min(n, g["start"] + rng.choice([0, 0, -1, 1, -3, 2])))
                e = max(s, min(n, g["end"] + rng.choice([0, 0, -1, 1, 3])))
            else:
                s, e = rand_span()
            sp = None
            if rng.random() < 0.8:
                ms, me = rand_span()
                sp = {"name": "Somebody", "mention": {"start": ms, "end": me}}
            pq.append({"start": s, "end": e, "type": rng.choice(types), "speaker": sp})
        aid = f"r{a}"
        golds.append({"id": aid, "text": text, "quotes": gq})
        if a % 13 != 5:  # some articles have no prediction line
            preds.append({"id": aid, "quotes": pq})
    gold = write_jsonl(os.path.join(tmp, "gold.jsonl"), golds)
    pred = write_jsonl(os.path.join(tmp, "pred.jsonl"), preds)
    r = subprocess.run([sys.executable, scorer, gold, pred, "--json"], capture_output=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    theirs = json.loads(r.stdout)
    ours = eval_json("--pred", pred, gold)
    compared = 0
    for cat, name in (("marked", "quote_mark"), ("all", "all")):
        t, o = theirs[cat], ours["sets"][name]
        pairs = [("gold", t["gold"], o["gold"]), ("pred", t["pred"], o["pred"]),
                 ("P", t["P"], o["overlap"]["precision"]), ("R", t["R"], o["overlap"]["recall"]),
                 ("F1", t["F1"], o["overlap"]["f1"]), ("exact_F1", t["exact_F1"], o["exact"]["f1"]),
                 ("speaker_acc", t["speaker_acc"], o["speaker"]["accuracy"]),
                 ("attr_R", t["attr_R"], o["attribution"]["recall"])]
        for what, a, b in pairs:
            assert a == b, f"{cat} {what}: score.py {a}, quotegraph eval {b}"
            compared += 1
        assert o["overlap"]["matched"] > 20 and o["exact"]["matched"] > 5, o  # not a trivial run
    assert theirs["missing_articles"] == ours["articles"]["missing"] > 0
    assert compared == 16


def main():
    global QG, SHARED
    if len(sys.argv) != 4 or sys.argv[3] not in globals() or sys.argv[3].startswith("_"):
        print(__doc__, file=sys.stderr)
        return 2
    QG = os.path.abspath(sys.argv[1])
    SHARED = sys.argv[2]
    test = globals()[sys.argv[3]]
    with tempfile.TemporaryDirectory(prefix="qg-eval-") as tmp:
        try:
            test(tmp)
        except Skip as e:
            print(f"skipped: {e}")
            return 77
        except AssertionError as e:
            print(f"FAIL {test.__name__}: {e}")
            return 1
    print(f"ok   {test.__name__}")
    return 0


sys.exit(main())
