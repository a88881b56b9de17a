"""Diagnostics: source spans, lawcheck's own exceptions, and how errors are rendered."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True, order=True)
class Span:
    """Where something came from: file, 1-based line and column, and where it ends."""

    file: str            # as shown to the user
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    source: str = field(default="", compare=False)   # where to read it, if not `file`

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@dataclass(frozen=True)
class Diagnostic:
    """One problem in one input file."""

    span: Span
    message: str
    expected: str | None = None
    suggestion: str | None = None
    context: str | None = None  # e.g. the provision the error sits in, or a field path

    def sort_key(self) -> tuple:
        return (self.span.file, self.span.line, self.span.column, self.message)


class LawcheckError(Exception):
    """Invalid input: carries every diagnostic found, sorted by position."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        super().__init__("\n".join(d.message for d in self.diagnostics))


def read_text(path: Path, display: str) -> str:
    """A user's input file as text (UTF-8, a byte-order mark allowed); trouble is an input error."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LawcheckError([Diagnostic(Span(display), f"not UTF-8 text ({exc.reason})")]) from None
    except OSError as exc:
        raise LawcheckError([Diagnostic(Span(display), f"cannot read: {exc.strerror}")]) from None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A close match for a misspelt name, or None."""
    match = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else None


@dataclass
class Collector:
    """Collects diagnostics while a stage runs; raises them all at the end."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, span: Span, message: str, *, expected: str | None = None,
              suggestion: str | None = None, context: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(span, message, expected, suggestion, context))

    def raise_if_any(self) -> None:
        if self.diagnostics:
            raise LawcheckError(self.diagnostics)


def _source_line(span: Span) -> str | None:
    if not span.line:
        return None
    try:
        lines = Path(span.source or span.file).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if 0 < span.line <= len(lines):
        return lines[span.line - 1]
    return None


def render(diagnostic: Diagnostic) -> str:
    """`file:line:col: error: message`, the source line with a caret, then hints."""
    d = diagnostic
    out = [f"{d.span}: error: {d.message}"]
    source = _source_line(d.span)
    if source is not None:
        out.append(f"    {source}")
        width = 1
        if d.span.end_line == d.span.line and d.span.end_column > d.span.column:
            width = d.span.end_column - d.span.column
        out.append("    " + " " * max(d.span.column - 1, 0) + "^" * width)
    if d.context:
        out.append(f"  in {d.context}")
    if d.expected:
        out.append(f"  expected: {d.expected}")
    if d.suggestion:
        out.append(f"  hint: {d.suggestion}")
    return "\n".join(out)


def render_all(error: LawcheckError) -> str:
    n = len(error.diagnostics)
    body = "\n".join(render(d) for d in error.diagnostics)
    return f"{body}\n{n} error{'s' if n != 1 else ''} found."
