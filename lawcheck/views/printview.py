"""Stage 6e: the report's view model -> what only the printed page shows: its title block (what
was compared, the law of which date, which statutes, which lawcheck, which language) and the
words of its running head and page numbers, written into print.css as CSS strings (a page's
margin boxes can show only text the style sheet holds). Every word from the wording catalogue
(context "print", and the page's own "report-page")."""

from __future__ import annotations

import string
from dataclasses import dataclass

from lawcheck.views import catalogue
from lawcheck.views.reportview import Report


@dataclass(frozen=True)
class PrintView:
    reference: str                 # the treaty the summary measures against: its title, or ""
    compared: tuple[str, ...]      # the domestic texts compared with it (titles); without a
                                   # reference, every instrument in force on the date
    others: str                    # the other instruments in force the tables show, or ""
    language: str                  # the report's language, in its own words
    head_title: str                # CSS strings for the running head ...
    head_date: str
    page_number: str               # ... and a CSS content value: "Page " counter(page) ...


def css_string(text: str) -> str:
    """Text as a CSS string literal, safe inside the page's <style> element."""
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    for char in "\n\r\f<>&":
        out = out.replace(char, f"\\{ord(char):x} ")
    return f'"{out}"'


def css_content(message: str, **values: str) -> str:
    """A message as a CSS `content` value: its words as strings, its {parameters} as the CSS
    given for them (counter(page), ...)."""
    parts: list[str] = []
    for literal, field, _, _ in string.Formatter().parse(message):
        if literal:
            parts.append(css_string(literal))
        if field is not None:
            parts.append(values[field])
    return " ".join(parts) or '""'


def build(r: Report) -> PrintView:
    lang = r.lang
    by_id = {i.id: i for i in r.instruments}
    if r.summary is not None and r.summary.reference in by_id:
        reference = by_id[r.summary.reference]
        compared = tuple(by_id[c.instrument] for c in r.summary.comparisons
                         if c.instrument in by_id)
    else:
        reference = None
        compared = tuple(i for i in r.instruments if i.in_force)
    shown = {i.id for i in compared} | ({reference.id} if reference else set())
    others = [i.short for i in r.instruments if i.in_force and i.id not in shown]
    return PrintView(
        reference=reference.title if reference else "",
        compared=tuple(i.title for i in compared),
        others=", ".join(others),
        language=catalogue.say("print", "language", lang),
        head_title=css_string(catalogue.say("report-page", "heading", lang)),
        head_date=css_string(r.dated),
        page_number=css_content(catalogue.say("print", "page", lang),
                                page="counter(page)", pages="counter(pages)"),
    )
