"""Stage 6d: the report's view model -> one self-contained HTML page (jinja2), written atomically."""

from __future__ import annotations

from pathlib import Path

from lawcheck.files import write_atomically
from lawcheck.views.reportview import Report

TEMPLATE = "report.html"


def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("lawcheck.views", "htmlfiles"),
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
    """Write the page, or nothing."""
    write_atomically(text, path, "the report")
