"""The divergence explorer: complete against brute force, sound, and it finds what the seed
report describes without being told."""

from __future__ import annotations

import itertools

import pytest

from lawcheck.engine import explore as ex
from lawcheck.engine.evaluate import compile_instrument, outcome_table
from lawcheck import Facts, load_suites

# A reduced vocabulary for brute force: every subset of these terms, every age from 0 to 25 and
# two adult ages, both handover values and both humanitarian values.
ACTS = ("recruitment", "transfer")
MEANS = ("force", "payment_to_controller", "drugging")
PURPOSES = ("sexual_exploitation", "material_benefit", "forced_begging")
AGES = tuple(range(20)) + (40, 130)


@pytest.fixture(scope="module")
def exploration(statutes):
    return ex.explore(statutes)


def _subsets(xs, low=0):
    return [c for n in range(low, len(xs) + 1) for c in itertools.combinations(xs, n)]


def _outcome(compiled, facts, reading):
    """Whether the instrument holds under one reading of the open points (True = 'yes')."""
    _, questions, table, result = outcome_table(compiled, facts)
    if not table:
        return result == "met"
    key = next(k for k in table)
    answers = tuple(reading.get(q.question, False) for q in questions)
    return table[key._replace(answers=answers)]


def _questions(compiled, facts):
    return {q.question for q in outcome_table(compiled, facts)[1]}


# each term of the reduced vocabulary as one bit, by kind (acts, means, purposes)
_BITS = {(kind, term): 1 << i for i, (kind, term) in enumerate(
    (kind, term) for kind, terms in enumerate((ACTS, MEANS, PURPOSES)) for term in terms)}


def _mask(kind: int, terms) -> int:
    return sum(_BITS.get((kind, t), 0) for t in set(terms))


class _Below:
    """The pair's witnesses at or below some facts: the same age segment and flags, and each of
    their term classes present among the facts' terms (every instrument set here has both a
    handover and an exception, so both flags must match). Each witness knows in advance which
    sets of the reduced vocabulary's terms meet all its classes, so that brute force stays cheap."""

    def __init__(self, witnesses: list[ex.Pattern]):
        self.witnesses = []
        for w in witnesses:
            classes = [_mask(kind, c.terms) for kind, cs in
                       enumerate((w.act_classes, w.means_classes, w.purpose_classes)) for c in cs]
            meets = frozenset(m for m in range(1 << len(_BITS)) if all(c & m for c in classes))
            self.witnesses.append((w, meets))
        self.by_place: dict[tuple, list] = {}

    def __call__(self, facts: Facts) -> list[ex.Pattern]:
        place = (facts.victim_age, facts.handover, facts.humanitarian_purpose)
        near = self.by_place.get(place)
        if near is None:
            near = self.by_place[place] = [
                (w, meets) for w, meets in self.witnesses
                if w.segment[0] <= facts.victim_age <= w.segment[1]
                and w.handover == facts.handover
                and w.humanitarian_purpose == facts.humanitarian_purpose]
        mask = _mask(0, facts.acts) | _mask(1, facts.means) | _mask(2, facts.purposes)
        return [w for w, meets in near if mask in meets]


@pytest.mark.slow
def test_complete_against_brute_force(statutes, exploration):
    """Every fact pattern over the reduced vocabulary where two instruments differ (under some
    reading of the open points) lies above a witness the explorer lists for that pair, which
    differs the same way under the same reading."""
    compiled = {i: compile_instrument(statutes.instrument(i), statutes) for i in statutes.ids}
    out = ex._Outcomes(statutes, statutes.ids)
    witnesses = {pair: [] for pair in itertools.combinations(statutes.ids, 2)}
    for r in exploration.regions:
        witnesses[r.between].extend(w.pattern for w in r.witnesses)
    below_of = {pair: _Below(ws) for pair, ws in witnesses.items()}
    handover_acts = statutes.vocabulary.handover_acts
    checked = diverging = 0
    for acts in _subsets(ACTS, 1):
        for means in _subsets(MEANS):
            for purposes in _subsets(PURPOSES):
                for age in AGES:
                    for handover in (True, False):
                        if not handover and set(acts) & handover_acts:
                            continue
                        for hum in (True, False):
                            f = Facts(victim_age=age, acts=acts, means=means, purposes=purposes,
                                      handover=handover, humanitarian_purpose=hum)
                            checked += 1
                            tables = {i: outcome_table(c, f) for i, c in compiled.items()}
                            for a, b in witnesses:
                                qs = sorted({q.question for q in tables[a][1]}
                                            | {q.question for q in tables[b][1]})
                                below = None
                                for answers in itertools.product((True, False), repeat=len(qs)):
                                    reading = dict(zip(qs, answers))
                                    va = _value(tables[a], reading)
                                    vb = _value(tables[b], reading)
                                    if va == vb:
                                        continue
                                    diverging += 1
                                    holder, other = (a, b) if va else (b, a)
                                    if below is None:
                                        below = below_of[(a, b)](f)
                                    assert any(out.value(holder, w, reading)
                                               and not out.value(other, w, reading)
                                               for w in below), (a, b, f, reading)
    assert checked > 10_000 and diverging > 1_000


