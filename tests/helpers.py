"""Small builders for tests: scenarios from keyword facts, evaluated against bundled statutes."""

from __future__ import annotations

from functools import lru_cache

from lawcheck import evaluate
from lawcheck import Facts
from lawcheck import load_statutes


@lru_cache(maxsize=1)
def _vocabulary():
    return load_statutes().vocabulary


def facts(**kw) -> Facts:
    """Facts as a case file would give them (typed by the vocabulary, what they imply filled
    in)."""
    kw.setdefault("acts", ["transfer"])
    return Facts.model_validate(kw).resolved(_vocabulary())


def result(statutes, instrument: str, **kw):
    return evaluate(statutes.instrument(instrument), facts(**kw), statutes)


def verdict(statutes, instrument: str, **kw) -> str:
    return result(statutes, instrument, **kw).verdict
