"""The HTML report: golden file, escaping, self-containment, what the tables say, the CLI.

Golden files: tests/golden/report.html (English) and report.vi.html (Vietnamese) are the page for
tests/fixtures/report/suite.yaml against the bundled statutes, each in one language. After an intended change to the page (or to a statute file), re-record it with

    LAWCHECK_UPDATE_GOLDEN=1 pytest tests/test_report.py

and review the change with `git diff tests/golden/`. On a mismatch the actual page is kept in
tests/actual/report.html and the test shows the first lines of the diff.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from lawcheck.views import html, reportview
from lawcheck import run
from lawcheck import load_suites

HERE = Path(__file__).parent
FIXTURE = Path("fixtures/report/suite.yaml")     # relative to tests/, so the page shows it so
GOLDEN = HERE / "golden" / "report.html"
ACTUAL = HERE / "actual" / "report.html"


def fixture_report(statutes, monkeypatch, lang: str = "en") -> reportview.Report:
    monkeypatch.chdir(HERE)
    return reportview.build(run(statutes, load_suites([FIXTURE], statutes)), lang)


@pytest.fixture
def page(statutes, monkeypatch) -> str:
    return html.render(fixture_report(statutes, monkeypatch))


@pytest.fixture(scope="module")
def bundled(statutes, suites) -> reportview.Report:
    return reportview.build(run(statutes, suites))


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_golden_file(statutes, monkeypatch, lang):
    page = html.render(fixture_report(statutes, monkeypatch, lang))
    name = "report.html" if lang == "en" else f"report.{lang}.html"
    golden, actual = GOLDEN.with_name(name), ACTUAL.with_name(name)
    if os.environ.get("LAWCHECK_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(page, encoding="utf-8", newline="\n")
        pytest.skip("golden file re-recorded: review it with git diff tests/golden/")
    expected = golden.read_text(encoding="utf-8")
    if page != expected:
        actual.parent.mkdir(exist_ok=True)
        actual.write_text(page, encoding="utf-8", newline="\n")
        diff = list(difflib.unified_diff(expected.splitlines(), page.splitlines(),
                                         f"tests/golden/{name}", f"tests/actual/{name}",
                                         lineterm="", n=1))
        shown = "\n".join(diff[:40]) + ("\n..." if len(diff) > 40 else "")
        pytest.fail(f"the report differs from the golden file ({len(diff)} diff lines; the actual "
                    f"page is in {actual}; if the change is intended, re-record with "
                    f"LAWCHECK_UPDATE_GOLDEN=1 pytest tests/test_report.py):\n{shown}")


def test_same_input_same_bytes(tmp_path):
    """Two separate processes, with different hash seeds, write the same bytes."""
    import subprocess
    import sys

    pages = []
    for seed in ("1", "2"):
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env["PYTHONHASHSEED"] = seed
        out = tmp_path / f"r{seed}.html"
        subprocess.run([sys.executable, "-m", "lawcheck", "report", "-o", str(out)], env=env,
                       check=True, capture_output=True, cwd=tmp_path)
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]
    assert not re.search(rb"20\d\d-\d\d-\d\dT\d\d:", pages[0]), "no timestamp in the page"


def test_user_text_is_escaped(page):
    assert "<script>window.lawcheckInjected" not in page
    assert "&lt;/script&gt;&lt;script&gt;window.lawcheckInjected = true&lt;/script&gt;" \
           "&lt;b&gt;bold?&lt;/b&gt; &amp; &#34;quotes&#34; &lt;!--" in page
    # the page's own script, inline, and the matrix's data (JSON, which is not run): the hostile
    # expectation reason is in the data, its "<" escaped, so it cannot end the data's element
    assert len(re.findall(r"<script\b", page)) == 2
    data = re.findall(r'<script type="application/json" id="matrix-data">(.*?)</script>', page,
                      flags=re.S)
    assert len(data) == 1 and "<" not in data[0] and ">" not in data[0]
    assert "\\u003c/script\\u003e\\u003cscript\\u003ewindow.lawcheckInjected" in data[0]
    assert "\\u003c!--" in data[0]


def test_self_contained(page):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "@font-face" not in page


def test_vietnamese_text_is_kept_as_text(page):
    assert 'charset="utf-8"' in page
    assert "tiếng Việt chuyển giao người" in page
    assert "Chuyển giao" in page         # Art. 150's words in the alignment table


def _cell(report, anchor, inst):
    row = next(r for g in report.alignment for r in g.rows if r.anchor == anchor)
    return next(c for c in row.cells if c.instrument == inst)


def test_alignment_child_line(bundled):
    assert "under 18" in _cell(bundled, "align-age", "palermo").summary
    assert "under 16" in _cell(bundled, "align-age", "vn-cc-151").summary
    assert "16 or over" in _cell(bundled, "align-age", "vn-cc-150").summary
    row = next(r for g in bundled.alignment for r in g.rows if r.anchor == "align-age")
    assert row.differs


def test_alignment_transfer_consent_money(bundled):
    assert _cell(bundled, "align-transfer", "vn-cc-150").status == "present"
    assert _cell(bundled, "align-transfer", "palermo").status == "absent"
    assert _cell(bundled, "align-consent", "palermo").status == "present"
    assert _cell(bundled, "align-consent", "vn-cc-150").status == "absent"
    money = "align-purpose-material-benefit"
    assert _cell(bundled, money, "palermo").status == "absent"
    assert _cell(bundled, money, "vn-cc-150").status == "present"
    assert _cell(bundled, "align-exception", "vn-cc-151").status == "present"
    assert _cell(bundled, "align-exception", "vn-cc-150").status == "absent"


def test_alignment_open_and_unverified(bundled):
    c = _cell(bundled, "align-means-payment-to-controller", "vn-cc-150")
    assert c.status == "open" and c.word == "open to interpretation"
    assert "other tricks" in c.quotes[0].question
    assert _cell(bundled, "align-means-deception", "actip").unverified
    assert not _cell(bundled, "align-means-deception", "palermo").unverified
    assert _cell(bundled, "align-means-required", "palermo").summary.startswith("required, except")
    assert _cell(bundled, "align-means-required", "vn-cc-151").status == "not_required"
    # Art. 151 needs no means: its means rows say so, and do not count as a difference
    assert _cell(bundled, "align-means-force", "vn-cc-151").status == "not_required"
    row = next(r for g in bundled.alignment for r in g.rows if r.anchor == "align-means-force")
    assert not row.differs


def test_alignment_acts_narrower_where_a_handover_is_needed(bundled):
    # Art. 150(1)(c): recruiting, transporting, harbouring only in order to hand the person over
    c = _cell(bundled, "align-act-recruitment", "vn-cc-150")
    assert c.status == "narrower" and "hand the person over" in c.summary
    assert _cell(bundled, "align-act-recruitment", "palermo").status == "present"
    assert _cell(bundled, "align-act-transfer", "vn-cc-150").status == "present"


def test_alignment_does_not_settle_what_rests_on_an_unresolved_reference(tmp_path,
                                                                        bundled_statute_dir):
    """Were Law 66/2011's Art. 3(1) reference unresolved, what rests only on it (the money
    purpose) would be open, not present."""
    import shutil

    from lawcheck import load_statutes

    for f in bundled_statute_dir.glob("*.law"):
        shutil.copy(f, tmp_path / f.name)
    law = tmp_path / "vn-law-2011.law"
    text = law.read_text(encoding="utf-8")
    # each of the three references (1-119, 1-120, 3-1) ends with its reading open from 2018
    # (the question, and lawcheck's Vietnamese of it)
    marker = 'các nguồn không giải quyết vấn đề này."\n'
    assert text.count(marker) == 3
    text = text.replace(marker, marker.replace('."\n', '." unresolved "not read"\n'))
    law.write_text(text, encoding="utf-8")
    groups = reportview.alignment(load_statutes(tmp_path))
    money = next(c for g in groups for r in g.rows if r.anchor == "align-purpose-material-benefit"
                 for c in r.cells if c.instrument == "vn-law-2011")
    assert money.status == "open" and "not yet encoded" in money.summary
    # and as encoded (resolved), it is present through Art. 3(3) with clause 1
    assert _cell(reportview_bundled(), "align-purpose-material-benefit",
                 "vn-law-2011").status == "present"


def reportview_bundled():
    from lawcheck import load_statutes
    return reportview.build(run(load_statutes(), load_suites(None, load_statutes())))


def test_unverified_instrument_marks_every_cell(bundled):
    assert _cell(bundled, "align-consent", "actip").unverified
    assert _cell(bundled, "align-exception", "actip").unverified     # even an absent one
    assert not _cell(bundled, "align-consent", "palermo").unverified


def test_matrix_rows_follow_results(bundled, statutes, suites):
    result = run(statutes, suites)
    assert len(bundled.rows) == len(result.scenarios)
    for row, s in zip(bundled.rows, result.scenarios):
        assert row.id == s.scenario.id
        assert sorted(c.instrument for c in row.cells) == sorted(statutes.ids)
        assert [c.verdict for c in row.cells] == [s.results[c.instrument].verdict
                                                  for c in row.cells]
        assert row.diverges == s.diverges


def test_causes_group_divergences(bundled, statutes, suites):
    groups = {g.title: g for g in bundled.causes}
    child = {i.scenario for i in groups["Child age"].items}
    assert "age-16-handed-over-no-means" in child
    # Art. 151 covers what Art. 150 misses: no child-age divergence names Art. 150 for a 15-year-old
    assert not any("vn-cc-150" in p for i in groups["Child age"].items
                   if i.scenario == "age-15-handed-over-no-means" for p in i.pairs)
    transfer = {i.scenario for i in groups["Transfer (handover) requirement"].items}
    assert "employer-recruits-and-harbours-for-own-forced-labour" in transfer
    assert any(p.endswith("(same verdict)") for i in groups["Consent"].items for p in i.pairs)
    # every divergence appears once: in its cause group, or among the complemented
    result = run(statutes, suites)
    listed = sum(len(i.pairs) for g in bundled.causes for i in g.items) \
        + sum(len(i.pairs) for i in bundled.complemented)
    assert listed == sum(len(s.divergences) for s in result.scenarios)
    assert sum(g.divergences for g in bundled.causes) == sum(
        1 for s in result.scenarios for d in s.divergences if d.kind != "complemented")


# ---------------------------------------------------------------------------------------- CLI

def test_cli_writes_report(cli, tmp_path):
    p = cli("report", "-o", "out.html", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "wrote out.html" in p.stdout
    text = (tmp_path / "out.html").read_text(encoding="utf-8")
    from lawcheck import load_suites
    from lawcheck import load_statutes
    bundled = sum(len(s.scenarios) for s in load_suites(None, load_statutes()))
    live, *others = text.split('<template class="lang-body"')
    assert live.count('<tr id="scenario-') == bundled
    # the page in its other languages, to switch in place: the same rows
    assert others and all(o.count('<tr id="scenario-') == bundled for o in others)
    assert [f.name for f in tmp_path.iterdir()] == ["out.html"]   # no temporary file left


def test_cli_report_with_failed_expectation_exits_1(cli, tmp_path):
    p = cli("report", str(HERE / FIXTURE), "-o", "r.html", cwd=tmp_path)
    assert p.returncode == 1
    assert "MISMATCH fixture-hostile-title [palermo]" in p.stdout
    assert "! expected met" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_cli_report_to_missing_folder_exits_2(cli, tmp_path):
    p = cli("report", "-o", "no/such/dir/r.html", cwd=tmp_path)
    assert p.returncode == 2
    assert "folder 'no/such/dir' does not exist" in p.stderr
    assert "mkdir -p no/such/dir" in p.stderr
    assert "Traceback" not in p.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_report_bad_case_file_writes_nothing(cli, tmp_path):
    (tmp_path / "bad.yaml").write_text("suite: x\ntitle: y\nscenarios:\n  - id: a\n    title: t\n"
                                       "    facts: {victim_age: old, acts: [transfer]}\n",
                                       encoding="utf-8")
    p = cli("report", "bad.yaml", "-o", "r.html", cwd=tmp_path)
    assert p.returncode == 2
    assert "bad.yaml:6" in p.stderr
    assert not (tmp_path / "r.html").exists()


# ---------------------------------------------------------------------- the matrix's data

def test_cells_that_say_the_same_share_one_reasoning(statutes, tmp_path):
    """Two scenarios with the same facts: each of their cells points at one stored reasoning,
    the same for both; their own cells differ (each says where it is written)."""
    import json

    facts = ("    facts: {victim_age: 17, acts: [transfer], purposes: [sexual_exploitation]}\n")
    (tmp_path / "twins.yaml").write_text(
        "suite: twins\ntitle: Twins\nscenarios:\n"
        f"  - id: first\n    title: First\n{facts}"
        f"  - id: second\n    title: Second\n{facts}", encoding="utf-8")
    report = reportview.build(run(statutes, load_suites([tmp_path / "twins.yaml"], statutes)))
    first, second = report.rows
    data = json.loads(report.matrix_data)
    assert [c.reasoning for c in first.cells] == [c.reasoning for c in second.cells]
    assert all(0 <= c.reasoning < len(data["reasonings"]) for c in first.cells)
    assert first.reasoning != second.reasoning
    stored = [json.dumps(r) for r in data["reasonings"]]
    assert len(stored) == len(set(stored))           # nothing stored twice
    lines = [json.dumps(x) for x in data["lines"]]
    assert len(lines) == len(set(lines))


def test_matrix_data_cannot_end_its_script_element():
    """Text that would end the <script> element or open a comment is escaped in the JSON,
    which still reads back as the same text."""
    import json

    data = reportview.MatrixData()
    hostile = "</script><script>alert(1)</script> <!-- & > \u2028"
    data.reasoning((("p", "", data.line(hostile, ("a", "</SCRIPT>", "#x"))),))
    text = str(data.json())
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    back = json.loads(text)
    assert back["lines"][1] == [hostile, ["a", "</SCRIPT>", "#x"]]
