#!/usr/bin/env python3
"""Tests of corpus mode (quotegraph extract and merge), one per ctest test.

usage: test_corpus.py QUOTEGRAPH TEST_NAME [REPO_ROOT]
Exit status: 0 pass, 1 fail, 77 skipped (a needed program, module or data set is missing),
2 usage error. Every article is invented here; ../shared data is only read in place.
"""
import collections, csv, io, json, os, random, re, shutil, subprocess, sys, tempfile

QG = None
ROOT = None


class Skip(Exception):
    pass


def run(*args, stdin=None, env=None, timeout=60):
    e = dict(os.environ)
    if env:
        e.update(env)
    return subprocess.run([QG, *args], input=stdin, capture_output=True, timeout=timeout, env=e)


def write(dirname, name, data):
    path = os.path.join(dirname, name)
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def jsonl(rows):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def lines_of(stdout):
    return [json.loads(l) for l in stdout.decode("utf-8").splitlines()]


def summary_counts(stderr):
    m = re.search(r"extract: (\d+) read, (\d+) ok, (\d+) failed", stderr.decode())
    assert m, f"no summary on stderr: {stderr!r}"
    return tuple(int(x) for x in m.groups())


# Invented articles. Speakers are named so that the analyser's own rules attribute them.
NAMES = ["Jane Ortiz", "Tariq Bell", "Lena Ostrova", "Omar Siddiq", "Rosa Lind", "Ravi Shah",
         "Mona Field", "Karl Berger", "Ines Moreau", "Femi Adeyemi"]
WORDS = ("river bridge council budget school harbour tram library flood market hospital "
         "museum park tunnel ferry stadium clinic garden station tower").split()


def article(i, rng, quotes=2):
    paras = []
    for k in range(quotes):
        who = rng.choice(NAMES)
        what = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9))).capitalize()
        paras.append(f"“{what} will be ready in {rng.randint(2, 30)} weeks,” said {who}.")
    return {"id": f"art-{i:03d}", "text": "\n\n".join(paras),
            "outlet": rng.choice(["North Daily", "Harbour Post", "Valley News"]),
            "published": f"2021-0{rng.randint(1, 9)}-{rng.randint(10, 28)}"}


def corpus_rows(n, seed=1):
    rng = random.Random(seed)
    return [article(i, rng, rng.randint(1, 3)) for i in range(n)]


# ---- extract ----

def extract_gives_one_record_per_line_and_error_records_for_bad_lines(tmp):
    good = {"id": "ok-1", "text": "“We will rebuild the bridge,” said Jane Ortiz."}
    lines = [json.dumps(good),
             "this is not JSON",
             json.dumps({"id": "no-text", "body": "nothing here"}),
             "[1, 2, 3]",
             json.dumps({"id": "num-text", "text": 42}),
             json.dumps({"id": "long", "text": "x" * 400}),
             json.dumps({"id": "ok-2", "text": "“The ferry is late,” said Tariq Bell."})]
    path = write(tmp, "in.jsonl", "\n".join(lines) + "\n")
    r = run("extract", "--max-bytes", "300", path)
    assert r.returncode == 1, f"exit {r.returncode}, want 1 (some records failed)"
    out = lines_of(r.stdout)
    assert len(out) == len(lines), f"{len(lines)} lines in, {len(out)} records out"
    assert out[0]["document"]["id"] == "ok-1" and out[6]["document"]["id"] == "ok-2"
    errors = out[1:6]
    for rec, line in zip(errors, range(2, 7)):
        assert set(rec) == {"id", "file", "line", "error"}, f"error record keys {list(rec)}"
        assert rec["line"] == line and rec["file"] == path and rec["error"], rec
    assert errors[1]["id"] == "no-text" and "text" in errors[1]["error"], errors[1]
    assert errors[3]["id"] == "num-text", errors[3]
    assert "--max-bytes" in errors[4]["error"], errors[4]
    assert summary_counts(r.stderr) == (7, 2, 5)
    assert out[0]["quotes"][0]["speaker"]["name"] == "Jane Ortiz", out[0]["quotes"]


