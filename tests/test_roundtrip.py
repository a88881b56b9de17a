"""The statute language: the parser round-trips (parse(render(x)) == x), and any input, however
broken, gives either a statute set or lawcheck's own errors, never a crash."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawcheck.statute import model as m
from lawcheck.errors import LawcheckError, Span
from lawcheck.statute.parser import keywords, parse
from lawcheck.statute.render import render
from lawcheck.statute.resolve import resolve
from lawcheck import load_statutes
from lawcheck.statute.syntax import ToSyntax

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
VOCAB = load_statutes().vocabulary
SPAN = Span("<generated>")


def _plain(x):
    """The model as data, without the source positions."""
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items() if k != "span"}
    if isinstance(x, list):
        return [_plain(v) for v in x]
    return x


def _reparse(statutes: m.StatuteSet, tmp: Path) -> m.StatuteSet:
    (tmp / "all.law").write_text(render(statutes), encoding="utf-8")
    return load_statutes(tmp)


def test_bundled_statutes_round_trip(statutes, tmp_path):
    again = _reparse(statutes, tmp_path)
    assert _plain(again.model_dump(mode="json")) == _plain(statutes.model_dump(mode="json"))


# ------------------------------------------------------------------------- generated models

# Text with quotes, backslashes, Vietnamese letters and single spaces (strings fold whitespace).
_word = st.text(alphabet=st.sampled_from(list('abcxyzđươăâêôơưạảấầẩẫậ"\\()-.,;:\'')),
                min_size=1, max_size=12)
texts = st.lists(_word, min_size=1, max_size=5).map(" ".join)
confidences = st.sampled_from(["verbatim", "paraphrase", "unverified", "translation"])
names = st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True).filter(
    lambda n: n not in keywords())


@st.composite
def words(draw, min_size=0):
    langs = draw(st.lists(st.sampled_from(["vi", "en"]), min_size=min_size, max_size=2))
    return tuple(m.Words(lang=lang, text=draw(texts), confidence=draw(confidences), span=SPAN)
                 for lang in langs)


@st.composite
def term_set(draw, kind, name=None):
    terms = draw(st.lists(st.sampled_from(VOCAB.names(kind)), min_size=1, max_size=4,
                          unique=True))
    groups, i = [], 0
    while i < len(terms):
        n = draw(st.integers(1, 2))
        groups.append(tuple(terms[i:i + n]))
        i += n
    entries = []
    for g in groups:
        qual = draw(st.sampled_from([None, None, "open", "narrower", "broader"]))
        entries.append(m.TermEntry(terms=g, citation=draw(texts), words=draw(words()),
                                   qualifier=qual, qualifier_text=draw(texts) if qual else None,
                                   span=SPAN))
    return m.TermSet(kind=kind, name=name, citation=draw(texts), entries=tuple(entries), span=SPAN)


@st.composite
def limb(draw, lid, shared):
    els = []
    note = st.one_of(st.none(), texts)
    if draw(st.booleans()):
        els.append(m.AgeElement(op=draw(st.sampled_from(["<", "<=", ">", ">="])),
                                years=draw(st.integers(0, 99)), citation=draw(texts),
                                words=draw(words()), note=draw(note), span=SPAN))
    for kind in ("act", "means", "purpose"):
        if kind == "means" and draw(st.booleans()):    # a limb says whether means are required
            els.append(m.NoMeansElement(citation=draw(texts), words=draw(words()),
                                        note=draw(note), span=SPAN))
            continue
        if kind in ("act", "means") or draw(st.booleans()):
            s = shared[kind] if draw(st.booleans()) else draw(term_set(kind))
            els.append(m.SetElement(kind=kind, set=s, span=SPAN))
    if draw(st.booleans()):
        els.append(m.HandoverElement(citation=draw(texts), words=draw(words()),
                                     note=draw(note), span=SPAN))
    if draw(st.booleans()):
        els.append(m.ExceptElement(flag="humanitarian_purpose", citation=draw(texts),
                                   words=draw(words()), note=draw(note), span=SPAN))
    return m.Limb(id=lid, citation=draw(texts), elements=tuple(els),
                  notes=tuple(draw(st.lists(texts, max_size=2))), span=SPAN)


@st.composite
def instrument(draw, iid):
    shared = {k: draw(term_set(k, f"{k}s-{iid}")) for k in ("act", "means", "purpose")}
    provisions = []
    for pid in draw(st.lists(names, min_size=1, max_size=2, unique=True)):
        limbs = tuple(draw(limb(lid, shared))
                      for lid in draw(st.lists(names, min_size=1, max_size=3, unique=True)))
        provisions.append(m.Provision(
            id=pid, citation=draw(texts),
            texts=tuple(m.Text(citation=draw(texts), words=draw(words(1)), span=SPAN)
                        for _ in range(draw(st.integers(0, 2)))),
            limbs=limbs,
            consent_rules=tuple(m.ConsentRule(citation=draw(texts), words=draw(words()),
                                              span=SPAN) for _ in range(draw(st.integers(0, 1)))),
            scopes=tuple(m.Scope(conditions=draw(st.sampled_from(
                                     [(), ("transnational",), m.SCOPE_CONDITIONS])),
                                 citation=draw(texts),
                                 words=draw(words()), note=draw(st.one_of(st.none(), texts)),
                                 span=SPAN) for _ in range(draw(st.integers(0, 1)))),
            notes=tuple(draw(st.lists(texts, max_size=2))), confidence=draw(confidences),
            span=SPAN))
    start = draw(st.dates(min_value=__import__("datetime").date(1990, 1, 1),
                          max_value=__import__("datetime").date(2030, 1, 1)))
    inst = m.Instrument(id=iid, title=draw(texts), short=draw(texts), kind=draw(texts),
                        jurisdiction=draw(texts), citation=draw(texts), source=draw(texts),
                        english=draw(st.one_of(st.none(), texts)),
                        notes=tuple(draw(st.lists(texts, max_size=2))),
                        in_force_from=start, confidence=draw(confidences),
                        provisions=tuple(provisions), span=SPAN)
    # lawcheck's Vietnamese for some of its words (`"..." vi "..."`), as resolve keeps them
    prose = sorted({t for t, _ in m.iter_prose(inst)})
    translated = draw(st.lists(st.sampled_from(prose), unique=True, max_size=4))
    return inst.model_copy(update={"translations": m.Translations(
        vi=tuple(sorted((t, draw(texts)) for t in translated)))})


@st.composite
def statute_sets(draw):
    ids = sorted(draw(st.lists(names, min_size=1, max_size=2, unique=True)))   # as resolve orders
    return m.StatuteSet(vocabulary=VOCAB, instruments=tuple(draw(instrument(i)) for i in ids))


@settings(SETTINGS, max_examples=40)
@given(statute_sets())
def test_generated_statutes_round_trip(tmp_path_factory, s):
    again = _reparse(s, tmp_path_factory.mktemp("rt"))
    a, b = _plain(again.model_dump(mode="json")), _plain(s.model_dump(mode="json"))
    if a != b:
        import difflib
        import json
        diff = difflib.unified_diff(json.dumps(b, indent=1, ensure_ascii=False).splitlines(),
                                    json.dumps(a, indent=1, ensure_ascii=False).splitlines(),
                                    "generated", "parsed", lineterm="", n=3)
        raise AssertionError("\n".join(list(diff)[:40]))


# --------------------------------------------------------------------------------- bad input

_TOKENS = list(keywords()) + ["{", "}", ",", "..", "<", ">=", '"x"', '"Art. 3(a)"', "2018-01-01",
                              "16", "palermo", "force", "a-b", "#c\n", "\n", " ", '"', "\\", "đ",
                              "[", "]", "victim age", "no means", "refers to"]


@SETTINGS
@given(st.lists(st.sampled_from(_TOKENS), max_size=40).map(" ".join)
       | st.text(max_size=200))
def test_any_input_gives_a_statute_set_or_lawcheck_errors(text):
    try:
        tree = parse(text, "<fuzz>")
        resolve([ToSyntax("<fuzz>", "").transform(tree)])
    except LawcheckError as exc:
        assert exc.diagnostics and all(d.message for d in exc.diagnostics)
