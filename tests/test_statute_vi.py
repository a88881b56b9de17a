"""Vietnamese in the statute files: every vocabulary label has lawcheck's Vietnamese beside it
(`act recruitment "recruitment" vi "tuyển mộ"`), using the Vietnamese statutes' own word for a
term where they have one; `lawcheck check` (LC005) names a label without it; the views show the
Vietnamese with lang "vi" and the English otherwise."""

from __future__ import annotations

import re
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


# ------------------------------------------------ lawcheck's words in the instruments, in Vietnamese

def test_every_instrument_text_has_its_vietnamese(statutes):
    for owner in (*statutes.instruments, *statutes.definitions):
        texts = [t for t, _ in m.iter_prose(owner)]
        assert texts, owner.id
        missing = [t for t in texts if not owner.translations.has(t)]
        assert missing == [], (owner.id, missing[:3])


def test_instrument_words_in_each_language(statutes):
    cc = statutes.instrument("vn-cc-150")
    assert cc.title_in("en") == cc.title
    assert cc.title_in("vi").startswith("Bộ luật Hình sự 2015") and "Điều 150" in cc.title_in("vi")
    assert cc.short_in("vi") == "Điều 150" and cc.short_in("en") == cc.short == "Art. 150"
    assert cc.text_in(cc.source, "vi") != cc.source
    assert cc.text_in("no such words", "vi") == "no such words"       # falls back to the text
    assert cc.text_in(None, "vi") is None
    # an open question the engine passes on finds its Vietnamese through the statute set
    question = next(e.qualifier_text for p in cc.provisions for lb in p.limbs
                    for el in lb.elements if isinstance(el, m.SetElement)
                    for e in el.set.entries if e.is_open)
    assert statutes.text_in(question, "vi") == cc.text_in(question, "vi") != question
    assert statutes.text_in(question, "en") == question


def test_one_english_text_has_one_vietnamese(tmp_path, bundled_statute_dir):
    _copy(bundled_statute_dir, tmp_path)
    path = tmp_path / "palermo.law"
    text = path.read_text(encoding="utf-8")
    marker = 'short "Palermo Art. 3"\n    vi "Nghị định thư Palermo, Điều 3"'
    assert marker in text
    # the same English as the title of CETS 197's short name? no: give Palermo's kind a second,
    # different Vietnamese for "treaty", which ACTIP and CETS 197 translate already
    kind = 'kind "treaty"\n    vi "điều ước quốc tế"'
    assert kind in text
    path.write_text(text.replace(kind, 'kind "treaty"\n    vi "hiệp ước"'), encoding="utf-8")
    with pytest.raises(LawcheckError) as exc:
        load_statutes(tmp_path)
    assert any("another Vietnamese" in d.message and "điều ước quốc tế" in (d.expected or "")
               for d in exc.value.diagnostics)


def test_a_text_without_its_vietnamese_is_a_finding(tmp_path, bundled_statute_dir):
    _copy(bundled_statute_dir, tmp_path)
    path = tmp_path / "vn-cc-2015.law"
    text = path.read_text(encoding="utf-8")
    note = ('note "Art. 151(1) names no means: force, threat, deception or other tricks need '
            'not be proved."')
    start = text.index(note) + len(note)
    end = text.index("\n", text.index("\n", start) + 1)
    assert text[start:end].strip().startswith('vi "')
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    found = checks.run_checks(load_statutes(tmp_path), checks.select(["LC005"], None))
    assert [f.code for f in found] == ["LC005"]
    assert found[0].span.file.endswith("vn-cc-2015.law") and "vn-cc-151" in found[0].where
    assert "Art. 151(1) names no means" in found[0].text()


def test_lawchecks_vietnamese_is_never_quoted_as_the_law(statutes):
    """The Vietnamese written after lawcheck's words is its own; none of it stands where the
    law's words are quoted (those are checked against the sources by tests/test_fidelity.py)."""
    quoted = {w.text for inst in statutes.instruments for w in m.iter_words(inst)}
    ours = {vi for _, vi in statutes.translations.vi}
    assert ours and not (ours & quoted)