def extract_record_is_the_analyze_document_with_metadata(tmp):
    text = "“The tram will run at night,” said Lena Ostrova, head of the Riverside Transit Board."
    row = {"id": 17, "text": text, "url": "https://example.org/17",
           "meta": {"source": "Valley News", "date": "2021-05-04T10:00:00Z"}, "title": "Trams"}
    path = write(tmp, "in.jsonl", json.dumps(row) + "\n" + json.dumps({"text": text}) + "\n")
    r = run("extract", "--outlet-field", "meta.source", "--published-field", "meta.date", path)
    assert r.returncode == 0, r.stderr
    rec, anon = lines_of(r.stdout)
    d = rec["document"]
    assert list(d)[:6] == ["id", "url", "title", "outlet", "published", "author"], list(d)
    assert (d["id"], d["url"], d["title"], d["outlet"], d["published"], d["author"]) == \
        ("17", "https://example.org/17", "Trams", "Valley News", "2021-05-04T10:00:00Z", None)
    analyzed = json.loads(run("analyze", "--id", "17", "-", stdin=text.encode()).stdout)
    for key in ("quotes", "entities", "quoted_terms", "diagnostics", "graph"):
        assert rec[key] == analyzed[key], f"{key} differs from analyze"
    assert r.stdout.count(b"\n") == 2 and b"\n " not in r.stdout, "records are not compact lines"
    # an article without an id gets one from a hash of its text: the same in every shard
    assert re.fullmatch(r"text-[0-9a-f]{16}", anon["document"]["id"]), anon["document"]["id"]
    again = lines_of(run("extract", "-", stdin=(json.dumps({"text": text}) + "\n").encode()).stdout)
    assert again[0]["document"]["id"] == anon["document"]["id"]


def extract_scanner_reads_lines_as_jansson_does(tmp):
    """Articles are read by the JSON scanner, and by jansson when a field option is a dotted
    path (or the line holds what the scanner leaves to jansson): the records (and the error
    records of lines without a usable text) must be the same either way."""
    said = "“The ferry is late,” said Tariq Bell."
    flat = [r'{"id": "a", "text": "\u201cWe will rebuild,\u201d said Jane Ortiz. \ud83d\ude00"}',
            r'{"id": 12, "text": "x", "outlet": -7, "published": 0, "author": true, "url": null}',
            r'{"id": null, "text": "no id, said Rosa Lind."}',
            r'{"text": "\"esc\" \\ \/ \b \f \n \r \t end"}',
            r'{"id": "dup", "text": "first", "text": "second, said Omar Siddiq."}',
            r'{"id": "dup-null", "text": "first", "text": null}',
            r'{"id": true, "text": "x"}',
            r'{"id": "num", "text": 5}',
            r'{"id": "none"}',
            r'{"ID": "case", "text": "case", "Id": 3}',
            json.dumps({"id": "utf8", "text": said, "title": "Café"}, ensure_ascii=False),
            json.dumps({"id": "ascii", "text": said, "title": "Café"})]
    nested = [l.replace("{", '{"zz": [{"n": 1.5, "m": [-3, 2e5, "s"]}, null], ', 1) for l in flat]
    odd = [r'{"id": "big", "text": "x", "n": [123456789012345678901234]}',
           r'{"id": "inf", "text": "x", "n": 1e400}',
           r'{"id": "real-id", "text": "x", "outlet": 2.5}',
           r'{"id": "deep", "text": "x", "n": ' + "[" * 40 + "]" * 40 + "}"]
    path = write(tmp, "in.jsonl", "\n".join(flat + nested + odd) + "\n")
    for opts in ([], ["--id-field", "text", "--outlet-field", "id"]):
        scanner = run("extract", *opts, path).stdout
        # a dotted field path sends every line to jansson ("author" is absent either way)
        jansson = run("extract", *opts, "--author-field", "no.such", path).stdout
        assert scanner == jansson, f"records differ from jansson's with options {opts}"
        assert len(lines_of(scanner)) == len(flat + nested + odd)


def extract_jobs_keep_input_order(tmp):
    rows = corpus_rows(40, seed=3)
    path = write(tmp, "in.jsonl", jsonl(rows))
    one = run("extract", "-q", path)
    three = run("extract", "-q", "--jobs", "3", path)
    assert one.returncode == 0 and three.returncode == 0, (one.stderr, three.stderr)
    assert one.stdout == three.stdout, "--jobs 3 output differs from --jobs 1"
    ids = [rec["document"]["id"] for rec in lines_of(three.stdout)]
    assert ids == [r["id"] for r in rows], "records are not in input order"
    assert one.stderr == b"", f"--quiet printed {one.stderr!r}"


