#!/usr/bin/env python3
"""Output failures of the command-line tool, one per ctest test.

usage: test_output.py QUOTEGRAPH TEST_NAME

A failed write (a full device, a closed pipe, a closed stdout, a file size limit, a directory that
cannot be written) must give a one-line error on stderr and exit status 1 in every output format,
and `-o FILE` must never leave a partial or temporary file behind, nor damage an existing FILE.
Exit status: 0 pass, 1 fail, 77 skipped, 2 usage error.
"""
import json, os, resource, signal, subprocess, sys, tempfile

QG = None
FORMATS = ("json", "graphml", "text")
# long enough that every format overflows a pipe buffer and a small file size limit
ARTICLE = ("Lena Ostrova chairs the Riverside Housing Board.\n\n" + "".join(
    f"“We will publish inspection report {i} next week,” Ostrova said. "
    f"\"Nobody will lose flat {i},\" said Tariq Bell, a spokesman for Dalton Homes.\n\n"
    for i in range(300)))


class Skip(Exception):
    pass


def write(dirname, name, data):
    path = os.path.join(dirname, name)
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def one_line_error(stderr, words=None):
    err = stderr.decode(errors="replace")
    assert err.startswith("quotegraph: "), f"stderr {err!r}"
    assert err.count("\n") == 1, f"want one line on stderr, got {err!r}"
    if words:
        assert words in err, f"stderr {err!r} does not say {words!r}"
    return err


def run(args, **kw):
    return subprocess.run([QG, *args], stderr=subprocess.PIPE, timeout=30, **kw)


# ---- tests ----

def full_device_on_stdout_fails_in_every_format(tmp):
    if not os.path.exists("/dev/full"):
        raise Skip("/dev/full does not exist")
    src = write(tmp, "a.txt", ARTICLE)
    for fmt in FORMATS:
        with open("/dev/full", "wb") as full:
            r = run(["analyze", "-f", fmt, src], stdout=full)
        assert r.returncode == 1, f"{fmt}: exit {r.returncode}"
        one_line_error(r.stderr, "No space left on device")


def full_device_as_output_file_fails_in_every_format(tmp):
    if not os.path.exists("/dev/full"):
        raise Skip("/dev/full does not exist")
    src = write(tmp, "a.txt", ARTICLE)
    for fmt in FORMATS:
        r = run(["analyze", "-f", fmt, "-o", "/dev/full", src], stdout=subprocess.PIPE)
        assert r.returncode == 1, f"{fmt}: exit {r.returncode}"
        assert r.stdout == b"", f"{fmt}: output went to stdout"
        one_line_error(r.stderr, "/dev/full")


def closed_pipe_fails_with_exit_1_in_every_format(tmp):
    src = write(tmp, "a.txt", ARTICLE)
    for fmt in FORMATS:
        rfd, wfd = os.pipe()
        os.close(rfd)  # nobody will read: every write gets EPIPE
        try:
            # the child must not die of SIGPIPE even when it inherits the default action
            r = run(["analyze", "-f", fmt, src], stdout=wfd,
                    preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_DFL))
        finally:
            os.close(wfd)
        assert r.returncode == 1, f"{fmt}: exit {r.returncode} (a signal is negative)"
        one_line_error(r.stderr, "Broken pipe")


