#!/usr/bin/env python3
"""Tests of the quotegraph command-line tool, one per ctest test.

usage: test_cli.py QUOTEGRAPH TEST_NAME
Exit status: 0 pass, 1 fail, 77 skipped (a needed module or device is missing), 2 usage error.
"""
import collections, json, os, random, subprocess, sys, tempfile

QG = None
TOP_KEYS = ["quotegraph_version", "document", "quotes", "entities", "quoted_terms",
            "diagnostics", "graph", "summary"]
ARTICLE = ("Lena Ostrova chairs the Riverside Housing Board.\n\n"
           "“We will publish the inspection results next week,” Ostrova said. "
           "The old system was a ‘paper maze’ for tenants.\n\n"
           "\"Nobody will lose their flat,\" said Tariq Bell, a spokesman for Dalton Homes.\n")


class Skip(Exception):
    pass


def run(*args, stdin=None):
    return subprocess.run([QG, *args], input=stdin, capture_output=True, timeout=15)


def write(dirname, name, data):
    path = os.path.join(dirname, name)
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def analyze_json(path):
    r = run("analyze", path)
    assert r.returncode == 0, f"exit {r.returncode}: {r.stderr.decode(errors='replace')}"
    return json.loads(r.stdout.decode("utf-8"))


def networkx():
    try:
        import networkx as nx
    except ImportError:
        raise Skip("python module networkx is not installed")
    return nx


# ---- tests ----

def json_output_parses_and_has_the_documented_top_level_keys(tmp):
    doc = analyze_json(write(tmp, "a.txt", ARTICLE))
    assert list(doc) == TOP_KEYS, f"top-level keys {list(doc)}"
    for key in ("quotes", "entities", "quoted_terms", "diagnostics"):
        assert isinstance(doc[key], list), f"{key} is not a list"
    assert isinstance(doc["document"], dict) and isinstance(doc["graph"], dict)
    assert isinstance(doc["quotegraph_version"], str) and doc["quotegraph_version"]
    assert len(doc["quotes"]) == 2, f"want the 2 quotes of the article, got {doc['quotes']}"
    assert [t["text"] for t in doc["quoted_terms"]] == ["paper maze"], doc["quoted_terms"]


def same_input_twice_gives_the_same_bytes(tmp):
    path = write(tmp, "a.txt", ARTICLE.encode("utf-8") + b"A bad byte \xff here.\n")
    for fmt in ("json", "graphml", "cytoscape", "text"):
        a, b = run("analyze", "-f", fmt, path), run("analyze", "-f", fmt, path)
        assert a.returncode == 0 and b.returncode == 0, f"{fmt}: exit {a.returncode}/{b.returncode}"
        assert a.stdout, f"{fmt}: empty output"
        assert a.stdout == b.stdout, f"{fmt}: two runs differ"


def graph_summary_of_graphml(nx, data):
    g = nx.read_graphml(data)
    by_name = {n: attrs.get("name") for n, attrs in g.nodes(data=True)}
    nodes = collections.Counter(attrs.get("node_type") for _, attrs in g.nodes(data=True))
    edges = collections.Counter((by_name[s], by_name[t], attrs.get("relation"))
                                for s, t, attrs in g.edges(data=True))
    return g, set(by_name.values()), nodes, edges


def graphml_loads_in_networkx_and_matches_the_json_graph(tmp):
    nx = networkx()
    path = write(tmp, "a.txt", ARTICLE)
    doc = analyze_json(path)
    r = run("analyze", "-f", "graphml", path)
    assert r.returncode == 0, r.stderr
    out = write(tmp, "a.graphml", r.stdout)
    g, names, nodes, edges = graph_summary_of_graphml(nx, out)
    assert g.is_directed() == doc["graph"]["directed"]
    jnodes = doc["graph"]["nodes"]
    assert names == {n["id"] for n in jnodes}, f"GraphML names {names}"
    assert nodes == collections.Counter(n["node_type"] for n in jnodes), f"node types {nodes}"
    assert edges == collections.Counter((e["source"], e["target"], e["relation"])
                                        for e in doc["graph"]["edges"]), f"edges {edges}"
    assert nodes["quote"] == len(doc["quotes"]) and nodes["article"] == 1


