"""Diagnostics: source spans, lawcheck's own exceptions, and how errors are rendered."""

from __future__ import annotations

import difflib
import re
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
        from lawcheck.resources import bundled_names
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return where + " (bundled)" if self.file in bundled_names() else where


@dataclass(frozen=True)
class Diagnostic:
    """One problem in one input file: a parse or validation error, or a lint finding (with its
    code, e.g. LC001, and severity "warning"). Rendered one way (`render`)."""

    span: Span
    message: str
    expected: str | None = None
    suggestion: str | None = None
    context: str | None = None  # e.g. the provision the error sits in, or a field path
    code: str | None = None     # a lint check's code (lawcheck check --list-checks)
    severity: str = "error"     # "error" (invalid input) or "warning" (a lint finding)

    # a lint finding's fields under the names `lawcheck check --format json` gives them
    @property
    def where(self) -> str:
        return self.context or ""

    @property
    def detail(self) -> str:
        return self.suggestion or ""

    def sort_key(self) -> tuple:
        return (self.span.file, self.span.line, self.span.column, self.message)


class LawcheckError(Exception):
    """Invalid input: carries every diagnostic found, sorted by position."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        super().__init__("\n".join(d.message for d in self.diagnostics))


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


MAX_SHOWN = 50          # diagnostics shown in full; the rest are counted ("and N more")
LINE_WINDOW = 100       # characters of a long source line shown around the caret
MAX_PART = 600          # characters of a message, hint or expectation (a value quoted in it may
                        # be as long as the input line)


def _clip(text: str | None) -> str | None:
    if text is None or len(text) <= MAX_PART:
        return text
    half = MAX_PART // 2
    return f"{text[:half]}… ({len(text) - 2 * half:,} characters left out) …{text[-half:]}"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text safe to print on a terminal: control characters (ESC, BEL, NUL, DEL, the C1 set)
    shown as escapes, so that a crafted input cannot rewrite the screen; tabs and newlines
    kept, and every other character (Vietnamese included) as it is."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class _Sources:
    """Each input file read once, whatever the number of diagnostics in it."""

    def __init__(self):
        self.lines: dict[str, list[str] | None] = {}

    def line(self, span: Span) -> str | None:
        if not span.line:
            return None
        where = span.source or span.file
        if where not in self.lines:
            try:
                from lawcheck.inputs import read_text
                self.lines[where] = read_text(Path(where), span.file).splitlines()
            except (LawcheckError, OSError):
                self.lines[where] = None
        lines = self.lines[where]
        if lines is not None and 0 < span.line <= len(lines):
            return lines[span.line - 1]
        return None


def render(diagnostic: Diagnostic, sources: _Sources | None = None) -> str:
    """`file:line:col: error: message`, the source line with a caret (a long line clipped
    around it), then hints."""
    from lawcheck.views.terminal import fill
    d = diagnostic
    # the first line stays one line, whatever its length: editors and tools read it
    code = f"{d.code} " if d.code else ""
    out = [f"{d.span}: {d.severity}: {code}{_clip(d.message)}"]
    source = (sources or _Sources()).line(d.span)
    if source is not None:
        width = 1
        if d.span.end_line == d.span.line and d.span.end_column > d.span.column:
            width = d.span.end_column - d.span.column
        start = max(d.span.column - 1, 0)
        lead = ""
        if len(source) > LINE_WINDOW:
            first = max(0, start - LINE_WINDOW // 2)
            clipped = source[first:first + LINE_WINDOW]
            lead = "…" if first else ""
            source = lead + clipped + ("…" if first + LINE_WINDOW < len(source) else "")
            start = start - first + len(lead)
            width = max(1, min(width, LINE_WINDOW - (start - len(lead))))
        out.append(f"    {source}")
        out.append("    " + " " * start + "^" * width)
    if d.context:
        out.append(fill(f"in {_clip(d.context)}", "  ", "      "))
    if d.expected:
        out.append(fill(f"expected: {_clip(d.expected)}", "  ", "      "))
    if d.suggestion:
        label = "hint: " if d.severity == "error" else ""
        out.append(fill(f"{label}{_clip(d.suggestion)}", "  ", "      "))
    return printable("\n".join(out))


def render_each(diagnostics) -> list[str]:
    """Each diagnostic rendered, every source file read once for all of them."""
    sources = _Sources()
    return [render(d, sources) for d in diagnostics]


def render_all(error: LawcheckError, limit: int = MAX_SHOWN) -> str:
    n = len(error.diagnostics)
    shown = error.diagnostics if n <= limit else error.diagnostics[:limit]
    body = "\n".join(render_each(shown))
    more = (f"\n... and {n - limit} more error{'s' if n - limit != 1 else ''} (the first "
            f"{limit} are shown)") if n > limit else ""
    return f"{body}{more}\n{n} error{'s' if n != 1 else ''} found."
