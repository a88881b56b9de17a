"""Locates the bundled grammar, statutes and case suites, installed or in a source checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """`grammars`, `statutes`, `cases` or `proposals`: inside the wheel (lawcheck/_data) or the repo root."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"lawcheck's bundled '{name}' folder is missing from this installation")


def grammar_path() -> Path:
    return data_dir("grammars") / "statute.lark"


@lru_cache(maxsize=1)
def bundled_names() -> frozenset[str]:
    """How the bundled statute and case files are named in output (`statutes/actip.law`): a
    location in one of them is marked "(bundled)", since the file is not where the user runs
    (`lawcheck list --paths` says where it is)."""
    names = set()
    for name in ("statutes", "cases", "proposals"):
        try:
            root = data_dir(name)
        except FileNotFoundError:
            continue
        names.update(f"{name}/{p.relative_to(root).as_posix()}" for p in root.rglob("*")
                     if p.is_file())
    return frozenset(names)
