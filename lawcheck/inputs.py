"""Reading a user's input files safely: regular files only, under a size limit, read once.

A folder may hold anything: a FIFO (which would block a plain read for ever), a symlink to
/dev/zero (which never ends), a huge file. lawcheck opens each file without blocking, checks
that it is a regular file, refuses it above `max_file_size` bytes, and reads at most that much.
Every problem is a diagnostic naming the file (exit 2), never a hang or a traceback.
"""

from __future__ import annotations

import contextvars
import os
import stat
from pathlib import Path

from lawcheck.errors import Diagnostic, LawcheckError, Span

DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024     # 64 MiB: about 100,000 scenarios in one case file
MAX_FILE_SIZE: contextvars.ContextVar[int] = contextvars.ContextVar(
    "lawcheck_max_file_size", default=DEFAULT_MAX_FILE_SIZE)

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISDIR, "a folder"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def size_words(n: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n:,} bytes"


def _refuse(display: str, message: str, **hints) -> LawcheckError:
    return LawcheckError([Diagnostic(Span(display), message, **hints)])


def read_bytes(path: Path, display: str) -> bytes:
    """A regular file's bytes, at most the size limit; anything else is an input error."""
    limit = MAX_FILE_SIZE.get()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _refuse(display, f"cannot read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(display, f"not read: {_kind(info.st_mode)}, not a regular file",
                          expected="a regular file", suggestion="remove it from the folder, or "
                          "name the files to read one by one")
        if info.st_size > limit:
            raise _refuse(display, f"not read: {size_words(info.st_size)}, over the limit of "
                          f"{size_words(limit)}", expected="a smaller file",
                          suggestion="split it into several files, or raise the limit with "
                                     "--max-file-size")
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > limit:          # it grew while being read
                raise _refuse(display, f"not read: over the limit of {size_words(limit)}",
                              suggestion="raise the limit with --max-file-size")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise _refuse(display, f"cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)


def read_text(path: Path, display: str) -> str:
    """A user's input file as text (UTF-8, a byte-order mark allowed); trouble is an input
    error. A NUL byte is refused here, with its position, since no input may contain one."""
    data = read_bytes(path, display)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(display, f"not UTF-8 text ({exc.reason})") from None
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise LawcheckError([Diagnostic(Span(display, line, column),
                                        "a NUL character (byte 0) in the file",
                                        expected="text", suggestion="is this a binary file?")])
    return text


def unique_files(files: list[Path]) -> list[Path]:
    """The files in order, each once (the same file given twice, or through a symlink, is read
    once)."""
    seen, out = set(), []
    for f in files:
        try:
            key = f.resolve()
        except OSError:
            key = f
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
