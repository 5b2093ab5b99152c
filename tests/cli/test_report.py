#!/usr/bin/env python3
"""Tests of `quotegraph report`, one per ctest test.

usage: test_report.py QUOTEGRAPH TEST_NAME [ARTIFACT_DIR]
Exit status: 0 pass, 1 fail, 77 skipped (a needed program or module is missing), 2 usage error.

The corpora are invented here: articles are written by the test, run through `extract` (and
`merge`), and for the escaping tests the merged document is then filled with hostile strings.
ARTIFACT_DIR (under the build tree) receives the browser screenshots.
"""
import base64, collections, hashlib, html.parser, json, os, re, shutil, subprocess, sys, tempfile

QG = None
ARTIFACTS = None


class Skip(Exception):
    pass


def run(*args, stdin=None, timeout=60):
    return subprocess.run([QG, *args], input=stdin, capture_output=True, timeout=timeout)


def ok(r, what):
    assert r.returncode == 0, f"{what}: exit {r.returncode}: {r.stderr.decode(errors='replace')}"
    return r.stdout


def write(dirname, name, data):
    path = os.path.join(dirname, name)
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# ---- an invented corpus with known counts ----
#
# Three outlets, six articles, 14 quotes, all attributed:
#   Mara Quint (for Northwind Energy): 6 quotes in 3 articles (a1 x3, a2, a3 x2), 3 outlets
#   Tomas Reyes: 5 quotes in 5 articles (a1, a2, a3, a4, a6), 3 outlets
#   an official (anonymous): 2 quotes (a1, a3)
#   Ilse Varga: 1 quote (a5)
# PRICE is repeated in a1 (Daily Ledger, first), a2 (Harbour Times) and, shortened, a3 (Valley
# Post). COAL is said by Tomas Reyes in a4 and by Ilse Varga in a5: an attribution conflict.

PRICE = "We will not raise prices this winter, whatever the market does"
PRICE_SHORT = "We will not raise prices this winter"
COAL = "The coal plant will close in the spring of next year"
MARA = "said Mara Quint, a spokeswoman for Northwind Energy."
ARTICLES = [
    ("a1", "Daily Ledger", "2024-03-01", "https://ledger.example/a1",
     [f"“{PRICE},” {MARA}", "“The grid is ready,” Quint said.",
      "“The turbines are new,” Quint said.",
      "“Nobody has asked us about the reserves,” said Tomas Reyes.",
      "“The deal is almost done,” said an official."]),
    ("a2", "Harbour Times", "2024-03-02", None,
     [f"“{PRICE},” {MARA}", "“We saw the numbers,” said Tomas Reyes."]),
    ("a3", "Valley Post", "2024-03-03", None,
     [f"“{PRICE_SHORT},” {MARA}", "“Our engineers worked all night,” Quint said.",
      "“The reserves are low,” said Tomas Reyes.",
      "“Talks will resume on Monday,” said an official."]),
    ("a4", "Valley Post", "2024-03-04", None, [f"“{COAL},” said Tomas Reyes."]),
    ("a5", "Daily Ledger", "2024-03-05", None, [f"“{COAL},” said Ilse Varga."]),
    ("a6", "Harbour Times", "2024-03-06", None, ["“The lines held up,” said Tomas Reyes."]),
]


def corpus_lines(articles=ARTICLES):
    out = []
    for aid, outlet, date, url, paras in articles:
        rec = {"id": aid, "outlet": outlet, "published": date, "title": f"Story {aid}",
               "text": "The region braced for winter.\n\n" + "\n\n".join(paras) + "\n"}
        if url:
            rec["url"] = url
        out.append(json.dumps(rec, ensure_ascii=False))
    return "\n".join(out) + "\n"


def extract(tmp, text, name="in.jsonl", failures=False):
    src = write(tmp, name, text)
    r = run("extract", src)
    if failures:  # lines that give error records make extract exit 1
        assert r.returncode == 1, f"extract: exit {r.returncode}: {r.stderr}"
        recs = r.stdout
    else:
        recs = ok(r, "extract")
    return write(tmp, name + ".rec", recs)


def merged(tmp, text=None):
    rec = extract(tmp, text if text is not None else corpus_lines())
    doc = ok(run("merge", "-q", rec), "merge")
    return rec, write(tmp, "corpus.json", doc), json.loads(doc)


# ---- reading the tables back ----

