"""The bundled suites. Every expected verdict in cases/*.yaml is its own test item, collected by
lawcheck's pytest plugin (`pytest cases/`, and `testpaths` includes cases/), named after the file,
scenario and instrument, so a failure says exactly which reading of the law broke. Here: what the
suites as a whole must hold."""

from __future__ import annotations

from lawcheck import evaluate_scenario


def test_bundled_suites_cover_the_issue(statutes, suites):
    scenarios = [sc for s in suites for sc in s.scenarios]
    assert len(scenarios) >= 30
    # every scenario states an expectation for every bundled instrument
    for sc in scenarios:
        assert set(sc.expect) == set(statutes.ids), sc.id
    ages = {sc.facts.victim_age for sc in scenarios if isinstance(sc.facts.victim_age, int)}
    assert {15, 16, 17, 18} <= ages
    borders = {sc.facts.border for sc in scenarios}
    assert set(statutes.vocabulary.border_values) <= borders    # every border value is used


def test_uncertain_verdicts_name_their_reason(statutes, suites):
    for suite in suites:
        for sc in suite.scenarios:
            for inst, r in evaluate_scenario(sc, statutes).results.items():
                if r.verdict == "uncertain":
                    assert r.reasons, (sc.id, inst)
                else:
                    assert not r.reasons, (sc.id, inst)

