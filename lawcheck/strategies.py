"""Hypothesis strategies for scenario facts, for property tests of statute encodings.

    from hypothesis import given
    from lawcheck.strategies import facts

    @given(facts(statutes.vocabulary))
    def test_something(f): ...

Needs the `hypothesis` package (installed with `pip install "lawcheck[test]"`).
"""

from __future__ import annotations

from hypothesis import strategies as st

from lawcheck.statute.model import UNKNOWN, Circumstance, Vocabulary
from lawcheck.scenarios import AgeRange, Consent, Facts

tri = st.sampled_from([True, False, None])


def ages(unknown: bool = True) -> st.SearchStrategy:
    """Exact ages, with ranges and `unknown` when `unknown` is true."""
    exact = st.integers(min_value=0, max_value=90)
    if not unknown:
        return exact
    ranged = st.tuples(exact, exact).map(lambda t: AgeRange(min=min(t), max=max(t)))
    return st.one_of(exact, exact, ranged, st.just("unknown"))


def circumstance(c: Circumstance, unknown: bool = True) -> st.SearchStrategy:
    """A value of one of the vocabulary's circumstances: a number within its bounds, or true
    or false; with `unknown`, also unknown."""
    known = st.booleans() if not c.counted else st.integers(min_value=c.low, max_value=c.high)
    return st.one_of(known, st.just(None if not c.counted else UNKNOWN)) if unknown else known


def facts(vocabulary: Vocabulary, *, unknown: bool = True,
          circumstances: bool = False) -> st.SearchStrategy[Facts]:
    """Any consistent set of facts over the vocabulary, typed by it (Facts.resolved); with
    `unknown`, some facts unknown; with `circumstances`, some of the vocabulary's circumstances
    stated (otherwise each has its default)."""
    def subset(kind, min_size=0):
        return st.lists(st.sampled_from(vocabulary.names(kind)), unique=True, min_size=min_size,
                        max_size=4)

    maybe = tri if unknown else st.booleans()
    stated = st.fixed_dictionaries({}, optional={c.name: circumstance(c, unknown)
                                                 for c in vocabulary.circumstances})

    @st.composite
    def build(draw):
        acts = draw(subset("act", 1))
        handover = draw(maybe)
        if vocabulary.handover_acts & set(acts) and handover is False:
            handover = None   # a handover act with handover false is invalid input
        return Facts(
            victim_age=draw(ages(unknown)), acts=tuple(acts), means=tuple(draw(subset("means"))),
            purposes=tuple(draw(subset("purpose"))), handover=handover,
            consent=Consent(movement=draw(maybe), exploitation=draw(maybe)),
            exploitation_occurred=draw(maybe),
            border=draw(st.sampled_from(vocabulary.border_values)),
            organized_criminal_group=draw(maybe), humanitarian_purpose=draw(maybe),
            circumstances=draw(stated) if circumstances else {},
        ).resolved(vocabulary)
    return build()
