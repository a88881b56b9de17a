"""lawcheck check: the lint registry over the statute set."""

from __future__ import annotations

import shutil

from lawcheck.engine import checks
from lawcheck.statute import model as m
from lawcheck import load_statutes


def _codes(findings):
    return [f.code for f in findings]


def test_stale_reference_names_both_dates_and_the_successor(statutes):
    found = checks.run_checks(statutes, checks.select(["LC001"], None))
    law2011 = [f for f in found if "vn-law-2011" in f.where and "vn-pc-1999-119" in f.text()]
    assert law2011, found
    f = law2011[0]
    assert f.span.file == "statutes/vn-law-2011.law" and f.span.line > 0 and f.span.column > 0
    assert "ceased to be in force on 2018-01-01" in f.text()
    assert "until 2025-06-30" in f.text()
    assert "recorded successor: vn-cc-150" in f.detail
    assert "alternative '1-119'" in f.where


def _child_lines(statutes):
    """Each bundled instrument's child line, read from its statute file (a limb that needs no means
    below an age), in the statute set's order: from the data, so that adding an instrument needs
    no change here."""
    lines: dict[int, list[str]] = {}
    for inst in statutes.instruments:
        for limb in (lb for p in inst.provisions for lb in p.limbs):
            if not any(isinstance(e, m.NoMeansElement) for e in limb.elements):
                continue
            for e in limb.elements:
                if isinstance(e, m.AgeElement) and e.op in ("<", "<="):
                    found = lines.setdefault(e.years + (e.op == "<="), [])
                    if inst.id not in found:
                        found.append(inst.id)
    return lines


def test_child_line_lists_16_and_18(statutes):
    found = checks.run_checks(statutes, checks.select(["child-line"], None))
    detail = found[0].detail
    lines = _child_lines(statutes)
    assert set(lines) == {16, 18}
    assert {"vn-cc-151", "vn-pc-1999-120"} <= set(lines[16])      # Art. 151(1); Art. 120(1)
    assert {"actip", "palermo", "vn-law-2024"} <= set(lines[18])  # Art. 2(d); Art. 3(d); Art. 2(1)
    assert ("under 16: " + ", ".join(lines[16]) + ", law-on-children-2016 (Law on Children, "
            "No. 102/2016/QH13, Art. 1)") in detail
    assert "under 18: " + ", ".join(lines[18]) in detail
    assert {f.where.split("'")[1] for f in found} == {*lines[16], *lines[18], "law-on-children-2016"}
    law = next(f for f in found if "law-on-children-2016" in f.where)
    assert law.span.file == "statutes/definitions.law" and "under 16 (Art. 1)" in law.text()


def test_unverified_basis_points_at_actip(statutes):
    found = checks.run_checks(statutes, checks.select(["LC003"], None))
    assert any(f.span.file == "statutes/actip.law" for f in found)
    assert not any(f.span.file == "statutes/palermo.law" for f in found)


def test_select_and_ignore(statutes):
    everything = checks.run_checks(statutes, checks.select(None, None))
    no_unverified = checks.run_checks(statutes, checks.select(None, ["unverified-basis"]))
    assert "LC003" in _codes(everything) and "LC003" not in _codes(no_unverified)
    assert len(no_unverified) == len(everything) - _codes(everything).count("LC003")


def test_unresolved_reference_to_an_encoded_target(tmp_path, bundled_statute_dir):
    for f in bundled_statute_dir.glob("*.law"):
        shutil.copy(f, tmp_path / f.name)
    law = tmp_path / "vn-law-2011.law"
    text = law.read_text(encoding="utf-8")
    # after the reference's open question (and its Vietnamese), before the limb's note and the
    # comments above it
    at = text.index('note "Met when Penal Code 1999 Art. 119')
    lines = text[:at].split("\n")
    last = max(n for n, line in enumerate(lines) if line.strip()
               and not line.strip().startswith("#"))
    lines[last] += ' unresolved "not read yet"'
    law.write_text("\n".join(lines) + text[at:], encoding="utf-8")
    found = checks.run_checks(load_statutes(tmp_path), checks.select(["LC004"], None))
    assert [f.span.file.endswith("vn-law-2011.law") for f in found] == [True]


def test_check_cli(cli, tmp_path):
    p = cli("check", "--select", "LC001", cwd=tmp_path)
    assert p.returncode == 1
    assert p.stdout.startswith("statutes/vn-law-2011.law:")
    assert "4 findings: 4 LC001 (stale-reference)" in p.stdout
    bad = cli("check", "--select", "stale-refrence", cwd=tmp_path)
    assert bad.returncode == 2 and "did you mean 'stale-reference'" in bad.stderr
    assert cli("check", "--select", "LC004", cwd=tmp_path).returncode == 0


def test_a_definition_of_an_unknown_term_is_an_error(tmp_path, bundled_statute_dir, cli):
    for f in bundled_statute_dir.glob("*.law"):
        shutil.copy(f, tmp_path / f.name)
    path = tmp_path / "definitions.law"
    path.write_text(path.read_text(encoding="utf-8").replace("defines child under 16",
                                                             "defines adult under 16"),
                    encoding="utf-8")
    p = cli("check", "--statutes", str(tmp_path), cwd=tmp_path)
    assert p.returncode == 2
    assert "definitions.law:" in p.stderr and "unknown defined term 'adult'" in p.stderr