def _value(table, reading):
    _, questions, outcomes, result = table
    if not outcomes:
        return result == "met"
    key = next(iter(outcomes))
    return outcomes[key._replace(answers=tuple(reading.get(q.question, False)
                                               for q in questions))]


def _facts_at(p: ex.Pattern) -> Facts:
    """A case at the pattern: the lowest age of its segment (the segment is one the verdicts do
    not vary within) and the first term of each class."""
    firsts = [tuple(c.terms[0] for c in classes)
              for classes in (p.act_classes, p.means_classes, p.purpose_classes)]
    return Facts(victim_age=p.segment[0], acts=firsts[0], means=firsts[1], purposes=firsts[2],
                 handover=p.handover, humanitarian_purpose=p.humanitarian_purpose)


def _strictly_below(p: ex.Pattern):
    """Every pattern with some of p's classes removed (acts keep at least one): all of them, not
    only those one class smaller, so that minimality is checked without relying on the
    explorer's monotonicity argument."""
    for acts in _subsets(p.act_classes, 1):
        for means in _subsets(p.means_classes):
            for purposes in _subsets(p.purpose_classes):
                if (acts, means, purposes) != (p.act_classes, p.means_classes, p.purpose_classes):
                    yield ex.Pattern(segment=p.segment, act_classes=acts, means_classes=means,
                                     purpose_classes=purposes, flags=p.flags)


@pytest.mark.slow
def test_every_witness_diverges_and_is_minimal(statutes, exploration):
    """Checked with the evaluator's own outcome tables, not with the explorer's bookkeeping: each
    witness diverges under some reading of the open points, and under one such reading no
    pattern strictly below it diverges the same way."""
    compiled = {i: compile_instrument(statutes.instrument(i), statutes) for i in statutes.ids}
    for r in exploration.regions:
        a, b = r.between
        for w in r.witnesses:
            evaluated = {i: _verdict(statutes, i, w.facts) for i in (a, b)}
            if "uncertain" not in evaluated.values():
                assert evaluated[a] != evaluated[b]
                assert r.robust
            here = {i: outcome_table(compiled[i], _facts_at(w.pattern)) for i in (a, b)}
            questions = sorted({q.question for i in (a, b) for q in here[i][1]})
            readings = [dict(zip(questions, answers))
                        for answers in itertools.product((True, False), repeat=len(questions))]
            differing = [(rd, a if _value(here[a], rd) else b) for rd in readings
                         if _value(here[a], rd) != _value(here[b], rd)]
            assert differing, (r.key, w.pattern)
            below = [{i: outcome_table(compiled[i], _facts_at(q)) for i in (a, b)}
                     for q in _strictly_below(w.pattern)]
            assert any(not any(_value(t[holder], rd) and not _value(t[a if holder == b else b], rd)
                               for t in below)
                       for rd, holder in differing), (r.key, w.pattern)


def _verdict(statutes, inst, facts):
    from lawcheck import evaluate
    return evaluate(statutes.instrument(inst), facts, statutes).verdict


def _regions(exploration, pair, **kw):
    return [r for r in exploration.regions if r.between == pair
            and all(getattr(r, k) == v for k, v in kw.items())]


