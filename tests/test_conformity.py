"""The conformity summary: where each Vietnamese definition in force parts from the Palermo
Protocol, as the law reads (legal-sources.md; the seed report's pages on the child age, the
means for 16-17-year-olds, transfer, the money purpose and consent), in order of consequence."""

from __future__ import annotations

from datetime import date

import pytest

from lawcheck.engine.conformity import conformity
from lawcheck.engine.run import run

TODAY = date(2026, 12, 5)


@pytest.fixture(scope="module")
def found(statutes, suites):
    return conformity(run(statutes, suites, TODAY))


def _diffs(found, instrument):
    return next(c for c in found.comparisons if c.instrument == instrument).differences


def _one(diffs, cause, kind="verdict", robust=True, reaches=None):
    hits = [d for d in diffs if d.cause == cause and d.kind == kind and d.robust == robust
            and (reaches is None or d.reaches == reaches)]
    assert hits, f"no {kind} difference on {cause} (robust={robust}, reaches={reaches})"
    return hits[0]


def test_the_reference_is_the_protocol_that_binds_viet_nam(found):
    assert (found.reference, found.state) == ("palermo", "Viet Nam")


def test_the_domestic_definitions_are_those_in_force_on_the_date(statutes, suites, found):
    # Law 53/2024 replaced Law 66/2011 on 1 Jul 2025; the Criminal Code 2015 replaced the Penal
    # Code 1999 on 1 Jan 2018
    assert {c.instrument for c in found.comparisons} == {"vn-cc-150", "vn-cc-151",
                                                         "vn-law-2024"}
    earlier = conformity(run(statutes, suites, date(2020, 1, 1)))
    assert {c.instrument for c in earlier.comparisons} == {"vn-cc-150", "vn-cc-151",
                                                           "vn-law-2011"}


def test_art_150_needs_a_means_for_a_16_or_17_year_old(found):
    d = _one(_diffs(found, "vn-cc-150"), "means", reaches="reference")
    assert d.witness.pattern.segment == (16, 17)
    assert not d.witness.pattern.means
    assert d.witness.verdicts["palermo"] == "met"
    assert d.witness.verdicts["vn-cc-150"] == "not_met"


def test_art_150_needs_a_transfer_or_receipt(found):
    d = _one(_diffs(found, "vn-cc-150"), "transfer", reaches="reference")
    assert not d.witness.facts.handover
    assert not {"transfer", "receipt"} & set(d.witness.pattern.acts)


def test_art_150_reaches_a_sale_for_money_the_protocol_does_not(found):
    d = _one(_diffs(found, "vn-cc-150"), "purpose", reaches="instrument")
    assert {"material_benefit", "payment_for_person"} & set(d.witness.pattern.purposes)
    assert d.witness.verdicts["palermo"] == "not_met"


def test_art_151_draws_the_child_line_at_16(found):
    d = _one(_diffs(found, "vn-cc-151"), "child age", reaches="reference")
    assert d.witness.pattern.segment == (16, 17)


def test_consent_and_the_humanitarian_exception_are_rules_only_one_text_has(found):
    for inst in ("vn-cc-150", "vn-cc-151", "vn-law-2024"):
        consent = _one(_diffs(found, inst), "consent", kind="rule")
        assert consent.witness.divergence.first.instrument == "palermo"   # Art. 3(b)
    exception = _one(_diffs(found, "vn-cc-151"), "exception", kind="rule")
    assert exception.witness.divergence.first.instrument == "vn-cc-151"    # Art. 151(1)(a)


def test_law_53_2024_has_the_protocols_child_line_and_needs_no_transfer(found):
    causes = {d.cause for d in _diffs(found, "vn-law-2024") if d.reaches == "reference"
              and d.robust}
    assert not causes & {"child age", "transfer", "means"}


def test_differences_come_in_order_of_consequence(found):
    for c in found.comparisons:
        ranks = [d.rank for d in c.differences]
        assert ranks == sorted(ranks)
        kinds = [(d.kind, d.robust) for d in c.differences]
        if ("verdict", False) in kinds and ("verdict", True) in kinds:
            assert kinds.index(("verdict", True)) < kinds.index(("verdict", False))


def test_a_scenario_named_as_showing_a_difference_shows_it(statutes, suites, found):
    results = {s.scenario.id: s for s in run(statutes, suites, TODAY).scenarios}
    for c in found.comparisons:
        for d in c.differences:
            for sid in d.scenarios:
                pair = {c.reference, c.instrument}
                shown = [x for x in results[sid].divergences if set(x.between) == pair]
                assert shown, (sid, c.instrument, d.cause)
                assert any(x.element == d.cause for x in shown), (sid, d.cause)


def test_actip_is_compared_with_the_protocol_it_mirrors(found):
    actip = next(m for m in found.mirrors if m.instrument == "actip")
    assert actip.robust == 0       # the same words as Art. 3: only open points can part them


def test_no_binding_treaty_no_summary(statutes, suites):
    # before the Protocol bound Viet Nam (29 Dec 2011) there is nothing to measure against
    assert conformity(run(statutes, suites, date(2010, 6, 1))) is None


# ---- lawcheck summary and the CSV exports ----------------------------------------------------

def test_the_summary_command_answers_in_reading_order(cli):
    out = cli("summary", "--as-of", "2026-12-05")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    # the statute law first, then the Criminal Code's two articles
    at = [text.index(f"Palermo Art. 3 and {x}\n") for x in
          ("Law 53/2024 Art. 2(1)", "Art. 150", "Art. 151")]
    assert at == sorted(at)
    art150 = text[at[1]:at[2]]
    # the robust gaps come before the differences that turn on open points
    assert art150.index("◆ Means") < art150.index("~ ")
    assert "người dưới 16 tuổi" in text[at[2]:]          # Art. 151's own words


def test_the_summary_as_csv_opens_in_a_spreadsheet(cli):
    import csv
    import io
    out = cli("summary", "--format", "csv", "--as-of", "2026-12-05")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("\ufeff")                  # Excel reads UTF-8 with a BOM
    rows = list(csv.reader(io.StringIO(out.stdout.lstrip("\ufeff"))))
    assert len({len(r) for r in rows}) == 1                 # every row as wide as the header
    art151 = [r for r in rows[1:] if r[1] == "Art. 151"]
    assert any("người dưới 16 tuổi" in cell for r in art151 for cell in r)


def test_the_matrix_as_csv_gives_the_runs_verdicts(cli, statutes, suites):
    import csv
    import io
    out = cli("run", "--format", "csv", "--as-of", "2026-12-05")
    assert out.returncode == 0, out.stderr
    rows = list(csv.reader(io.StringIO(out.stdout.lstrip("\ufeff"))))
    shorts = {statutes.instrument(i).short: i for i in statutes.ids}
    head = rows[0]
    inst = [shorts[h] for h in head[2:-1]]
    assert set(inst) == {i.id for i in statutes.instruments if i.in_force_on(TODAY)}
    result = {s.scenario.id: s for s in run(statutes, suites, TODAY).scenarios}
    words = {"met": "met", "not_met": "not met", "uncertain": "uncertain"}
    for r in rows[1:]:
        s = result[r[0]]
        # a scenario with a date of its own takes the law of that date
        assert r[2:-1] == [words[s.results[i].verdict] if i in s.in_force else "not in force"
                           for i in inst]


def test_no_binding_treaty_on_the_date_is_refused(cli):
    out = cli("summary", "--as-of", "2010-01-01")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and "2010-01-01" in out.stderr
