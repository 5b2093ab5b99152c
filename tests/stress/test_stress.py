#!/usr/bin/env python3
"""Pathological inputs through the command-line tool, one per ctest test.

usage: test_stress.py QUOTEGRAPH TEST_NAME

Each test builds its input at run time in a temporary directory (nothing is committed), runs
`quotegraph analyze` on it with a time limit and a memory limit, and checks that the input was
processed (exit 0, valid JSON) or refused with a clear one-line message (exit 1), never a crash.

Limits: the child's address space is capped with RLIMIT_AS (LIMIT_AS_MIB) and its peak resident
memory (getrusage via wait4) must stay under LIMIT_RSS_MIB. Under AddressSanitizer (environment
QG_STRESS_SANITIZED=1, set by CMake when QG_SANITIZE is on) the address-space cap is not applied
(ASan reserves terabytes of virtual memory), the RSS bound is tripled and the time limit is five
times longer.

Exit status: 0 pass, 1 fail, 77 skipped, 2 usage error.
"""
import json, os, resource, signal, subprocess, sys, tempfile, time

QG = None
SANITIZED = os.environ.get("QG_STRESS_SANITIZED") == "1"
LIMIT_AS_MIB = 2048
LIMIT_RSS_MIB = 3 * 256 if SANITIZED else 256
TIME_FACTOR = 5 if SANITIZED else 1
TOP_KEYS = ["quotegraph_version", "document", "quotes", "entities", "quoted_terms",
            "diagnostics", "graph", "summary"]


class Skip(Exception):
    pass


class Result:
    def __init__(self, returncode, stdout, stderr, seconds, peak_mib):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr
        self.seconds, self.peak_mib = seconds, peak_mib


def _limit_memory():
    lim = LIMIT_AS_MIB << 20
    resource.setrlimit(resource.RLIMIT_AS, (lim, lim))


def run(tmp, args, stdin_path=None, timeout=30):
    """Run quotegraph with the limits; stdout and stderr go to files. Returns a Result."""
    timeout *= TIME_FACTOR
    out_path, err_path = os.path.join(tmp, "stdout"), os.path.join(tmp, "stderr")
    with open(out_path, "wb") as out, open(err_path, "wb") as err, \
            open(stdin_path or os.devnull, "rb") as inp:
        start = time.monotonic()
        p = subprocess.Popen([QG, *args], stdin=inp, stdout=out, stderr=err,
                             preexec_fn=None if SANITIZED else _limit_memory)
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                p.kill()
                os.wait4(p.pid, 0)
                p.returncode = -9
                raise AssertionError(f"no answer within {timeout} s (killed)")
            time.sleep(0.02)
        seconds = time.monotonic() - start
        p.returncode = os.waitstatus_to_exitcode(status)
    with open(out_path, "rb") as f:
        stdout = f.read()
    with open(err_path, "rb") as f:
        stderr = f.read()
    r = Result(p.returncode, stdout, stderr, seconds, usage.ru_maxrss / 1024)
    print(f"  {' '.join(args)[:60]}: exit {r.returncode}, {seconds:.2f} s, peak {r.peak_mib:.0f} MiB")
    assert r.returncode >= 0, f"killed by signal {-r.returncode}: {stderr[-2000:]!r}"
    assert r.peak_mib <= LIMIT_RSS_MIB, f"peak memory {r.peak_mib:.0f} MiB > {LIMIT_RSS_MIB} MiB"
    return r


def write(tmp, name, data):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def processed(r):
    """Exit 0 with the JSON document; returns it."""
    assert r.returncode == 0, f"exit {r.returncode}: {r.stderr.decode(errors='replace')[-500:]}"
    doc = json.loads(r.stdout.decode("utf-8"))
    assert list(doc) == TOP_KEYS, f"top-level keys {list(doc)}"
    return doc


def refused(r, words):
    """Exit 1, nothing on stdout, one line on stderr holding `words`."""
    err = r.stderr.decode(errors="replace")
    assert r.returncode == 1, f"exit {r.returncode}: {err[-500:]}"
    assert r.stdout == b"", f"stdout {r.stdout[:200]!r}"
    assert err.startswith("quotegraph: ") and err.count("\n") == 1, f"stderr {err!r}"
    assert words in err, f"stderr {err!r} does not say {words!r}"