def extract_worker_crash_gives_an_error_record_and_the_run_goes_on(tmp):
    rows = corpus_rows(12, seed=4)
    rows[5]["text"] += " CRASH-HERE"
    path = write(tmp, "in.jsonl", jsonl(rows))
    r = run("extract", "--jobs", "2", path, env={"QUOTEGRAPH_TEST_CRASH_MARKER": "CRASH-HERE"})
    assert r.returncode == 1, f"exit {r.returncode}"
    out = lines_of(r.stdout)
    assert len(out) == 12, f"{len(out)} records"
    assert out[5].get("error") and out[5]["id"] == rows[5]["id"] and out[5]["line"] == 6, out[5]
    assert [o["document"]["id"] for i, o in enumerate(out) if i != 5] == \
        [row["id"] for i, row in enumerate(rows) if i != 5]
    assert summary_counts(r.stderr) == (12, 11, 1)


def extract_and_merge_keep_an_article_holding_nul(tmp):
    # a NUL in a JSON string (\u0000) or in a text file is replaced at decoding, so the record
    # can be read back by merge; nothing is lost
    rows = [{"id": "n1", "text": "a\u0000b \"The vote is final,\" said Rosa Lind."},
            {"id": "n2", "text": "\"Tickets are sold out,\" said Ravi Shah."}]
    path = write(tmp, "nul.jsonl", jsonl(rows))
    r = run("extract", path)
    assert r.returncode == 0, r.stderr
    out = lines_of(r.stdout)
    assert [o["document"]["id"] for o in out] == ["n1", "n2"], out
    rec = write(tmp, "rec.jsonl", r.stdout)
    m = run("merge", rec)
    assert m.returncode == 0, m.stderr
    assert json.loads(m.stdout)["summary"]["articles"] == 2


def extract_gives_an_error_record_for_an_unreadable_input_file(tmp):
    good = write(tmp, "good.jsonl", jsonl([{"id": "g1", "text": "\"Tickets are sold out,\" said Rosa Lind."}]))
    missing = os.path.join(tmp, "missing.jsonl")
    for jobs in ("1", "2"):
        r = run("extract", "--jobs", jobs, missing, good)
        assert r.returncode == 1, f"exit {r.returncode}"
        out = lines_of(r.stdout)
        assert len(out) == 2, out
        assert out[0]["file"] == missing and out[0]["error"].startswith("cannot read the input file"), out[0]
        assert out[1]["document"]["id"] == "g1", out[1]


def csv_cells_that_look_like_formulas_are_guarded(tmp):
    rows = [{"id": "-2+3+cmd|x", "text": "\"=HYPERLINK(1) is it,\" said Ann Holm."},
            {"id": "plain", "text": "\"@SUM is it,\" said Ann Holm."}]
    rec = write(tmp, "rec.jsonl", run("extract", write(tmp, "a.jsonl", jsonl(rows))).stdout)
    r = run("merge", "-q", "-f", "csv", "--table", "quotes", rec)
    assert r.returncode == 0, r.stderr
    import csv, io
    cells = [c for row in csv.reader(io.StringIO(r.stdout.decode("utf-8"))) for c in row]
    risky = [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not c[1:].replace(".", "", 1).isdigit())]
    assert not risky, f"unguarded cells: {risky}"
    assert "'=HYPERLINK(1) is it," in cells and "'-2+3+cmd|x" in cells, cells


def jsonl_inputs_may_start_with_a_byte_order_mark(tmp):
    bom = b"\xef\xbb\xbf"
    text = '"We will win," said Ann Lee.'
    arts = write(tmp, "bom.jsonl", bom + jsonl([{"id": "b1", "text": text}, {"id": "b2", "text": "Hi."}]).encode())
    r = run("extract", arts)
    assert r.returncode == 0, r.stderr
    recs = [json.loads(l) for l in r.stdout.decode().splitlines()]
    assert [x["document"]["id"] for x in recs] == ["b1", "b2"], recs
    records = write(tmp, "records.jsonl", bom + r.stdout)
    r = run("merge", records)
    assert r.returncode == 0, r.stderr
    assert b'"b1"' in r.stdout and b'"b2"' in r.stdout, r.stdout[:200]
    r = run("report", records)
    assert r.returncode == 0 and r.stdout, r.stderr
    gold = write(tmp, "gold.jsonl", bom + jsonl([{"id": "b1", "text": text, "quotes": []},
                                                 {"id": "b2", "text": "Hi.", "quotes": []}]).encode())
    r = run("eval", "--pred", records, gold)
    assert r.returncode == 0 and b"without" in r.stdout, r.stderr


