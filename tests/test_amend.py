"""Amendment proposals, lawcheck amend and lawcheck diff (issue 11).

What a proposal closes is read from the explorer's output on the law and on the amended law,
never from counts written here."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawcheck.engine.amendments import compare, explore_pairs, verdict_changes
from lawcheck.engine.evaluate import evaluate
from lawcheck.errors import LawcheckError
from lawcheck.resources import data_dir
from lawcheck.scenarios import Scenario, Suite
from lawcheck.statute.statutes import load_statutes
from lawcheck.strategies import facts

TODAY = date(2026, 12, 5)
PROPOSALS = data_dir("proposals")


@pytest.fixture(scope="module")
def law():
    return load_statutes()


def amended(*names):
    return load_statutes(None, [PROPOSALS / f"{n}.law" for n in names])


def regions(statutes, pairs):
    return explore_pairs(statutes, pairs, TODAY).regions


# ------------------------------------------------------------------------- what a proposal is

def test_a_proposal_amends_the_elements_it_names_and_marks_its_words_proposed(law):
    after = amended("cc151-child-18")
    inst = after.instrument("vn-cc-151")
    assert inst.amended_by == ("cc151-child-18",)
    ages = [e for p in inst.provisions for lb in p.limbs for e in lb.elements if e.type == "age"]
    assert ages and {(e.op, e.years) for e in ages} == {("<", 18)}
    assert all(w.confidence == "proposed" for e in ages for w in e.words)
    assert all(w.span.file.endswith("cc151-child-18.law") for e in ages for w in e.words)
    # untouched instruments are the law's, unmarked
    assert after.instrument("palermo").amended_by == ()
    assert after.instrument("palermo") == law.instrument("palermo")
    assert [p.id for p in after.provenance.proposals] == ["cc151-child-18"]
    assert law.provenance.proposals == ()


def test_every_bundled_proposal_cites_its_source_and_changes_something(law):
    files = sorted(PROPOSALS.glob("*.law"))
    assert len(files) >= 4
    for f in files:
        after = load_statutes(None, [f])
        (p,) = after.provenance.proposals
        assert p.source and p.title and p.text_in(p.title, "vi") != p.title   # Vietnamese too
        found = compare(law, after, (), TODAY, regions=False)
        assert found.elements, f.name
        for change in found.elements:
            node = change.after or change.before
            words = list(getattr(node, "words", ()))
            if change.after is not None and change.change != "removed":
                assert all(w.confidence == "proposed" for w in words), f.name


# ----------------------------------------------------------------- what the proposals close

def test_art151_to_18_closes_the_child_age_region_for_16_and_17_and_opens_nothing(law):
    after = amended("cc151-child-18")
    pairs = [("palermo", "vn-cc-151")]
    before_regions = regions(law, pairs)

    def child_16_17(rs):
        return [r for r in rs if r.cause == "child age" and r.robust and r.nearer == "palermo"
                and any(16 <= w.pattern.segment[0] <= 17 for w in r.witnesses)]
    assert child_16_17(before_regions)            # the gap the seed report names
    assert not child_16_17(regions(after, pairs))
    found = compare(law, after, (), TODAY)
    closed = [c for c in found.regions if c.between == ("palermo", "vn-cc-151")
              and c.change == "closed"]
    assert [(c.cause, c.robust) for c in closed] == [("child age", True)]
    assert not [c for c in found.regions if "palermo" in c.between and c.change == "opened"]


def test_point_c_without_handover_closes_the_transfer_region_of_art150(law):
    after = amended("cc150-c-without-handover")
    pairs = [("palermo", "vn-cc-150")]

    def transfer(rs):
        return [r for r in rs if r.cause == "transfer" and r.robust and r.kind == "verdict"]
    assert transfer(regions(law, pairs))
    assert not transfer(regions(after, pairs))
    found = compare(law, after, (), TODAY)
    assert ("transfer", True) in {(c.cause, c.robust) for c in found.regions
                                  if c.between == ("palermo", "vn-cc-150")
                                  and c.change == "closed"}


def test_the_consent_clause_closes_the_consent_rule_difference_only(law):
    after = amended("cc150-consent-irrelevant")
    found = compare(law, after, (), TODAY)
    mine = [c for c in found.regions if c.between == ("palermo", "vn-cc-150")]
    assert [(c.kind, c.cause, c.change) for c in mine] == [("rule", "consent", "closed")]


def test_naming_payment_to_a_controller_means_that_point_no_longer_matters(law):
    after = amended("cc150-name-means")
    found = compare(law, after, (), TODAY)
    means = after.instrument("vn-cc-150")
    payment = [e for p in means.provisions for lb in p.limbs for e in lb.elements
               if e.type == "set" and e.kind == "means"][0].set.entry_for("payment_to_controller")
    assert not payment.is_open
    narrower = [c for c in found.regions if c.change == "narrower"
                and c.between == ("palermo", "vn-cc-150")]
    assert narrower and all(c.points for c in narrower)
    old = [e for p in law.instrument("vn-cc-150").provisions for lb in p.limbs
           for e in lb.elements if e.type == "set" and e.kind == "means"][0]
    assert old.set.entry_for("payment_to_controller").qualifier_text in narrower[0].points


# ------------------------------------------------------ verdict changes: the property the diff has

@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_verdicts_listed_as_changed_are_exactly_those_that_differ(data):
    law = _LAW
    name = data.draw(st.sampled_from(sorted(p.stem for p in PROPOSALS.glob("*.law"))))
    after = _AMENDED[name]
    fs = data.draw(st.lists(facts(law.vocabulary), min_size=1, max_size=5))
    suite = Suite(suite="generated", title="generated", scenarios=tuple(
        Scenario(id=f"s{i}", title="generated", facts=f) for i, f in enumerate(fs)))
    from lawcheck.engine.run import run
    listed = {(v.scenario, v.instrument, v.before, v.after, v.clause_before, v.clause_after)
              for v in verdict_changes(run(law, [suite], TODAY), run(after, [suite], TODAY))}
    expected = set()
    for i, f in enumerate(fs):
        for inst in law.instruments:
            if not inst.in_force_on(f.date or TODAY):
                continue
            ra = evaluate(inst, f, law, f.date or TODAY)
            rb = evaluate(after.instrument(inst.id), f, after, f.date or TODAY)
            if ra.verdict != rb.verdict:
                expected.add((f"s{i}", inst.id, ra.verdict, rb.verdict, "", ""))
            elif ra.verdict != "not_met":
                ca, cb = (r.penalty.clause if r.penalty else "" for r in (ra, rb))
                if ca != cb:      # the same verdict, another penalty bracket
                    expected.add((f"s{i}", inst.id, ra.verdict, rb.verdict, ca, cb))
    assert listed == expected


_LAW = load_statutes()
_AMENDED = {p.stem: load_statutes(None, [p]) for p in sorted(PROPOSALS.glob("*.law"))}


# ------------------------------------------------------------------------ errors in proposals

def _write(tmp_path, text, name="p.law"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


HEAD = 'proposal p {\n  title "t"\n  source "s"\n'


@pytest.mark.parametrize("body, where, words", [
    ('  amend vn-cc-15 {\n  }\n}\n', (4, 9), "no instrument 'vn-cc-15' to amend"),
    ('  amend vn-cc-151 {\n    provision art151 { }\n  }\n}\n', (5, 15), "art151-1"),
    ('  amend vn-cc-151 {\n    provision art151-1 {\n      limb z { remove handover }\n'
     '    }\n  }\n}\n', (6, 12), "no limb 'z'"),
    ('  amend vn-cc-151 {\n    provision art151-1 {\n      limb a { remove handover }\n'
     '    }\n  }\n}\n', (6, 23), "has no handover element"),
    ('  amend vn-cc-151 {\n    provision art151-1 {\n      limb a { add victim age < 18 "x" }\n'
     '    }\n  }\n}\n', (6, 16), "already has a victim age element"),
    ('  amend vn-cc-151 {\n    provision art151-1 {\n      limb * { replace victim age < 18 '
     '"x" vi "y" [verbatim] }\n    }\n  }\n}\n', (6, 44), "words marked `verbatim` in a proposal"),
    ('  amend vn-cc-150 {\n    set means_150 { add forse "x" }\n  }\n}\n', (5, 25),
     "did you mean 'force'"),
])
def test_an_error_in_a_proposal_says_where_and_what(cli, tmp_path, body, where, words):
    p = _write(tmp_path, HEAD + body)
    r = cli("amend", str(p), cwd=tmp_path)
    assert r.returncode == 2, r.stdout
    assert f"p.law:{where[0]}:{where[1]}" in r.stderr, r.stderr
    assert words in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert r.stderr.count(" error: ") == 1          # one mistake, one message


def test_a_proposal_needs_a_title_and_a_source(tmp_path):
    p = _write(tmp_path, 'proposal p {\n  amend vn-cc-151 { }\n}\n')
    with pytest.raises(LawcheckError) as e:
        load_statutes(None, [p])
    assert "missing fields: title, source" in str(e.value.diagnostics[0].message)


def test_the_law_may_hold_neither_proposals_nor_proposed_words(tmp_path):
    folder = tmp_path / "law"
    shutil.copytree(data_dir("statutes"), folder)
    shutil.copy(PROPOSALS / "cc151-child-18.law", folder / "zz.law")
    with pytest.raises(LawcheckError) as e:
        load_statutes(folder)
    assert "a proposal ('cc151-child-18') among the statute files" in str(e.value)
    (folder / "zz.law").unlink()
    law = folder / "vn-cc-2015.law"
    law.write_text(law.read_text(encoding="utf-8").replace(
        'en "a person under 16"', 'en "a person under 16" [proposed]', 1), encoding="utf-8")
    with pytest.raises(LawcheckError) as e:
        load_statutes(folder)
    assert "words marked `proposed` in a statute file" in str(e.value)


# ------------------------------------------------------------------------------ the commands

def test_amend_text_names_the_proposal_the_closed_gap_and_the_changed_verdicts(cli, tmp_path):
    r = cli("amend", "cc151-child-18", "--as-of", TODAY.isoformat(), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = " ".join(r.stdout.split())                   # the terminal's wrapping undone
    assert out.index("Gaps with the international instruments") < out.index("Proposals applied")
    assert "victim's age: a victim under 16 → a victim under 18" in out
    assert '"người dưới 18 tuổi" [proposed wording (not the law)]' in out
    assert "closed ◆ child age (robust)" in out
    assert "age-17-handed-over-no-means" in out
    vi = " ".join(cli("amend", "cc151-child-18", "--as-of", TODAY.isoformat(), "--lang", "vi",
                      cwd=tmp_path).stdout.split())
    assert "[câu chữ đề xuất (không phải quy định hiện hành)]" in vi
    assert "Khoảng cách với các văn kiện quốc tế" in vi


def test_amend_json_lists_every_change_as_the_engine_finds_it(cli, tmp_path, law):
    r = cli("amend", "cc151-child-18", "--as-of", TODAY.isoformat(), "--format", "json",
            cwd=tmp_path)
    doc = json.loads(r.stdout)
    found = compare(law, amended("cc151-child-18"), __import__("lawcheck").load_suites(
        None, law), TODAY)
    assert doc["kind"] == "amend" and doc["proposals"][0]["id"] == "cc151-child-18"
    assert {(x["scenario"], x["instrument"]) for x in doc["verdicts"]} == \
        {(v.scenario, v.instrument) for v in found.verdicts}
    assert {(tuple(x["between"]), x["cause"], x["change"]) for x in doc["regions"]} == \
        {(c.between, c.cause, c.change) for c in found.regions}
    again = cli("amend", "cc151-child-18", "--as-of", TODAY.isoformat(), "--format", "json",
                cwd=tmp_path)
    assert again.stdout == r.stdout


def test_diff_of_a_folder_with_itself_changes_nothing_and_a_fork_shows_its_edit(cli, tmp_path):
    fork = tmp_path / "fork"
    shutil.copytree(data_dir("statutes"), fork)
    same = cli("diff", str(data_dir("statutes")), str(fork), "--format", "json", cwd=tmp_path)
    doc = json.loads(same.stdout)
    assert doc["elements"] == doc["regions"] == doc["verdicts"] == doc["penalties"] == []
    law = fork / "vn-cc-2015.law"
    law.write_text(law.read_text(encoding="utf-8").replace(
        'penalty "Art. 151(1)" prison 7 to 12 years', 'penalty "Art. 151(1)" prison 8 to 12 years'),
        encoding="utf-8")
    r = cli("diff", str(data_dir("statutes")), str(fork), "--format", "json", cwd=tmp_path)
    doc = json.loads(r.stdout)
    assert [(p["instrument"], p["citation"], p["change"]) for p in doc["penalties"]] == \
        [("vn-cc-151", "Art. 151(1)", "changed")]


def test_amend_without_a_proposal_lists_the_bundled_ones(cli, tmp_path):
    r = cli("amend", cwd=tmp_path)
    assert r.returncode == 2
    assert "cc151-child-18" in r.stderr and "Traceback" not in r.stderr


def test_rank_puts_first_the_proposal_that_closes_most_robust_gaps_with_palermo(cli, tmp_path,
                                                                                 law):
    r = cli("amend", "--rank", "--format", "json", "--as-of", TODAY.isoformat(), cwd=tmp_path)
    doc = json.loads(r.stdout)
    closed = {}
    for p in PROPOSALS.glob("*.law"):
        found = compare(law, load_statutes(None, [p]), (), TODAY)
        closed[p.stem] = found.tally(instrument="palermo")["closed_robust"]
    ranked = [x["id"] for x in doc["proposals"]]
    assert [closed[i] for i in ranked] == sorted(closed.values(), reverse=True)
    assert doc["proposals"][0]["closed_robust"] == max(closed.values())
    assert set(doc["together"]["proposals"]) == set(closed)


def test_report_with_a_proposal_has_its_section_marked_proposed_and_is_deterministic(cli,
                                                                                       tmp_path):
    args = ("report", "--proposal", "cc151-child-18", "--as-of", TODAY.isoformat())
    r = cli(*args, "-o", "a.html", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    cli(*args, "-o", "b.html", cwd=tmp_path)
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert page == (tmp_path / "b.html").read_text(encoding="utf-8")
    section = page[page.index('<section id="amendment"'):]
    section = section[:section.index("</section>")]
    assert "What 1 proposal would change" in section
    assert "người dưới 18 tuổi" in section and "proposed wording (not the law)" in section
    assert 'class="words proposed"' in section
    assert "Criminal Code Art. 151: protect every person under 18" in section
    plain = cli("report", "--as-of", TODAY.isoformat(), "-o", "c.html", cwd=tmp_path)
    assert plain.returncode == 0
    assert 'id="amendment"' not in (tmp_path / "c.html").read_text(encoding="utf-8")
    vi = cli(*args, "--lang", "vi", "-o", "v.html", cwd=tmp_path)
    assert vi.returncode == 0
    vpage = (tmp_path / "v.html").read_text(encoding="utf-8")
    assert "Những gì 1 đề xuất sẽ thay đổi" in vpage
    assert "câu chữ đề xuất (không phải quy định hiện hành)" in vpage


def test_a_bracket_that_moves_with_the_same_verdict_is_listed(cli, tmp_path, law):
    fork = tmp_path / "fork"
    shutil.copytree(data_dir("statutes"), fork)
    f = fork / "vn-cc-2015.law"
    lines = f.read_text(encoding="utf-8").splitlines()
    at = next(i for i, x in enumerate(lines) if x.strip().startswith('taken_abroad       "Art. 150(2)'))
    del lines[at:at + 3]                           # the circumstance, its vi and en words
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = cli("diff", str(data_dir("statutes")), str(fork), "--format", "json",
            "--as-of", TODAY.isoformat(), cwd=tmp_path)
    doc = json.loads(r.stdout)
    moved = [v for v in doc["verdicts"] if v["before"] == v["after"]]
    assert moved and all(v["instrument"] == "vn-cc-150" and v["penalty_before"] == "Art. 150(2)"
                         and v["penalty_after"] != "Art. 150(2)" for v in moved)
    assert [(p["citation"], p["change"]) for p in doc["penalties"]] == [("Art. 150(2)", "changed")]


def test_a_scenario_that_comes_to_part_from_palermo_is_flagged(tmp_path, law):
    """Dropping Art. 151's humanitarian exception reaches adoptions Palermo does not: the
    scenarios say so, read with Art. 150 (the complement), whatever the regions say."""
    p = _write(tmp_path, HEAD + '  amend vn-cc-151 {\n    provision art151-1 {\n'
               '      limb a, c-a { remove except humanitarian_purpose }\n    }\n  }\n}\n')
    after = load_statutes(None, [p])
    import lawcheck
    found = compare(law, after, lawcheck.load_suites(None, law), TODAY)
    parting = {v.scenario for v in found.verdicts if v.agrees_before and not v.agrees_after}
    assert parting and found.agreement()["parts"] == len(parting)
    for v in found.verdicts:
        if v.scenario in parting:
            sa = lawcheck.run(law, lawcheck.load_suites(None, law), TODAY)
            s = next(x for x in sa.scenarios if x.scenario.id == v.scenario)
            assert s.results["palermo"].verdict == v.before != v.after


def test_a_closed_region_says_how_its_witness_stands_now(law):
    found = compare(law, amended("cc150-c-without-handover"), (), TODAY)
    closed = [c for c in found.regions if c.change == "closed" and c.kind != "rule"]
    assert closed
    after = amended("cc150-c-without-handover")
    for c in closed:
        now = dict(c.elsewhere)
        assert set(c.between) <= set(now)
        for i, verdict in now.items():
            assert evaluate(after.instrument(i), c.witness.facts, after, TODAY).verdict == verdict