def graphml_loads_when_the_article_holds_control_characters_and_markup(tmp):
    nx = networkx()
    text = ("Rosa Lind runs the Bell & Hart <Theatre>.\f\n\n"
            "“Tickets \x1b[1m& seats\x1b[0m are <sold> out \"again\" 🎉\f\x01\x7f,” said Rosa Lind.\n\n"
            "“The roof leaks ").encode("utf-8") + b"\xff\xfe" + " again,” said Rosa Lind.\n".encode("utf-8")
    path = write(tmp, "c.txt", text)
    r = run("analyze", "-f", "graphml", path)
    assert r.returncode == 0, r.stderr
    out = write(tmp, "c.graphml", r.stdout)
    try:
        g, names, nodes, edges = graph_summary_of_graphml(nx, out)
    except Exception as e:
        raise AssertionError(f"networkx cannot read the GraphML: {type(e).__name__}: {e}")
    assert nodes["quote"] == 2, f"want both quotes in the graph, node types {nodes}"
    texts = " ".join(str(a.get("text", "")) + str(a.get("label", "")) for _, a in g.nodes(data=True))
    assert "&" in texts and "<sold>" in texts, "markup characters were lost, not escaped"
    assert "🎉" in texts, "the emoji was lost"
    doc = analyze_json(path)
    assert len(doc["quotes"]) == 2


# An invented article with every node type and relation: an outlet line, a headline, a byline,
# an organisation with a part_of parent, a spokesman, an outlet cited, a report cited.
FULL = ("The Guardian\n\nHarbour tolls to double in spring\n\nBy Nadia Kerr Transport Correspondent\n\n"
        "The Coastal Toll Unit, part of the port authority Portline, said fees would double. "
        "“The rise is small,” said a spokesman for the unit. Critics told the BBC the rise was unfair. "
        "Tolls rose by a tenth last year, according to a report by the Harrow Housing Institute.\n\n"
        "“We will protest,” said Omar Reed, a director of Skerry Ferries.\n")
NODE_TYPES = {"article", "quote", "person", "role", "organization", "outlet", "document"}
RELATIONS = {"contains", "attributed_to", "affiliated_with", "part_of", "cites", "authored_by",
             "published_by"}


def graphml_has_every_node_type_and_relation_with_numbers_as_doubles(tmp):
    nx = networkx()
    path = write(tmp, "full.txt", FULL)
    doc = analyze_json(path)
    r = run("analyze", "-f", "graphml", path)
    assert r.returncode == 0, r.stderr
    raw = r.stdout.decode("utf-8")
    for key in ("quotes", "mentions", "pagerank", "degree", "weight", "confidence"):
        assert f'attr.name="{key}" attr.type="double"' in raw, f"{key} is not a double"
    g, names, nodes, edges = graph_summary_of_graphml(nx, write(tmp, "full.graphml", r.stdout))
    assert set(nodes) == NODE_TYPES, f"node types {dict(nodes)}"
    assert {rel for _, _, rel in edges} == RELATIONS, f"relations {set(rel for _, _, rel in edges)}"
    by = {a["name"]: a for _, a in g.nodes(data=True)}
    art = by["article:full.txt"]
    assert art["headline"] == "Harbour tolls to double in spring" and art["outlet"] == "The Guardian"
    # five quotes: two direct, three reported (said fees would double; Critics told the BBC …;
    # according to a report by the institute)
    assert art["author"] == "Nadia Kerr" and art["quotes"] == 5.0, art["quotes"]
    assert (("article:full.txt", "outlet:bbc", "cites")) in edges
    assert ("organization:coastal-toll-unit", "organization:portline", "part_of") in edges
    assert ("article:full.txt", "person:nadia-kerr", "authored_by") in edges
    spokes = [n for n, a in by.items() if a["node_type"] == "role"]
    assert spokes == ["role:spokesman@organization:coastal-toll-unit", "role:critics"], spokes
    assert by["person:omar-reed"]["org"] == "Skerry Ferries" and by["person:omar-reed"]["role"] == "director"
    for a in by.values():
        assert a["anonymous"] in ("yes", "no", "unknown"), a
    # the JSON graph is the same graph
    assert names == {n["id"] for n in doc["graph"]["nodes"]}
    s = doc["summary"]
    assert s["quotes"] == 5 and s["attributed"] == 5, s
    assert [x["quotes"] for x in s["top_sources"]] == sorted((x["quotes"] for x in s["top_sources"]), reverse=True)


