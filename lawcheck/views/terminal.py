"""The terminal: how wide it is, and wrapping that never splits a path, an id or a citation.

The width is the terminal's, or `COLUMNS` when set; output that is not going to a terminal
(a pipe, a file) is 80 columns wide unless `COLUMNS` says otherwise, so that it is the same on
every machine.
"""

from __future__ import annotations

import re
import shutil
import textwrap

DEFAULT_WIDTH = 80     # not a terminal, and no COLUMNS
MIN_WIDTH = 40         # narrower than this, lines are let run over rather than wrapped to shreds

# A space that must not become a line break: inside a citation ("Art. 150(1)(c)",
# "Res. 02/2019", "Law 53/2024", "§5.2", "Arts 150 and 151", "CETS 197": an abbreviation in
# capitals before a number), between an article and the word before it (an instrument's short
# name: "Palermo Art. 3", "PC 1999 Art. 119"), and before a section sign.
_GLUE = re.compile(
    r"(\b(?:Art|Res|No|Nos|cf|p|pp)\.) (?=[\dIVX(])"
    r"|(\b(?:Arts|Article|Articles|Law|Laws|Decree|Resolution|Clause|Clauses|clause|clauses|"
    r"point|points|Code|Điều|khoản|điểm|quyết|[A-Z]{2,})) (?=[\d(])"
    r"|(\w) (?=Art\. )"
    r"|(\S) (?=§)"
    # "Art. 2(1), second paragraph", "Art. 151(1) (structure)", "open point 8"
    r"|(\),?) (?=(?:first|second|third|fourth|fifth) paragraph|\(structure\))"
    r"|(\b(?:first|second|third|fourth|fifth)) (?=paragraph)"
    r"|(\bopen) (?=point \d)"
    # a period in force: "vn-cc-150 2018-01-01 to now"
    r"|(\S) (?=\d{4}-\d\d-\d\d to )|(\d{4}-\d\d-\d\d) (?=to )|(\bto) (?=now\b|\d{4}-)")
_HOLD = "\ue000"       # a private-use character: never in lawcheck's text


def width() -> int:
    return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


def fill(text: str, indent: str = "", subsequent: str | None = None,
         columns: int | None = None) -> str:
    """`text` wrapped to the terminal's width, each line after the first indented two more than
    the first (or by `subsequent`). A word longer than the line (a path, a long id) is kept
    whole, and a citation is never split across lines."""
    held = _GLUE.sub(lambda m: next(g for g in m.groups() if g is not None) + _HOLD, text)
    out = textwrap.fill(held, width=columns or width(), initial_indent=indent,
                        subsequent_indent=indent + "  " if subsequent is None else subsequent,
                        break_long_words=False, break_on_hyphens=False)
    return out.replace(_HOLD, " ")


def pack(items: list[str], indent: str = "", separator: str = "   ",
         columns: int | None = None) -> str:
    """Items (a legend's entries, a list of names) on as few lines as fit, none split."""
    limit = columns or width()
    lines, line = [], indent
    for item in items:
        if line.strip() and len(line) + len(separator) + len(item) > limit:
            lines.append(line)
            line = indent + "  " + item
        else:
            line += (separator if line.strip() else "") + item
    lines.append(line)
    return "\n".join(lines)
