#!/usr/bin/env python3
"""Golden CLI tests: arguments and input in; exact stdout, stderr, exit code out.

Usage: run_cli_tests.py BIN_DIR CLI_TEST_DIR [--update]

Run from the project root (paths in outputs are relative to it). Bad inputs
are generated into a temporary folder, so the repository holds no binary
junk. --update rewrites the golden stdout files from the current tools.
Prints one line per case and a closing 'N passed, N failed'.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tally import Tally  # noqa: E402

BIN, HERE = sys.argv[1], sys.argv[2]
UPDATE = "--update" in sys.argv
SAMPLE = "samples/chuxiong-2022-12.txt"
SCHEMAS = os.path.abspath("schemas")  # run from the project root
EXTRACT = os.path.join(BIN, "gazette-extract")
CHECK = os.path.join(BIN, "gazette-check")


def run(args, stdin=b"", tool=EXTRACT):
    p = subprocess.run([tool] + args, input=stdin, capture_output=True, timeout=60)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


class Case:
    def __init__(self, name, args, code, stdout=None, stderr="", stdin=b"", check=None, golden=None, tool=EXTRACT):
        self.name, self.args, self.code, self.stdout, self.stderr = name, args, code, stdout, stderr
        self.stdin, self.check, self.golden, self.tool = stdin, check, golden, tool

    def __call__(self):
        code, out, err = run(self.args, self.stdin, self.tool)
        problems = []
        if code != self.code:
            problems.append(f"exit {code}, expected {self.code}")
        if self.stderr is not None and err != self.stderr:
            problems.append(f"stderr {err!r}, expected {self.stderr!r}")
        if self.golden:
            path = os.path.join(HERE, "golden", self.golden)
            if UPDATE:
                with open(path, "wb") as fh:
                    fh.write(out)
            with open(path, "rb") as fh:
                if fh.read() != out:
                    problems.append(f"stdout differs from golden/{self.golden}")
        if self.stdout is not None and out != self.stdout:
            problems.append(f"stdout {out[:200]!r}, expected {self.stdout[:200]!r}")
        if self.check:
            msg = self.check(out)
            if msg:
                problems.append(msg)
        return problems


def folder_golden(name, tool, args, skip=("catalog.sqlite",)):
    """Runs a tool that writes a folder (gazette-split, gazette-convert) into
    a fresh one and compares every file it wrote, whole, with
    golden/NAME/ (--update rewrites it); stderr and exit must be clean."""
    out = tempfile.mkdtemp(prefix="gazette-golden-")
    p = subprocess.run([tool] + args + ["-o", out], capture_output=True, timeout=120)
    problems = [] if p.returncode == 0 else [f"exit {p.returncode}"]
    if p.stderr and b"written" not in p.stderr:
        problems.append(f"stderr {p.stderr[:200]!r}")
    want_dir = os.path.join(HERE, "golden", name)
    got = {}
    for root, _, files in os.walk(out):
        for f in files:
            rel = os.path.relpath(os.path.join(root, f), out)
            if rel not in skip:
                got[rel] = open(os.path.join(root, f), "rb").read()
    if UPDATE:
        shutil.rmtree(want_dir, ignore_errors=True)
        for rel, data in got.items():
            os.makedirs(os.path.dirname(os.path.join(want_dir, rel)), exist_ok=True)
            open(os.path.join(want_dir, rel), "wb").write(data)
    want = {}
    for root, _, files in os.walk(want_dir):
        for f in files:
            want[os.path.relpath(os.path.join(root, f), want_dir)] = open(os.path.join(root, f), "rb").read()
    if sorted(got) != sorted(want):
        problems.append(f"files {sorted(set(got) ^ set(want))} differ from golden/{name}/")
    problems += [f"{rel} differs from golden/{name}/{rel}" for rel in sorted(got) if rel in want and got[rel] != want[rel]]
    shutil.rmtree(out, ignore_errors=True)
    return problems


def jsonl_docs(n):
    def check(out):
        lines = out.decode().splitlines()
        if len(lines) != n:
            return f"{len(lines)} lines, expected {n}"
        for l in lines:
            d = json.loads(l)
            if "issue" not in d or "title" not in d:
                return "a JSON Lines record lacks issue or title"
        return None
    return check


def issues(n, encoding=None):
    def check(out):
        lines = out.decode().splitlines()
        if len(lines) != n:
            return f"{len(lines)} issue lines, expected {n}"
        for l in lines:
            d = json.loads(l)
            if len(d["documents"]) != 7:
                return "an issue without its 7 documents"
            if encoding and d["source"]["encoding"] != encoding:
                return f"encoding {d['source']['encoding']}, expected {encoding}"
        return None
    return check


def pipe_into_head():
    """Output into a pipe that closes early: quiet, exit 0."""
    p = subprocess.Popen([EXTRACT, "-f", "jsonl", SAMPLE, SAMPLE, SAMPLE], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.read(100)
    p.stdout.close()
    err = p.stderr.read().decode()
    code = p.wait(timeout=60)
    problems = []
    if code != 0:
        problems.append(f"exit {code} after the pipe closed, expected 0")
    if err:
        problems.append(f"stderr {err!r} after the pipe closed")
    return problems


def json_report(out):
    """gazette-check -f json: one object, the inputs in order, the counts."""
    j = json.loads(out)
    want_inputs = [{"path": SAMPLE, "error": None}, {"path": "nope.txt", "error": "No such file or directory"}]
    if list(j) != ["tool", "successful", "inputs", "findings", "summary"]:
        return f"keys {list(j)}"
    if j["inputs"] != want_inputs or j["successful"] is not False:
        return f"inputs {j['inputs']}"
    infos = sum(f["severity"] == "info" for f in j["findings"])
    if j["summary"] != {"errors": 0, "warnings": 0, "infos": infos, "files": 1} or infos < 2:
        return f"summary {j['summary']}"
    if any(list(f) != ["path", "line", "column", "end_line", "end_column", "page", "page_line", "severity", "rule",
                       "message"] or f["page"] is not None for f in j["findings"]):
        return "a finding's keys differ"
    return None


def rules_documented(out):
    """Every rule id the tool knows has its row in docs/CHECK.md."""
    doc = open("docs/CHECK.md", encoding="utf-8").read()
    missing = [l.split("\t")[0] for l in out.decode().splitlines() if f"| `{l.split(chr(9))[0]}` |" not in doc]
    return f"rules missing from docs/CHECK.md: {missing}" if missing else None


def check_cases(write):
    """gazette-check: reports, exit codes, bad schemas and profiles."""
    def C(name, args, code, **kw):
        return Case("check-" + name, args, code, tool=CHECK, **kw)

    syntax = write("syntax.schema.yaml", b"type: object\nproperties: [unclosed\n")
    unknown = write("unknown.schema.yaml", b"type: object\nproperties:\n  a: {type: string, maxLenght: 3}\n")
    regex = write("regex.schema.yaml", b"type: object\nproperties:\n  a: {type: string, pattern: '(unclosed'}\n")
    bomb_text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for prev, c in zip("abcdefghi", "bcdefghij"):
        bomb_text += f"{c}: &{c} [" + ", ".join(["*" + prev] * 10) + "]\n"
    bomb = write("bomb.schema.yaml", bomb_text.encode())
    slow = write("slow.schema.yaml",
                 b"type: object\nproperties:\n  documents:\n    type: array\n    items:\n      type: object\n"
                 b"      properties:\n        title: {type: string, pattern: '^(a+)+$'}\n")
    long_title = write("long-title.json", json.dumps(
        {"source": {"path": "-"}, "gazette": {}, "toc": [],
         "documents": [{"title": "a" * 200000 + "!", "title_line": 1}], "diagnostics": []}).encode())
    bad_rule = write("bad-rule.yaml", b"name: x\nrules:\n  number-brakets: error\n")
    bad_sev = write("bad-sev.yaml", b"name: x\nrules:\n  number-brackets: fatal\n")
    gap_off = write("gap-off.yaml", b"name: gap-off\nrules:\n  number-serial-gap: off\n")
    bad_json = write("bad.json", b'{"documents": [\n  {"title": "x",}\n]}\n')
    # A GB18030 copy of the sample: the same findings at the same lines and
    # columns (positions come from the one decoded text the rules also read).
    gb_copy = write("gb-check.txt", open(SAMPLE, "rb").read().decode().encode("gb18030"))
    report = ["--profile", "chuxiong", "--fail-on", "info", "--format", "github"]
    # Baselines: the sample's own findings, as JSON Lines and as SARIF.
    base_json = write("base.json", subprocess.run([CHECK, "--profile", "chuxiong", "-f", "json", SAMPLE],
                                                  capture_output=True).stdout)
    base_sarif = write("base.sarif", subprocess.run([CHECK, "--profile", "chuxiong", "-f", "sarif", SAMPLE],
                                                    capture_output=True).stdout)

    def sarif_failed_input(out):
        run0 = json.loads(out)["runs"][0]
        inv = run0["invocations"][0]
        notes = inv.get("toolExecutionNotifications", [])
        ok = (inv["executionSuccessful"] is False and len(notes) == 1 and "nope.txt" in notes[0]["message"]["text"]
              and run0["results"] and "informationUri" not in run0["tool"]["driver"])
        return None if ok else f"invocations {inv}"

    def same_findings_as_utf8(out):
        want = subprocess.run([CHECK] + report + [SAMPLE], capture_output=True).stdout
        got = out.replace(gb_copy.encode(), SAMPLE.encode())
        return None if got == want and want.count(b"::") >= 2 else f"differs:\n{got[:600]!r}\n{want[:600]!r}"

    return [
        C("help", ["--help"], 0, check=lambda o: None if b"Usage" in o and b"Exit status" in o else "no usage"),
        C("version", ["--version"], 0, check=lambda o: None if o.startswith(b"gazette-check ") else "no version"),
        C("gb18030-positions", report + [gb_copy], 1, check=same_findings_as_utf8),
        C("list-rules", ["--list-rules"], 0, check=lambda o: None if b"number-brackets\terror\t" in o else "no rule list"),
        C("rules-documented", ["--list-rules"], 0, check=rules_documented),
        C("sample-chuxiong", ["--profile", "chuxiong", "--fail-on", "warning", SAMPLE], 0, golden="check-chuxiong.txt"),
        C("sample-fail-on-info", ["--profile", "chuxiong", "--fail-on", "info", "--format", "github", SAMPLE], 1,
          check=lambda o: None if o.startswith(b"::notice file=samples/chuxiong-2022-12.txt,line=656,col=1,endLine=656,endColumn=13,title=number-serial-gap::")
          else "no GitHub notice"),
        C("schema-syntax", ["--schema", syntax, SAMPLE], 2, stdout=b"",
          stderr=f"gazette-check: error: {syntax}:3:1: end of sequence flow not found\n",
          check=None),
        C("schema-unknown-keyword", ["--schema", unknown, SAMPLE], 2, stdout=b"",
          stderr=f"gazette-check: error: {unknown}:3:21: unsupported schema keyword 'maxLenght'\n"),
        C("schema-invalid-regex", ["--schema", regex, SAMPLE], 2, stdout=b"",
          stderr=f"gazette-check: error: {regex}:3:30: invalid regular expression '(unclosed': missing ): (unclosed\n"),
        C("schema-alias-bomb", ["--schema", bomb, SAMPLE], 2, stdout=b"",
          stderr=f"gazette-check: error: {bomb}:6:36: document too large: more than 1000000 nodes with aliases "
                 "expanded (an alias bomb?)\n"),
        C("schema-catastrophic-pattern", ["--schema", slow, long_title], 1, stderr="",
          check=lambda o: None if b"[schema]" in o and b"does not match ^(a+)+$" in o else "no schema finding"),
        C("profile-missing", ["--profile", "nosuch", SAMPLE], 2, stdout=b"",
          stderr=f"gazette-check: error: {SCHEMAS}/profiles/nosuch.yaml: no profile named 'nosuch' in {SCHEMAS}/profiles\n"),
        C("profile-unknown-rule", ["--profile", bad_rule, SAMPLE], 2, stdout=b"",
          stderr=f"gazette-check: error: {bad_rule}:3:3: unknown rule 'number-brakets'\n"),
        C("profile-bad-severity", ["--profile", bad_sev, SAMPLE], 2, stdout=b"",
          stderr=f"gazette-check: error: {bad_sev}:3:20: /rules/number-brackets: value fatal is not one of "
                 "[error, warning, info, off]\n"),
        C("bad-json-input", [bad_json], 2, stdout=b"",
          stderr=f"gazette-check: error: {bad_json}:2:17: invalid JSON: syntax error while parsing object key - "
                 "unexpected '}'; expected string literal\n"),
        C("missing-among-good", ["--profile", "chuxiong", SAMPLE, "nope.txt"], 2,
          stderr="gazette-check: error: nope.txt: No such file or directory\n",
          check=lambda o: None if b"number-serial-gap" in o else "findings of the good input are lost"),
        C("usage", ["--fail-on", "fatal", SAMPLE], 2, stdout=b"",
          stderr="gazette-check: error: --fail-on: fatal not in {error,warning,info}\n"
                 "run 'gazette-check --help' for usage\n"),
        # Rules set from the command line, over the profile.
        C("disable-and-severity", ["--profile", "chuxiong", "--disable", "number-serial-gap", "--severity",
                                   "department-lead-and-responsible=error", "--fail-on", "info", SAMPLE], 1,
          check=lambda o: None if b"number-serial-gap" not in o and b": error: " in o
          and o.endswith(b"1 error, 0 warnings in 1 file\n") else f"rules not set: {o[-300:]!r}"),
        C("enable-over-profile-off", ["--profile", gap_off, "--enable", "number-serial-gap", "--fail-on", "info",
                                      "-f", "json", SAMPLE], 1,
          check=lambda o: None if o.count(b"number-serial-gap") == 2 else "--enable did not turn the rule back on"),
        C("unknown-rule-option", ["--disable", "number-brakets", SAMPLE], 2, stdout=b"",
          stderr="gazette-check: error: unknown rule 'number-brakets' (gazette-check --list-rules lists them)\n"),
        C("bad-severity-option", ["--severity", "number-brackets=fatal", SAMPLE], 2, stdout=b"",
          stderr="gazette-check: error: rule number-brackets: severity 'fatal' is none of error, warning, info, off\n"),
        C("baseline-json", ["--profile", "chuxiong", "--fail-on", "info", "--baseline", base_json, SAMPLE], 0,
          stdout=b"0 errors, 0 warnings in 1 file\n"),
        C("baseline-sarif", ["--profile", "chuxiong", "--fail-on", "info", "--baseline", base_sarif, "-f", "jsonl",
                             SAMPLE], 0, stdout=b""),
        # -f json is one object, findings or none, with the inputs and counts.
        C("json-object", ["--profile", "chuxiong", "-f", "json", SAMPLE, "nope.txt"], 2,
          stderr="gazette-check: error: nope.txt: No such file or directory\n", check=json_report),
        C("baseline-not-a-report", ["--baseline", SAMPLE, SAMPLE], 2, stdout=b"",
          stderr=f"gazette-check: error: --baseline {SAMPLE}: not a gazette-check report (-f json, jsonl or sarif): "
                 "line 3 is no finding\n"),  # the first line that is not blank
        C("sarif-failed-input", ["--profile", "chuxiong", "-f", "sarif", "nope.txt", SAMPLE], 2,
          stderr="gazette-check: error: nope.txt: No such file or directory\n", check=sarif_failed_input),
        C("color-always", ["--profile", "chuxiong", "--color", "always", SAMPLE], 0,
          check=lambda o: None if b"\x1b[1;36minfo\x1b[0m" in o and b"\x1b[1;32m^~" in o else "no colour"),
        # A list of paths on standard input gives the findings the paths give.
        C("files-from-stdin", ["--profile", "chuxiong", "--format", "json", "--files-from", "-"], 0,
          stdin=(SAMPLE + "\n").encode(),
          check=lambda o: None if o == run(["--profile", "chuxiong", "--format", "json", SAMPLE], tool=CHECK)[1]
          and o.count(b"\n") >= 2 else "findings differ from the same path given as FILE"),
    ]


def main():
    tmp = tempfile.mkdtemp(prefix="gazette-cli-")
    sample = open(SAMPLE, "rb").read()

    def write(name, data):
        path = os.path.join(tmp, name)
        with open(path, "wb") as fh:
            fh.write(data)
        return path

    empty = write("empty.txt", b"")
    binary = write("binary.bin", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
    bad_utf8 = write("bad.txt", "楚政通\n第二行\n".encode() + b"\xff\xfe\xfd" + "\n".encode())
    nul = write("nul.txt", sample[:200] + b"\x00" + sample[200:])
    prose = write("prose.txt", "今天天气很好。\n我们去公园散步。\n".encode())
    gb = write("gb.txt", sample.decode().encode("gb18030"))
    path_list = write("list.txt", f"{SAMPLE}\n{gb}\n".encode())
    out_file = os.path.join(tmp, "out.json")

    cases = [
        Case("help", ["--help"], 0, stderr="", check=lambda o: None if b"Usage" in o and b"Exit status" in o else "no usage"),
        Case("version", ["--version"], 0, check=lambda o: None if o.startswith(b"gazette-extract ") else "no version"),
        Case("sample-json", ["--no-text", SAMPLE], 0, golden="chuxiong-2022-12.json"),
        # A document on its own: red header, annotations standing alone, label lines.
        Case("redhead-json", ["--no-text", "tests/fixtures/redhead-style.txt"], 0, golden="redhead-style.json"),
        # A provincial issue: 第5期（总第485期） on one line, 出版 date, 【】 sections,
        # leaders before (N), joint issuers run together, a Chinese-numeral date.
        Case("provincial-json", ["--no-text", "tests/fixtures/provincial-style.txt"], 0, golden="provincial-style.json"),
        Case("sample-jsonl", ["--no-text", "--format", "jsonl", SAMPLE], 0, check=jsonl_docs(7)),
        Case("sample-yaml", ["--no-text", "--format", "yaml", SAMPLE], 0,
             check=lambda o: None if o.startswith(b"---\n") and "大事记".encode() in o else "not YAML"),
        Case("stdin", ["--no-text", "-"], 0, stdin=sample,
             check=lambda o: None if json.loads(o)["source"]["path"] == "-" else "path is not -"),
        Case("gb18030", ["--no-text", gb], 0, check=lambda o: None if json.loads(o)["source"]["encoding"] == "GB18030" else "not GB18030"),
        # The format alone decides the shape (OUTPUT.md): -f json is one
        # issue, so two inputs are a usage error naming the line formats.
        Case("two-inputs-json-refused", [SAMPLE, gb], 2, stdout=b"",
             stderr="gazette-extract: error: -f json writes one issue and 2 inputs were given: use -f jsonl "
                    "(a line per document; --unit issue: a line per issue) or -f yaml\n"),
        Case("two-inputs-issue-lines", ["--no-text", "-f", "jsonl", "--unit", "issue", SAMPLE, gb], 0, check=issues(2)),
        Case("two-inputs-document-lines", ["--no-text", "-f", "jsonl", SAMPLE, gb], 0, check=jsonl_docs(14)),
        Case("two-inputs-yaml", ["--no-text", "-f", "yaml", SAMPLE, gb], 0,
             check=lambda o: None if o.count(b"\n---\n") == 1 and o.startswith(b"---\n") else "not a stream of two"),
        Case("unit-without-jsonl", ["--unit", "issue", SAMPLE], 2, stdout=b"",
             stderr="gazette-extract: error: --unit applies to -f jsonl only\n"),
        Case("missing-file", ["nope.txt"], 2, stdout=b"", stderr="gazette-extract: error: nope.txt: No such file or directory\n"),
        Case("directory", ["samples"], 2, stdout=b"", stderr="gazette-extract: error: samples: is a directory\n"),
        Case("empty", [empty], 2, stdout=b"", stderr=f"gazette-extract: error: {empty}: empty input\n"),
        Case("binary", [binary], 2, stdout=b"", stderr=f"gazette-extract: error: {binary}:1:5: binary data (control byte)\n"),
        Case("invalid-utf8", [bad_utf8], 2, stdout=b"",
             stderr=f"gazette-extract: error: {bad_utf8}:3:1: invalid UTF-8 (and not GB18030 either)\n"),
        # The NUL byte's own line and column (line 23, the 7th character).
        Case("nul-in-issue", [nul], 2, stdout=b"", stderr=f"gazette-extract: error: {nul}:23:7: binary data (NUL byte)\n"),
        Case("not-a-gazette", [prose], 2, stdout=b"",
             stderr=f"gazette-extract: error: {prose}: not a gazette: no masthead, table of contents, document title or numbered headings found\n"),
        Case("bad-among-good", ["--no-text", "-f", "jsonl", "--unit", "issue", SAMPLE, "nope.txt", SAMPLE], 2, check=issues(2),
             stderr="gazette-extract: error: nope.txt: No such file or directory\n"),
        Case("unknown-option", ["--frobnicate", SAMPLE], 2, stdout=b"",
             stderr="gazette-extract: error: The following argument was not expected: --frobnicate\n"
                    "run 'gazette-extract --help' for usage\n"),
        Case("bad-format", ["--format", "xml", SAMPLE], 2, stdout=b"",
             stderr="gazette-extract: error: --format: xml not in {json,jsonl,yaml}\n"
                    "run 'gazette-extract --help' for usage\n"),
        Case("no-input", [], 2, stdout=b"",
             stderr="gazette-extract: error: no input files (give FILE or --files-from; see --help)\n"),
        # Path lists (--files-from) of one path are one input;
        # a bad path among them is reported and the others go on.
        Case("files-from", ["--no-text", "-f", "jsonl", "--unit", "issue", "--files-from", path_list], 0, check=issues(2)),
        Case("files-from-stdin", ["--no-text", "-f", "jsonl", "--unit", "issue", "--files-from", "-"], 2, stdin=f"{SAMPLE}\r\n\nnope.txt\n".encode(),
             check=issues(1), stderr="gazette-extract: error: nope.txt: No such file or directory\n"),
        Case("files-from-and-files", ["--no-text", "-f", "jsonl", "--unit", "issue", "--files-from", path_list, SAMPLE], 0, check=issues(3)),
        Case("files-from-missing", ["--files-from", "nolist.txt"], 2, stdout=b"",
             stderr="gazette-extract: error: nolist.txt: No such file or directory\n"),
        Case("files-from-stdin-twice", ["--files-from", "-", "-"], 2, stdout=b"",
             stderr="gazette-extract: error: standard input cannot be both an input and the list of inputs (--files-from -)\n"),
        Case("output-file", ["--no-text", "-o", out_file, SAMPLE], 0, stdout=b"",
             check=lambda o: None if open(out_file, "rb").read() == run(["--no-text", SAMPLE])[1] else "file differs from stdout"),
        Case("output-unwritable", ["-o", "/nonexistent-dir/out.json", SAMPLE], 2, stdout=b"",
             stderr="gazette-extract: error: /nonexistent-dir/out.json: cannot write: No such file or directory\n"),
    ]
    cases += check_cases(write)
    t = Tally()
    for case in cases:
        problems = case()
        if case.name == "nul-in-issue" and not problems:
            # position of the NUL byte: line and column in the original
            _, _, err = run(case.args)
            if "binary data (NUL byte)" not in err or f"{nul}:" not in err:
                problems.append(f"stderr {err!r} names no NUL byte position")
        t.check(case.name, problems)
    t.check("pipe-into-head", pipe_into_head())
    # Folders written by gazette-split and gazette-convert, compared whole.
    split, convert = os.path.join(BIN, "gazette-split"), os.path.join(BIN, "gazette-convert")
    t.check("split-provincial-whole", folder_golden("split-provincial", split, ["tests/fixtures/provincial-style.txt"]))
    t.check("split-separate-gwy-whole",
            folder_golden("split-separate-gwy", split, ["--separate", "tests/fixtures/gwy-style.txt"]))
    t.check("convert-fixtures-whole",
            folder_golden("convert-fixtures", convert, ["-q", "-j1", "--root", "tests/fixtures",
                                                        "tests/fixtures/provincial-style.txt",
                                                        "tests/fixtures/gwy-style.txt"]))
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