def cytoscape_elements_are_flat_with_one_type_per_key_and_no_nulls(tmp):
    path = write(tmp, "full.txt", FULL)
    r = run("analyze", "-f", "cytoscape", path)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout.decode("utf-8"))
    assert list(d) == ["elements"] and set(d["elements"]) == {"nodes", "edges"}
    for kind in ("nodes", "edges"):
        items = d["elements"][kind]
        assert items, f"no {kind}"
        keys = None
        types = {}
        for it in items:
            assert list(it) == ["data"], it
            data = it["data"]
            keys = keys or set(data)
            assert set(data) == keys, f"{kind}: keys differ: {set(data) ^ keys}"
            for k, v in data.items():
                assert v is not None, f"{kind}.{k} is null"
                assert not isinstance(v, (dict, list)), f"{kind}.{k} is nested"
                types.setdefault(k, type(v))
                assert isinstance(v, types[k]), f"{kind}.{k} has two types"
    ids = {n["data"]["id"] for n in d["elements"]["nodes"]}
    for e in d["elements"]["edges"]:
        assert e["data"]["source"] in ids and e["data"]["target"] in ids
    assert {n["data"]["node_type"] for n in d["elements"]["nodes"]} == NODE_TYPES


def graph_ids_do_not_change_when_an_unrelated_quote_is_added(tmp):
    a = analyze_json(write(tmp, "same.txt", FULL))
    more = FULL + "\n“Ferries are late,” said Una Royle.\n"
    os.makedirs(os.path.join(tmp, "b"))
    b = analyze_json(write(os.path.join(tmp, "b"), "same.txt", more))
    ida = {n["id"] for n in a["graph"]["nodes"]}
    idb = {n["id"] for n in b["graph"]["nodes"]}
    assert ida < idb, f"ids lost: {ida - idb}"
    assert [q["node"] for q in a["quotes"]] == [q["node"] for q in b["quotes"]][:len(a["quotes"])]


def graphml_loads_when_metadata_and_entities_hold_control_characters(tmp):
    nx = networkx()
    text = ("The Guardian\x07\n\nTolls \x1b[1m<double>\x1b[0m & more 🎉\n\nBy Nadia \x01Kerr\n\n"
            "The Coastal \x0bToll Unit, part of Port&line <Ltd>, said fees \"would\" double. "
            "Critics told the BBC 🎉 the rise was unfair.\n\n").encode("utf-8") + b"\xff\xfe" + \
           "“We will protest,” said Omar Reed, a director of Skerry \x1fFerries.\n".encode("utf-8")
    path = write(tmp, "ctl.txt", text)
    r = run("analyze", "-f", "graphml", path)
    assert r.returncode == 0, r.stderr
    try:
        g, names, nodes, edges = graph_summary_of_graphml(nx, write(tmp, "ctl.graphml", r.stdout))
    except Exception as e:
        raise AssertionError(f"networkx cannot read the GraphML: {type(e).__name__}: {e}")
    assert nodes["outlet"] >= 1 and nodes["quote"] >= 1 and nodes["person"] >= 1, dict(nodes)
    rels = {rel for _, _, rel in edges}
    assert {"published_by", "cites", "attributed_to"} <= rels, rels
    blob = " ".join(str(v) for _, a in g.nodes(data=True) for v in a.values())
    assert "🎉" in blob and "<double>" in blob and "&" in blob, "markup or emoji lost"
    for fmt in ("cytoscape", "json"):
        r = run("analyze", "-f", fmt, path)
        assert r.returncode == 0
        json.loads(r.stdout.decode("utf-8"))


def empty_file_exits_0_with_no_quotes(tmp):
    doc = analyze_json(write(tmp, "empty.txt", b""))
    assert doc["quotes"] == [] and doc["entities"] == []


def directory_exits_1_with_a_one_line_error(tmp):
    r = run("analyze", tmp)
    assert r.returncode == 1, f"exit {r.returncode}"
    err = r.stderr.decode()
    assert err.endswith("\n") and err.count("\n") == 1 and len(err) > 1, f"stderr {err!r}"
    assert r.stdout == b"", f"stdout {r.stdout!r}"


def missing_file_exits_1(tmp):
    r = run("analyze", os.path.join(tmp, "no-such-file.txt"))
    assert r.returncode == 1, f"exit {r.returncode}"
    assert r.stderr.strip(), "no error message"
    assert r.stdout == b""


def text_table_writes_no_control_characters(tmp):
    # an escape sequence, a bell and a NUL in an article must not reach the terminal
    path = write(tmp, "esc.txt", '"We will \x1b[31mrebuild\x07 the\x00 \u202etown\u200b," said Bob Smith.\n')
    r = run("analyze", "-f", "text", path)
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode("utf-8")
    bad = [c for c in out if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) <= 0x9f or
           0x200b <= ord(c) <= 0x200f or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069]
    assert not bad, f"control characters in the table: {bad!r}"
    assert "rebuild" in out and "Bob Smith" in out, out


