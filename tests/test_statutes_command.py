"""`lawcheck statutes [--copy DIR]` (issue 11): where the bundled statutes are installed, with
their digest, and a copy of them to start from, written whole or not at all."""

from __future__ import annotations

import json

import pytest

from lawcheck import load_statutes
from lawcheck.resources import data_dir
from lawcheck.statute.statutes import statute_files


def _bundled() -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in statute_files(data_dir("statutes"))}


def _proposals():
    try:
        return data_dir("proposals")
    except FileNotFoundError:
        return None


def _tree(folder) -> dict[str, bytes]:
    """Every file under a folder (hidden ones too), by its path in it."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_it_says_where_the_bundled_statutes_are_and_their_digest(cli):
    digest = load_statutes().provenance.digest
    out = cli("statutes").stdout.replace("\n  ", " ")
    assert f"are in {data_dir('statutes').resolve()}" in out
    assert f"(files digest {digest})" in out
    assert "lawcheck statutes --copy DIR" in out and "lawcheck run --statutes DIR" in out
    proposals = _proposals()
    assert (proposals is not None) == ("amendment proposals are in" in out)
    vi = cli("statutes", "--lang", "vi").stdout.replace("\n  ", " ")
    assert vi.startswith("Bộ văn bản kèm theo lawcheck") and digest in vi
    doc = json.loads(cli("statutes", "--format", "json").stdout)
    assert doc["statutes_folder"] == str(data_dir("statutes").resolve())
    assert doc["digest"] == digest
    assert doc["proposals_folder"] == (str(proposals.resolve()) if proposals else None)


def test_copy_writes_the_bundled_files_to_a_new_folder_and_says_how_to_use_them(cli, tmp_path):
    dest = tmp_path / "drafts" / "mine"                  # neither folder exists yet
    p = cli("statutes", "--copy", str(dest))
    assert p.returncode == 0, p.stderr
    copied = _tree(dest)
    laws = {k: v for k, v in copied.items() if "/" not in k}
    assert laws == _bundled()
    proposals = _proposals()
    assert ({k for k in copied if k.startswith("proposals/")} != set()) == (proposals is not None)
    out = p.stdout.replace("\n  ", " ")
    assert f"Wrote {len(laws)} statute files to {dest}:" in out
    assert all(name in out for name in laws)
    assert f"lawcheck run --statutes {dest}" in out
    # the copy is the same law: the same digest, and lawcheck reads it
    assert load_statutes(dest).provenance.digest == load_statutes().provenance.digest
    vi = cli("statutes", "--copy", str(tmp_path / "vi"), "--lang", "vi").stdout
    assert vi.startswith(f"Đã ghi {len(laws)} tệp văn bản vào")
    doc = json.loads(cli("statutes", "--copy", str(tmp_path / "j"), "--format", "json").stdout)
    assert doc["copied_to"] == str(tmp_path / "j") and sorted(doc["files"]) == sorted(copied)


def test_copy_overwrites_nothing_unless_forced(cli, tmp_path):
    dest = tmp_path / "mine"
    dest.mkdir()
    (dest / "palermo.law").write_text("# my own draft\n", encoding="utf-8")
    (dest / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = _tree(dest)
    p = cli("statutes", "--copy", str(dest))
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "palermo.law" in p.stderr and "nothing was written" in p.stderr
    assert "--force" in p.stderr
    assert _tree(dest) == before                          # not one file written
    vi = cli("statutes", "--copy", str(dest), "--lang", "vi")
    assert vi.returncode == 2 and "chưa ghi gì" in vi.stderr
    p = cli("statutes", "--copy", str(dest), "--force")
    assert p.returncode == 0, p.stderr
    after = _tree(dest)
    assert after["palermo.law"] == _bundled()["palermo.law"]
    assert after["notes.txt"] == b"mine\n"                # the user's other files kept


def test_copy_refuses_a_file_for_a_folder_and_a_folder_for_a_file(cli, tmp_path):
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x", encoding="utf-8")
    p = cli("statutes", "--copy", str(a_file))
    assert p.returncode == 2 and "it is a file, not a folder" in p.stderr
    assert a_file.read_text(encoding="utf-8") == "x"
    dest = tmp_path / "mine"
    (dest / "actip.law").mkdir(parents=True)
    p = cli("statutes", "--copy", str(dest), "--force")
    assert p.returncode == 2 and "is not a regular file" in p.stderr
    assert _tree(dest) == {}


def test_a_failure_while_writing_leaves_nothing_behind(tmp_path, monkeypatch, capsys):
    """The files are written beside their targets first and renamed into place only when all
    are written: a failure on the third leaves no file, no temporary file and no new folder."""
    from lawcheck import files
    from lawcheck.cli import main
    written = []
    real = files.tempfile.mkstemp

    def failing(*args, **kwargs):
        written.append(args)
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)
    monkeypatch.setattr(files.tempfile, "mkstemp", failing)
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "vocabulary.law").write_text("# mine\n", encoding="utf-8")
    assert main(["statutes", "--copy", str(kept), "--force"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert _tree(kept) == {"vocabulary.law": b"# mine\n"}  # neither written nor removed
    new = tmp_path / "new" / "mine"
    written.clear()
    assert main(["statutes", "--copy", str(new)]) == 2
    assert not (tmp_path / "new").exists()                 # the folders it made, gone


@pytest.mark.parametrize("option", ["--statutes", "--max-file-size"])
def test_it_takes_no_statute_folder(cli, tmp_path, option):
    p = cli("statutes", option, str(tmp_path))
    assert p.returncode == 2 and "unrecognized arguments" in p.stderr