def extract_messages_do_not_split_records_when_stderr_is_stdout(tmp):
    rows = corpus_rows(40)
    data = jsonl(rows[:20]) + "not json\n" + jsonl(rows[20:])
    src = write(tmp, "in.jsonl", data)
    for jobs in ("1", "2"):
        r = subprocess.run([QG, "extract", "--jobs", jobs, src], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=120)
        lines = r.stdout.decode().splitlines()
        records = [l for l in lines if not l.startswith("quotegraph: ")]
        assert len(records) == 41, (jobs, len(records))
        for l in records:
            json.loads(l)  # a message inside a record makes this fail


def ids_holding_nul_stay_whole(tmp):
    src = write(tmp, "nul.jsonl", '{"id":"a\\u0000b","text":"Hi."}\n{"id":"a\\u0000c","text":"Ho."}\n')
    r = run("extract", src)
    assert r.returncode == 0, r.stderr
    ids = [json.loads(l)["document"]["id"] for l in r.stdout.decode().splitlines()]
    assert ids == ["a\ufffdb", "a\ufffdc"], ids
    recs = write(tmp, "r.jsonl", r.stdout)
    r = run("merge", recs)
    assert r.returncode == 0, r.stderr  # two articles, not one id repeated


def merge_of_raw_articles_says_to_run_extract_first(tmp):
    arts = write(tmp, "a.jsonl", jsonl([{"id": "a", "text": "Hi."}]))
    # an annotated article, as in the gold files of eval
    gold = write(tmp, "g.jsonl", jsonl([{"id": "g", "text": "Hi.", "quotes": [{"start": 0, "end": 2, "type": "direct"}]}]))
    for cmd in ("merge", "report"):
        for f in (arts, gold):
            r = run(cmd, f)
            assert r.returncode == 1 and b"run quotegraph extract on the articles first" in r.stderr, (cmd, f, r.stderr)


def extract_reads_text_files_and_stdin(tmp):
    a = write(tmp, "a.txt", "“Tickets are sold out,” said Rosa Lind.")
    b = write(tmp, "b.txt", "Ravi Shah said: “The plant will reopen in March.”")
    r = run("extract", "--text", a, os.path.join(tmp, "missing.txt"), b)
    assert r.returncode == 1
    out = lines_of(r.stdout)
    assert [o.get("document", {}).get("id") for o in out] == [a, None, b], out
    assert out[1]["id"].endswith("missing.txt") and out[1]["line"] is None, out[1]
    assert out[2]["quotes"][0]["speaker"]["name"] == "Ravi Shah"
    lst = write(tmp, "list.txt", f"{a}\n{b}\n")
    r2 = run("extract", "--text", "--files-from", lst)
    assert r2.returncode == 0 and len(lines_of(r2.stdout)) == 2, r2.stderr
    r3 = run("extract", stdin=jsonl(corpus_rows(3)).encode())
    assert r3.returncode == 0 and len(lines_of(r3.stdout)) == 3, r3.stderr
    # "-" is standard input with --text too
    r4 = run("extract", "--text", "-", stdin="“Tickets are sold out,” said Rosa Lind.".encode())
    assert r4.returncode == 0, r4.stderr
    out4 = lines_of(r4.stdout)
    assert out4[0]["document"]["id"] == "stdin" and out4[0]["quotes"], out4


# ---- merge ----

def merge_of(tmp, *inputs, fmt=None, extra=()):
    args = ["merge", "-q", *extra]
    if fmt:
        args += ["-f", fmt]
    r = run(*args, *inputs)
    assert r.returncode == 0, f"merge exit {r.returncode}: {r.stderr.decode(errors='replace')}"
    return r.stdout


def extract_rows(tmp, rows, name="in.jsonl"):
    path = write(tmp, name, jsonl(rows))
    r = run("extract", "-q", path)
    assert r.returncode == 0, r.stderr
    return r.stdout.decode("utf-8").splitlines(keepends=True)


