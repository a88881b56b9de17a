"""Small builders for tests: scenarios from keyword facts, evaluated against bundled statutes."""

from __future__ import annotations

from lawcheck.evaluate import evaluate
from lawcheck.scenarios import Facts


def facts(**kw) -> Facts:
    kw.setdefault("acts", ["transfer"])
    return Facts.model_validate(kw)


def verdict(statutes, instrument: str, **kw) -> str:
    return evaluate(statutes.instrument(instrument), facts(**kw), statutes.vocabulary).verdict


def result(statutes, instrument: str, **kw):
    return evaluate(statutes.instrument(instrument), facts(**kw), statutes.vocabulary)
