"""Writing output files atomically, with clear errors (used by report and explore --save)."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

from lawcheck.errors import Diagnostic, LawcheckError, Span

STDOUT = "-"


def _refuse(message: str, **hints) -> LawcheckError:
    return LawcheckError([Diagnostic(Span("<command line>"), message, **hints)])


def write_atomically(text: str, path: Path, what: str = "the output") -> None:
    """Write `text` to `path`, or nothing: a temporary file beside the target is renamed into
    place, so a reader never sees half a file and a failure or an interruption leaves no file
    behind. An existing file keeps its permissions; anything but a regular file (a FIFO, a
    device such as /dev/null) is refused, not replaced. `-` is standard output."""
    if str(path) == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if folder.exists() and not folder.is_dir():
        raise _refuse(f"cannot write '{target}': '{folder}' is a file, not a folder",
                      expected="a path inside an existing folder")
    if not folder.is_dir():
        raise _refuse(f"cannot write '{target}': folder '{folder}' does not exist",
                      expected="an existing folder", suggestion=f"create it first (mkdir -p {folder})")
    if target.is_dir():
        raise _refuse(f"'{target}' is a folder", expected=f"a file name for {what}")
    mode = None
    try:
        info = os.stat(target)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise _refuse(f"cannot write '{target}': {exc.strerror or exc}") from exc
    else:
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(f"cannot write '{target}': it exists and is not a regular file",
                          expected=f"a file name for {what} (or - for standard output)")
        mode = stat.S_IMODE(info.st_mode)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".lawcheck-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask       # as a plain open() would have created it
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise _refuse(f"cannot write '{target}': {exc.strerror or exc}") from exc
    finally:
        if tmp:                          # failed or interrupted (Ctrl-C, SIGTERM): no trace
            Path(tmp).unlink(missing_ok=True)


def write_files(files: list[tuple[Path, bytes]]) -> None:
    """Write each (path, bytes), whole or not at all: every file is first written to a
    temporary file beside its target, and only when all are written are they renamed into
    place, so that a failure or an interruption while writing (a full disk, a permission)
    leaves none of them behind and no file half-written. (A rename within a folder does not
    fail short of the folder vanishing: then the files renamed before it stay.) The folders
    must exist. An OSError is raised as it is."""
    staged: list[tuple[str, Path]] = []
    umask = os.umask(0)
    os.umask(umask)
    try:
        for target, data in files:
            fd, tmp = tempfile.mkstemp(prefix=".lawcheck-", suffix=".tmp", dir=target.parent)
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o666 & ~umask)      # as a plain open() would have created it
        while staged:
            tmp, target = staged[0]
            os.replace(tmp, target)
            staged.pop(0)
    finally:
        for tmp, _ in staged:                  # failed or interrupted: no trace
            Path(tmp).unlink(missing_ok=True)
