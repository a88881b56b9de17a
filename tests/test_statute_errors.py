"""Broken statute files: every error with file:line:col, what was expected, a did-you-mean where
one fits; all errors in a file reported, not only the first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lawcheck.errors import LawcheckError, render_all
from lawcheck import load_statutes

GOOD_LIMB = '''
instrument demo {
  title "Demo" short "Demo" kind "treaty" jurisdiction "Nowhere" citation "Demo Art. 1"
  source "test" in_force 2000-01-01 .. confidence verbatim
  provision p1 "Art. 1" {
    limb a "Art. 1(a)" {
      act "Art. 1(a)" { transfer en "transfer" }
      means "Art. 1(a)" { force en "force" }
      purpose "Art. 1(a)" { forced_labour en "forced labour" }
    }
  }
}
'''


def _folder(tmp_path: Path, bundled: Path, text: str, name: str = "demo.law") -> Path:
    folder = tmp_path / "statutes"
    folder.mkdir(parents=True)
    shutil.copy(bundled / "vocabulary.law", folder / "vocabulary.law")
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _errors(folder: Path) -> list:
    with pytest.raises(LawcheckError) as info:
        load_statutes(folder)
    return info.value.diagnostics


def test_minimal_file_loads(tmp_path, bundled_statute_dir):
    s = load_statutes(_folder(tmp_path, bundled_statute_dir, GOOD_LIMB))
    assert s.ids == ("demo",)


def test_syntax_error_has_position_expected_and_suggestion(tmp_path, bundled_statute_dir):
    text = GOOD_LIMB.replace('title "Demo"', 'titel "Demo"')
    [d] = _errors(_folder(tmp_path, bundled_statute_dir, text))
    assert (d.span.file.endswith("demo.law"), d.span.line, d.span.column) == (True, 3, 3)
    assert "titel" in d.message
    assert "title" in d.expected
    assert d.suggestion == "did you mean 'title'?"


def test_unknown_term_suggests_the_vocabulary_term(tmp_path, bundled_statute_dir):
    text = GOOD_LIMB.replace("{ force en", "{ forse en")
    [d] = _errors(_folder(tmp_path, bundled_statute_dir, text))
    assert d.message == "unknown term 'forse'"
    assert d.suggestion.startswith("did you mean 'force'? (declared at ")
    line = next(n for n, text in enumerate(
        (bundled_statute_dir / "vocabulary.law").read_text(encoding="utf-8").splitlines(), 1)
        if text.strip().startswith("means force "))
    assert d.suggestion.endswith(f"vocabulary.law:{line}:3)")
    assert (d.span.line, d.span.column) == (8, 27)
    assert "provision 'p1'" in d.context and "limb 'a'" in d.context


def test_all_errors_in_a_file_are_reported(tmp_path, bundled_statute_dir):
    text = (GOOD_LIMB.replace("{ force en", "{ forse en")
            .replace("{ forced_labour en", "{ forced_labor en")
            .replace("{ transfer en", "{ force en"))
    diags = _errors(_folder(tmp_path, bundled_statute_dir, text))
    messages = [d.message for d in diags]
    assert messages == ["'force' is a means term, not an act term", "unknown term 'forse'",
                        "unknown term 'forced_labor'"]
    assert [d.span.line for d in diags] == [7, 8, 9]


def test_several_syntax_errors_are_reported(tmp_path, bundled_statute_dir):
    text = GOOD_LIMB.replace('title "Demo"', 'titel "Demo"').replace(
        'limb a "Art. 1(a)" {', 'limb a "Art. 1(a)" {\n      victim age = 18 "x"')
    diags = _errors(_folder(tmp_path, bundled_statute_dir, text))
    assert [d.span.line for d in diags][:2] == [3, 7]


def test_duplicate_ids(tmp_path, bundled_statute_dir):
    text = GOOD_LIMB.replace('limb a "Art. 1(a)" {', 'limb a "Art. 1(a)" { no means "x" }\n'
                             '    limb a "Art. 1(a)" {')
    diags = _errors(_folder(tmp_path, bundled_statute_dir, text))
    assert [d.message for d in diags] == ["duplicate limb id 'a'"]
    folder = tmp_path / "statutes"
    (folder / "again.law").write_text(GOOD_LIMB, encoding="utf-8")
    (folder / "demo.law").write_text(GOOD_LIMB, encoding="utf-8")
    diags = _errors(folder)
    assert [d.message for d in diags] == ["duplicate instrument id 'demo'"]
    assert "already defined at" in diags[0].suggestion


def test_missing_fields(tmp_path, bundled_statute_dir):
    text = GOOD_LIMB.replace('jurisdiction "Nowhere" ', "").replace("confidence verbatim", "")
    [d] = _errors(_folder(tmp_path, bundled_statute_dir, text))
    assert d.message == "missing fields: jurisdiction, confidence"


def test_limb_must_say_whether_means_are_required(tmp_path, bundled_statute_dir):
    text = GOOD_LIMB.replace('means "Art. 1(a)" { force en "force" }', "")
    [d] = _errors(_folder(tmp_path, bundled_statute_dir, text))
    assert d.message == "a limb must say whether means are required"


def test_unknown_set_and_reference(tmp_path, bundled_statute_dir):
    text = GOOD_LIMB.replace('act "Art. 1(a)" { transfer en "transfer" }',
                             "act acts_3\n      refers to palermo2 \"Art. 1\"")
    diags = _errors(_folder(tmp_path, bundled_statute_dir, text))
    assert [d.message for d in diags] == ["unknown set 'acts_3'",
                                          "reference to unknown instrument 'palermo2'"]


def test_rendered_error_shows_source_line_and_caret(tmp_path, bundled_statute_dir):
    text = GOOD_LIMB.replace("{ force en", "{ forse en")
    folder = _folder(tmp_path, bundled_statute_dir, text)
    with pytest.raises(LawcheckError) as info:
        load_statutes(folder)
    out = render_all(info.value)
    lines = out.splitlines()
    assert lines[0].endswith("demo.law:8:27: error: unknown term 'forse'")
    assert lines[1].strip() == 'means "Art. 1(a)" { force en "force" }'.replace("force en", "forse en")
    assert lines[2].index("^") == 4 + 26
    assert "hint: did you mean 'force'?" in out


def test_unterminated_block(tmp_path, bundled_statute_dir):
    text = GOOD_LIMB.rstrip().rstrip("}")
    [d] = _errors(_folder(tmp_path, bundled_statute_dir, text))
    assert d.message == "unexpected end of file"
    assert "'}'" in d.expected


def test_bundled_statutes_parse_and_cite_every_element(statutes):
    from lawcheck.statute import model as m
    for inst in statutes.instruments:
        for prov in inst.provisions:
            for limb in prov.limbs:
                for el in limb.elements:
                    assert el.citation.strip(), (inst.id, limb.id, el)
                    if isinstance(el, m.SetElement):
                        for entry in el.set.entries:
                            assert entry.citation.strip()
                            assert entry.words, (inst.id, limb.id, entry.terms)


def test_resolved_reference_evaluates_the_target(tmp_path, bundled_statute_dir):
    from helpers import facts

    from lawcheck import evaluate
    other = GOOD_LIMB.replace("instrument demo", "instrument target").replace(
        'act "Art. 1(a)" { transfer en "transfer" }', 'act "Art. 1(a)" { receipt en "receipt" }')
    referring = GOOD_LIMB.replace("instrument demo", "instrument ref").replace(
        'act "Art. 1(a)" { transfer en "transfer" }\n      means "Art. 1(a)" { force en "force" }\n'
        '      purpose "Art. 1(a)" { forced_labour en "forced labour" }',
        'refers to target "Art. 1"\n      no means "Art. 1"')
    folder = _folder(tmp_path, bundled_statute_dir, other, "target.law")
    (folder / "ref.law").write_text(referring, encoding="utf-8")
    s = load_statutes(folder)
    ref = s.instrument("ref")
    hit = evaluate(ref, facts(victim_age=30, acts=["receipt"], means=["force"],
                              purposes=["forced_labour"]), s)
    miss = evaluate(ref, facts(victim_age=30, acts=["transfer"], means=["force"],
                               purposes=["forced_labour"]), s)
    assert (hit.verdict, miss.verdict) == ("met", "not_met")
    assert hit.limb.elements[0].found.refs == (("target", "met"),)


def test_circular_reference_is_an_error(tmp_path, bundled_statute_dir):
    text = GOOD_LIMB.replace('act "Art. 1(a)" { transfer en "transfer" }',
                             'refers to demo "Art. 1"')
    [d] = _errors(_folder(tmp_path, bundled_statute_dir, text))
    assert d.message.startswith("circular reference: demo -> demo")


def test_a_set_with_errors_does_not_cascade(tmp_path, bundled_statute_dir):
    text = GOOD_LIMB.replace('  provision p1', '  set acts "Art. 1" { recruitmnt en "recruitment" }\n'
                             '  provision p1').replace(
        'act "Art. 1(a)" { transfer en "transfer" }', "act acts")
    diags = _errors(_folder(tmp_path, bundled_statute_dir, text))
    assert [d.message for d in diags] == ["unknown term 'recruitmnt'"]


def test_missing_vocabulary_is_one_error(tmp_path, bundled_statute_dir):
    folder = _folder(tmp_path, bundled_statute_dir, GOOD_LIMB)
    (folder / "vocabulary.law").unlink()
    [d] = _errors(folder)
    assert d.message == "no vocabulary found"
    assert "--statutes takes a folder" in d.suggestion


def test_missing_brace_hint(tmp_path, bundled_statute_dir):
    text = GOOD_LIMB.replace('{ transfer en "transfer" }', '{ transfer en "transfer"')
    diags = _errors(_folder(tmp_path, bundled_statute_dir, text))
    assert (diags[0].span.line, diags[0].suggestion) == (8, "is a '}' missing before this?")
    text = GOOD_LIMB.rstrip().rstrip("}")
    [d] = _errors(_folder(tmp_path / "eof", bundled_statute_dir, text))
    assert d.suggestion == "a '}' may be missing"


def test_keywords_do_not_split_names(tmp_path, bundled_statute_dir):
    # `victim` after a `no means` element, and set entries whose names start like keywords.
    text = GOOD_LIMB.replace('means "Art. 1(a)" { force en "force" }',
                             'no means "x"\n      victim age < 18 "y"')
    s = load_statutes(_folder(tmp_path, bundled_statute_dir, text))
    assert [e.type for e in s.instruments[0].provisions[0].limbs[0].elements] == \
        ["set", "no_means", "age", "set"]
    vocab = (bundled_statute_dir / "vocabulary.law").read_text(encoding="utf-8").replace(
        "vocabulary {", 'vocabulary {\n  purpose enslavement "enslavement"\n  purpose openness "x"')
    text = GOOD_LIMB.replace('{ forced_labour en "forced labour" }',
                             '{ forced_labour en "forced labour" enslavement openness en "x" }')
    folder = _folder(tmp_path / "two", bundled_statute_dir, text)
    (folder / "vocabulary.law").write_text(vocab, encoding="utf-8")
    s = load_statutes(folder)
    entries = s.instruments[0].provisions[0].limbs[0].elements[2].set.entries
    assert [e.terms for e in entries] == [("forced_labour",), ("enslavement",), ("openness",)]


def test_folder_without_instruments(tmp_path, bundled_statute_dir):
    folder = _folder(tmp_path, bundled_statute_dir, GOOD_LIMB)
    (folder / "demo.law").unlink()
    [d] = _errors(folder)
    assert d.message == "no instruments found"


def test_statute_file_with_byte_order_mark(tmp_path, bundled_statute_dir):
    folder = _folder(tmp_path, bundled_statute_dir, GOOD_LIMB)
    (folder / "demo.law").write_bytes(b"\xef\xbb\xbf" + GOOD_LIMB.encode("utf-8"))
    assert load_statutes(folder).ids == ("demo",)


def test_echoes_of_a_syntax_error_are_not_reported(tmp_path, bundled_statute_dir):
    # A misspelt keyword throws the parser out of step for the rest of the provision; only the
    # real error is reported, while an error in another file is still reported.
    folder = tmp_path / "st"
    folder.mkdir()
    for f in bundled_statute_dir.glob("*.law"):
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    palermo = (folder / "palermo.law").read_text(encoding="utf-8")
    (folder / "palermo.law").write_text(palermo.replace('    limb a "Art. 3(a)" {',
                                                        '    limbb a "Art. 3(a)" {', 1),
                                        encoding="utf-8")
    actip = (folder / "actip.law").read_text(encoding="utf-8")
    (folder / "actip.law").write_text(actip.replace('victim age < 18', 'victim age < eighteen'),
                                      encoding="utf-8")
    diags = _errors(folder)
    assert [(Path(d.span.file).name, d.message) for d in diags] == [
        ("actip.law", "unexpected 'eighteen'"), ("palermo.law", "unexpected 'limbb'")]
    assert diags[1].suggestion == "did you mean 'limb'?"


def test_an_error_inside_the_tree_transformer_is_not_wrapped_by_lark(tmp_path, monkeypatch):
    """lark wraps what a transformer method raises in VisitError; lawcheck unwraps it, so an
    invalid-input error stays one (exit 2, with its place) and a bug names its own type."""
    from lawcheck.errors import Diagnostic, LawcheckError, Span
    from lawcheck.statute import syntax
    from lawcheck.statute.statutes import parse_file

    def refuse(self, *args, **kwargs):
        raise LawcheckError([Diagnostic(Span("x.law", 1, 1), "refused inside the transformer")])

    monkeypatch.setattr(syntax.ToSyntax, "vocabulary", refuse, raising=False)
    f = tmp_path / "v.law"
    f.write_text('vocabulary {\n  act recruitment "recruitment"\n}\n', encoding="utf-8")
    try:
        parse_file(f)
    except LawcheckError as exc:
        assert exc.diagnostics[0].message == "refused inside the transformer"
    else:
        raise AssertionError("the transformer's error was swallowed")


def test_a_purpose_point_without_the_facts_that_show_it_is_an_error(tmp_path, bundled_statute_dir):
    """A 1999 purpose point reads no circumstance: without `also` it could never hold, so the
    statute file must say which facts show it; a border value is checked too."""
    folder = tmp_path / "statutes"
    shutil.copytree(bundled_statute_dir, folder)
    code = folder / "vn-pc-1999.law"
    text = code.read_text(encoding="utf-8")
    text = text.replace("        also purpose prostitution_of_others\n", "", 1)
    text = text.replace("also border out_of_viet_nam", "also border out_of_vietnam", 1)
    code.write_text(text, encoding="utf-8")
    with pytest.raises(LawcheckError) as info:
        load_statutes(folder)
    messages = [(d.message, d.suggestion) for d in info.value.diagnostics]
    assert ("'purpose_prostitution' is shown only by the facts the statute file names", None) \
        in messages
    assert ("unknown border term 'out_of_vietnam'", "did you mean 'out_of_viet_nam'?") in messages