@pytest.fixture(scope="module")
def seed_exploration(statutes):
    """The three instruments the seed report compares (exploring all eight is for the slow tests)."""
    return ex.explore(statutes, ids=("palermo", "vn-cc-150", "vn-cc-151"))


def test_rediscovers_the_seed_report_divergences(seed_exploration):
    exploration = seed_exploration
    pal150, pal151 = ("palermo", "vn-cc-150"), ("palermo", "vn-cc-151")
    # child age 16 versus 18: a 16- or 17-year-old is a child under Palermo, not under Art. 151
    assert any(w.pattern.segment == (16, 17) for r in _regions(
        exploration, pal151, cause="child age", robust=True, nearer="palermo") for w in r.witnesses)
    # means required for 16- and 17-year-olds under Art. 150
    means = _regions(exploration, pal150, cause="means", robust=True, nearer="palermo")
    assert any(w.pattern.segment == (16, 17) and not w.pattern.means
               for r in means for w in r.witnesses)
    # the transfer requirement: recruiting or harbouring with no handover
    transfer = _regions(exploration, pal150, cause="transfer", robust=True, nearer="palermo")
    assert transfer and not transfer[0].witness.pattern.handover
    # the purpose of money alone: Art. 150(1)(a), no Palermo counterpart
    money = _regions(exploration, pal150, cause="purpose", robust=True, nearer="vn-cc-150")
    assert money and money[0].witness.pattern.purposes == ("material_benefit",)
    # payment to a person having control: a Palermo means, open under Art. 150
    assert any(w.pattern.means == ("payment_to_controller",) and w.verdicts["palermo"] == "met"
               and w.verdicts["vn-cc-150"] == "uncertain"
               for r in _regions(exploration, pal150, robust=False) for w in r.witnesses)
    # consent, and the humanitarian exception, as rules only one instrument has
    rules = {(w.divergence.between, w.divergence.element) for w in exploration.rules}
    assert (pal150, "consent") in rules
    assert (pal151, "exception") in rules


def test_saved_witnesses_run_as_a_case_file(cli, tmp_path, statutes):
    p = cli("explore", "--between", "palermo", "vn-cc-150", "--save", "w.yaml", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    suites = load_suites([tmp_path / "w.yaml"], statutes)
    n = len(suites[0].scenarios)
    assert f"wrote w.yaml: {n} witnesses" in p.stdout and n >= p.stdout.count("witness:") > 5
    run = cli("run", "w.yaml", cwd=tmp_path)
    assert run.returncode == 0, run.stdout
    # a statute change that moves a divergence shows as a failed expectation
    text = (tmp_path / "w.yaml").read_text(encoding="utf-8")
    flipped = text.replace("palermo:\n      verdict: met", "palermo:\n      verdict: not_met", 1)
    assert flipped != text
    (tmp_path / "w.yaml").write_text(flipped, encoding="utf-8")
    assert cli("run", "w.yaml", cwd=tmp_path).returncode == 1


def test_between_checks_its_instruments(cli, tmp_path):
    p = cli("explore", "--between", "palermo", "vn-cc-15", cwd=tmp_path)
    assert p.returncode == 2
    assert "unknown instrument 'vn-cc-15'" in p.stderr and "vn-cc-150" in p.stderr
    assert "Traceback" not in p.stderr


@pytest.mark.slow
def test_explore_json_is_deterministic(cli, tmp_path):
    a = cli("explore", "--format", "json", cwd=tmp_path)
    b = cli("explore", "--format", "json", cwd=tmp_path)
    assert a.returncode == 0 and a.stdout == b.stdout


def test_witnesses_saved_for_another_date_are_judged_by_that_law(cli, tmp_path):
    """explore --as-of D --save: each saved scenario carries the date D, so a later plain run
    checks every expectation against the law of D (none left unchecked as 'not in force')."""
    p = cli("explore", "--between", "palermo", "vn-pc-1999-119", "--as-of", "2015-06-01",
            "--save", "w.yaml", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    saved = (tmp_path / "w.yaml").read_text(encoding="utf-8")
    assert "date: '2015-06-01'" in saved or "date: 2015-06-01" in saved
    run = cli("run", "w.yaml", cwd=tmp_path)
    assert run.returncode == 0, run.stdout
    assert "not checked" not in run.stdout.replace("\n", " "), run.stdout