def diag_kinds(doc):
    return [d["kind"] for d in doc["diagnostics"]]


# ---- tests ----

def fifty_thousand_unmatched_quotation_marks(tmp):
    # openers only, closers only, and straight marks that cannot pair, in one paragraph each
    text = ("“word " * 50000 + "\n\n" + "word” " * 50000 + "\n\n" +
            "a \" b " * 50000 + "\n\n" + "x ‘ " * 50000 + "\n")
    doc = processed(run(tmp, ["analyze", write(tmp, "marks.txt", text)]))
    size = len(text.encode("utf-8"))
    for q in doc["quotes"]:
        assert 0 <= q["byte_start"] <= q["byte_end"] <= size, q
    assert "unclosed_quote" in diag_kinds(doc), "an opener that never closes is not diagnosed"


def a_quarter_million_straight_quotes_without_words(tmp):
    # one sentence of marks only: every quote once looked back to the start of the sentence
    text = '" ' * (1 << 18) + "\n"
    doc = processed(run(tmp, ["analyze", write(tmp, "straight.txt", text)], timeout=30))
    assert all(q["text"].strip('" ') == "" for q in doc["quotes"]), "a quote holds a word"
    # pairs of marks around nothing are neither quotes nor terms
    assert not doc["quotes"] and not doc["quoted_terms"], (len(doc["quotes"]), len(doc["quoted_terms"]))