def merge_is_order_and_grouping_independent(tmp):
    rows = corpus_rows(60, seed=7)
    # repeated quotes across articles, so groups and conflicts are part of what must agree
    rows[10]["text"] = rows[3]["text"]
    rows[20]["text"] = rows[3]["text"].replace("said", "added")
    records = extract_rows(tmp, rows)
    whole = merge_of(tmp, write(tmp, "all.jsonl", "".join(records)))
    doc = json.loads(whole)
    assert doc["summary"]["articles"] == 60 and doc["summary"]["repeated_groups"] >= 1
    rng = random.Random(20240607)
    for trial in range(6):
        recs = records[:]
        rng.shuffle(recs)
        cuts = sorted(rng.sample(range(1, len(recs)), rng.randint(1, 6)))
        shards = [recs[a:b] for a, b in zip([0] + cuts, cuts + [len(recs)])]
        if trial % 2:  # an article in two shards must count once
            shards[0] = shards[0] + [shards[-1][0]]
        paths = []
        for k, sh in enumerate(shards):
            p = write(tmp, f"t{trial}-s{k}.jsonl", "".join(sh))
            # some shards are merged first, some are passed on as extract records
            if rng.random() < 0.6:
                p = write(tmp, f"t{trial}-m{k}.json", merge_of(tmp, p))
            paths.append(p)
        rng.shuffle(paths)
        if trial % 3 == 2:
            # one-line merge documents and extract records mixed in one JSON Lines stream
            compact = run("merge", "-q", "--compact", paths[0]).stdout
            assert compact.count(b"\n") == 1, "--compact wrote more than one line"
            paths[0] = write(tmp, f"t{trial}-stream.jsonl",
                             compact + "".join(shards[-1]).encode("utf-8"))
        # a tree: merge pairs, then merge the results with the rest
        if len(paths) >= 3:
            paths = [write(tmp, f"t{trial}-pair.json", merge_of(tmp, paths[0], paths[1]))] + paths[2:]
        got = merge_of(tmp, *paths)
        assert got == whole, f"trial {trial}: merge of {len(shards)} shards differs from the whole"
    # idempotent: merging the output again, or with itself, changes nothing
    m = write(tmp, "whole.json", whole)
    assert merge_of(tmp, m) == whole and merge_of(tmp, m, m) == whole


def provenance_rows():
    base = ("The new flood barrier along the river will protect four thousand homes "
            "before the winter storms arrive")
    return [
        {"id": "first", "outlet": "North Daily", "published": "2021-03-01",
         "text": f"“{base},” said Jane Ortiz, the mayor of Rivertown."},
        {"id": "exact", "outlet": "Harbour Post", "published": "2021-03-04",
         "text": f"“{base.upper()}!” said Jane Ortiz."},
        {"id": "truncated", "outlet": "Valley News", "published": "2021-03-02T08:00:00Z",
         "text": "“The new flood barrier along the river will protect four thousand homes,” "
                 "said Mayor Jane Ortiz."},
        {"id": "altered", "outlet": "Valley News", "published": "2021-03-03",
         "text": "“The new flood barrier along the river will protect five thousand homes "
                 "before the winter storms arrive,” said Tariq Bell."},
        {"id": "other", "outlet": "North Daily", "published": "2021-02-01",
         "text": "“Ticket prices for the museum will not change this year,” said Lena Ostrova."},
    ]


def merge_groups_exact_truncated_and_altered_quotes(tmp):
    records = extract_rows(tmp, provenance_rows())
    doc = json.loads(merge_of(tmp, write(tmp, "r.jsonl", "".join(records))))
    groups = [g for g in doc["groups"] if g["articles"] >= 2]
    assert len(groups) == 1, f"want one repeated group, got {[g['text'] for g in groups]}"
    g = groups[0]
    assert g["appearances"] == 4 and g["articles"] == 4 and g["outlets"] == 3, g
    order = [g["first"]["article"]] + [a["article"] for a in g["repeats"]]
    assert order == ["first", "truncated", "altered", "exact"], f"order by date: {order}"
    assert g["first"]["published"] == "2021-03-01"
    rel = {v["relation"] for v in g["variants"]}
    assert [v["relation"] for v in g["variants"]][0] == "original"
    assert rel == {"original", "truncated", "altered"}, g["variants"]
    # the exact repeat (upper case, other punctuation) is the original wording, not a variant
    assert len(g["variants"]) == 3, g["variants"]
    exact = [a for a in g["repeats"] if a["article"] == "exact"][0]
    assert exact["variant"] == 0, exact
    altered = [v for v in g["variants"] if v["relation"] == "altered"][0]
    assert 0.3 <= altered["similarity"] < 1, altered
    other = [q for a in doc["articles"] if a["id"] == "other" for q in a["quotes"]]
    assert other and all(q["group"] != g["id"] for q in other), "an unrelated quote was grouped"


