"""Which law was used: every output names the statute set (bundled with lawcheck, or a folder)
and a digest of its files, so that a page made from edited statutes cannot pass for the
bundled law (issue 11, provenance)."""

from __future__ import annotations

import json
import shutil

import pytest

from lawcheck import load_statutes
from lawcheck.resources import data_dir


def _copy(tmp_path):
    folder = tmp_path / "statutes"
    shutil.copytree(data_dir("statutes"), folder)
    return folder


def test_the_same_files_give_the_same_digest_and_an_edit_changes_it(tmp_path):
    bundled = load_statutes().provenance
    assert bundled.bundled and len(bundled.digest) == 12
    folder = _copy(tmp_path)
    copy = load_statutes(folder).provenance
    assert not copy.bundled and copy.folder == str(folder)
    assert copy.digest == bundled.digest                   # the same law
    law = folder / "vn-cc-2015.law"
    law.write_text(law.read_text(encoding="utf-8").replace("victim age < 16", "victim age < 18"),
                   encoding="utf-8")
    assert load_statutes(folder).provenance.digest != bundled.digest


def test_the_json_document_names_its_statutes(cli, tmp_path):
    doc = json.loads(cli("run", "--format", "json").stdout)
    assert doc["statutes"]["bundled"] is True and doc["statutes"]["folder"] is None
    folder = _copy(tmp_path)
    (folder / "palermo.law").write_text(
        (folder / "palermo.law").read_text(encoding="utf-8") + "\n# a drafter's note\n",
        encoding="utf-8")
    mine = json.loads(cli("run", "--format", "json", "--statutes", str(folder)).stdout)
    assert mine["statutes"]["bundled"] is False
    assert mine["statutes"]["folder"] == str(folder)
    assert mine["statutes"]["digest"] != doc["statutes"]["digest"]


def test_the_reports_title_block_names_the_folder_and_the_digest(cli, tmp_path):
    folder = _copy(tmp_path)
    out = tmp_path / "r.html"
    p = cli("report", "--statutes", str(folder), "-o", str(out))
    assert p.returncode == 0, p.stderr
    head = out.read_text(encoding="utf-8").split('<p class="titleblock">')[1].split("</p>")[0]
    digest = load_statutes(folder).provenance.digest
    assert str(folder) in head and digest in head
    assert "bundled" not in head


def test_the_terminal_table_says_when_the_law_is_not_the_bundled_one(cli, tmp_path):
    bundled = cli("run", "--as-of", "2026-12-05").stdout
    assert "Statutes read from" not in bundled
    folder = _copy(tmp_path)
    mine = cli("run", "--as-of", "2026-12-05", "--statutes", str(folder)).stdout
    digest = load_statutes(folder).provenance.digest
    assert mine.startswith("Statutes read from") and digest in mine[:400]


# ---- every command names its statutes (text: a first line when not bundled; JSON: "statutes")

SCENARIO = "age-15-handed-over-no-means"
COMMANDS = [("explain", SCENARIO), ("history", SCENARIO), ("explore",), ("coverage",),
            ("summary",), ("list",)]


def _main(capsys, *args) -> str:
    from lawcheck.cli import main
    assert main(list(args)) == 0
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """A copy of the bundled statutes with a drafter's comment added: another digest."""
    folder = _copy(tmp_path_factory.mktemp("edited"))
    law = folder / "palermo.law"
    law.write_text(law.read_text(encoding="utf-8") + "\n# a drafter's note\n",
                   encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_commands_text_says_first_when_the_law_is_not_the_bundled_one(
        capsys, edited, command):
    digest = load_statutes(edited).provenance.digest
    assert digest != load_statutes().provenance.digest
    mine = _main(capsys, *command, "--statutes", str(edited))
    first = mine.split("\n\n")[0].replace("\n  ", " ")
    assert first.startswith(f"Statutes read from {edited} (files digest {digest})")
    vi = _main(capsys, *command, "--statutes", str(edited), "--lang", "vi")
    assert vi.startswith("Văn bản đọc từ") and digest in vi.split("\n\n")[0]
    bundled = _main(capsys, *command)
    assert "Statutes read from" not in bundled and digest not in bundled


@pytest.mark.parametrize("command", COMMANDS + [("check",)], ids=lambda c: c[0])
def test_every_json_document_names_its_statutes(capsys, edited, command):
    from lawcheck.cli import main
    main([*command, "--format", "json", "--statutes", str(edited)])
    mine = json.loads(capsys.readouterr().out)
    assert mine["statutes"] == {"bundled": False, "folder": str(edited),
                                "digest": load_statutes(edited).provenance.digest}
    main([*command, "--format", "json"])
    bundled = json.loads(capsys.readouterr().out)
    assert bundled["statutes"] == {"bundled": True, "folder": None,
                                   "digest": load_statutes().provenance.digest}
    # where it sits: right after "lang" where the document has one, else first
    keys = list(bundled)
    assert keys.index("statutes") == (keys.index("lang") + 1 if "lang" in keys else 0)


def test_what_report_prints_as_json_names_its_statutes(cli, edited, tmp_path):
    p = cli("report", "--format", "json", "--statutes", str(edited),
            "-o", str(tmp_path / "r.html"))
    doc = json.loads(p.stdout)
    assert list(doc)[0] == "statutes" and doc["statutes"]["folder"] == str(edited)
    assert doc["statutes"]["digest"] == load_statutes(edited).provenance.digest
