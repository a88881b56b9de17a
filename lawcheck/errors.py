"""Diagnostics: source spans, lawcheck's own exceptions, and how errors are rendered.

A diagnostic's words come from the wording catalogue (lawcheck.views.catalogue) when it is
shown: the framing (`expected:`, `hint:`, "N errors found", ...) always, and the message, its
place and its hints where the stage that found it gave them as data (a message id with its
parameters, `Said`). A diagnostic given only as a `message` string (the parse and validation
errors, for now) is shown with that string.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Union

from lawcheck.views.catalogue import SOURCE_LANGUAGE, say

COMMAND_LINE = "<command line>"      # the file of a diagnostic about an option or argument


@dataclass(frozen=True)
class Said:
    """Words a stage leaves to the wording catalogue: a message (its context and id) with its
    named parameters, worded only when shown (`words`), in the reader's language. A parameter
    may itself be Said, or a Listed, worded first. Stages return these, not sentences."""

    context: str
    id: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, context: str, msgid: str, **params) -> Said:
        return cls(context, msgid, tuple(params.items()))

    def words(self, lang: str = SOURCE_LANGUAGE) -> str:
        return say(self.context, self.id, lang, **_worded(self.params, lang))


@dataclass(frozen=True)
class Listed:
    """Items (each a value or Said) worded and joined by a separator from the catalogue
    (msgctxt "diagnostic-list", msgid `separator`: "items" joins with a comma, "groups" with a
    semicolon)."""

    items: tuple[Any, ...]
    separator: str = "items"

    def words(self, lang: str = SOURCE_LANGUAGE) -> str:
        separator = say("diagnostic-list", self.separator, lang)
        return separator.join(words(x, lang) for x in self.items)


Wordable = Union[str, Said, Listed]


def period(start, end) -> Said:
    """Dates in force, as a diagnostic words them: "2012-01-01 to 2025-06-30", "2018-01-01 to
    now" (a date not known, or still in force, in the words of msgctxt "period")."""
    return Said.of("period", "range",
                   start=start.isoformat() if start else Said("period", "start"),
                   end=end.isoformat() if end else Said("period", "end"))


def words(x, lang: str = SOURCE_LANGUAGE):
    """A value in words: Said and Listed worded through the catalogue; anything else (a string
    already in words, a number, None) as it is."""
    return x.words(lang) if isinstance(x, (Said, Listed)) else x


def _worded(params, lang: str) -> dict:
    return {name: words(value, lang) for name, value in params}


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
        return self.words()

    def words(self, lang: str = SOURCE_LANGUAGE) -> str:
        from lawcheck.resources import bundled_names
        if self.file == COMMAND_LINE:
            return say("diagnostic-frame", "command-line", lang)
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        if self.file in bundled_names():
            return say("diagnostic-frame", "bundled", lang, where=where)
        return where


@dataclass(frozen=True)
class Diagnostic:
    """One problem in one input file: a parse or validation error, or a lint finding (with its
    code, e.g. LC001, and severity "warning"). Rendered one way (`render`)."""

    span: Span
    message: str = ""           # the message in words, for a diagnostic with no message_id (yet)
    expected: Wordable | None = None
    suggestion: Wordable | None = None
    context: Wordable | None = None  # e.g. the provision the error sits in, or a field path
    code: str | None = None     # a lint check's code (lawcheck check --list-checks)
    severity: str = "error"     # "error" (invalid input) or "warning" (a lint finding)
    # the message as data: its id in the catalogue (msgctxt "diagnostic") and its named
    # parameters (values, or Said / Listed), worded when shown; `message` is then unused
    message_id: str | None = None
    params: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str = SOURCE_LANGUAGE) -> str:
        """The message in words."""
        if self.message_id is None:
            return self.message
        return say("diagnostic", self.message_id, lang, **_worded(self.params, lang))

    # a lint finding's fields under the names `lawcheck check --format json` gives them
    @property
    def where(self) -> str:
        return words(self.context) or ""

    @property
    def detail(self) -> str:
        return words(self.suggestion) or ""

    def sort_key(self) -> tuple:
        # in the source language, so that the order is the same in every language
        return (self.span.file, self.span.line, self.span.column, self.text())