def test_the_views_read_them_in_the_wordings_language(statutes, suites):
    from lawcheck import evaluate_scenario
    from lawcheck.views.text import OpenPointRefs, _explain_instrument
    from lawcheck.views.wording import Wording
    cc = statutes.instrument("vn-cc-150")
    sc = next(s for suite in suites for s in suite.scenarios
              if s.id == "age-17-handed-over-no-means")
    result = evaluate_scenario(sc, statutes).results["vn-cc-150"]
    vi = " ".join(" ".join(_explain_instrument(cc, result, None, Wording.of(statutes, "vi")))
                  .split())                                   # lines unwrapped
    en = " ".join(" ".join(_explain_instrument(cc, result, None, Wording.of(statutes))).split())
    assert cc.title_in("vi") in vi and cc.title not in vi and cc.title in en
    note = "Art. 150 states no age: victims under 16 fall under Art. 151(1)"
    assert note in en and note not in vi and "nạn nhân dưới 16 tuổi" in vi
    refs = OpenPointRefs(statutes, "vi")
    question = next(iter(refs.numbers))
    refs.used.add(question)
    assert statutes.text_in(question, "vi") in " ".join(" ".join(refs.stated()).split())
    w = Wording.of(statutes, "vi")
    assert w.prose(question) == statutes.text_in(question, "vi")


def test_every_kind_of_declaration_has_its_words():
    import typing
    from lawcheck.views import catalogue
    kinds = set(typing.get_args(m.TermKind)) | set(checks._DECLARED.values())
    for lang in ("en", "vi"):
        for kind in kinds:
            assert ("vocabulary-kind", kind) in catalogue._messages(lang), (lang, kind)


# ------------------------------------------------------------ no file names or codes for readers

# What a reader must not meet: this repository's file names (legal-sources.md, a .law or .yaml
# file), the sources' confidence codes (VERBATIM-FOUND, PARAPHRASE-FOUND, UNVERIFIED), and the
# statute language's "limb". A file pattern the command line names for the user's own files
# ("*.law") is not a file name of this repository.
FORBIDDEN = re.compile(r"legal-sources|[\w/-]\.(?:md|law|yaml)\b|VERBATIM|PARAPHRASE|UNVERIFIED|"
                       r"(?i:\blimbs?\b)")


def _strings(x, path=""):
    """Every string in a model dump, with where it is (source positions left out)."""
    if isinstance(x, dict):
        for k, v in x.items():
            if k != "span":
                yield from _strings(v, f"{path}.{k}")
    elif isinstance(x, (list, tuple)):
        for n, v in enumerate(x):
            yield from _strings(v, f"{path}[{n}]")
    elif isinstance(x, str):
        yield path, x


def test_no_file_names_or_codes_in_the_statute_set(statutes):
    found = [(where, FORBIDDEN.search(text).group(0), text[:80])
             for where, text in _strings(statutes.model_dump(mode="json"))
             if FORBIDDEN.search(text)]
    assert found == []
    assert len(list(_strings(statutes.model_dump(mode="json")))) > 1000      # the walk reads it


def test_no_file_names_or_codes_in_the_catalogue():
    from lawcheck.views import catalogue
    placeholder = re.compile(r"\{[^{}]*\}")
    for lang in ("en", "vi"):
        messages = catalogue._messages(lang)
        assert messages, lang
        found = [(c, i, t) for (c, i), t in messages.items()
                 if FORBIDDEN.search(placeholder.sub("", t))]
        assert found == [], lang


def test_the_pattern_finds_what_it_is_for():
    for bad in ("legal-sources.md §5.1", "see cases/age.yaml", "statutes/vn-cc-2015.law",
                "VERBATIM-FOUND", "UNVERIFIED", "closest limb", "Limbs:"):
        assert FORBIDDEN.search(bad), bad
    for fine in ("folder of statute files (*.law)", "unverified", "climbing", "Art. 150"):
        assert not FORBIDDEN.search(fine), fine


def test_no_message_has_two_translations():
    """A union merge of two edits of one message leaves two msgstr lines, of which gettext
    readers silently keep one."""
    from lawcheck.views import catalogue
    for lang in ("en", "vi"):
        text = (catalogue.LOCALE / lang / "LC_MESSAGES" / "lawcheck.po").read_text(
            encoding="utf-8")
        assert not re.search(r'^msgstr .*\n(?:".*"\n)*msgstr ', text, flags=re.M), lang


def test_the_confidence_marks_are_worded_in_the_catalogue():
    import typing
    from lawcheck.views import catalogue
    marks = set(typing.get_args(m.Confidence))
    for lang in ("en", "vi"):
        words = {mark: catalogue.say("confidence", mark, lang) for mark in marks}
        assert len(set(words.values())) == len(marks), words         # told apart
        assert not any(FORBIDDEN.search(w) for w in words.values()), words   # words, not codes
    for mark in marks:
        assert catalogue.say("confidence", mark) != catalogue.say("confidence", mark, "vi")
