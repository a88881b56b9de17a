"""Terminal output fits the terminal: golden files for run, explain --brief, explore, check and
history at 80 and 120 columns, no line wider than the terminal, and wrapping that never splits a
path, an id or a citation.

After a deliberate change of wording or layout:
    LAWCHECK_UPDATE_GOLDEN=1 pytest tests/test_terminal.py
and review `git diff tests/golden/terminal/`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lawcheck.views.terminal import fill, pack

GOLDEN = Path(__file__).parent / "golden" / "terminal"
AS_OF = "2026-12-04"          # fixed, so that the files do not change with the date
COMMANDS = {
    "run": ["run", "--as-of", AS_OF],
    "explain-brief": ["explain", "age-17-handed-over-no-means", "--brief", "--as-of", AS_OF],
    "explore": ["explore", "--between", "palermo", "vn-cc-150", "--as-of", AS_OF],
    "check": ["check"],
    "history": ["history", "age-17-handed-over-no-means"],
}


_LOCATION = re.compile(r"^\S+:\d+:\d+( \(bundled\))?: (error|warning): ")


def _wrappable(text: str) -> list[str]:
    """The lines that must fit: not a diagnostic's first line (`file:line:col: warning: ...`,
    kept whole for editors and tools, as compilers and linters do), nor the quoted source line
    and its caret."""
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        caret = line.strip() and set(line.strip()) == {"^"}
        quoted = i + 1 < len(lines) and lines[i + 1].strip() and set(lines[i + 1].strip()) == {"^"}
        if not (_LOCATION.match(line) or caret or quoted):
            out.append(line)
    return out


def _lawcheck(args, columns: int, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COLUMNS", "LINES")}
    env["COLUMNS"] = str(columns)
    return subprocess.run([sys.executable, "-m", "lawcheck", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_golden_and_fits(name, columns, tmp_path):
    proc = _lawcheck(COMMANDS[name], columns, tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == ""
    too_wide = [line for line in _wrappable(proc.stdout) if len(line) > columns]
    assert not too_wide, f"{len(too_wide)} lines wider than {columns}: {too_wide[:3]}"
    golden = GOLDEN / f"{name}-{columns}.txt"
    if os.environ.get("LAWCHECK_UPDATE_GOLDEN"):
        golden.write_text(proc.stdout, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: LAWCHECK_UPDATE_GOLDEN=1 pytest {__file__}"
    assert proc.stdout == golden.read_text(encoding="utf-8"), (
        f"{name} at {columns} columns differs from {golden.name} (after a deliberate change: "
        "LAWCHECK_UPDATE_GOLDEN=1 pytest tests/test_terminal.py, then review the diff)")


def test_piped_output_is_80_columns_whatever_the_machine(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COLUMNS", "LINES")}
    proc = subprocess.run([sys.executable, "-m", "lawcheck", "run", "--as-of", AS_OF],
                          cwd=tmp_path, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert proc.stdout == (GOLDEN / "run-80.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("unit", [
    "Art. 150(1)(c)", "Res. 02/2019 Art. 2(1)(đ)", "Law 53/2024", "legal-sources.md §5.2",
    "statutes/vn-cc-2015.law:302:7", "age-17-handed-over-no-means", "Arts 150",
])
@pytest.mark.parametrize("columns", [20, 30, 41])
def test_wrapping_keeps_citations_paths_and_ids_whole(unit, columns):
    text = ("The closest limb fails here; " * 3 + unit + " and so on. ") * 2
    lines = fill(text, "  ", columns=columns).splitlines()
    assert any(unit in line for line in lines), lines
    for line in lines:         # only a unit longer than the line may run over it
        assert len(line) <= columns or unit in line or " " not in line.strip(), line


def test_packed_items_are_never_split():
    items = ["✓ met", "✗ not met", "? uncertain", "! an expected verdict does not hold"]
    for columns in (10, 25, 40, 200):
        lines = pack(items, columns=columns).splitlines()
        assert sorted(x.strip() for line in lines for x in line.split("   ")) == sorted(items)


def test_no_instruments_short_name_is_split(statutes):
    """Every bundled instrument's short name ("CETS 197 Art. 4", "PC 1999 Art. 119", ...) stays on
    one line wherever the wrap falls."""
    for inst in statutes.instruments:
        for columns in range(30, 61):
            for lead in range(0, 24, 3):
                text = "w" * lead + " it is met; " + inst.short + " is not met."
                lines = fill(text, "", columns=columns).split("\n")
                assert any(inst.short in line for line in lines), (inst.short, columns, lines)
