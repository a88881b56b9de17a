"""The tests test this checkout: the package, statutes and cases they read are the ones beside this
folder (an editable install, `pip install -e ".[test]"`), so an edit to `statutes/` or `cases/` is
tested, not a copy installed earlier."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import lawcheck
from lawcheck.resources import data_dir

REPO = Path(__file__).resolve().parent.parent
_HINT = ('the tests are reading an installed copy of lawcheck, not this checkout: install it with '
         '`pip install -e ".[test]"` (the README\'s test command)')


def test_the_tests_read_this_checkout():
    assert Path(lawcheck.__file__).resolve().parent == REPO / "lawcheck", _HINT
    for name in ("grammars", "statutes", "cases"):
        assert data_dir(name).resolve() == REPO / name, _HINT


def _run_from(tree: Path) -> subprocess.CompletedProcess:
    """`lawcheck run` with the package imported from `tree`, as an editable install imports it."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([sys.executable, "-c", "import lawcheck, sys; "
                           "print(lawcheck.__file__, file=sys.stderr); "
                           "from lawcheck.cli import main; sys.exit(main(['run']))"],
                          cwd=tree, env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=120)


def test_an_edit_to_a_source_tree_is_what_runs(tmp_path):
    """In a copy of the checkout (so that this one is never touched while other tests read it), a
    wrong expectation added to cases/, or Art. 151's child line raised to 18 in statutes/, makes
    the default run fail: a source tree's own files are the ones read."""
    tree = tmp_path / "checkout"
    ignore = shutil.ignore_patterns("__pycache__", "_data")
    for name in ("lawcheck", "grammars", "statutes", "cases"):
        shutil.copytree(REPO / name, tree / name, ignore=ignore)
    proc = _run_from(tree)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert Path(proc.stderr.splitlines()[0]).resolve().parent == tree / "lawcheck"

    wrong = tree / "cases" / "zz-temporary.yaml"
    wrong.write_text("""\
suite: zz-temporary
title: "A temporary suite"
scenarios:
  - id: zz-temporary-child-recruited
    title: "A 15-year-old recruited for sexual exploitation"
    facts: {victim_age: 15, acts: [recruitment], purposes: [sexual_exploitation]}
    expect:
      palermo: {verdict: not_met, reason: "deliberately wrong: Art. 3(c) needs no means for a child"}
""", encoding="utf-8")
    proc = _run_from(tree)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "zz-temporary-child-recruited" in proc.stdout
    wrong.unlink()

    code = tree / "statutes" / "vn-cc-2015.law"
    line = 'victim age < 16 "Art. 151(1)"'
    text = code.read_text(encoding="utf-8")
    assert line in text
    code.write_text(text.replace(line, line.replace("16", "18")), encoding="utf-8")
    proc = _run_from(tree)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "age-17-handed-over-no-means" in proc.stdout