def reader_closing_the_pipe_early_fails_with_exit_1(tmp):
    # `quotegraph analyze big.txt | head -c 100`: the reader goes away after the first bytes
    src = write(tmp, "a.txt", ARTICLE * 4)
    for fmt in FORMATS:
        p = subprocess.Popen([QG, "analyze", "-f", fmt, src], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        head = p.stdout.read(100)
        p.stdout.close()
        err = p.stderr.read()
        p.wait(timeout=30)
        assert len(head) == 100, f"{fmt}: read {len(head)} bytes"
        assert p.returncode == 1, f"{fmt}: exit {p.returncode}"
        one_line_error(err, "Broken pipe")


def closed_stdout_fails_with_exit_1(tmp):
    src = write(tmp, "a.txt", ARTICLE)
    for fmt in FORMATS:
        r = subprocess.run(f'exec "{QG}" analyze -f {fmt} "{src}" >&-', shell=True,
                           stderr=subprocess.PIPE, timeout=30)
        assert r.returncode == 1, f"{fmt}: exit {r.returncode}"
        one_line_error(r.stderr)


def _file_size_limit(n):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
    return apply


def failed_write_to_output_file_leaves_no_partial_file(tmp):
    src = write(tmp, "a.txt", ARTICLE)
    outdir = os.path.join(tmp, "out")
    os.mkdir(outdir)
    dest = os.path.join(outdir, "a.out")
    for fmt in FORMATS:
        r = run(["analyze", "-f", fmt, "-o", dest, src], preexec_fn=_file_size_limit(4096),
                stdout=subprocess.PIPE)
        assert r.returncode == 1, f"{fmt}: exit {r.returncode}"
        one_line_error(r.stderr, "File too large")
        assert os.listdir(outdir) == [], f"{fmt}: files left behind: {os.listdir(outdir)}"


def file_size_limit_signal_is_an_error_not_a_kill(tmp):
    # without SIG_IGN inherited from the caller, SIGXFSZ must not kill the tool and leave the
    # temporary file: it is ignored, and the write fails with EFBIG like any other
    src = write(tmp, "a.txt", ARTICLE)
    outdir = os.path.join(tmp, "out")
    os.mkdir(outdir)
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    r = run(["analyze", "-o", os.path.join(outdir, "a.json"), src], preexec_fn=limit,
            stdout=subprocess.PIPE)
    assert r.returncode == 1, f"exit {r.returncode}"
    one_line_error(r.stderr, "File too large")
    assert os.listdir(outdir) == [], f"files left behind: {os.listdir(outdir)}"


def terminated_run_leaves_no_temporary_file(tmp):
    # SIGTERM or SIGINT while extract writes -o: the temporary file is removed
    import json, time
    src = write(tmp, "many.jsonl", "".join(
        json.dumps({"id": f"a{i}", "text": ARTICLE}) + "\n" for i in range(400)))
    outdir = os.path.join(tmp, "out")
    os.mkdir(outdir)
    for sig in (signal.SIGTERM, signal.SIGINT):
        p = subprocess.Popen([QG, "extract", "-q", "--jobs", "2", "-o",
                              os.path.join(outdir, "rec.jsonl"), src],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 20
        while not os.listdir(outdir) and time.time() < deadline and p.poll() is None:
            time.sleep(0.01)
        assert os.listdir(outdir), "no temporary file appeared (the run ended too soon)"
        p.send_signal(sig)
        p.wait(timeout=30)
        assert p.returncode == -sig, f"exit {p.returncode} for signal {sig}"
        assert os.listdir(outdir) == [], f"{sig}: files left behind: {os.listdir(outdir)}"


def failed_write_keeps_the_existing_output_file(tmp):
    src = write(tmp, "a.txt", ARTICLE)
    dest = write(tmp, "a.json", b"the previous result\n")
    os.chmod(dest, 0o640)
    r = run(["analyze", "-o", dest, src], preexec_fn=_file_size_limit(4096), stdout=subprocess.PIPE)
    assert r.returncode == 1, f"exit {r.returncode}"
    one_line_error(r.stderr)
    with open(dest, "rb") as f:
        assert f.read() == b"the previous result\n", "the existing file was changed"
    assert sorted(os.listdir(tmp)) == ["a.json", "a.txt"], os.listdir(tmp)
    # and a successful run replaces it whole, keeping its mode
    r = run(["analyze", "-o", dest, src], stdout=subprocess.PIPE)
    assert r.returncode == 0, r.stderr
    with open(dest, "rb") as f:
        assert f.read() == run(["analyze", src], stdout=subprocess.PIPE).stdout
    assert os.stat(dest).st_mode & 0o777 == 0o640, oct(os.stat(dest).st_mode)


def output_file_that_is_an_input_is_refused(tmp):
    art = write(tmp, "a.txt", ARTICLE)
    lines = write(tmp, "a.jsonl", json.dumps({"id": "a", "text": ARTICLE}) + "\n")
    link = os.path.join(tmp, "link.txt")
    os.symlink(art, link)
    for args, victim in ((["analyze", "-o", art, art], art), (["analyze", "-o", link, art], art),
                         (["extract", "-o", lines, lines], lines)):
        before = open(victim, "rb").read()
        r = subprocess.run([QG, *args], capture_output=True)
        assert r.returncode == 1, (args, r.returncode)
        one_line_error(r.stderr, "also an input")
        assert open(victim, "rb").read() == before, f"{args}: the input was changed"
    # standard input redirected from the output file, a name of --files-from, the list itself
    before = open(art, "rb").read()
    with open(art, "rb") as f:
        r = subprocess.run([QG, "analyze", "-o", art], stdin=f, capture_output=True)
    assert r.returncode == 1 and open(art, "rb").read() == before, r.stderr
    other = write(tmp, "b.txt", ARTICLE)
    lst = write(tmp, "list.txt", f"{art}\n{other}\n")
    for target in (other, lst):
        before = open(target, "rb").read()
        r = subprocess.run([QG, "extract", "--text", "--files-from", lst, "-o", target],
                           capture_output=True)
        assert r.returncode == 1 and b"also an input" in r.stderr, (target, r.stderr)
        assert open(target, "rb").read() == before, f"{target} was changed"
    records = write(tmp, "r.jsonl", subprocess.run([QG, "extract", lines], capture_output=True).stdout)
    before = open(records, "rb").read()
    r = subprocess.run([QG, "merge", "-o", records, records], capture_output=True)
    assert r.returncode == 1 and open(records, "rb").read() == before, r.stderr


def output_through_a_dangling_link_creates_its_target(tmp):
    art = write(tmp, "a.txt", ARTICLE)
    link = os.path.join(tmp, "link.json")
    os.symlink("target.json", link)
    r = subprocess.run([QG, "analyze", "-o", link, art], capture_output=True)
    assert r.returncode == 0, r.stderr
    assert os.path.islink(link) and os.readlink(link) == "target.json", "the link was replaced"
    assert json.loads(open(os.path.join(tmp, "target.json"), "rb").read())["quotes"], "no output"


def output_into_a_missing_or_read_only_directory_fails(tmp):
    src = write(tmp, "a.txt", ARTICLE)
    r = run(["analyze", "-o", os.path.join(tmp, "no-such-dir", "a.json"), src],
            stdout=subprocess.PIPE)
    assert r.returncode == 1, f"exit {r.returncode}"
    one_line_error(r.stderr, "No such file or directory")
    if os.geteuid() == 0:
        return  # root writes into read-only directories
    ro = os.path.join(tmp, "ro")
    os.mkdir(ro, 0o555)
    r = run(["analyze", "-o", os.path.join(ro, "a.json"), src], stdout=subprocess.PIPE)
    assert r.returncode == 1, f"exit {r.returncode}"
    one_line_error(r.stderr, "Permission denied")
    assert os.listdir(ro) == []


def read_only_output_file_is_refused_and_left_as_it_is(tmp):
    src = write(tmp, "a.txt", ARTICLE)
    out = write(tmp, "a.json", "keep me\n")
    os.chmod(out, 0o444)
    for args in (["analyze", "-o", out, src], ["analyze", "-f", "text", "-o", out, src]):
        r = run(args, stdout=subprocess.PIPE)
        assert r.returncode == 1, f"exit {r.returncode}"
        one_line_error(r.stderr, "read-only")
        assert open(out, "rb").read() == b"keep me\n", "the read-only file was replaced"
        assert os.stat(out).st_mode & 0o777 == 0o444
        assert sorted(os.listdir(tmp)) == ["a.json", "a.txt"], os.listdir(tmp)
    # a writable file is still replaced, keeping its mode
    os.chmod(out, 0o640)
    r = run(["analyze", "-o", out, src], stdout=subprocess.PIPE)
    assert r.returncode == 0, r.stderr
    assert open(out, "rb").read().startswith(b"{") and os.stat(out).st_mode & 0o777 == 0o640


def main():
    global QG
    if len(sys.argv) != 3 or sys.argv[2] not in globals() or sys.argv[2].startswith("_"):
        print(__doc__, file=sys.stderr)
        return 2
    QG = os.path.abspath(sys.argv[1])
    test = globals()[sys.argv[2]]
    with tempfile.TemporaryDirectory(prefix="qg-out-") as tmp:
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