def merge_reports_attribution_conflicts(tmp):
    doc = json.loads(merge_of(tmp, write(tmp, "r.jsonl",
                                         "".join(extract_rows(tmp, provenance_rows())))))
    assert len(doc["conflicts"]) == 1, doc["conflicts"]
    c = doc["conflicts"][0]
    speakers = {a["name"]: a for a in c["attributions"]}
    assert set(speakers) == {"Jane Ortiz", "Tariq Bell"}, speakers
    # "Mayor Jane Ortiz", "Jane Ortiz" and "Jane Ortiz, the mayor" are one speaker
    assert speakers["Jane Ortiz"]["appearances"] == 3, speakers["Jane Ortiz"]
    assert speakers["Tariq Bell"]["articles"] == ["altered"]
    g = [g for g in doc["groups"] if g["id"] == c["group"]][0]
    assert g["conflict"] is True


def merge_lists_a_speaker_of_several_articles_as_one_node(tmp):
    rows = [{"id": f"a{i}", "outlet": o, "published": f"2021-01-1{i}",
             "text": f"“The {w} will open in spring,” said {n}."}
            for i, (o, w, n) in enumerate([("North Daily", "library", "Karl Berger"),
                                           ("Harbour Post", "clinic", "Karl Berger"),
                                           ("Valley News", "station", "Mr. Karl Berger"),
                                           ("Valley News", "garden", "Ines Moreau")])]
    doc = json.loads(merge_of(tmp, write(tmp, "r.jsonl", "".join(extract_rows(tmp, rows)))))
    nodes = doc["graph"]["nodes"]
    berger = [n for n in nodes if n["node_type"] == "person" and "Berger" in n["label"]]
    assert len(berger) == 1, f"Karl Berger is {len(berger)} nodes: {berger}"
    assert berger[0]["quotes"] == 3 and berger[0]["articles"] == 3, berger[0]
    ent = [e for e in doc["entities"] if e["id"] == berger[0]["id"]][0]
    assert sorted(b["outlet"] for b in ent["by_outlet"]) == \
        ["outlet:harbour_post", "outlet:north_daily", "outlet:valley_news"], ent["by_outlet"]
    outlets = [n for n in nodes if n["node_type"] == "outlet"]
    assert len(outlets) == 3, outlets
    published = [e for e in doc["graph"]["edges"] if e["relation"] == "published"]
    assert len(published) == 4


def merge_formats_agree_and_load(tmp):
    try:
        import networkx as nx
    except ImportError:
        raise Skip("python module networkx is not installed")
    rec = write(tmp, "r.jsonl", "".join(extract_rows(tmp, provenance_rows() + corpus_rows(8))))
    doc = json.loads(merge_of(tmp, rec))
    gjson = doc["graph"]
    nodes = {n["id"]: n for n in gjson["nodes"]}
    edges = collections.Counter((e["source"], e["target"], e["relation"]) for e in gjson["edges"])
    g = nx.read_graphml(io.BytesIO(merge_of(tmp, rec, fmt="graphml")))
    names = {k: a["name"] for k, a in g.nodes(data=True)}
    assert set(names.values()) == set(nodes), "GraphML node names differ from the JSON graph"
    assert collections.Counter((names[s], names[t], a["relation"])
                               for s, t, a in g.edges(data=True)) == edges
    for k, a in g.nodes(data=True):
        assert a["node_type"] == nodes[a["name"]]["node_type"]
        assert "id" not in a
    cy = json.loads(merge_of(tmp, rec, fmt="cytoscape"))["elements"]
    assert {n["data"]["id"] for n in cy["nodes"]} == set(nodes)
    for el in cy["nodes"] + cy["edges"]:
        assert all(v is not None and not isinstance(v, (dict, list)) for v in el["data"].values())

    def table(name):
        out = merge_of(tmp, rec, fmt="csv", extra=("--table", name)).decode("utf-8")
        return list(csv.DictReader(io.StringIO(out, newline="")))
    quotes = table("quotes")
    assert len(quotes) == doc["summary"]["quotes"]
    assert {q["group"] for q in quotes} >= {g["id"] for g in doc["groups"]}
    groups = table("groups")
    assert [g["id"] for g in groups] == [g["id"] for g in doc["groups"]]
    conflicts = table("conflicts")
    assert {c["group"] for c in conflicts} == {c["group"] for c in doc["conflicts"]}
    speakers = table("speakers")
    assert len(speakers) == doc["summary"]["speakers"]
    assert len(table("nodes")) == len(nodes) and len(table("edges")) == len(gjson["edges"])
    texts = [q["text"] for q in quotes]
    assert any("," in t for t in texts), "no quote with a comma: CSV quoting untested"


