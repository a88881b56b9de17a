"""User-supplied quotations (issue 11, provenance): in statutes read from a folder, words marked
verbatim or paraphrase that the bundled statutes do not quote so are shown as user-supplied, not
with the mark they claim, in text, JSON and the HTML report, and `lawcheck check` reports each
(LC006) where it is written."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from lawcheck import load_statutes
from lawcheck.resources import data_dir
from lawcheck.statute import model as m
from lawcheck.statute.statutes import bundled_quotations

ART_151 = 'victim age < 16 "Art. 151(1)'
UNDER_16 = 'vi "người dưới 16 tuổi"'
UNDER_18 = "người dưới 18 tuổi"      # Law 53/2024's words: not Art. 151's
SCENARIO = "age-15-handed-over-no-means"          # decided by Art. 151(1)(b)


def _copy(tmp_path):
    folder = tmp_path / "statutes"
    shutil.copytree(data_dir("statutes"), folder)
    return folder


def _edit(folder, name, old, new, count=-1):
    law = folder / name
    text = law.read_text(encoding="utf-8")
    assert old in text
    law.write_text(text.replace(old, new, count), encoding="utf-8")


def _raised_151(tmp_path):
    """The drafter's copy of the issue: Art. 151's child line raised to 18, its Vietnamese
    words 'quoted' as "người dưới 18 tuổi" and still marked verbatim."""
    folder = _copy(tmp_path)
    law = folder / "vn-cc-2015.law"
    lines = law.read_text(encoding="utf-8").split("\n")
    lines = [x.replace("< 16", "< 18").replace(UNDER_16, f'vi "{UNDER_18}"')
             if ART_151 in x and UNDER_16 in x else x for x in lines]
    law.write_text("\n".join(lines), encoding="utf-8")
    return folder


def _supplied(statutes):
    return [(owner.id, w) for owner, w in m.quotations(statutes) if w.supplied]


def test_the_bundled_law_and_an_unchanged_copy_have_no_user_supplied_words(statutes, tmp_path):
    assert _supplied(statutes) == []
    assert _supplied(load_statutes(_copy(tmp_path))) == []


def test_an_edited_quotation_is_user_supplied_and_keeps_the_mark_it_claims(tmp_path):
    statutes = load_statutes(_raised_151(tmp_path))
    found = _supplied(statutes)
    assert found and {owner for owner, _ in found} == {"vn-cc-151"}
    for _, w in found:
        assert (w.lang, w.text) == ("vi", UNDER_18)
        assert w.confidence == "verbatim" and w.mark == m.SUPPLIED     # claimed, and shown
    # the same words quoted by Law 53/2024 are that law's, not Art. 151's: they stay verbatim
    law_2024 = [w for o, w in m.quotations(statutes) if o.id == "vn-law-2024"
                and w.text == UNDER_18]
    assert law_2024 and all(w.mark == "verbatim" for w in law_2024)
    # the mark shown is not part of the law: the model's data is the file's
    assert "supplied" not in json.dumps(statutes.model_dump(mode="json"))


def test_what_counts_as_the_same_words(tmp_path):
    folder = _copy(tmp_path)
    # the same text with other whitespace: the same quotation
    _edit(folder, "vn-cc-2015.law", '"Chuyển giao"', '"Chuyển   giao"')
    # the text the bundled law gives as a paraphrase, now claimed verbatim: more than it has
    _edit(folder, "vn-cc-2015.law",
          'en "abuses adoption to receive a child under 16 for exploitation" [paraphrase]',
          'en "abuses adoption to receive a child under 16 for exploitation" [verbatim]')
    # Vietnamese words claimed as English ones: not quoted in that language
    _edit(folder, "vn-cc-2015.law", f'{ART_151}(c)" {UNDER_16} en "a person under 16"',
          f'{ART_151}(c)" en "người dưới 16 tuổi" [verbatim]', 1)
    # made-up words marked unverified claim nothing: shown as they are marked
    _edit(folder, "vn-cc-2015.law", f'{ART_151}" {UNDER_16}',
          f'{ART_151}" vi "lời của tôi" [unverified]', 1)
    statutes = load_statutes(folder)
    found = {(w.lang, w.text, w.confidence) for _, w in _supplied(statutes)}
    assert found == {("en", "abuses adoption to receive a child under 16 for exploitation",
                      "verbatim"),
                     ("en", "người dưới 16 tuổi", "verbatim")}
    mine = [w for _, w in m.quotations(statutes) if w.text == "lời của tôi"]
    assert mine and mine[0].mark == "unverified"


def test_a_new_instrument_may_quote_any_bundled_instruments_words(statutes):
    known = bundled_quotations()
    palermo = next(w for o, w in m.quotations(statutes) if o.id == "palermo"
                   and w.confidence == "verbatim")
    assert not known.supplied(palermo, "palermo")
    assert not known.supplied(palermo, "a-new-draft")        # an instrument not bundled
    assert known.supplied(palermo, "vn-cc-151")              # not Art. 151's words
    made_up = palermo.model_copy(update={"text": palermo.text + " and more"})
    assert known.supplied(made_up, "a-new-draft")


def test_explain_shows_user_supplied_words_as_such(cli, tmp_path):
    folder = _raised_151(tmp_path)
    out = cli("explain", SCENARIO, "--instrument", "vn-cc-151", "--statutes", str(folder))
    assert out.returncode == 0, out.stderr
    assert f"vi: “{UNDER_18}” [user-supplied]" in out.stdout
    assert f"“{UNDER_18}” [verbatim]" not in out.stdout
    assert "“Chuyển giao” [verbatim]" in out.stdout           # the rest as marked
    vi = cli("explain", SCENARIO, "--instrument", "vn-cc-151", "--statutes", str(folder),
             "--lang", "vi").stdout
    assert f"“{UNDER_18}” [do người dùng cung cấp]" in vi
    bundled = cli("explain", SCENARIO, "--instrument", "vn-cc-151").stdout
    assert "user-supplied" not in bundled


def test_the_json_document_marks_them_supplied_with_the_mark_claimed(cli, tmp_path):
    folder = _raised_151(tmp_path)
    doc = json.loads(cli("explain", SCENARIO, "--format", "json", "--statutes",
                         str(folder)).stdout)
    words = [w for e in doc["results"]["vn-cc-151"]["elements"] for w in e["words"]]
    mine = [w for w in words if w["text"] == UNDER_18]
    assert mine == [{"lang": "vi", "text": UNDER_18, "confidence": "supplied",
                     "claimed": "verbatim", "confidence_label": "user-supplied"}]
    assert all("claimed" not in w for w in words if w["text"] != UNDER_18)
    run = json.loads(cli("run", "--format", "json", "--statutes", str(folder)).stdout)
    art151 = next(i for i in run["instruments"] if i["id"] == "vn-cc-151")
    assert "supplied" not in json.dumps(art151)     # its texts and penalties are untouched
    bundled = json.loads(cli("explain", SCENARIO, "--format", "json").stdout)
    assert '"supplied"' not in json.dumps(bundled)


LABEL = {"en": "user-supplied", "vi": "do người dùng cung cấp"}


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_report_shows_them_as_user_supplied(cli, tmp_path, lang):
    folder = _raised_151(tmp_path)
    out = tmp_path / "r.html"
    p = cli("report", "--statutes", str(folder), "-o", str(out), "--lang", lang)
    assert p.returncode == 1, p.stderr           # Art. 151's expectations no longer hold
    page = out.read_text(encoding="utf-8")
    # Art. 151's words are user-supplied; Law 53/2024's, the same text, are its own
    quotes = [q.split("</div>")[0] for q in page.split('<div class="quote">')[1:]
              if f"“{UNDER_18}”" in q.split("</div>")[0]]
    art151 = [q for q in quotes if "151" in q.split("</p>")[0]]
    others = [q for q in quotes if q not in art151]
    assert art151 and others
    for q in art151:
        mine = next(b for b in q.split("<blockquote")[1:] if f"“{UNDER_18}”" in b)
        # the page holds its other language too: each in its own words
        shown_in = re.search(r'<span class="lang" lang="(\w+)">', mine).group(1)
        assert 'class="words supplied"' in mine and f">{LABEL[shown_in]}</span>" in mine
    assert not any("words supplied" in q for q in others)
    # the page says so before any table: which instrument, in a warning
    head = page.split('<nav aria-label=')[0]
    assert f'<span class="badge-unverified">{LABEL[lang]}</span>' in head
    bundled = tmp_path / "b.html"
    cli("report", "-o", str(bundled), "--lang", lang)
    assert "words supplied" not in bundled.read_text(encoding="utf-8")


def test_check_reports_each_user_supplied_quotation_where_it_is_written(cli, tmp_path):
    folder = _raised_151(tmp_path)
    lines = (folder / "vn-cc-2015.law").read_text(encoding="utf-8").split("\n")
    places = [(n, line.index(f'vi "{UNDER_18}"') + 1) for n, line in enumerate(lines, 1)
              if f'"{UNDER_18}"' in line]
    p = cli("check", "--statutes", str(folder), "--select", "LC006", "--format", "json")
    assert p.returncode == 1
    found = json.loads(p.stdout)["findings"]
    assert [(f["line"], f["column"]) for f in found] == places
    assert {f["code"] for f in found} == {"LC006"}
    assert all(f["file"].endswith("vn-cc-2015.law") for f in found)
    first = found[0]
    assert UNDER_18 in first["message"] and "marked verbatim" in first["message"]
    assert "not quote them" in first["message"] and "user-supplied" in first["message"]
    assert first["where"] == "instrument 'vn-cc-151'"
    vi = cli("check", "--statutes", str(folder), "--select", "LC006", "--lang", "vi").stdout
    assert "được đánh dấu là nguyên văn" in vi and "do người dùng cung cấp" in vi
    assert f"vn-cc-2015.law:{places[0][0]}:{places[0][1]}:" in vi
    assert cli("check", "--select", "LC006").returncode == 0      # the bundled law: none
