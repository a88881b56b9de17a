"""Vietnamese in the statute files: every vocabulary label has lawcheck's Vietnamese beside it
(`act recruitment "recruitment" vi "tuyển mộ"`), using the Vietnamese statutes' own word for a
term where they have one; `lawcheck check` (LC005) names a label without it; the views show the
Vietnamese with lang "vi" and the English otherwise."""

from __future__ import annotations

import shutil

import pytest

from lawcheck import load_statutes
from lawcheck.engine import checks
from lawcheck.errors import LawcheckError
from lawcheck.statute import model as m


def _copy(src, dst):
    for f in src.glob("*.law"):
        shutil.copy(f, dst / f.name)


def test_every_declaration_has_its_vietnamese_label(statutes):
    vocab = statutes.vocabulary
    assert vocab.declarations(), "no vocabulary"
    missing = [d.name for d in vocab.declarations() if not d.label_vi]
    assert missing == []
    for c in vocab.circumstances:
        if c.default_words:
            assert c.default_words_vi, c.name
    assert checks.run_checks(statutes, checks.select(["LC005"], None)) == []


def _entries_words(statutes, instrument_id: str, kind: str) -> list[tuple[tuple, str]]:
    """(terms, the Vietnamese the instrument uses for them) for each entry it settles."""
    out = []
    for p in statutes.instrument(instrument_id).provisions:
        for lb in p.limbs:
            for el in lb.elements:
                if isinstance(el, m.SetElement) and el.kind == kind:
                    for e in el.set.entries:
                        vi = [w.text for w in e.words if w.lang == "vi"]
                        if vi and not e.is_open and (e.terms, vi[0]) not in out:
                            out.append((e.terms, vi[0]))
    return out


@pytest.mark.parametrize("kind", ["act", "means"])
def test_labels_use_the_statutes_own_words(statutes, kind):
    """Where Law 53/2024 Art. 2(1) names acts or means by a word of its own, the Vietnamese label
    of one of the terms it covers is that word (lawcheck's label, so lowercase and perhaps
    longer: "chuyển giao người cho người khác")."""
    entries = _entries_words(statutes, "vn-law-2024", kind)
    assert len(entries) >= 3, entries
    for terms, vi in entries:
        labels = [statutes.vocabulary.label(t, "vi") for t in terms]
        assert any(label.lower().startswith(vi.lower()) for label in labels), (terms, vi)


def test_labels_in_each_language(statutes):
    vocab = statutes.vocabulary
    assert vocab.label("deception") == "deception"
    assert vocab.label("deception", "vi") == "lừa gạt"
    assert vocab.label("no_such_term", "vi") == "no such term"
    default = next(b for b in vocab.borders if b.default)
    assert vocab.border_label(default.name, "vi") == default.label_vi != default.label
    assert vocab.border_label("unknown", "vi") == "unknown"
    victims = next(c for c in vocab.circumstances if c.name == "victims")
    assert victims.default_words_in("en") == victims.default_words
    assert victims.default_words_in("vi") == victims.default_words_vi
    assert victims.label_in("xx") == victims.label        # a language without labels: English


def test_a_label_without_its_vietnamese_is_a_finding(tmp_path, bundled_statute_dir):
    _copy(bundled_statute_dir, tmp_path)
    path = tmp_path / "vocabulary.law"
    text = path.read_text(encoding="utf-8")
    marker = '"recruitment"\n                         vi "tuyển mộ"'
    assert marker in text
    path.write_text(text.replace(marker, '"recruitment"'), encoding="utf-8")
    found = checks.run_checks(load_statutes(tmp_path), checks.select(["untranslated"], None))
    line = text[:text.index(marker)].count("\n") + 1
    assert [(f.code, f.span.line) for f in found] == [("LC005", line)]
    assert "recruitment" in found[0].text() and "Vietnamese" in found[0].text()


def test_a_default_in_words_without_its_vietnamese_is_a_finding(tmp_path, bundled_statute_dir):
    _copy(bundled_statute_dir, tmp_path)
    path = tmp_path / "vocabulary.law"
    text = path.read_text(encoding="utf-8")
    marker = ' "one victim" vi "một nạn nhân"'
    assert marker in text
    path.write_text(text.replace(marker, ' "one victim"'), encoding="utf-8")
    found = checks.run_checks(load_statutes(tmp_path), checks.select(["LC005"], None))
    assert len(found) == 1 and "one victim" in found[0].text()


def test_only_vietnamese_follows_lawchecks_words(tmp_path, bundled_statute_dir):
    _copy(bundled_statute_dir, tmp_path)
    path = tmp_path / "vocabulary.law"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('vi "tuyển mộ"', 'en "recruiting"', 1), encoding="utf-8")
    with pytest.raises(LawcheckError) as exc:
        load_statutes(tmp_path)
    (d,) = exc.value.diagnostics
    line = text[:text.index('vi "tuyển mộ"')].count("\n") + 1
    assert d.span.line == line and "unexpected 'en'" in d.message
    assert "'vi'" in d.expected
