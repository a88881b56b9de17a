"""Writing output files atomically, with clear errors (used by report and explore --save)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lawcheck.errors import Diagnostic, LawcheckError, Span


def write_atomically(text: str, path: Path, what: str = "the output") -> None:
    """Write `text` to `path`, or nothing: a temporary file beside the target is renamed into
    place, so a reader never sees half a file and a failure leaves no file behind."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise LawcheckError([Diagnostic(Span("<command line>"),
                                        f"cannot write '{target}': folder '{folder}' does not exist",
                                        expected="an existing folder",
                                        suggestion=f"create it first (mkdir -p {folder})")])
    if target.is_dir():
        raise LawcheckError([Diagnostic(Span("<command line>"), f"'{target}' is a folder",
                                        expected=f"a file name for {what}")])
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".lawcheck-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)   # as a plain open() would have created it
        os.replace(tmp, target)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise LawcheckError([Diagnostic(Span("<command line>"),
                                        f"cannot write '{target}': {exc.strerror or exc}")]) from exc
