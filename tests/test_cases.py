"""The bundled suites: every expected verdict in cases/*.yaml is its own test item, named after
the suite, scenario and instrument, so a failure says exactly which reading of the law broke."""

from __future__ import annotations

import pytest

from lawcheck.run import evaluate_scenario
from lawcheck.scenarios import load_suites
from lawcheck.statutes import load_statutes

_STATUTES = load_statutes()
_SUITES = load_suites(None, _STATUTES)
# each expectation as written (no date) and from the date of each change it records
_ITEMS = [(sc, inst, when) for suite in _SUITES for sc in suite.scenarios for inst in sorted(sc.expect)
          for when in (sc.facts.date, *(c.since for c in sc.expect[inst].changes))]


@pytest.mark.parametrize("scenario,instrument,when", _ITEMS,
                         ids=[f"{sc.suite}/{sc.id}/{inst}" + (f"@{when}" if when else "")
                              for sc, inst, when in _ITEMS])
def test_expected_verdict(scenario, instrument, when):
    got = evaluate_scenario(scenario, _STATUTES, when).results[instrument]
    exp = scenario.expect[instrument].at(scenario.facts.date or when)
    assert got.verdict == exp.verdict, (
        f"{scenario.span} {scenario.id} [{instrument}]: expected {exp.verdict} "
        f"({exp.reason}), got {got.verdict} via {got.limb.citation}")
    if exp.penalty is not None:
        assert got.penalty is not None and got.penalty.clause == exp.penalty, (
            f"{scenario.id} [{instrument}]: expected penalty {exp.penalty}, got {got.penalty}")


def test_bundled_suites_cover_the_issue():
    scenarios = [sc for s in _SUITES for sc in s.scenarios]
    assert len(scenarios) >= 30
    # every scenario states an expectation for every bundled instrument
    for sc in scenarios:
        assert set(sc.expect) == set(_STATUTES.ids), sc.id
    ages = {sc.facts.victim_age for sc in scenarios if isinstance(sc.facts.victim_age, int)}
    assert {15, 16, 17, 18} <= ages
    borders = {sc.facts.border for sc in scenarios}
    assert {"none", "out_of_viet_nam", "into_viet_nam"} <= borders


def test_uncertain_verdicts_name_their_reason():
    for suite in _SUITES:
        for sc in suite.scenarios:
            for inst, r in evaluate_scenario(sc, _STATUTES).results.items():
                if r.verdict == "uncertain":
                    assert r.reasons, (sc.id, inst)
                else:
                    assert not r.reasons, (sc.id, inst)