class LawcheckError(Exception):
    """Invalid input: carries every diagnostic found, sorted by position."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        super().__init__("\n".join(d.text() for d in self.diagnostics))


def close_match(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to a misspelt name, or None."""
    match = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return match[0] if match else None


def suggest(word: str, choices: Iterable[str]) -> Said | None:
    """A close match for a misspelt name, as a hint worded when shown ("did you mean
    '...'?"), or None."""
    match = close_match(word, choices)
    return Said.of("diagnostic-frame", "did-you-mean", match=match) if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A close match for a misspelt name, as a hint ("did you mean '...'?"), or None."""
    hint = suggest(word, choices)
    return hint.words() if hint else None


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


def _clip(text: str | None, lang: str = SOURCE_LANGUAGE) -> str | None:
    if text is None or len(text) <= MAX_PART:
        return text
    half = MAX_PART // 2
    return say("diagnostic-frame", "clipped", lang, start=text[:half], end=text[-half:],
               count=len(text) - 2 * half)


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


def render(diagnostic: Diagnostic, sources: _Sources | None = None,
           lang: str = SOURCE_LANGUAGE) -> str:
    """`file:line:col: error: message`, the source line with a caret (a long line clipped
    around it), then hints. A message with an id is worded here, in `lang`."""
    from lawcheck.views.terminal import fill
    d = diagnostic

    def clip(text) -> str:
        return _clip(words(text, lang), lang)

    # the first line stays one line, whatever its length: editors and tools read it
    first = dict(where=d.span.words(lang), severity=say("diagnostic-severity", d.severity, lang),
                 message=clip(d.text(lang)))
    out = [say("diagnostic-frame", "first-line-code", lang, code=d.code, **first) if d.code
           else say("diagnostic-frame", "first-line", lang, **first)]
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
            mark = say("diagnostic-frame", "line-clipped", lang)
            lead = mark if first else ""
            source = lead + clipped + (mark if first + LINE_WINDOW < len(source) else "")
            start = start - first + len(lead)
            width = max(1, min(width, LINE_WINDOW - (start - len(lead))))
        out.append(f"    {source}")
        out.append("    " + " " * start + "^" * width)
    if d.context:
        out.append(fill(say("diagnostic-frame", "in", lang, text=clip(d.context)),
                        "  ", "      "))
    if d.expected:
        out.append(fill(say("diagnostic-frame", "expected", lang, text=clip(d.expected)),
                        "  ", "      "))
    if d.suggestion:
        hint = say("diagnostic-frame", "hint", lang, text=clip(d.suggestion)) \
            if d.severity == "error" else \
            say("diagnostic-frame", "detail", lang, text=clip(d.suggestion))
        out.append(fill(hint, "  ", "      "))
    return printable("\n".join(out))


def render_each(diagnostics, lang: str = SOURCE_LANGUAGE) -> list[str]:
    """Each diagnostic rendered, every source file read once for all of them."""
    sources = _Sources()
    return [render(d, sources, lang) for d in diagnostics]


def render_all(error: LawcheckError, limit: int = MAX_SHOWN, lang: str = SOURCE_LANGUAGE) -> str:
    n = len(error.diagnostics)
    shown = error.diagnostics if n <= limit else error.diagnostics[:limit]
    body = "\n".join(render_each(shown, lang))
    more = ""
    if n > limit:
        left = n - limit
        more = "\n" + (say("diagnostic-frame", "more-one", lang, count=left, limit=limit)
                       if left == 1 else
                       say("diagnostic-frame", "more-other", lang, count=left, limit=limit))
    found = say("diagnostic-frame", "found-one", lang, count=n) if n == 1 else \
        say("diagnostic-frame", "found-other", lang, count=n)
    return f"{body}{more}\n{found}"