class Tables(html.parser.HTMLParser):
    """Tables of an HTML report: (section id, caption or heading, header, rows of cell text).
    <br> is a line break; text inside script and style elements is ignored."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.section, self.heading = [], None, None
        self.cell = self.row = self.table = None
        self.skip = 0
        self.in_heading = False
        self.text = []
        self.attrs = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.attrs.append((tag, attrs))
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "section":
            self.section = a.get("id")
        elif tag in ("h2", "h3", "caption"):
            self.in_heading, self.heading = True, ""
        elif tag == "table":
            self.table = {"section": self.section, "title": None, "head": [], "rows": []}
            self.pending_title = self.heading if self.heading is not None else None
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = ""
        elif tag == "br" and self.cell is not None:
            self.cell += "\n"

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        elif tag in ("h2", "h3"):
            self.in_heading = False
        elif tag == "caption":
            self.in_heading = False
            self.table["title"] = self.heading
        elif tag in ("td", "th") and self.row is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.table is not None:
            if not self.table["head"]:
                self.table["head"] = self.row
            else:
                self.table["rows"].append(self.row)
            self.row = None
        elif tag == "table":
            if self.table["title"] is None:
                self.table["title"] = self.pending_title
            self.tables.append(self.table)
            self.table = None
            self.heading = None

    def handle_data(self, data):
        if self.skip:
            return
        self.text.append(data)
        if self.cell is not None:
            self.cell += data
        elif self.in_heading:
            self.heading += data


def html_tables(page):
    p = Tables()
    p.feed(page)
    return p.tables


def md_split(line):
    """Cells of a Markdown table row: split on | not escaped by a backslash."""
    assert line.startswith("|") and line.endswith("|"), f"not a table row: {line!r}"
    cells, cur, i = [], "", 1
    while i < len(line):
        c = line[i]
        if c == "\\" and i + 1 < len(line):
            cur += line[i:i + 2]
            i += 2
            continue
        if c == "|":
            cells.append(cur.strip())
            cur = ""
        else:
            cur += c
        i += 1
    return cells


def md_text(cell):
    """The text a Markdown cell shows: escapes undone, emphasis and link targets dropped,
    <br> as a line break."""
    out, i = "", 0
    while i < len(cell):
        if cell.startswith("<br>", i):
            out += "\n"
            i += 4
        elif cell[i] == "\\" and i + 1 < len(cell):
            out += cell[i + 1]
            i += 2
        elif cell[i] == "*":
            i += 1
        elif cell[i] == "[":
            i += 1
        elif cell.startswith("](", i):
            j = cell.index(")", i)
            i = j + 1
        else:
            out += cell[i]
            i += 1
    return out


def md_tables(page):
    tables, section, title, lines = [], None, None, page.split("\n")
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.startswith("## "):
            section, title = ln[3:], None
        elif ln.startswith("### "):
            title = md_text(ln[4:])
        elif ln.startswith("**") and ln.endswith("**"):
            title = ln[2:-2]
        elif ln.startswith("|"):
            head = [md_text(c) for c in md_split(ln)]
            sep = md_split(lines[i + 1])
            assert all(re.fullmatch(r"-+:?", c.strip()) for c in sep), f"bad separator {sep}"
            assert len(sep) == len(head), f"separator has {len(sep)} cells, header {len(head)}"
            rows, i = [], i + 2
            while i < len(lines) and lines[i].startswith("|"):
                cells = md_split(lines[i])
                assert len(cells) == len(head), \
                    f"row with {len(cells)} cells under {len(head)} columns: {lines[i]!r}"
                rows.append([md_text(c) for c in cells])
                i += 1
            tables.append({"section": section, "title": title, "head": head, "rows": rows})
            title = None
            continue
        i += 1
    return tables


def find(tables, title):
    got = [t for t in tables if t["title"] == title]
    assert len(got) == 1, f"{len(got)} tables titled {title!r}: {[t['title'] for t in tables]}"
    return got[0]


def column(table, name):
    return [row[table["head"].index(name)] for row in table["rows"]]


def by_section(tables, section_title):
    return [t for t in tables if t["section"] == section_title]


# ---- tests ----

def tables_hold_the_expected_counts_and_ranks(tmp):
    rec, _, _ = merged(tmp)
    page = ok(run("report", "-f", "md", rec), "report").decode("utf-8")
    t = md_tables(page)
    summ = {row[0]: row[1] for row in t[0]["rows"]}
    assert t[0]["head"] == ["Measure", "Value"], t[0]["head"]
    assert summ["Articles"] == "6" and summ["Quotes"] == "14", summ
    assert summ["Quotes attributed to a source"] == "14", summ
    assert summ["Outlets publishing them"] == "3", summ
    assert summ["Quotes from anonymous sources"] == "2", summ
    assert summ["Share of attributed quotes from anonymous sources"] == "14.3 %", summ
    assert summ["Quotes repeated in two or more articles"] == "2", summ
    assert summ["Attribution conflicts"] == "1", summ

    byq = find(t, "By quotes")
    assert column(byq, "Source")[:2] == ["Mara Quint", "Tomas Reyes"], byq["rows"][:3]
    assert column(byq, "Quotes")[:2] == ["6", "5"] and column(byq, "Articles")[:2] == ["3", "5"]
    assert column(byq, "#")[:2] == ["1", "2"]
    assert byq["rows"][0][byq["head"].index("Organisation")] == "Northwind Energy"
    assert column(byq, "Outlets")[:2] == ["3", "3"], byq["rows"]
    bya = find(t, "By articles")
    assert column(bya, "Source")[:2] == ["Tomas Reyes", "Mara Quint"], bya["rows"][:3]
    assert "Ilse Varga" in column(byq, "Source") and column(byq, "Source")[-1] == "Ilse Varga"

    anon = [x for x in t if x["section"].startswith("Who is quoted")][0]
    rows = {r[0]: r for r in anon["rows"]}
    assert rows["Named people"][1] == "12" and rows["Anonymous sources"][1] == "2", rows
    assert rows["Anonymous sources"][3] == "14.3 %", rows

    orgs = [x for x in t if x["section"] == "Organisations"][0]
    assert orgs["rows"][0][1] == "Northwind Energy", orgs["rows"]
    assert orgs["rows"][0][orgs["head"].index("Quotes by its people")] == "6", orgs["rows"]
    assert orgs["rows"][0][orgs["head"].index("People quoted")] == "1", orgs["rows"]
    assert orgs["rows"][0][orgs["head"].index("Articles")] == "3", orgs["rows"]

    per = [x for x in t if x["section"] == "Per outlet"]
    overview = per[0]
    assert column(overview, "Outlet") == ["Daily Ledger", "Valley Post", "Harbour Times"], \
        overview["rows"]
    assert column(overview, "Articles") == ["2", "2", "2"]
    assert column(overview, "Quotes") == ["6", "5", "3"]
    assert column(overview, "Anonymous share") == ["16.7 %", "20.0 %", "0.0 %"]
    valley = find(t, "Sources quoted by Valley Post")
    # two quotes each: Tomas Reyes (2 articles) before Mara Quint (1 article)
    assert column(valley, "Source")[:2] == ["Tomas Reyes", "Mara Quint"], valley["rows"]
    assert column(valley, "Quotes")[:2] == ["2", "2"] and column(valley, "Articles")[:2] == ["2", "1"]

    rep = [x for x in t if x["section"] == "Quotes repeated across articles"][0]
    assert len(rep["rows"]) == 2, rep["rows"]
    first = rep["rows"][0]
    h = rep["head"]
    assert first[h.index("Quote")] == f"“{PRICE},”", first
    assert first[h.index("Appearances")] == "3" and first[h.index("Outlets")] == "3", first
    assert first[h.index("First appearance")].startswith("Story a1 (Daily Ledger, 2024-03-01)")
    assert "said by Mara Quint" in first[h.index("First appearance")], first
    assert "Story a2 (Harbour Times" in first[h.index("Repeated in")], first
    variants = first[h.index("Wording variants")]
    assert "original" in variants and "truncated" in variants and PRICE_SHORT in variants, variants
    conf = [x for x in t if x["section"] == "Attribution conflicts"][0]
    assert len(conf["rows"]) == 1 and COAL in conf["rows"][0][1], conf["rows"]
    who = conf["rows"][0][conf["head"].index("Attributed to")]
    assert "Tomas Reyes" in who and "Ilse Varga" in who, who


def pagerank(nodes, edges, damping=0.85, iterations=300):
    """Weighted PageRank by power iteration; a node without out-links spreads its rank over
    every node (the convention of igraph and NetworkX)."""
    out = collections.defaultdict(float)
    for s, t, w in edges:
        out[s] += w
    n = len(nodes)
    pr = {v: 1.0 / n for v in nodes}
    for _ in range(iterations):
        dangling = sum(pr[v] for v in nodes if out[v] == 0)
        nxt = {v: (1 - damping) / n + damping * dangling / n for v in nodes}
        for s, t, w in edges:
            nxt[t] += damping * pr[s] * w / out[s]
        pr = nxt
    return pr


def pagerank_matches_an_independent_computation(tmp):
    _, path, doc = merged(tmp)
    nodes = [n["id"] for n in doc["graph"]["nodes"]]
    edges = [(e["source"], e["target"], e["weight"]) for e in doc["graph"]["edges"]]
    pr = pagerank(nodes, edges)
    assert abs(sum(pr.values()) - 1) < 1e-9, sum(pr.values())
    deg = collections.Counter()
    for s, t, _ in edges:
        deg[s] += 1
        deg[t] += 1
    names = {e["id"]: e["name"] for e in doc["entities"]}
    quoted = [e["id"] for e in doc["entities"] if e["quotes"] > 0]
    page = ok(run("report", "-f", "md", "--top", "100", path), "report").decode("utf-8")
    t = find(md_tables(page), "By centrality (PageRank)")
    got = {row[1]: (float(row[t["head"].index("PageRank")]), int(row[t["head"].index("Degree")]))
           for row in t["rows"]}
    assert len(t["rows"]) == len(quoted), f"{len(t['rows'])} rows for {len(quoted)} sources"
    for eid in quoted:
        value, d = got[names[eid]]
        assert abs(value - pr[eid]) <= 5e-4 * pr[eid] + 1e-12, f"{eid}: {value} vs {pr[eid]}"
        assert d == deg[eid], f"{eid}: degree {d} vs {deg[eid]}"
    values = [float(v) for v in column(t, "PageRank")]
    assert values == sorted(values, reverse=True), values
    best = max(quoted, key=lambda e: pr[e])
    assert t["rows"][0][1] == names[best], (t["rows"][0], best)


def html_and_markdown_hold_the_same_tables(tmp):
    rec, path, _ = merged(tmp)
    h = html_tables(ok(run("report", path), "html").decode("utf-8"))
    m = md_tables(ok(run("report", "-f", "md", path), "md").decode("utf-8"))
    assert len(h) == len(m) and len(h) >= 10, f"{len(h)} HTML tables, {len(m)} Markdown tables"
    for a, b in zip(h, m):
        assert a["head"] == b["head"], (a["head"], b["head"])
        assert a["rows"] == b["rows"], f"table {a['title']!r}:\n{a['rows']}\n{b['rows']}"


def markdown_escapes_pipes_newlines_and_markup_in_cells(tmp):
    _, _, doc = merged(tmp)
    nasty = {
        "person:mara_quint": "Mara | Quint\nsecond line \\ *bold* _u_ `code` <b>x</b> [l](u) ~s~ &amp; $x$",
        "person:tomas_reyes": "Tomas\r\nReyes | | ||",
    }
    for e in doc["entities"]:
        if e["id"] in nasty:
            e["name"] = nasty[e["id"]]
    for g in doc["groups"]:
        g["text"] = "a | b\n\nc <script>x</script>"
    path = write(tmp, "nasty.json", json.dumps(doc, ensure_ascii=False))
    page = ok(run("report", "-f", "md", path), "report").decode("utf-8")
    assert "\r" not in page, "a carriage return reached the Markdown"
    t = md_tables(page)  # asserts that every row has as many cells as its header
    byq = find(t, "By quotes")
    srcs = column(byq, "Source")
    assert nasty["person:mara_quint"] in srcs, srcs
    assert "Tomas\nReyes | | ||" in srcs, srcs
    assert "<b>x</b>" not in page and "<script>" not in page, "markup passed through unescaped"
    rep = [x for x in t if x["section"] == "Quotes repeated across articles"][0]
    assert rep["rows"][0][1] == "“a | b\n\nc <script>x</script>”", rep["rows"][0][1]
    # the same table in HTML shows the same text
    h = html_tables(ok(run("report", path), "html").decode("utf-8"))
    assert column(find(h, "By quotes"), "Source") == srcs


def same_input_gives_the_same_bytes(tmp):
    rec, path, _ = merged(tmp)
    lines = corpus_lines().splitlines(keepends=True)
    rec2 = extract(tmp, "".join(reversed(lines)), "reversed.jsonl")
    for fmt in ("html", "md"):
        a = ok(run("report", "-f", fmt, path), fmt)
        b = ok(run("report", "-f", fmt, path), fmt)
        c = ok(run("report", "-f", fmt, rec), fmt + " from records")
        d = ok(run("report", "-f", fmt, rec2), fmt + " from records in another order")
        e = ok(run("report", "-f", fmt, stdin=open(path, "rb").read()), fmt + " from stdin")
        assert len(a) > 1000, f"{fmt}: only {len(a)} bytes"
        assert a == b, f"{fmt}: two runs differ"
        assert a == c, f"{fmt}: records and merge output give different reports"
        assert a == d, f"{fmt}: the order of the records changes the report"
        assert a == e, f"{fmt}: stdin and file differ"
    # two merge documents, one a line (as merge --compact writes them), are merged first
    halves = []
    for k, part in enumerate((lines[:3], lines[3:])):
        r = extract(tmp, "".join(part), f"half{k}.jsonl")
        halves.append(json.dumps(json.loads(ok(run("merge", "-q", r), "merge")),
                                 ensure_ascii=False, separators=(",", ":")))
    both = write(tmp, "both.jsonl", "\n".join(halves) + "\n")
    assert ok(run("report", both), "two documents") == ok(run("report", path), "one document")


def html_is_self_contained_and_its_script_is_allowed(tmp):
    _, path, _ = merged(tmp)
    page = ok(run("report", path), "report").decode("utf-8")
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert m, "no Content-Security-Policy"
    csp = dict((p.split(" ", 1) + [""])[:2] for p in m.group(1).split("; "))
    assert csp["default-src"] == "'none'", csp
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(styles) == 1 and len(scripts) == 1, (len(styles), len(scripts))
    h = lambda s: "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
    assert csp["style-src"] == h(styles[0]), (csp["style-src"], h(styles[0]))
    assert csp["script-src"] == h(scripts[0]), (csp["script-src"], h(scripts[0]))
    p = Tables()
    p.feed(page)
    for tag, attrs in p.attrs:
        for k, v in attrs:
            assert k not in ("src", "srcset", "background", "poster", "data"), (tag, k, v)
            assert not k.startswith("on"), (tag, k, v)
            if k == "href":
                assert v.startswith("#") or v.startswith("https://") or v.startswith("http://"), v
        assert tag not in ("link", "img", "iframe", "object", "embed", "base", "form"), tag
    assert "https://ledger.example/a1" in page, "the article link is missing"
    assert not re.search(r"(src|href)=\"//", page)
    assert '<svg id="qg-svg"' in page, "no graph drawing"


def graph_drawing_is_capped_and_says_so(tmp):
    _, path, _ = merged(tmp)
    full = ok(run("report", path), "report").decode("utf-8")
    n_full = full.count('<g class="n ')
    assert n_full >= 6, f"{n_full} nodes drawn"
    capped = ok(run("report", "--graph-nodes", "3", path), "report").decode("utf-8")
    n = capped.count('<g class="n ')
    assert 2 <= n <= 3, f"{n} nodes drawn with --graph-nodes 3"
    assert "capped at 3 by --graph-nodes" in capped
    data = json.loads(re.search(r'<script type="application/json" id="qg-data">(.*?)</script>',
                                capped, re.S).group(1))
    assert len(data["n"]) == n, (len(data["n"]), n)
    assert all(0 <= a < n and 0 <= b < n for a, b, _, _ in data["e"]), data["e"]
    none = ok(run("report", "--graph-nodes", "0", path), "report").decode("utf-8")
    assert '<g class="n ' not in none and "Nothing to draw" in none
    cut = ok(run("report", "-f", "md", "--top", "1", path), "md").decode("utf-8")
    assert "Showing the first 1 of 4 sources in each table." in cut, cut[:2000]
    assert len(find(md_tables(cut), "By quotes")["rows"]) == 1


def malformed_input_gives_file_line_column_and_exit_1(tmp):
    _, path, doc = merged(tmp)
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    # a broken article element: its line and column are reported
    k = next(i for i, ln in enumerate(lines) if ln.startswith('{"id":"a3"'))
    bad = lines[:k] + [lines[k].replace('"quotes":[', '"quotes":[,', 1)] + lines[k + 1:]
    p = write(tmp, "broken.json", "\n".join(bad))
    out = os.path.join(tmp, "out.html")
    write(tmp, "out.html", "previous")
    r = run("report", "-o", out, p)
    err = r.stderr.decode()
    assert r.returncode == 1, f"exit {r.returncode}: {err}"
    col = lines[k].index('"quotes":[') + len('"quotes":[') + 1
    assert re.match(rf"quotegraph: {re.escape(p)}:{k + 1}:{col}: invalid JSON", err), err
    assert open(out).read() == "previous", "the old output was replaced"
    assert sorted(os.listdir(tmp)).count("out.html") == 1 and \
        not [f for f in os.listdir(tmp) if ".tmp" in f], os.listdir(tmp)
    # truncated
    p = write(tmp, "cut.json", text[: len(text) // 2])
    r = run("report", p)
    assert r.returncode == 1 and b"unexpected end of input" in r.stderr, r.stderr
    assert r.stdout == b"", "output written for a truncated input"
    # another version
    p = write(tmp, "v2.json", text.replace('"quotegraph_corpus":1', '"quotegraph_corpus":2', 1))
    r = run("report", p)
    assert r.returncode == 1 and b"unsupported corpus format 2" in r.stderr, r.stderr
    assert re.match(rb"quotegraph: .*v2\.json:2:1: ", r.stderr), r.stderr
    # a speaker that names no entity
    doc2 = json.loads(text)
    doc2["articles"][0]["quotes"][0]["speaker_id"] = "person:nobody"
    r = run("report", write(tmp, "ref.json", json.dumps(doc2)))
    assert r.returncode == 1 and b"entity 'person:nobody' is referred to but not listed" in \
        r.stderr, r.stderr
    # a wrong type, named by its path
    doc2 = json.loads(text)
    doc2["entities"][1]["quotes"] = "many"
    r = run("report", write(tmp, "type.json", json.dumps(doc2)))
    assert r.returncode == 1 and b"entities[1].quotes: expected a non-negative integer" in \
        r.stderr, r.stderr
    # records: a bad line is reported with its number, skipped, and the exit status is 1
    recs = open(os.path.join(tmp, "in.jsonl.rec"), encoding="utf-8").read().splitlines()
    p = write(tmp, "recs.jsonl", recs[0] + "\n{not json\n" + "\n".join(recs[1:]) + "\n")
    r = run("report", "-f", "md", p)
    assert r.returncode == 1, r.returncode
    assert re.search(rf"quotegraph: {re.escape(p)}:2: ", r.stderr.decode()), r.stderr
    assert "| Articles | 6 |" in r.stdout.decode(), "the good records were not reported"


def usage_errors_exit_2(tmp):
    _, path, _ = merged(tmp)
    for args in (["-f", "pdf"], ["--top", "0"], ["--graph-nodes", "1"], ["--quotes", "x"],
                 ["--no-such-option"]):
        r = run("report", *args, path)
        assert r.returncode == 2, f"{args}: exit {r.returncode}"
        assert r.stdout == b"" and r.stderr.strip(), args
    r = run("report", "--help")
    assert r.returncode == 0 and r.stdout.startswith(b"usage: quotegraph report"), r.stdout[:80]


def markdown_renders_in_cmark_gfm_as_the_same_tables(tmp):
    """The Markdown of a hostile corpus, rendered by cmark-gfm with raw HTML allowed: no element
    or attribute comes from the data, and the tables hold the same text as the HTML report."""
    cmark = shutil.which("cmark-gfm")
    if not cmark:
        raise Skip("cmark-gfm is not installed (scripts/install-deps.sh installs it)")
    path = hostile_corpus(tmp)
    md = ok(run("report", "-f", "md", "--title", TITLE, path), "md")
    r = subprocess.run([cmark, "--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough",
                        "-e", "tagfilter"], input=md, capture_output=True, timeout=60)
    rendered = ok(r, "cmark-gfm").decode("utf-8")
    p = Tables()
    p.feed(rendered)
    allowed = {"h1", "h2", "h3", "p", "strong", "em", "table", "thead", "tbody", "tr", "th", "td",
               "br", "a", "code"}
    for tag, attrs in p.attrs:
        assert tag in allowed, f"<{tag}> in the rendered Markdown: {attrs}"
        for k, v in attrs:
            assert k in ("align", "href"), f"attribute {k}={v!r} on <{tag}>"
            if k == "href":
                assert v.startswith("https://") or v.startswith("http://"), v
    page = ok(run("report", "--title", TITLE, path), "html").decode("utf-8")
    ours = [(t["head"], t["rows"]) for t in html_tables(page)]
    theirs = [(t["head"], t["rows"]) for t in p.tables]
    assert len(ours) == len(theirs) >= 10, (len(ours), len(theirs))
    for a, b in zip(ours, theirs):
        assert a == b, f"HTML report and rendered Markdown differ:\n{a}\n{b}"


# ---- the browser test ----

PAYLOADS = [
    '<script>document.title="XSS1";document.body.setAttribute("data-pwned","1")</script>',
    '"><img src=x onerror="document.title=\'XSS2\'">',
    "'><svg onload=\"document.title='XSS3'\"></svg>",
    "</textarea><script>document.title='XSS4'</script>",
    "]]><script>document.title='XSS5'</script>",
    "</script><script>document.title='XSS6'</script>",
    "\u2028\u2029</title><img src=x onerror=document.title='XSS7'>",
    "<!--<script>document.title='XSS8'</script>-->",
    "</style><img src=x onerror=document.title='XSS9'>",
    "<iframe srcdoc=\"<script>parent.document.title='XSS10'</script>\"></iframe>",
    "<a href=\"javascript:document.title='XSS11'\">click</a>",
    "&lt;b&gt; stays as typed &amp;",
    "a | table | breaker\non two lines\r\nand *stars* and [a](link)",
]
TITLE = 'Report <script>document.title="XSS0"</script> & co'


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise Skip("chromium is not installed (scripts/install-deps.sh installs the Debian package "
               "'chromium'); the escaping was not checked in a browser")


def browse(tmp, browser, page, *flags):
    prof = tempfile.mkdtemp(prefix="chr-", dir=tmp)
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-extensions", "--disable-background-networking", f"--user-data-dir={prof}",
           "--virtual-time-budget=3000", *flags, "file://" + page]
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=90)
    except subprocess.TimeoutExpired:
        raise Skip("chromium did not finish within 90 s")
    return r


def hostile_corpus(tmp):
    """An invented corpus with hostile strings in every field the report shows."""
    arts = []
    for i, (aid, outlet, date, url, paras) in enumerate(ARTICLES):
        p = PAYLOADS[i % len(PAYLOADS)]
        q = PAYLOADS[(i + 3) % len(PAYLOADS)]
        paras = [x.replace("The grid is ready", "The grid " + q.replace("“", "").replace("”", ""))
                 for x in paras]
        paras.append(f"“{q} is what they wrote,” said Nora Lind.")
        arts.append({"id": aid + p, "outlet": outlet + " " + p, "published": date + p,
                     "title": "T " + p, "url": "javascript:document.title='XSS12'" if i == 0
                     else "https://x.example/" + p, "text": "Intro.\n\n" + "\n\n".join(paras)})
    lines = [json.dumps(a, ensure_ascii=False) for a in arts]
    lines.append(json.dumps({"id": "broken" + PAYLOADS[0]}))  # no text: an error record
    rec = extract(tmp, "\n".join(lines) + "\n", "hostile.jsonl", failures=True)
    doc = json.loads(ok(run("merge", "-q", rec), "merge"))
    for i, e in enumerate(doc["entities"]):
        e["name"] = e["name"] + " " + PAYLOADS[i % len(PAYLOADS)]
    doc["entities"][0]["name"] += " " + PAYLOADS[-1]  # the most quoted: in every table
    quoted = [e for e in doc["entities"] if e["quotes"] == 1]
    assert quoted, "no entity with one quote"
    quoted[0]["kind"] = PAYLOADS[1]  # an unknown kind is shown as given
    for i, g in enumerate(doc["groups"]):
        g["text"] += PAYLOADS[i % len(PAYLOADS)]
        for v in g["variants"]:
            v["text"] += PAYLOADS[(i + 1) % len(PAYLOADS)]
            v["relation"] = PAYLOADS[(i + 2) % len(PAYLOADS)]
    for c in doc["conflicts"]:
        c["text"] += PAYLOADS[5]
        for a in c["attributions"]:
            a["name"] += PAYLOADS[6]
    for e in doc["errors"]:
        e["error"] += PAYLOADS[9]
        e["file"] = PAYLOADS[10]
    assert doc["errors"], "no error record in the hostile corpus"
    return write(tmp, "hostile.json", json.dumps(doc, ensure_ascii=False))


class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = collections.Counter()
        self.attrs, self.text, self.title = [], [], None
        self.body = {}
        self.stack = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        self.attrs += [(tag, k, v) for k, v in attrs]
        if tag == "body":
            self.body = dict(attrs)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        top = self.stack[-1] if self.stack else None
        if top == "title" and "svg" not in self.stack:
            self.title = (self.title or "") + data
        elif top not in ("script", "style"):
            self.text.append(data)


def check_dom(dom_html, what):
    d = Dom()
    d.feed(dom_html)
    assert d.body.get("data-qg-ready") == "1", f"{what}: the report's own script did not run"
    assert "data-pwned" not in d.body, f"{what}: a payload script ran"
    assert d.title == TITLE, f"{what}: document.title is {d.title!r}"
    assert d.tags["script"] == 2, f"{what}: {d.tags['script']} script elements"
    for tag in ("img", "iframe", "textarea"):
        assert d.tags[tag] == 0, f"{what}: {d.tags[tag]} <{tag}> elements from the data"
    for tag, k, v in d.attrs:
        assert not k.startswith("on"), f"{what}: event handler {k}={v!r} on <{tag}>"
        if k == "href":
            assert not v.lower().startswith("javascript"), f"{what}: javascript: link"
    # line breaks are shown as <br>: compare without white space
    squash = lambda x: re.sub(r"[\s\u2028\u2029]+", "", x)
    text = squash("".join(d.text))
    for p in PAYLOADS:
        assert squash(p) in text, f"{what}: payload not shown as text: {p!r}"
    return d


def xss_payloads_show_as_text_in_chromium(tmp):
    browser = chromium()
    path = hostile_corpus(tmp)
    out = os.path.join(tmp, "hostile.html")
    r = run("report", "--title", TITLE, "-o", out, path)
    assert r.returncode == 0, r.stderr.decode()
    page = open(out, encoding="utf-8").read()
    # 1. the report as written, under its Content-Security-Policy
    r = browse(tmp, browser, out, "--dump-dom")
    if not r.stdout.strip():
        raise Skip("chromium cannot run here: " + r.stderr.decode(errors="replace")[-600:])
    check_dom(r.stdout.decode("utf-8"), "report")
    # 2. without the policy, and with every node clicked, a search typed and the filters
    # toggled: the escaping alone must keep the payloads inert
    driver = """<script>
    (function () {
      var nodes = document.querySelectorAll('#qg-svg g.n');
      for (var i = 0; i < nodes.length; i++)
        nodes[i].dispatchEvent(new MouseEvent('click', {bubbles: true}));
      var f = document.getElementById('qg-find');
      f.value = 'script'; f.dispatchEvent(new Event('input'));
      var b = document.querySelectorAll('#graph input[data-t]');
      for (i = 0; i < b.length; i++) { b[i].checked = false; b[i].dispatchEvent(new Event('change')); }
      for (i = 0; i < b.length; i++) { b[i].checked = true; b[i].dispatchEvent(new Event('change')); }
      nodes[0].dispatchEvent(new MouseEvent('click', {bubbles: true}));
      document.body.setAttribute('data-driver', String(nodes.length));
    })();
    </script></body>"""
    open_page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    assert open_page != page
    open_page = open_page.replace("</body>", driver, 1)
    drive = write(tmp, "driven.html", open_page)
    r = browse(tmp, browser, drive, "--dump-dom")
    dom = r.stdout.decode("utf-8")
    d = Dom()
    d.feed(dom)
    assert int(d.body.get("data-driver", "0")) >= 5, f"driver did not run: {d.body}"
    # the driver's script is a third one; the rest as before
    d.tags["script"] -= 1
    check_dom(dom.replace(driver.replace("</body>", ""), ""), "driven report")
    info = re.search(r'<div id="qg-info"[^>]*>(.*?)</div>', dom, re.S).group(1)
    assert "<li>" in info and "&lt;" in info, f"info panel: {info[:300]}"
    # 3. screenshots under the build tree
    os.makedirs(ARTIFACTS, exist_ok=True)
    for name, page_path, size in (("report-hostile.png", out, "1280,2400"),
                                  ("report-hostile-driven.png", drive, "1280,1600")):
        shot = os.path.join(ARTIFACTS, name)
        if os.path.exists(shot):
            os.remove(shot)
        browse(tmp, browser, page_path, f"--screenshot={shot}", f"--window-size={size}",
               "--hide-scrollbars")
        with open(shot, "rb") as f:
            png = f.read()
        assert png.startswith(b"\x89PNG") and len(png) > 20000, f"{shot}: {len(png)} bytes"
    print(f"screenshots in {ARTIFACTS}")


def main():
    global QG, ARTIFACTS
    if len(sys.argv) not in (3, 4) or sys.argv[2] not in globals() or \
            sys.argv[2].startswith("_"):
        print(__doc__, file=sys.stderr)
        return 2
    QG = os.path.abspath(sys.argv[1])
    ARTIFACTS = os.path.abspath(sys.argv[3]) if len(sys.argv) == 4 else \
        os.path.join(tempfile.gettempdir(), "qg-report-artifacts")
    test = globals()[sys.argv[2]]
    with tempfile.TemporaryDirectory(prefix="qg-report-") as tmp:
        try:
            test(tmp)
        except Skip as e:
            print(f"skipped: {e}")
            return 77
        except AssertionError as e:
            import traceback
            traceback.print_exc()
            print(f"FAIL {test.__name__}: {e}")
            return 1
    print(f"ok   {test.__name__}")
    return 0


sys.exit(main())
