"""The law in time: --as-of, a scenario's own date, and lawcheck history."""

from __future__ import annotations

import json
from datetime import date

from lawcheck import history
from lawcheck.engine.run import evaluate_scenario, in_force, run


def test_as_of_2026_uses_the_2024_law_not_the_2011_law(cli, tmp_path):
    p = cli("run", "--as-of", "2026-01-01", "--format", "json", cwd=tmp_path)
    assert p.returncode == 0, p.stdout
    doc = json.loads(p.stdout)
    assert doc["as_of"] == "2026-01-01"
    first = doc["scenarios"][0]["results"]
    assert first["vn-law-2024"]["in_force"] and not first["vn-law-2011"]["in_force"]
    assert not first["vn-pc-1999-119"]["in_force"] and first["vn-cc-150"]["in_force"]


def test_as_of_2015_uses_the_1999_code(statutes, suites):
    when = date(2015, 6, 1)
    result = run(statutes, suites, when)
    s = next(x for x in result.scenarios if x.scenario.id == "age-15-handed-over-no-means")
    assert {"palermo", "vn-law-2011", "vn-pc-1999-119", "vn-pc-1999-120"} <= s.in_force
    assert not {"actip", "vn-cc-150", "vn-cc-151", "vn-law-2024"} & s.in_force
    # and every other instrument the statute files date as in force then (from the data, so
    # that adding an instrument needs no change here)
    assert s.in_force == {i.id for i in statutes.instruments if in_force(i, when)}
    # only instruments in force are compared: no divergence names Art. 150 in 2015
    assert all("vn-cc-150" not in d.between for d in s.divergences)
    assert "vn-cc-150" in s.skipped and "vn-pc-1999-120" not in s.skipped


def test_a_scenario_date_selects_the_law_then(statutes, suites):
    dated = next(sc for s in suites for sc in s.scenarios if sc.facts.date)
    r = evaluate_scenario(dated, statutes, date(2015, 6, 1))
    assert r.when == dated.facts.date
    assert r.in_force == {i.id for i in statutes.instruments if in_force(i, dated.facts.date)}


def test_bad_as_of_date_is_a_clear_error(cli, tmp_path):
    p = cli("run", "--as-of", "2015-13-01", cwd=tmp_path)
    assert p.returncode == 2
    assert "invalid date '2015-13-01'" in p.stderr and "YYYY-MM-DD" in p.stderr
    assert "Traceback" not in p.stderr


def test_explore_between_an_instrument_not_in_force(cli, tmp_path):
    p = cli("explore", "--as-of", "2026-01-01", "--between", "palermo", "vn-law-2011", cwd=tmp_path)
    assert p.returncode == 2
    assert "'vn-law-2011' is not in force on 2026-01-01" in p.stderr
    assert cli("explore", "--as-of", "2015-06-01", "--between", "palermo", "vn-law-2011",
               cwd=tmp_path).returncode == 0


def test_history_names_the_changes_that_open_and_close_divergences(statutes, suites):
    sc = next(sc for s in suites for sc in s.scenarios if sc.id == "age-17-handed-over-no-means")
    steps = {s.start: s for s in history(sc, statutes)}
    cc2015 = steps[date(2018, 1, 1)]
    assert cc2015.entered == ("vn-cc-150", "vn-cc-151")
    assert cc2015.ceased == ("vn-pc-1999-119", "vn-pc-1999-120")
    assert ("palermo", "vn-cc-150") in {d.between for d in cc2015.opened}
    law2024 = steps[date(2025, 7, 1)]
    assert law2024.entered == ("vn-law-2024",) and law2024.ceased == ("vn-law-2011",)
    # the 2024 Law adopts the under-18 rule while Art. 151 stays at 16
    opened = {(d.between, d.element) for d in law2024.opened}
    assert (("vn-cc-151", "vn-law-2024"), "child age") in opened
    assert law2024.end is None and cc2015.end == date(2025, 6, 30)


def test_history_cli(cli, tmp_path):
    p = cli("history", "age-17-handed-over-no-means", cwd=tmp_path)
    assert p.returncode == 0
    assert "2018-01-01 to 2025-06-30" in p.stdout and "enter into force: vn-cc-150" in p.stdout
    bad = cli("history", "age-17-handed-over", cwd=tmp_path)
    assert bad.returncode == 2 and "unknown scenario" in bad.stderr