def nul_bytes_are_replaced_and_diagnosed_with_source_offsets(tmp):
    raw = b'"We will\x00 rebuild," the mayor said.\n'
    doc = analyze_json(write(tmp, "nul.txt", raw))
    q = doc["quotes"][0]
    assert "\u0000" not in q["text"] and "\ufffd" in q["text"], q["text"]
    # byte offsets still point into the input bytes
    assert raw[q["byte_start"]:q["byte_end"]].replace(b"\x00", b"") == b"We will rebuild,", q
    assert any(d["kind"] == "nul" for d in doc["diagnostics"]), doc["diagnostics"]


def binary_file_exits_0_with_valid_json(tmp):
    data = random.Random(20240601).randbytes(64 * 1024)
    doc = analyze_json(write(tmp, "noise.bin", data))
    assert list(doc) == TOP_KEYS
    assert any(d["kind"] == "invalid_utf8" for d in doc["diagnostics"]), "no invalid_utf8 diagnostic"


def binary_and_bomless_utf16_input_are_flagged(tmp):
    noise = write(tmp, "noise.bin", random.Random(7).randbytes(4096))
    r = run("analyze", noise)
    assert r.returncode == 0, r.stderr
    assert b"looks binary" in r.stderr, r.stderr
    assert any(d["kind"] == "binary" for d in json.loads(r.stdout)["diagnostics"])
    u16 = write(tmp, "u16.txt", '"We will win," said Jo Smith.'.encode("utf-16-le"))
    r = run("analyze", "-f", "text", u16)
    assert b"looks binary" in r.stderr and b"input: binary" in r.stdout, (r.stderr, r.stdout)
    # an ordinary article is not flagged
    r = run("analyze", write(tmp, "a.txt", ARTICLE))
    assert r.stderr == b"" and all(d["kind"] != "binary" for d in json.loads(r.stdout)["diagnostics"])


def file_name_and_id_that_are_not_utf8_give_valid_output(tmp):
    # a file name may hold any bytes; the document id made from it must be valid text
    path = os.path.join(tmp.encode(), b"bad\xffname.txt")
    with open(path, "wb") as f:
        f.write(ARTICLE.encode("utf-8"))
    for args in ((path,), ("--id", b"\xff\xfeid", write(tmp, "a.txt", ARTICLE))):
        for fmt in ("json", "cytoscape"):
            r = subprocess.run([QG, "analyze", "-f", fmt, *args], capture_output=True)
            assert r.returncode == 0, r.stderr
            doc = json.loads(r.stdout.decode("utf-8"))
            if fmt == "json":
                assert "\ufffd" in doc["document"]["id"], doc["document"]
                assert list(doc["document"])[0] == "id", list(doc["document"])
            else:
                ids = [e["data"].get("source") for e in doc["elements"]["edges"]]
                assert ids and all(ids), "an edge without a source"
        r = subprocess.run([QG, "analyze", "-f", "graphml", *args], capture_output=True)
        assert r.returncode == 0 and b"\xef\xbf\xbd" in r.stdout, r.stderr


def cr_line_ends_and_paragraph_separators_end_paragraphs(tmp):
    mac = write(tmp, "mac.txt", '"We will win, said Ann Lee.\r\rThe town voted.\r"Trust me," she said.\r'.encode())
    doc = analyze_json(mac)
    assert doc["document"]["paragraphs"] == 2, doc["document"]
    assert any(d["kind"] == "cr_line_breaks" for d in doc["diagnostics"]), doc["diagnostics"]
    assert [q["text"] for q in doc["quotes"]][-1] == "Trust me,", doc["quotes"]
    sep = write(tmp, "sep.txt", 'First.\u2029"Second," said Ann Lee.\u2029Third.'.encode())
    doc = analyze_json(sep)
    assert doc["document"]["paragraphs"] == 3, doc["document"]
    # CRLF files are unchanged: no diagnostic
    crlf = write(tmp, "crlf.txt", 'One.\r\n\r\n"Two," said Ann Lee.\r\n'.encode())
    doc = analyze_json(crlf)
    assert doc["document"]["paragraphs"] == 2 and not doc["diagnostics"], doc


