"""Hostile and careless input: nothing misread, nothing crashes or hangs, every problem a clean
exit 2 with a positioned message (or 130/143 when interrupted)."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawcheck.errors import LawcheckError, render_all
from lawcheck import load_suites
from lawcheck import load_statutes

HEAD = "suite: h\ntitle: h\nscenarios:\n"


def _case(tmp_path: Path, body: str, name: str = "c.yaml") -> Path:
    f = tmp_path / name
    f.write_text(HEAD + body, encoding="utf-8")
    return f


def _one(facts: str) -> str:
    return f"  - id: s\n    title: s\n    facts: {facts}\n"


def _error(cli, *args, cwd) -> str:
    p = cli(*args, cwd=cwd)
    assert p.returncode == 2, (p.stdout, p.stderr)
    assert "Traceback" not in p.stderr
    return p.stderr


# ---------------------------------------------------------------------------- nothing misread

@pytest.mark.parametrize("written,read", [("017", 17), ("0o17", 15), ("+17", 17)])
def test_zero_padded_numbers_are_decimal(statutes, tmp_path, written, read):
    f = _case(tmp_path, _one(f"{{victim_age: {written}, acts: [transfer], "
                             f"circumstances: {{injury_percent: 031}}}}"))
    facts = load_suites([f], statutes)[0].scenarios[0].facts
    assert (facts.victim_age, facts.circumstances.injury_percent) == (read, 31)


@pytest.mark.parametrize("written", ["1:05", "1_7", "0b10001", "0x11.0"])
def test_yaml_11_number_forms_are_refused_with_the_field(statutes, tmp_path, written):
    f = _case(tmp_path, _one(f"{{victim_age: {written}, acts: [transfer]}}"))
    with pytest.raises(LawcheckError) as info:
        load_suites([f], statutes)
    [d] = info.value.diagnostics
    assert d.context == "scenarios[0].facts.victim_age" and d.span.line == 6


# ------------------------------------------------------------------------- limits, refused at once

def test_alias_bomb_is_refused_at_once(cli, tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    f = tmp_path / "bomb.yaml"
    f.write_text("\n".join(lines) + "\n" + HEAD + _one("{victim_age: 3, acts: [transfer]}"),
                 encoding="utf-8")
    start = time.monotonic()
    err = _error(cli, "run", str(f), cwd=tmp_path)
    assert time.monotonic() - start < 20
    assert "error: not read: YAML aliases expand the document by more than 100,000 values" in err


@pytest.mark.parametrize("text", [" " + "[" * 5000 + "]" * 5000, "\n" + "".join(
    " " * (2 + 2 * i) + "-\n" for i in range(300))])
def test_deep_nesting_is_refused(cli, tmp_path, text):
    f = tmp_path / "deep.yaml"
    f.write_text("suite: d\ntitle: d\nscenarios:" + text + "\n", encoding="utf-8")
    err = _error(cli, "run", str(f), cwd=tmp_path)
    # ours (over 100 levels), or libyaml's own limit, positioned either way
    assert "not read: nested more than 100 levels" in err or \
        "invalid YAML: exceeded maximum nesting depth" in err
    assert err.startswith("deep.yaml:")


def test_nul_byte_is_positioned(cli, tmp_path):
    f = tmp_path / "nul.yaml"
    f.write_bytes(b'suite: n\ntitle: "a\x00b"\n')
    err = _error(cli, "run", str(f), cwd=tmp_path)
    assert err.startswith("nul.yaml:2:10: error: a NUL character (byte 0) in the file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_and_device_in_a_folder_are_refused_not_read(cli, tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    os.mkfifo(folder / "pipe.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    err = _error(cli, "run", str(folder), cwd=tmp_path)      # the CLI helper times out at 120 s
    assert "cases/pipe.yaml: error: not read: a FIFO (named pipe), not a regular file" in err
    assert "cases/zero.yaml: error: not read: a character device, not a regular file" in err


def test_size_limit_and_its_override(cli, tmp_path):
    f = _case(tmp_path, _one("{victim_age: 20, acts: [transfer]}") + "# " + "x" * 300_000 + "\n")
    err = _error(cli, "run", str(f), "--max-file-size", "200K", cwd=tmp_path)
    assert "c.yaml: error: not read: 300,1" in err and "over the limit of 200 KiB" in err
    assert "--max-file-size" in err
    assert cli("run", str(f), "--max-file-size", "1M", cwd=tmp_path).returncode == 0
    bad = cli("run", str(f), "--max-file-size", "lots", cwd=tmp_path)
    assert bad.returncode == 2 and "invalid size 'lots'" in bad.stderr


def test_the_same_file_twice_is_read_once(cli, tmp_path):
    f = _case(tmp_path, _one("{victim_age: 20, acts: [transfer]}"))
    p = cli("run", str(f), str(f), str(tmp_path), cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "1 scenario (suites" in p.stdout


# ----------------------------------------------------------------------- output that scales

def test_many_errors_are_capped_and_each_file_read_once(tmp_path, statutes):
    body = "".join(f"  - id: s{i}\n    title: s\n    facts: {{victim_age: -1, acts: [transfer]}}\n"
                   for i in range(10_000))
    f = _case(tmp_path, body)
    start = time.monotonic()
    with pytest.raises(LawcheckError) as info:
        load_suites([f], statutes)
    text = render_all(info.value)
    assert time.monotonic() - start < 30
    assert len(info.value.diagnostics) == 10_000
    assert "... and 9950 more errors (the first 50 are shown)" in text
    assert text.endswith("10000 errors found.")


def test_a_long_line_is_clipped_around_the_caret(cli, tmp_path):
    f = _case(tmp_path, _one("{victim_age: 20, acts: [transfer], purposes: [" + "x" * 200_000
                             + "]}"))
    err = _error(cli, "run", str(f), cwd=tmp_path)
    assert len(err) < 5_000
    assert "…" in err and "^" in err


def test_control_characters_are_escaped_on_the_terminal(cli, tmp_path):
    f = _case(tmp_path, '  - id: s\n    title: "ring\\a and clear\\e[2J"\n'
                        "    facts: {victim_age: 20, acts: [transfer]}\n")
    p = cli("explain", "s", "--cases", str(f), "--instrument", "palermo", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "\x1b" not in p.stdout and "\x07" not in p.stdout
    assert "ring\\x07 and clear\\x1b[2J" in p.stdout
    doc = json.loads(cli("run", str(f), "--format", "json", cwd=tmp_path).stdout)
    assert doc["scenarios"][0]["title"] == "ring\x07 and clear\x1b[2J"   # JSON keeps the data


# ------------------------------------------------------------------------------- output targets

def test_output_targets(cli, tmp_path):
    case = _case(tmp_path, _one("{victim_age: 20, acts: [transfer]}"))
    err = _error(cli, "report", str(case), "-o", "/dev/null", cwd=tmp_path)
    assert "cannot write '/dev/null': it exists and is not a regular file" in err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    (tmp_path / "f").write_text("x", encoding="utf-8")
    err = _error(cli, "report", str(case), "-o", "f/x.html", cwd=tmp_path)
    assert "'f' is a file, not a folder" in err and "mkdir" not in err
    page = tmp_path / "p.html"
    page.write_text("old", encoding="utf-8")
    page.chmod(0o600)
    assert cli("report", str(case), "-o", str(page), cwd=tmp_path).returncode == 0
    assert stat.S_IMODE(page.stat().st_mode) == 0o600 and page.read_text().startswith("<!DOCTYPE")
    p = cli("report", str(case), "-o", "-", cwd=tmp_path)
    assert p.returncode == 0 and p.stdout.startswith("<!DOCTYPE html>")
    assert not (tmp_path / "-").exists()
    assert sorted(x.name for x in tmp_path.iterdir()) == ["c.yaml", "f", "p.html"]


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    from lawcheck import files

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomically("text", tmp_path / "out.html")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
@pytest.mark.parametrize("sig,code,word", [(signal.SIGINT, 130, "interrupted"),
                                           (signal.SIGTERM, 143, "terminated")])
def test_signals_exit_cleanly(tmp_path, sig, code, word):
    big = tmp_path / "big.yaml"
    body = "".join(f"  - id: s{i}\n    title: s\n    facts: {{victim_age: {i % 40}, "
                   f"acts: [transfer], purposes: [forced_labour]}}\n" for i in range(20_000))
    big.write_text(HEAD + body, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    p = subprocess.Popen([sys.executable, "-m", "lawcheck", "report", str(big), "-o", "r.html"],
                         cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    time.sleep(2.0)
    p.send_signal(sig)
    out, err = p.communicate(timeout=60)
    if p.returncode == 0:
        pytest.skip("the run finished before the signal arrived")
    assert (p.returncode, err) == (code, f"lawcheck: {word}\n"), err    # all of it, if not
    assert [x.name for x in tmp_path.iterdir() if x.name.startswith(".lawcheck-")] == []


# --------------------------------------------------------------------------- cross-references

def _chain(folder: Path, bundled: Path, refers: dict[int, list[int]], n: int) -> Path:
    folder.mkdir()
    (folder / "vocabulary.law").write_text((bundled / "vocabulary.law").read_text("utf-8"),
                                           encoding="utf-8")
    for i in range(n):
        targets = refers.get(i, [])
        body = (f'refers to {", ".join(f"i{t}" for t in targets)} "A"' if targets else
                'act "A" { transfer en "t" }\n      means "A" { force en "f" }\n'
                '      purpose "A" { forced_labour en "fl" other_inhumane_purpose en "o" open "q?" }')
        (folder / f"i{i}.law").write_text(f'''instrument i{i} {{
  title "I{i}" short "I{i}" kind "treaty" jurisdiction "X" citation "I{i}"
  source "test" in_force 2000-01-01 .. confidence verbatim
  provision p "Art. 1" {{
    limb a "Art. 1(a)" {{
      {body}
    }}
  }}
}}
''', encoding="utf-8")
    return folder


def test_a_chain_of_80_references_evaluates(tmp_path, bundled_statute_dir, cli):
    folder = _chain(tmp_path / "s", bundled_statute_dir, {i: [i - 1] for i in range(1, 80)}, 80)
    case = _case(tmp_path, _one("{victim_age: 30, acts: [transfer], means: [force], "
                                "purposes: [forced_labour]}"))
    p = cli("run", str(case), "--statutes", str(folder), "--format", "json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    results = json.loads(p.stdout)["scenarios"][0]["results"]
    assert {r["verdict"] for r in results.values()} == {"met"}


def test_a_ladder_of_references_is_linear(tmp_path, bundled_statute_dir, cli):
    # each instrument refers to the two before it: 2**40 paths, 40 instruments
    folder = _chain(tmp_path / "s", bundled_statute_dir,
                    {i: [i - 1, i - 2] for i in range(2, 40)}, 40)
    case = _case(tmp_path, _one("{victim_age: 30, acts: [transfer], means: [force], "
                                "purposes: [other_inhumane_purpose]}"))
    start = time.monotonic()
    p = cli("explain", "s", "--cases", str(case), "--statutes", str(folder), "--instrument",
            "i39", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "UNCERTAIN" in p.stdout and "q?" in p.stdout
    assert time.monotonic() - start < 30


def test_a_cycle_is_named_and_a_deep_chain_refused(tmp_path, bundled_statute_dir):
    refers = {i: [i - 1] for i in range(1, 110)}
    refers[0] = [3]
    folder = _chain(tmp_path / "s", bundled_statute_dir, refers, 110)
    with pytest.raises(LawcheckError) as info:
        load_statutes(folder)
    messages = [d.message for d in info.value.diagnostics]
    assert "circular reference: i0 -> i3 -> i2 -> i1 -> i0" in messages
    refers[0] = []
    folder = _chain(tmp_path / "t", bundled_statute_dir, refers, 110)
    with pytest.raises(LawcheckError) as info:
        load_statutes(folder)
    [d] = info.value.diagnostics
    assert d.message == "references from 'i100' are 101 instruments deep"   # i100 -> ... -> i0
    assert d.expected == "at most 100"


# ------------------------------------------------------------------------------------ the fuzz

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

_YAMLISH = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz0123456789 :-[]{}&*!|>'\"#,.\n\t?%@`\x00\x1b")),
                   max_size=400)


@FUZZ
@given(st.one_of(st.binary(max_size=400), _YAMLISH.map(lambda s: s.encode("utf-8")),
                 _YAMLISH.map(lambda s: (HEAD + s).encode("utf-8"))))
def test_case_reader_fuzz_gives_only_lawchecks_own_errors(tmp_path, statutes, data):
    f = tmp_path / "fuzz.yaml"
    f.write_bytes(data)
    start = time.monotonic()
    try:
        load_suites([f], statutes)
    except LawcheckError as exc:
        render_all(exc)
    assert time.monotonic() - start < 10


_LAWISH = st.text(alphabet=st.sampled_from(list('abcdefghijklmnopqrstuvwxyz0123456789 "{}(),.<>=#\\\n-_[]')),
                  max_size=400)


@FUZZ
@given(st.one_of(st.binary(max_size=300), _LAWISH.map(lambda s: s.encode("utf-8"))))
def test_statute_parser_fuzz_gives_only_lawchecks_own_errors(tmp_path, bundled_statute_dir, data):
    folder = tmp_path / "law"
    folder.mkdir(exist_ok=True)
    (folder / "vocabulary.law").write_text((bundled_statute_dir / "vocabulary.law")
                                           .read_text("utf-8"), encoding="utf-8")
    (folder / "fuzz.law").write_bytes(data)
    start = time.monotonic()
    try:
        load_statutes(folder)
    except LawcheckError as exc:
        render_all(exc)
    assert time.monotonic() - start < 10


def test_aliases_are_counted_across_the_whole_file(cli, tmp_path):
    # each scenario's alias adds a few hundred values; together they pass the file's budget
    big = "[" + ", ".join(["x"] * 400) + "]"
    body = f"  - id: s0\n    title: &t {big}\n    facts: {{victim_age: 1, acts: [transfer]}}\n"
    body += "".join(f"  - id: s{i}\n    title: *t\n    facts: {{victim_age: 1, acts: [transfer]}}\n"
                    for i in range(1, 400))
    f = _case(tmp_path, body)
    start = time.monotonic()
    err = _error(cli, "run", str(f), cwd=tmp_path)
    assert time.monotonic() - start < 30
    assert "YAML aliases expand the document by more than 100,000 values" in err


def test_the_files_own_fields_are_reported_once(cli, tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("suite: h\ntitle: [not, text]\nbase: x\nscenarios:\n"
                 + _one("{victim_age: 20, acts: [transfer]}"), encoding="utf-8")
    err = _error(cli, "run", str(f), cwd=tmp_path)
    assert err.count("unknown field 'base'") == 1 and err.count("c.yaml:2:") == 1
    assert err.rstrip().endswith("2 errors found.")


def test_json_stays_valid_with_unusual_characters(cli, tmp_path):
    f = _case(tmp_path, '  - id: s\n    title: "a\\u00a0b\\u007fc\\u2028d\\u0085e"\n'
                        "    facts: {victim_age: 20, acts: [transfer]}\n")
    for fmt in ("json", "jsonl"):
        p = cli("run", str(f), "--format", fmt, cwd=tmp_path)
        assert p.returncode == 0, p.stderr
        if fmt == "json":
            titles = [s["title"] for s in json.loads(p.stdout)["scenarios"]]
        else:       # every record on one line, whatever a reader takes for a line break
            records = [json.loads(x) for x in p.stdout.splitlines()]
            titles = [r["title"] for r in records if r["type"] == "scenario"]
        assert "a\u00a0b\u007fc\u2028d\u0085e" in titles
    text = cli("run", str(f), cwd=tmp_path).stdout
    assert "\x7f" not in text and "\x85" not in text


@pytest.mark.parametrize("broken,line,hint", [
    ('title "Demo" short "Demo kind "treaty"', 2,
     "a string just before this ends early: is its closing quote missing"),
    ('title "Demo" short "Demo" kind "treaty"\n  note "unclosed', 4,
     "the string that opens at line 3, column 8 runs on to line 4: is its closing quote missing?"),
])
def test_an_unclosed_string_is_named(tmp_path, bundled_statute_dir, broken, line, hint):
    folder = tmp_path / "law"
    folder.mkdir()
    (folder / "vocabulary.law").write_text((bundled_statute_dir / "vocabulary.law")
                                           .read_text("utf-8"), encoding="utf-8")
    (folder / "d.law").write_text(f'''instrument demo {{
  {broken}
  jurisdiction "X" citation "D"
  source "test" in_force 2000-01-01 .. confidence verbatim
  provision p1 "Art. 1" {{
    limb a "Art. 1(a)" {{
      act "Art. 1(a)" {{ transfer en "transfer" }}
      no means "x"
    }}
  }}
}}
''', encoding="utf-8")
    with pytest.raises(LawcheckError) as info:
        load_statutes(folder)
    d = info.value.diagnostics[0]
    assert d.span.line == line and d.suggestion.startswith(hint)
