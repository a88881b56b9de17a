"""Penalty brackets: clauses ranked by their sentences, raised by aggravating circumstances."""

from __future__ import annotations

from lawcheck.engine.penalties import penalty, sets_penalties
from lawcheck import Circumstances

from helpers import facts, result

ADULT = dict(victim_age=25, acts=["transfer"], means=["deception"],
             purposes=["sexual_exploitation"])
CHILD = dict(victim_age=10, acts=["transfer"], purposes=["sexual_exploitation"])


def test_clause_1_without_aggravating_circumstances(statutes):
    r = result(statutes, "vn-cc-150", **ADULT)
    assert r.verdict == "met"
    b = r.penalty.bracket
    assert (b.citation, b.low, b.high, b.life) == ("Art. 150(1)", 5, 10, False)
    from lawcheck.views.wording import Wording
    assert Wording.of(statutes).sentence(b) == "5 to 10 years' imprisonment"
    assert r.penalty.grounds == () and r.penalty.additional == ("Art. 150(4)",)


def test_taken_abroad_is_clause_2_and_body_parts_removed_clause_3(statutes):
    abroad = result(statutes, "vn-cc-150", border="out_of_viet_nam",
                    circumstances=Circumstances(taken_abroad=True), **ADULT).penalty
    assert abroad.clause == "Art. 150(2)" and abroad.grounds[0].citation.startswith("Art. 150(2)(d)")
    # a planned crossing is not yet 'taken out' (Res. 02/2019 Art. 3(3))
    planned = result(statutes, "vn-cc-150", border="out_of_viet_nam", **ADULT).penalty
    assert planned.clause == "Art. 150(1)"
    both = result(statutes, "vn-cc-150", border="out_of_viet_nam",
                  circumstances=Circumstances(taken_abroad=True, body_part_removed=True),
                  **ADULT).penalty
    assert both.clause == "Art. 150(3)"        # the highest clause that applies


def test_victim_count_bands(statutes):
    def clause(n):
        return result(statutes, "vn-cc-150", circumstances=Circumstances(victims=n),
                      **ADULT).penalty.clause
    assert [clause(n) for n in (1, 2, 5, 6, 40)] == [
        "Art. 150(1)", "Art. 150(2)", "Art. 150(2)", "Art. 150(3)", "Art. 150(3)"]


def test_unknown_circumstance_names_the_possible_brackets(statutes):
    p = result(statutes, "vn-cc-150", circumstances=Circumstances(victims="unknown"),
               **ADULT).penalty
    assert p.clause == "Art. 150(1)"
    assert [b.citation for b, _ in p.possible] == ["Art. 150(2)", "Art. 150(3)"]


def test_article_151_organised_is_clause_3_with_life(statutes):
    p = result(statutes, "vn-cc-151", circumstances=Circumstances(organised=True), **CHILD).penalty
    assert p.clause == "Art. 151(3)" and p.bracket.life
    # the transnational organised criminal group of Palermo's scope is another fact
    assert result(statutes, "vn-cc-151", organized_criminal_group=True,
                  **CHILD).penalty.clause == "Art. 151(1)"


def test_no_penalty_where_not_met_or_none_is_set(statutes):
    assert result(statutes, "vn-cc-150", **CHILD).penalty is None          # not met (under 16)
    assert result(statutes, "palermo", **CHILD).penalty is None            # a treaty
    assert not sets_penalties(statutes.instrument("palermo"))
    assert not sets_penalties(statutes.instrument("vn-law-2024"))
    assert sets_penalties(statutes.instrument("vn-pc-1999-119"))


def test_penal_code_1999_ranges(statutes):
    sale = dict(victim_age=30, acts=["transfer"], purposes=["material_benefit"])
    assert result(statutes, "vn-pc-1999-119", **sale).penalty.clause == "Art. 119(1)"
    assert result(statutes, "vn-pc-1999-119", circumstances=Circumstances(organised=True),
                  **sale).penalty.clause == "Art. 119(2)"


def test_many_persons_in_1999_is_only_possible(statutes):
    sale = dict(victim_age=30, acts=["transfer"], purposes=["material_benefit"])
    p = result(statutes, "vn-pc-1999-119", circumstances=Circumstances(victims=3), **sale).penalty
    assert p.clause == "Art. 119(1)" and p.possible[0][0].citation == "Art. 119(2)"


def test_penalty_direct_call_matches_evaluate(statutes):
    c = Circumstances(taken_abroad=True)
    f = facts(circumstances=c, **ADULT)
    inst = statutes.instrument("vn-cc-150")
    assert penalty(inst, f, "met") == result(statutes, "vn-cc-150", circumstances=c,
                                             **ADULT).penalty
    assert penalty(inst, f, "not_met") is None


def test_1999_purpose_points_are_shown_by_the_facts_the_statute_file_names(statutes):
    """Penal Code 1999 Art. 120(2): 'for prostitution' (h) is shown by prostitution_of_others,
    'to take abroad' (e) by a border crossed out of Viet Nam (unknown where the border is), and
    'for inhumane purposes' (g) by other_inhumane_purpose, while begging is only possibly one
    (the statute file's `maybe`: the sources are silent for the 1999 Code)."""
    child = dict(victim_age=10, acts=["transfer"], purposes=["material_benefit"])
    plain = result(statutes, "vn-pc-1999-120", **child).penalty
    assert plain.clause == "Art. 120(1)" and not plain.possible
    prostitution = result(statutes, "vn-pc-1999-120", **{
        **child, "purposes": ["material_benefit", "prostitution_of_others"]}).penalty
    assert prostitution.clause == "Art. 120(2)"
    abroad = result(statutes, "vn-pc-1999-120", border="out_of_viet_nam", **child).penalty
    assert abroad.clause == "Art. 120(2)"
    unknown_border = result(statutes, "vn-pc-1999-120", border="unknown", **child).penalty
    assert unknown_border.clause == "Art. 120(1)" and unknown_border.possible
    begging = result(statutes, "vn-pc-1999-120", **{
        **child, "purposes": ["material_benefit", "forced_begging"]}).penalty
    assert begging.clause == "Art. 120(1)" and begging.possible[0][0].citation == "Art. 120(2)"


def test_a_stated_circumstance_is_not_made_open_by_a_maybe(statutes):
    """`maybe` terms make a circumstance only possibly hold where nothing else shows it; the
    circumstance the case file states still decides (victims 3 in a band of 2 to 5 holds)."""
    from lawcheck.engine.penalties import holds
    from lawcheck import Facts
    art150 = statutes.instrument("vn-cc-150")
    band = next(a for p in art150.provisions for x in p.penalties for a in x.aggravations
                if a.name == "victims" and a.low == 2)
    maybe = band.model_copy(update={"maybe": (("purpose", "forced_begging"),),
                                    "maybe_question": "a question"})
    facts = dict(victim_age=30, acts=("transfer",), means=("deception",),
                 purposes=("forced_begging",))
    assert holds(maybe, Facts(**facts, circumstances=Circumstances(victims=3))) is True
    assert holds(maybe, Facts(**facts)) is None
    assert holds(band, Facts(**facts)) is False