def one_mebibyte_line_without_spaces(tmp):
    for name, unit in (("letters", "a"), ("initials", "A."), ("marks", "x\"y’z“")):
        data = (unit * ((1 << 20) // len(unit) + 1))[: 1 << 20]
        doc = processed(run(tmp, ["analyze", write(tmp, f"line-{name}.txt", data + "\n")]))
        assert doc["document"], name


def four_mebibyte_sentence_without_a_period(tmp):
    # one sentence of 800,000 words: any per-token scan to the sentence's end is quadratic here
    text = "the mayor of Springfield and " * (4 * (1 << 20) // 29) + "\n"
    doc = processed(run(tmp, ["analyze", write(tmp, "sentence.txt", text)], timeout=30))
    assert doc["quotes"] == []


def a_quarter_million_honorifics_in_a_row(tmp):
    # "Mr. Mr. Mr. ...": no sentence break, and every token starts a chain of titles
    text = "Mr. " * (1 << 18) + "\n"
    doc = processed(run(tmp, ["analyze", write(tmp, "mr.txt", text)], timeout=30))
    assert doc["quotes"] == []


def four_hundred_thousand_paragraphs_opening_unclosed_quotes(tmp):
    # each paragraph opens a quote that never closes: they merge into one multi-paragraph quote
    text = "“a\n\n" * 400000
    doc = processed(run(tmp, ["analyze", write(tmp, "open-paras.txt", text)], timeout=30))
    assert len(doc["quotes"]) + len(doc["quoted_terms"]) <= 1, "the paragraphs were not merged"
    assert "unclosed_quote" in diag_kinds(doc)


def three_hundred_thousand_roles_without_an_organisation(tmp):
    # one paragraph of role words: each role looked back over every mention for an organisation
    text = " officials spokesperson" * (3 * (1 << 20) // 23) + "\n"
    doc = processed(run(tmp, ["analyze", write(tmp, "roles.txt", text)], timeout=30))
    assert doc["quotes"] == []


def a_mebibyte_of_descriptions_in_one_sentence(tmp):
    # each description looked ahead over every later mention of its sentence for a name
    text = " the bank the company" * ((1 << 20) // 21) + "\n"
    doc = processed(run(tmp, ["analyze", write(tmp, "descs.txt", text)], timeout=20))
    assert doc["quotes"] == []


def a_mebibyte_of_tagged_quotes_in_one_sentence(tmp):
    # no sentence end: each quote's clause was searched to the end of the one sentence
    unit = "\u201cThe snow is heavier than forecast,\u201d said Arvid Holm of the BBC "
    text = unit * ((1 << 20) // len(unit.encode("utf-8"))) + "\n"
    doc = processed(run(tmp, ["analyze", write(tmp, "tagged.txt", text)], timeout=20))
    assert len(doc["quotes"]) > 1000


def a_mebibyte_sentence_of_reported_speech(tmp):
    # many cues in one sentence: each looked back for negation and ahead for its clause
    words = ["the", "cat", "Bob", "said", "ran", "quickly", "over", "a", "river", "and"]
    text = " ".join(words[(i * 7) % 10] for i in range(200000)) + "\n"
    doc = processed(run(tmp, ["analyze", write(tmp, "said.txt", text)], timeout=20))
    assert isinstance(doc["quotes"], list)


def hundred_thousand_one_word_paragraphs(tmp):
    words = ["Yes.", "“No,”", "said", "Reuters", "He", "Ms.", "Smith"]
    text = "\n\n".join(words[i % len(words)] for i in range(100000)) + "\n"
    doc = processed(run(tmp, ["analyze", write(tmp, "paras.txt", text)], timeout=60))
    assert isinstance(doc["quotes"], list)


def quotes_nested_a_thousand_deep(tmp):
    pairs = [("“", "”"), ("‘", "’"), ("«", "»"), ("„", "“")]
    opens = "".join(pairs[i % 4][0] + f"level {i} " for i in range(1000))
    closes = "".join(" end " + pairs[i % 4][1] for i in reversed(range(1000)))
    text = "The minister said: " + opens + "core" + closes + ", she added.\n"
    doc = processed(run(tmp, ["analyze", write(tmp, "nested.txt", text)]))
    assert doc["quotes"], "no quote found in the nested text"
    size = len(text.encode("utf-8"))
    assert all(0 <= q["byte_start"] <= q["byte_end"] <= size for q in doc["quotes"])


def nul_bytes(tmp):
    article = "“We are ready,” said Ana Ruiz, a spokeswoman for Acme.\n\n".encode("utf-8")
    data = b"\x00" + article.replace(b"ready", b"re\x00ady") + b"\x00" * 4096 + article
    doc = processed(run(tmp, ["analyze", write(tmp, "nul.txt", data)]))
    assert "nul" in diag_kinds(doc), diag_kinds(doc)
    assert len(doc["quotes"]) == 2, doc["quotes"]
    doc = processed(run(tmp, ["analyze", write(tmp, "zeros.bin", b"\x00" * (1 << 20))]))
    assert doc["quotes"] == []


def utf16_with_a_byte_order_mark_is_converted(tmp):
    text = "“We are ready,” said Ana Ruiz, a spokeswoman for Acme.\n"
    for codec in ("utf-16-le", "utf-16-be"):
        data = "\ufeff".encode(codec) + text.encode(codec)
        doc = processed(run(tmp, ["analyze", write(tmp, f"{codec}.txt", data)]))
        assert "converted" in diag_kinds(doc), (codec, diag_kinds(doc))
        assert [q["text"] for q in doc["quotes"]] == ["We are ready,"], (codec, doc["quotes"])
        assert doc["quotes"][0]["speaker"]["name"] == "Ana Ruiz", doc["quotes"][0]["speaker"]
    # a truncated last code unit and a lone surrogate: converted or refused, never a crash
    bad = "\ufeff".encode("utf-16-le") + text.encode("utf-16-le") + b"\x00\xd8A"
    r = run(tmp, ["analyze", write(tmp, "bad16.txt", bad)])
    if r.returncode == 0:
        processed(r)
    else:
        refused(r, "UTF-16")


def two_hundred_megabyte_article_is_refused(tmp):
    block = ("“The plan is fine,” said Ana Ruiz, a spokeswoman for Acme. " * 16 + "\n\n").encode()
    path = os.path.join(tmp, "huge.txt")
    size = 200 * 1000 * 1000
    with open(path, "wb") as f:
        for _ in range(size // len(block) + 1):
            f.write(block)
    refused(run(tmp, ["analyze", path]), "over the supported size")
    # the same bytes on standard input, where the size is not known in advance
    refused(run(tmp, ["analyze", "-"], stdin_path=path), "over the supported size")


def main():
    global QG
    if len(sys.argv) != 3 or sys.argv[2] not in globals() or sys.argv[2].startswith("_"):
        print(__doc__, file=sys.stderr)
        return 2
    QG = os.path.abspath(sys.argv[1])
    test = globals()[sys.argv[2]]
    with tempfile.TemporaryDirectory(prefix="qg-stress-") as tmp:
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