def merge_skips_unreadable_records_and_exits_1(tmp):
    records = extract_rows(tmp, corpus_rows(5))
    bad = records[:2] + ["{not json\n", '{"some": "object"}\n'] + records[2:]
    r = run("merge", write(tmp, "r.jsonl", "".join(bad)))
    assert r.returncode == 1, f"exit {r.returncode}"
    err = r.stderr.decode()
    assert "r.jsonl:3:" in err and "r.jsonl:4:" in err, err
    assert json.loads(r.stdout)["summary"]["articles"] == 5
    # extract's error records are records too: counted, not failures
    errs = run("extract", "-", stdin=b'{"id": "x"}\n').stdout
    r2 = run("merge", write(tmp, "e.jsonl", errs + "".join(records).encode()))
    assert r2.returncode == 0, r2.stderr
    d = json.loads(r2.stdout)
    assert d["summary"]["errors"] == 1 and d["errors"][0]["id"] == "x", d["errors"]


def merge_with_a_missing_input_keeps_the_old_output_and_names_duplicate_ids(tmp):
    records = extract_rows(tmp, corpus_rows(3))
    inp = write(tmp, "r.jsonl", "".join(records))
    out = os.path.join(tmp, "corpus.json")
    r = run("merge", "-q", "-o", out, inp)
    assert r.returncode == 0, r.stderr
    before = open(out, "rb").read()
    r = run("merge", "-q", "-o", out, os.path.join(tmp, "misspelt.jsonl"))
    assert r.returncode == 1, f"exit {r.returncode}"
    assert b"nothing written" in r.stderr, r.stderr
    assert open(out, "rb").read() == before, "a missing input replaced the earlier result"
    r = run("merge", os.path.join(tmp, "misspelt.jsonl"))
    assert r.returncode == 1 and r.stdout == b"", (r.returncode, r.stdout[:80])
    # two different articles under one id: the id is named
    dup = extract_rows(tmp, [{"id": "same", "text": '"We win," said Jo Lee.'},
                             {"id": "same", "text": 'Later. "We lose," said Al Roe.'}], name="d.jsonl")
    r = run("merge", "-q", write(tmp, "d2.jsonl", "".join(dup)))
    assert r.returncode == 3, (r.returncode, r.stderr)
    assert b"'same'" in r.stderr and b"different content" in r.stderr, r.stderr


def merge_and_report_name_repeated_article_ids_with_their_lines(tmp):
    rows = [{"id": "dup-a", "text": "“The tram runs again,” said Jane Ortiz."},
            {"id": "dup-b", "text": "“The ferry is late,” said Tariq Bell."},
            {"id": "dup-c", "text": "“The park opens in May,” said Rosa Lind."}]
    recs = extract_rows(tmp, rows)
    other = extract_rows(tmp, [{"id": "dup-b", "text": "“The ferry is early,” said Tariq Bell."}],
                         name="o.jsonl")
    # line 4: an equal copy of line 1; line 5: dup-b with different content
    path = write(tmp, "r.jsonl", "".join(recs) + recs[0] + other[0])
    out = os.path.join(tmp, "corpus.json")
    r = run("merge", "-o", out, path)
    err = r.stderr.decode()
    assert r.returncode == 3, (r.returncode, err)
    assert os.path.exists(out), "the merge was not written"
    assert re.search(r"r\.jsonl:4: warning: article id 'dup-a' again \(first at \S*r\.jsonl:1\)"
                     r": an equal copy", err), err
    assert re.search(r"r\.jsonl:5: warning: article id 'dup-b' again \(first at \S*r\.jsonl:2\)"
                     r": different content", err), err
    assert "2 repeated article ids (1 with different content)" in err, err
    assert json.load(open(out))["summary"]["articles"] == 3
    # equal copies only: warned about and counted, exit 0 (overlapping shards are legitimate)
    path = write(tmp, "e.jsonl", "".join(recs) + recs[2])
    r = run("merge", path)
    err = r.stderr.decode()
    assert r.returncode == 0, (r.returncode, err)
    assert "e.jsonl:4: warning: article id 'dup-c' again" in err, err
    assert "1 repeated article ids (0 with different content)" in err, err
    # report merges records itself and says the same
    r = run("report", "-f", "md", write(tmp, "r2.jsonl", "".join(recs) + other[0]))
    err = r.stderr.decode()
    assert r.returncode == 3 and r.stdout, (r.returncode, err)
    assert "r2.jsonl:4: warning: article id 'dup-b' again" in err, err