def missing_command_is_named(tmp):
    r = run("-f", "text", write(tmp, "a.txt", ARTICLE))
    assert r.returncode == 2, f"exit {r.returncode}"
    assert b"a command comes first" in r.stderr, r.stderr


def unclosed_quote_at_the_end_of_the_file_is_kept_and_diagnosed(tmp):
    doc = analyze_json(write(tmp, "u.txt", "Ravi Shah said: “The plant will reopen in March"))
    texts = [q["text"] for q in doc["quotes"]]
    assert texts == ["The plant will reopen in March"], f"quotes {texts}"
    assert doc["quotes"][0]["speaker"]["name"] == "Ravi Shah", doc["quotes"][0]["speaker"]
    assert [d["kind"] for d in doc["diagnostics"]].count("unclosed_quote") == 1, doc["diagnostics"]


def output_option_writes_the_file_and_leaves_no_temporary_file(tmp):
    src = write(tmp, "a.txt", ARTICLE)
    outdir = os.path.join(tmp, "out")
    os.mkdir(outdir)
    dest = os.path.join(outdir, "a.json")
    r = run("analyze", "-o", dest, src)
    assert r.returncode == 0, r.stderr
    assert r.stdout == b"", "output went to stdout too"
    assert os.listdir(outdir) == ["a.json"], f"files left: {os.listdir(outdir)}"
    with open(dest, "rb") as f:
        written = f.read()
    assert written == run("analyze", src).stdout, "-o output differs from stdout output"
    json.loads(written)


def writing_to_a_full_device_fails_with_exit_1(tmp):
    if not os.path.exists("/dev/full"):
        raise Skip("/dev/full does not exist")
    src = write(tmp, "a.txt", ARTICLE)
    with open("/dev/full", "wb") as full:
        r = subprocess.run([QG, "analyze", src], stdout=full, stderr=subprocess.PIPE, timeout=15)
    assert r.returncode == 1, f"exit {r.returncode}"
    assert r.stderr.strip(), "no error message"


def help_exits_0_on_stdout(tmp):
    r = run("--help")
    assert r.returncode == 0, f"exit {r.returncode}"
    assert r.stdout.startswith(b"usage:"), r.stdout[:80]
    assert r.stderr == b""


def each_command_help_prints_its_own_usage(tmp):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(root, "docs", "cli.md"), encoding="utf-8") as f:
        cli_md = f.read()
    with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    general = run("--help").stdout.decode("utf-8")
    assert general in readme, "README.md lacks the text of quotegraph --help"
    assert general in cli_md, "docs/cli.md lacks the text of quotegraph --help"
    for cmd in ("analyze", "eval", "extract", "merge", "report"):
        for flag in ("--help", "-h"):
            r = run(cmd, flag)
            assert r.returncode == 0 and r.stderr == b"", (cmd, flag, r.returncode, r.stderr)
            out = r.stdout.decode("utf-8")
            assert out.startswith(f"usage: quotegraph {cmd} "), (cmd, out[:80])
            assert out in cli_md, f"docs/cli.md lacks the text of quotegraph {cmd} --help"
    # options after the file too, and a usage error shows the command's usage
    src = write(tmp, "a.txt", ARTICLE)
    assert run("analyze", src, "--help").stdout.startswith(b"usage: quotegraph analyze ")
    r = run("eval", "--no-such-option")
    assert r.returncode == 2 and b"usage: quotegraph eval " in r.stderr, r.stderr
    r = run("bogus", "--help")
    assert r.returncode == 2 and b"unknown command 'bogus'" in r.stderr, r.stderr
    # -V / --version after any command, as before it
    for cmd in ("analyze", "eval", "extract", "merge", "report"):
        for flag in ("-V", "--version"):
            r = run(cmd, flag)
            assert r.returncode == 0 and r.stdout.startswith(b"quotegraph "), (cmd, flag, r.stderr)


def unknown_option_exits_2(tmp):
    src = write(tmp, "a.txt", ARTICLE)
    r = run("analyze", "--no-such-option", src)
    assert r.returncode == 2, f"exit {r.returncode}"
    assert r.stdout == b"" and r.stderr.strip()


def main():
    global QG
    if len(sys.argv) != 3 or sys.argv[2] not in globals() or sys.argv[2].startswith("_"):
        print(__doc__, file=sys.stderr)
        return 2
    QG = os.path.abspath(sys.argv[1])
    test = globals()[sys.argv[2]]
    with tempfile.TemporaryDirectory(prefix="qg-cli-") as tmp:
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
