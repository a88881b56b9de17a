"""The wording catalogue: every word a reader sees comes from one file per language, in the
standard gettext format (lawcheck/locale/LANG/LC_MESSAGES/lawcheck.po), read with Babel.

Messages are found by context and id: `say("verdict", "not_met")` gives "not met";
`say("verdict-where", "met", citation="Art. 3(a)")` gives "under Art. 3(a)" (named parameters in
braces). `table("verdict")` gives a whole table as a dict. English is the source language; a
message missing from another language falls back to English, then to its id.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"
# the language of the command being run (set once by the command line): for the few words
# said far from where the language was chosen (a progress line of work in the engine, an
# interruption); everything else is given its language explicitly
LANGUAGE: ContextVar[str] = ContextVar("LANGUAGE", default=SOURCE_LANGUAGE)


@lru_cache(maxsize=None)
def _messages(lang: str) -> dict[tuple[str | None, str], str]:
    """(context, id) -> text, for one language. In English, the source language, an empty text
    is the id itself; in another, an empty text is not translated yet (English is used)."""
    from babel.messages.pofile import read_po
    path = LOCALE / lang / "LC_MESSAGES" / "lawcheck.po"
    if not path.is_file():
        if lang == SOURCE_LANGUAGE:      # the installation is broken: say so, do not guess
            raise FileNotFoundError(f"lawcheck's wording catalogue is missing: {path}")
        return {}                        # a language not translated (yet): English throughout
    with open(path, "rb") as f:
        catalogue = read_po(f, locale=lang)
    if lang == SOURCE_LANGUAGE:
        return {(m.context, m.id): m.string or m.id for m in catalogue if m.id}
    return {(m.context, m.id): m.string for m in catalogue if m.id and m.string}


def say(context: str | None, msgid: str, lang: str = SOURCE_LANGUAGE, **params) -> str:
    text = _messages(lang).get((context, msgid))
    if text is None and lang != SOURCE_LANGUAGE:
        text = _messages(SOURCE_LANGUAGE).get((context, msgid))
    if text is None:
        text = msgid
    return text.format(**params) if params else text


def has(context: str, msgid: str, lang: str = SOURCE_LANGUAGE) -> bool:
    """Whether the catalogue has the message (in the language, or in English, which `say`
    falls back to)."""
    return (context, msgid) in _messages(lang) or (context, msgid) in _messages(SOURCE_LANGUAGE)


def languages() -> tuple[str, ...]:
    """The languages with a catalogue: the source language first, then the others by code
    (what `--lang` accepts)."""
    found = sorted(p.name for p in LOCALE.iterdir()
                   if (p / "LC_MESSAGES" / "lawcheck.po").is_file() and p.name != SOURCE_LANGUAGE)
    return (SOURCE_LANGUAGE, *found)


def table(context: str, lang: str = SOURCE_LANGUAGE) -> dict[str, str]:
    """Every message of one context: id -> text (those without parameters)."""
    ids = [i for c, i in _messages(SOURCE_LANGUAGE) if c == context]
    return {i: say(context, i, lang) for i in ids}
