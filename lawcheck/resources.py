"""Locates the bundled grammar, statutes and case suites, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """`grammars`, `statutes` or `cases`: inside the wheel (lawcheck/_data) or the repo root."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"lawcheck's bundled '{name}' folder is missing from this installation")


def grammar_path() -> Path:
    return data_dir("grammars") / "statute.lark"
