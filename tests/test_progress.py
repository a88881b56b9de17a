"""The progress line: on a terminal only, wiped when done, never in a pipe."""

from __future__ import annotations

import io

from lawcheck.views import progress


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_on_a_terminal_and_is_wiped(monkeypatch):
    monkeypatch.setattr(progress, "_DELAY", 0.0)
    monkeypatch.setattr(progress, "_EVERY", 0.0)
    screen = _Terminal()
    with progress.Progress("scenarios evaluated", total=3, stream=screen) as p:
        for _ in range(3):
            p.step()
    out = screen.getvalue()
    assert "\rlawcheck: scenarios evaluated: 3 of 3 ..." in out
    assert out.endswith("\r" + " " * len("lawcheck: scenarios evaluated: 3 of 3 ...") + "\r")


def test_no_progress_in_a_pipe_or_in_the_first_second(monkeypatch):
    pipe = io.StringIO()
    with progress.Progress("x", stream=pipe) as p:
        p.step()
    assert pipe.getvalue() == ""
    screen = _Terminal()                  # quick work shows nothing even on a terminal
    with progress.Progress("x", stream=screen) as p:
        p.step()
    assert screen.getvalue() == ""


def test_counted_yields_every_item(monkeypatch):
    monkeypatch.setattr(progress, "_DELAY", 0.0)
    monkeypatch.setattr(progress, "_EVERY", 0.0)
    assert list(progress.counted(iter(range(5)), "items")) == list(range(5))
