"""A progress line on standard error, for work that can take more than a few seconds: only when
standard error is a terminal (never in a pipe, a file or CI logs), only after the first second,
at most a few times a second, and wiped when the work is done, so that it never mixes with the
output. Its words are the wording catalogue's (context progress); `what`, the work, is
given by the caller, in words or as a message (Said) worded here. The language is the one given,
else the command's (lawcheck.views.catalogue.LANGUAGE: work deep in the engine, such as the
explorer's, speaks the reader's language without being told it)."""

from __future__ import annotations

import sys
import time
from typing import Iterable, Iterator, TypeVar

from lawcheck.views.catalogue import LANGUAGE, say

T = TypeVar("T")
_DELAY = 1.0          # seconds before the first line: quick work shows nothing
_EVERY = 0.2          # seconds between updates


class Progress:
    def __init__(self, what, total: int | None = None, stream=None, lang: str | None = None):
        from lawcheck.errors import words
        self.lang = lang or LANGUAGE.get()
        self.what, self.total = words(what, self.lang), total
        self.stream = stream or sys.stderr
        try:
            self.on = self.stream.isatty()
        except (AttributeError, ValueError):
            self.on = False
        self.count = 0
        self.start = self.last = time.monotonic()
        self.shown = 0        # width of the line on the screen

    def step(self, n: int = 1) -> None:
        self.count += n
        if not self.on:
            return
        now = time.monotonic()
        if now - self.start < _DELAY or now - self.last < _EVERY:
            return
        self.last = now
        line = say("progress", "line-of", self.lang, what=self.what, count=self.count,
                   total=self.total) if self.total else \
            say("progress", "line", self.lang, what=self.what, count=self.count)
        self.stream.write("\r" + line.ljust(self.shown))
        self.stream.flush()
        self.shown = len(line)

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.done()


def counted(items: Iterable[T], what, total: int | None = None,
            lang: str | None = None) -> Iterator[T]:
    """The items, one at a time, with a progress line while they come."""
    with Progress(what, total, lang=lang) as p:
        for item in items:
            yield item
            p.step()
