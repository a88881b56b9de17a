"""The wording catalogue: a valid gettext file, read by Babel, with a message for every code the
model can produce, and the only place those words are written."""

from __future__ import annotations

import re
import typing
from pathlib import Path

from babel.messages.pofile import read_po

from lawcheck.engine.evaluate import InstrumentResult, Status
from lawcheck.views import catalogue

PO = catalogue.LOCALE / "en" / "LC_MESSAGES" / "lawcheck.po"


def test_the_catalogue_is_standard_gettext_without_duplicates():
    text = PO.read_text(encoding="utf-8")
    with open(PO, "rb") as f:
        read_po(f, locale="en")                      # parses as gettext
    pairs = re.findall(r'^msgctxt "([^"]*)"\nmsgid "([^"]*)"', text, flags=re.M)
    assert len(pairs) == len(set(pairs)), "a message is written twice"


def test_every_code_has_its_words():
    verdicts = typing.get_args(InstrumentResult.__annotations__["verdict"]) or \
        typing.get_args(typing.get_type_hints(InstrumentResult)["verdict"])
    for context in ("verdict", "verdict-symbol", "verdict-where"):
        assert set(catalogue.table(context)) == set(verdicts), context
    for context in ("status", "status-symbol"):
        assert set(catalogue.table(context)) == set(typing.get_args(Status)), context
    assert set(catalogue.table("alignment")) == set(catalogue.table("alignment-symbol"))
    from lawcheck.views.reportview import CAUSES
    for cause, heading in CAUSES:          # every cause the report groups by has its heading
        assert catalogue.say("cause", cause) == heading != cause


def test_named_parameters_and_fallbacks():
    assert catalogue.say("verdict-where", "not_met", citation="Art. 150(1)") == \
        "nearest to being met: Art. 150(1)"
    assert catalogue.say("verdict-where", "not_met", "vi", citation="Art. 150(1)") == \
        "gần thỏa mãn nhất: Art. 150(1)"
    assert not (catalogue.LOCALE / "xx").exists()
    assert catalogue.say("verdict", "not_met", lang="xx") == "not met"   # English fallback
    assert catalogue.say("verdict", "no-such-code") == "no-such-code"


def test_the_words_are_written_only_in_the_catalogue():
    """No Python file of lawcheck writes a verdict, status or border table of its own."""
    tables = re.compile(r'\{"met": "|\{"satisfied": "|"none crossed"|"out_of_viet_nam": "|'
                        r'\{"present": "|"Transfer \(handover\) requirement"')
    offenders = [str(p) for p in Path(catalogue.__file__).parent.parent.rglob("*.py")
                 if tables.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_every_message_the_code_asks_for_is_in_the_catalogue():
    """`say` falls back to the message id, so a message missing from the catalogue would show
    its code to a reader: every literal (context, id) the code asks for must be there."""
    asked = set()
    call = re.compile(r'\bsay\(\s*"([^"]+)",\s*"([^"]+)"')
    for p in Path(catalogue.__file__).parent.parent.rglob("*.py"):
        asked |= set(call.findall(p.read_text(encoding="utf-8")))
    assert len(asked) > 40                         # the pattern finds the calls
    known = set(catalogue._messages("en"))
    assert sorted(asked - known) == []


def test_every_element_kind_and_divergence_form_has_its_words():
    from lawcheck.engine import compare
    from lawcheck.engine.elements import KINDS
    for kind in KINDS:
        for t in kind.types:
            assert catalogue.say("element-name", t) != t or t in ("act", "means", "purpose")
            assert ("element-name", t) in catalogue._messages("en")
    forms = re.findall(r'"([a-z-]+)"', compare.Divergence.__doc__)
    assert {"met-not-met", "uncertain", "split", "consent"} <= set(forms)
    for form in forms:
        assert ("divergence", form) in catalogue._messages("en"), form


# ---- every language a reader can choose ------------------------------------------------------

def _catalogue(lang: str) -> dict:
    path = catalogue.LOCALE / lang / "LC_MESSAGES" / "lawcheck.po"
    with open(path, "rb") as f:
        return {(m.context, m.id): m.string for m in read_po(f, locale=lang) if m.id}


def _names(text: str) -> list:
    import string
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_every_message_has_its_vietnamese_translation_with_the_same_parameters():
    en, vi = _catalogue("en"), _catalogue("vi")
    assert sorted(k for k in en if not vi.get(k)) == [], "messages without Vietnamese"
    assert sorted(k for k in vi if k not in en) == [], "Vietnamese for messages that are gone"
    for key, text in en.items():
        assert _names(vi[key]) == _names(text or key[1]), key


def test_the_vietnamese_catalogue_says_it_is_a_working_translation():
    head = (catalogue.LOCALE / "vi" / "LC_MESSAGES" / "lawcheck.po").read_text("utf-8")[:2000]
    assert "Language: vi" in head
    assert "working translation" in head.lower() or "bản dịch" in head.lower()
