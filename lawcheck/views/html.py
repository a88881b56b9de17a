"""Stage 6d: the report's view model -> one self-contained HTML page (jinja2), written atomically.

The template's words come from the wording catalogue (lawcheck.views.catalogue), in the report's
language, through three functions the page is given:

  say(context, id, **params)       a message as markup: the catalogue's text is the template's
                                   own (as jinja2's i18n extension treats a translation), its
                                   parameters are escaped unless they are markup themselves (a
                                   link or a mark the template builds);
  say_attr(context, id, **params)  the same as plain text, escaped, for an attribute's value;
  say_n(context, id, n, **params)  a message that changes with a number: id-one where n is 1,
                                   id-other otherwise ({n} is the number).

The script (htmlfiles/report.js, included in the page) writes one sentence, the count of the
scenarios shown; the page writes its words into the script as JavaScript strings (`script`), so
report.js holds no words of its own.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

from markupsafe import Markup

from lawcheck.files import write_atomically
from lawcheck.views import catalogue
from lawcheck.views.reportview import Report

TEMPLATE = "report.html"


def _environment(lang: str):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("lawcheck.views", "htmlfiles"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def say(context: str, msgid: str, **params) -> Markup:
        text = Markup(catalogue.say(context, msgid, lang))
        return text.format(**params) if params else text

    def say_attr(context: str, msgid: str, **params) -> str:
        return catalogue.say(context, msgid, lang, **params)

    def say_n(context: str, msgid: str, n: int, **params) -> Markup:
        return say(context, f"{msgid}-one" if n == 1 else f"{msgid}-other", n=n, **params)

    env.globals.update(say=say, say_attr=say_attr, say_n=say_n)
    return env


def _page(report: Report) -> str:
    from lawcheck.views import printview
    return _environment(report.lang).get_template(TEMPLATE).render(
        r=report, script=script_words(report), pr=printview.build(report))


BODY = ("<!--lang-body-->", "<!--/lang-body-->")


def render(report: Report, others: tuple[Report, ...] = ()) -> str:
    """The page as text. The same report gives the same text: no timestamp, stable order.
    `others`: the same report in other languages; the page holds their bodies too (inert,
    in <template> elements) and switches between them in place (htmlfiles/lang.js)."""
    if not others:
        return _page(report)
    from dataclasses import replace
    languages = tuple((x.lang, catalogue.say("language", "name", x.lang))
                      for x in (report, *others))
    bodies = []
    for other in others:
        page = _page(replace(other, languages=languages))
        body = page[page.index(BODY[0]) + len(BODY[0]):page.index(BODY[1])]
        bodies.append(f'<template class="lang-body" data-lang="{other.lang}">{body}</template>\n')
    return _page(replace(report, languages=languages, other_languages=Markup("".join(bodies))))


def write(text: str, path: Path) -> None:
    """Write the page, or nothing."""
    write_atomically(text, path, "the report")


# ------------------------------------------------------------------------------------ the script

def _js_string(text: str) -> str:
    """A JavaScript string literal, safe inside the page's <script> element."""
    out = json.dumps(text, ensure_ascii=False)
    for char in "<>&\u2028\u2029":
        out = out.replace(char, f"\\u{ord(char):04x}")
    return out


def _units(message: str) -> list:
    """A message as a list of its characters and its parameters (("name",) for {name})."""
    units: list = []
    for literal, field, _, _ in string.Formatter().parse(message):
        units += list(literal)
        if field is not None:
            units.append((field,))
    return units


def _js(units: list, values: dict[str, str]) -> str:
    """Units as a JavaScript expression: string literals and the parameters' expressions, joined
    by +; "" when there are none."""
    parts: list[str] = []
    text = ""
    for u in units:
        if isinstance(u, tuple):
            if text:
                parts.append(_js_string(text))
                text = ""
            parts.append(values[u[0]])
        else:
            text += u
    if text:
        parts.append(_js_string(text))
    return " + ".join(parts) or '""'


def _joined(message: str, array: str) -> str:
    """A message joining two items, "{a} and {b}", as a JavaScript expression over an array
    of two."""
    units = _units(message)
    if units[:1] == [("a",)] and units[-1:] == [("b",)] and ("a",) not in units[1:-1] \
            and ("b",) not in units[1:-1]:
        return f"{array}.join({_js_string(''.join(units[1:-1]))})"
    return _js(units, {"a": f"{array}[0]", "b": f"{array}[1]"})


def script_words(report: Report) -> dict[str, str]:
    """The words report.js writes, as JavaScript expressions: the count line, "Showing 3 of 12
    scenarios." or, with a pair of instruments chosen, "... under palermo and vn-cc-150.". The
    two messages are split into what they share at the start and at the end (`start`, `end`)
    and what differs (`all`, `under`), so the script chooses between whole sentences."""
    lang = report.lang
    if len(report.rows) == 1:             # the script counts the matrix's rows
        every = _units(catalogue.say("report-script", "showing-one", lang))
        under = _units(catalogue.say("report-script", "showing-under-one", lang))
    else:
        every = _units(catalogue.say("report-script", "showing-other", lang))
        under = _units(catalogue.say("report-script", "showing-under-other", lang))
    head = 0
    while head < min(len(every), len(under)) and every[head] == under[head]:
        head += 1
    tail = 0
    while tail < min(len(every), len(under)) - head and every[-1 - tail] == under[-1 - tail]:
        tail += 1
    values = {"shown": "count", "total": "rows.length",
              "instruments": _joined(catalogue.say("report-script", "pair", lang), "chosen")}
    return {
        "start": _js(every[:head], values),
        "all": _js(every[head:len(every) - tail], values),
        "under": _js(under[head:len(under) - tail], values),
        "end": _js(every[len(every) - tail:], values),
    }
