"""Legal fidelity: every piece of statute text in the statute files is quoted from the sources.

The sources are ../shared/legal-sources.md; docs/sources/legal-sources.md is the copy shipped with
the repository (kept identical, checked below when ../shared is present). A quotation may differ
from the source only in markdown (bold, block-quote markers), line breaks and dash style.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from lawcheck.statute.model import iter_words
from lawcheck import load_statutes

REPO = Path(__file__).resolve().parent.parent
COPY = REPO / "docs" / "sources" / "legal-sources.md"
# the team's sources: ../shared beside the checkout, or the folder LAWCHECK_SHARED names
SHARED = Path(os.environ.get("LAWCHECK_SHARED") or REPO.parent / "shared") / "legal-sources.md"


def _norm(text: str) -> str:
    text = re.sub(r"^\s*>\s?", " ", text, flags=re.M)       # block quotes
    text = text.replace("**", "").replace("*", "")          # bold / italics
    text = text.replace("–", "-").replace("—", "-").replace("“", '"').replace("”", '"')
    text = text.replace("‘", "'").replace("’", "'")
    return re.sub(r"\s+", " ", text).strip()


SOURCE = _norm(COPY.read_text(encoding="utf-8"))
STATUTES = load_statutes()
QUOTES = sorted({(inst.id, w.lang, w.text) for inst in STATUTES.instruments
                 for w in iter_words(inst)}
                | {(d.id, w.lang, w.text) for d in STATUTES.definitions for w in d.words})


@pytest.mark.parametrize("instrument,lang,text", QUOTES,
                         ids=[f"{i}-{lang}-{n}" for n, (i, lang, _) in enumerate(QUOTES)])
def test_every_quotation_is_in_the_sources(instrument, lang, text):
    assert _norm(text) in SOURCE, f"{instrument} {lang}: not found in legal-sources.md: {text!r}"


def test_shipped_copy_matches_shared_sources():
    if not SHARED.exists():
        message = (f"NOT CHECKED: the shared sources are not at {SHARED}, so the copy in "
                   "docs/sources/ was not compared with them; put the shared folder beside this "
                   "checkout or set LAWCHECK_SHARED=DIR")
        if os.environ.get("LAWCHECK_REQUIRE_SHARED"):
            pytest.fail(message)
        pytest.skip(message)
    assert COPY.read_bytes() == SHARED.read_bytes(), (
        "docs/sources/legal-sources.md differs from ../shared/legal-sources.md: copy it again")