def corpus_help_texts_exit_0(tmp):
    for cmd in ("extract", "merge"):
        r = run(cmd, "--help")
        assert r.returncode == 0 and r.stdout.startswith(f"usage: quotegraph {cmd}".encode())
        with open(os.path.join(ROOT, "docs", "cli.md"), encoding="utf-8") as f:
            assert r.stdout.decode("utf-8") in f.read(), f"docs/cli.md lacks the {cmd} help text"
    r = run("merge", "-f", "xml")
    assert r.returncode == 2 and r.stderr.strip()
    r = run("extract", "--jobs", "many")
    assert r.returncode == 2 and r.stderr.strip()


def gnu_parallel_recipe_equals_one_process(tmp):
    if not shutil.which("parallel"):
        raise Skip("GNU parallel is not installed (Debian package parallel)")
    script = os.path.join(ROOT, "scripts", "corpus-parallel.sh")
    rows = corpus_rows(50, seed=11)
    rows[30]["text"] = rows[2]["text"]  # a repeated quote across shards
    path = write(tmp, "in.jsonl", jsonl(rows))
    out = os.path.join(tmp, "par")
    r = subprocess.run([script, "-j", "2", "-b", "2k", "-x", QG, "-d", out, path],
                       capture_output=True, timeout=120)
    assert r.returncode == 0, f"exit {r.returncode}: {r.stderr.decode(errors='replace')}"
    with open(os.path.join(out, "records.jsonl"), "rb") as f:
        par_records = f.read()
    with open(os.path.join(out, "corpus.json"), "rb") as f:
        par_corpus = f.read()
    single = run("extract", "-q", path)
    assert single.returncode == 0
    assert par_records == single.stdout, "parallel extract differs from one process"
    shards = re.search(rb"(\d+) shards?", r.stderr)
    assert shards and int(shards.group(1)) >= 2, f"input not split: {r.stderr!r}"
    assert par_corpus == merge_of(tmp, write(tmp, "single.jsonl", single.stdout))


def shared_polnear_dev_corpus(tmp):
    data = os.path.join(ROOT, "..", "shared", "data", "polnear", "dev.jsonl")
    if not os.path.exists(data):
        raise Skip(f"{data} is absent")
    r = run("extract", "-j", "2", "--outlet-field", "x_meta.publisher",
            "--published-field", "x_meta.publication_date", "--title-field", "x_meta.title",
            data, timeout=600)
    with open(data, "rb") as f:
        n_in = sum(1 for line in f if line.strip())
    out = lines_of(r.stdout)
    assert len(out) == n_in == 487, f"{n_in} articles in, {len(out)} records out"
    assert r.returncode == 0 and not any("error" in o for o in out), r.stderr
    doc = json.loads(merge_of(tmp, write(tmp, "dev.jsonl", r.stdout)))
    people = collections.Counter(n["label"] for n in doc["graph"]["nodes"]
                                 if n["node_type"] == "person")
    for name in ("Donald Trump", "Hillary Clinton", "Bernie Sanders", "Ted Cruz", "Marco Rubio"):
        assert people[name] == 1, f"{name}: {people[name]} nodes"
        node = [n for n in doc["graph"]["nodes"] if n["label"] == name][0]
        assert node["articles"] >= 5, node
    cross = [g for g in doc["groups"] if g["outlets"] >= 2]
    assert len(cross) >= 5, f"only {len(cross)} quotes grouped across outlets"
    assert any(len(g["variants"]) >= 2 for g in cross), "no wording variants across outlets"
    for g in cross:
        dates = [g["first"]["published"]] + [a["published"] for a in g["repeats"]]
        assert dates == sorted(dates), f"first appearance is not the earliest: {dates}"


def main():
    global QG, ROOT
    if len(sys.argv) not in (3, 4) or sys.argv[2] not in globals() or sys.argv[2].startswith("_"):
        print(__doc__, file=sys.stderr)
        return 2
    QG = os.path.abspath(sys.argv[1])
    ROOT = os.path.abspath(sys.argv[3]) if len(sys.argv) == 4 else \
        os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    test = globals()[sys.argv[2]]
    with tempfile.TemporaryDirectory(prefix="qg-corpus-") as tmp:
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
