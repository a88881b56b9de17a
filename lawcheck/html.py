"""Stage 6d: the report's view model -> one self-contained HTML page (jinja2), written atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lawcheck.errors import Diagnostic, LawcheckError, Span
from lawcheck.reportview import Report

TEMPLATE = "report.html"


def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("lawcheck", "htmlfiles"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(report: Report) -> str:
    """The page as text. The same report gives the same text: no timestamp, stable order."""
    return _environment().get_template(TEMPLATE).render(r=report)


def write(text: str, path: Path) -> None:
    """Write the page, or nothing: a temporary file beside the target is renamed into place."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise LawcheckError([Diagnostic(Span("<command line>"),
                                        f"cannot write '{target}': folder '{folder}' does not exist",
                                        expected="an existing folder",
                                        suggestion=f"create it first (mkdir -p {folder})")])
    if target.is_dir():
        raise LawcheckError([Diagnostic(Span("<command line>"), f"'{target}' is a folder",
                                        expected="a file name for the report",
                                        suggestion=f"-o {target / 'lawcheck-report.html'}")])
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".lawcheck-report-", suffix=".tmp", dir=folder)
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
