"""The command line as a user meets it: exit codes, JSON shape, errors without tracebacks."""

from __future__ import annotations

import json

from lawcheck import load_statutes

# every bundled instrument, in the order the statute set has them: from the data, so that adding
# an instrument (a statute file) needs no change here
EXPECTED_IDS = list(load_statutes().ids)

CASE = """suite: mine
title: Mine
scenarios:
  - id: mine-17
    title: A 17-year-old handed over without means
    facts: {victim_age: 17, acts: [transfer], purposes: [sexual_exploitation]}
    expect:
      palermo: {verdict: met, reason: "Art. 3(c)"}
      vn-cc-150: {verdict: met, reason: "a deliberately wrong expectation"}
"""


def test_run_bundled_from_another_directory(cli, tmp_path):
    p = cli("run", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "all hold" in p.stdout
    assert "age-17-handed-over-no-means" in p.stdout
    for inst in EXPECTED_IDS:
        assert inst in p.stdout


def test_run_json_without_trace_is_compact(cli, tmp_path):
    doc = json.loads(cli("run", "--format", "json", cwd=tmp_path).stdout)
    assert doc["schema_version"] == 2 and doc["trace"] is False
    sc = next(s for s in doc["scenarios"] if s["id"] == "age-17-handed-over-no-means")
    assert set(sc["results"]["palermo"]) == {"verdict", "reasons", "penalty", "in_force"}
    assert set(sc["divergences"][0]) == {"between", "kind", "element"}
    unsure = next(s for s in doc["scenarios"] if s["id"] == "debt-bondage-fishing-crew")
    [reason] = unsure["results"]["vn-cc-150"]["reasons"]
    point = next(p for p in doc["open_points"] if p["number"] == reason["open_point"])
    assert point["question"].startswith("Coercion other than force")
    jsonl = cli("run", "--format", "jsonl", cwd=tmp_path).stdout.splitlines()
    lines = [json.loads(x) for x in jsonl]
    assert [x["type"] for x in (lines[0], lines[-1])] == ["run", "summary"]
    assert [x["id"] for x in lines[1:-1]] == [s["id"] for s in doc["scenarios"]]
    assert lines[-1]["scenarios"] == doc["summary"]["scenarios"] and lines[-1]["passed"]


def test_run_json_document_shape(cli, tmp_path):
    p = cli("run", "--format", "json", "--trace", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert [i["id"] for i in doc["instruments"]] == EXPECTED_IDS
    for inst in doc["instruments"]:
        assert {"id", "title", "provisions"} <= set(inst)
        for prov in inst["provisions"]:
            assert {"id", "citation", "in_force_from", "in_force_to", "confidence"} <= set(prov)
    assert len(doc["scenarios"]) >= 30
    sc = next(s for s in doc["scenarios"] if s["id"] == "age-17-handed-over-no-means")
    assert sc["results"]["palermo"]["verdict"] == "met"
    assert sc["results"]["palermo"]["provision"] == "art3"
    assert sc["results"]["palermo"]["limb"] == "c"
    el = sc["results"]["palermo"]["elements"][0]
    assert {"name", "status", "fact", "citation"} <= set(el)
    assert sc["results"]["vn-cc-150"]["verdict"] == "not_met"
    div = {tuple(d["between"]): d for d in sc["divergences"]}
    assert div[("palermo", "vn-cc-150")]["element"] == "means"
    assert "needs no means" in div[("palermo", "vn-cc-150")]["explanation"]
    assert div[("palermo", "vn-cc-151")]["element"] == "child age"
    assert sc["expectations"] == {**sc["expectations"], "passed": True, "mismatches": []}
    unsure = next(s for s in doc["scenarios"] if s["id"] == "debt-bondage-fishing-crew")
    reasons = unsure["results"]["vn-cc-150"]["reasons"]
    assert reasons and reasons[0]["kind"] == "open_law"
    actip = next(i for i in doc["instruments"] if i["id"] == "actip")
    assert actip["unverified"] is True


def test_output_is_deterministic(cli, tmp_path):
    a = cli("run", "--format", "json", cwd=tmp_path).stdout
    b = cli("run", "--format", "json", cwd=tmp_path).stdout
    assert a == b
    assert cli("run", cwd=tmp_path).stdout == cli("run", cwd=tmp_path).stdout


def test_failed_expectation_exits_1_and_explains(cli, tmp_path):
    (tmp_path / "mine.yaml").write_text(CASE, encoding="utf-8")
    p = cli("run", "mine.yaml", cwd=tmp_path)
    assert p.returncode == 1
    assert "MISMATCH mine-17 [vn-cc-150]" in p.stdout
    assert "expected met, got not met" in p.stdout
    assert "a deliberately wrong expectation" in p.stdout
    assert "means" in p.stdout
    doc = json.loads(cli("run", "mine.yaml", "--format", "json", cwd=tmp_path).stdout)
    [mm] = doc["scenarios"][0]["expectations"]["mismatches"]
    assert (mm["instrument"], mm["expected"], mm["actual"]) == ("vn-cc-150", "met", "not_met")


def test_invalid_case_file_exits_2_without_traceback(cli, tmp_path):
    (tmp_path / "bad.yaml").write_text(CASE.replace("purposes", "purpose"), encoding="utf-8")
    p = cli("run", "bad.yaml", cwd=tmp_path)
    assert p.returncode == 2
    assert p.stdout == ""
    assert "bad.yaml:6:" in p.stderr
    assert "unknown field 'purpose'" in p.stderr
    assert "did you mean 'purposes'?" in p.stderr
    assert "Traceback" not in p.stderr


def test_debug_shows_the_traceback(cli, tmp_path):
    (tmp_path / "bad.yaml").write_text(CASE.replace("purposes", "purpose"), encoding="utf-8")
    p = cli("run", "bad.yaml", "--debug", cwd=tmp_path)
    assert p.returncode != 0
    assert "Traceback" in p.stderr


def test_invalid_statutes_exit_2(cli, tmp_path, bundled_statute_dir):
    folder = tmp_path / "st"
    folder.mkdir()
    for f in bundled_statute_dir.glob("*.law"):
        (folder / f.name).write_text(f.read_text(encoding="utf-8").replace(
            "means force ", "meens force "), encoding="utf-8")
    p = cli("run", "--statutes", "st", cwd=tmp_path)
    assert p.returncode == 2
    assert "st/vocabulary.law:" in p.stderr
    assert "did you mean 'means'?" in p.stderr
    assert "Traceback" not in p.stderr


def test_explain(cli, tmp_path):
    p = cli("explain", "age-17-handed-over-no-means", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert "VERDICT: ✓ MET  (under Art. 3(c)-(d))" in out
    assert "VERDICT: ✗ NOT MET  (nearest to being met: Art. 150(1)(b))" in out
    assert '"Child" shall mean any person under eighteen years of age.' in out
    assert "người dưới 16 tuổi" in out
    assert "Divergences:" in out


def test_explain_one_instrument_json(cli, tmp_path):
    p = cli("explain", "humanitarian-adoption-res-02-2019-art-7-3", "--instrument", "vn-cc-151",
            "--format", "json", cwd=tmp_path)
    doc = json.loads(p.stdout)
    assert list(doc["results"]) == ["vn-cc-151"]
    r = doc["results"]["vn-cc-151"]
    assert r["verdict"] == "not_met"
    assert any(n["rule"] == "exception" for n in r["notes"])


def test_explain_unknown_scenario_suggests(cli, tmp_path):
    p = cli("explain", "age-17-handed-over-no-mean", cwd=tmp_path)
    assert p.returncode == 2
    assert "did you mean 'age-17-handed-over-no-means'?" in p.stderr


def test_list(cli, tmp_path):
    p = cli("list", cwd=tmp_path)
    assert p.returncode == 0
    assert "vn-law-2011" in p.stdout and "2012-01-01 to 2025-06-30" in p.stdout
    assert "contains unverified text" in p.stdout
    doc = json.loads(cli("list", "--format", "json", cwd=tmp_path).stdout)
    assert [i["id"] for i in doc["instruments"]] == EXPECTED_IDS


def test_missing_path_is_invalid_input(cli, tmp_path):
    p = cli("run", "nowhere.yaml", cwd=tmp_path)
    assert p.returncode == 2
    assert "nowhere.yaml: error: no such case file or folder" in p.stderr


def test_explain_takes_case_paths_like_run(cli, tmp_path):
    (tmp_path / "mine.yaml").write_text(CASE, encoding="utf-8")
    ids = [line.split()[-1] for line in CASE.splitlines() if line.strip().startswith("- id:")]
    p = cli("explain", ids[0], "mine.yaml", "--brief", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith(f"Scenario {ids[0]}  mine.yaml:4:5\n")
    assert cli("explain", ids[0], "--cases", "mine.yaml", "--brief", cwd=tmp_path).stdout == p.stdout


def test_history_says_when_a_period_is_still_to_come(statutes, suites):
    from datetime import date

    from lawcheck.engine.history import history
    from lawcheck.views.text import history_text as text
    sc = suites[0].scenarios[0]
    steps = history(sc, statutes)
    last = steps[-1].start
    assert f"{last.isoformat()} to now" in text(sc, steps, statutes, today=last)
    future = text(sc, steps, statutes, today=date(last.year - 1, 1, 1))
    assert f"{last.isoformat()} on (a date still to come)" in future


def test_every_command_describes_itself_its_options_and_its_exit_codes():
    import argparse
    from lawcheck.cli import _parser
    parser = _parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.choices) == {"run", "explain", "report", "summary", "explore",
                                     "coverage", "check", "history", "list", "amend",
                                     "diff", "statutes"}
    for name, sub in commands.choices.items():
        assert sub.description, name
        text = sub.format_help()
        assert "exit codes:" in text and "2  invalid input (" in text and "3  internal error" in text
        for action in sub._actions:
            assert action.help, (name, action.option_strings or action.dest)


def test_explore_with_fewer_than_two_instruments_in_force_says_so(cli, statutes, tmp_path):
    # not "every instrument, as written" under a heading that names the date
    starts = sorted({i.in_force_from for i in statutes.instruments if i.in_force_from})
    before_all = starts[0].replace(day=1) if starts[0].day > 1 else starts[0].replace(
        year=starts[0].year - 1)
    p = cli("explore", "--as-of", before_all.isoformat(), cwd=tmp_path)
    assert p.returncode == 2 and p.stdout == ""
    assert "fewer than two instruments are in force" in p.stderr
    # the hint names the first date on which two are in force, and explore works there
    first_two = next(d for d in starts
                     if sum(i.in_force_on(d) for i in statutes.instruments) >= 2)
    assert f"--as-of {first_two.isoformat()}" in p.stderr
    assert cli("explore", "--as-of", first_two.isoformat(), cwd=tmp_path).returncode == 0
