"""Stage 1: statute text -> lark Tree, with syntax errors turned into diagnostics."""

from __future__ import annotations

import dataclasses
import functools
import re

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from lawcheck.errors import Diagnostic, LawcheckError, Span, did_you_mean
from lawcheck.resources import grammar_path

# Human names for the grammar's terminals, used in "expected ..." lines.
_TERMINAL_NAMES = {
    "NAME": "a name (lowercase letters, digits, '-' or '_')",
    "LIMB_ID": "a limb id (lowercase letters, digits, '-' or '_')",
    "STRING": 'a quoted string ("...")',
    "DATE": "a date (YYYY-MM-DD)",
    "INT": "a whole number",
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "COMMA": "','",
    "LSQB": "'['",
    "RSQB": "']'",
    "COMPARATOR": "a comparison (<, <=, >, >=)",
    "CONFIDENCE": "a confidence mark (verbatim, paraphrase, unverified, translation)",
    "LANG": "a language (vi or en)",
    "TERM_KIND": "a term kind (act, means, purpose)",
    "CROSSES": "'crosses'",
    "DEFAULT": "'default'",
    "CIRCUMSTANCE": "'circumstance'",
    "NUMBER": "'number'",
    "UNIT": "'unit'",
    "AGGRAVATION": "'aggravation'",
    "READS": "'reads'",
    "BORDER": "'border'",
    "VI": "'vi' (lawcheck's Vietnamese for the words before it)",
    "QUALIFIER": "open, narrower or broader",
    "FIELD_NAME": "a field (title, short, kind, jurisdiction, citation, source, note, english)",
    "$END": "end of file",
}


@functools.lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr",
                propagate_positions=True, maybe_placeholders=False)


def keywords() -> tuple[str, ...]:
    """Every keyword of the language, for did-you-mean on syntax errors."""
    words = set()
    for term in _parser().terminals:
        if term.name in ("NAME", "LIMB_ID", "DATE", "INT", "STRING", "COMMENT", "WS"):
            continue
        pattern = term.pattern.value
        if term.pattern.type == "str" and pattern.isalpha():
            words.add(pattern)
        elif term.pattern.type == "re":
            words.update(w for w in re.findall(r"[a-z_]+", pattern)
                         if re.fullmatch(r"(?:%s)" % pattern, w))
    return tuple(sorted(words))


def _expected_text(expected: set[str]) -> str:
    parser = _parser()
    names = []
    for name in sorted(expected):
        if name in _TERMINAL_NAMES:
            names.append(_TERMINAL_NAMES[name])
            continue
        try:
            term = parser.get_terminal(name)
        except KeyError:
            names.append(name)
            continue
        names.append(f"'{term.pattern.value}'" if term.pattern.type == "str" else name)
    return ", ".join(dict.fromkeys(names))


def parse(text: str, file: str, source: str = "") -> Tree:
    """Parse one statute file; a syntax error becomes a LawcheckError with file:line:col."""
    found: list[Diagnostic] = []

    def recover(exc: UnexpectedInput) -> bool:
        # Keep going after a bad token so that every syntax error in the file is reported;
        # one error per line, since later ones on the same line are usually its echo.
        _keep(found, _diagnostic(exc, text, file, source), exc)
        return len(found) < 50 and getattr(exc, "token", None) is not None \
            and exc.token.type != "$END"

    try:
        tree = _parser().parse(text, on_error=recover)
    except UnexpectedInput as exc:
        _keep(found, _diagnostic(exc, text, file, source), exc)
        tree = None
    if found:
        raise LawcheckError(_first_per_block(found, text))
    return tree


def _first_per_block(found: list[Diagnostic], text: str) -> list[Diagnostic]:
    """After a syntax error the parser's recovery is a guess, and the errors that follow in the
    same provision or set are usually echoes. Keep the first error of each block (a provision,
    set or instrument header); errors in other blocks are independent and are all kept."""
    blocks = _block_starts(text)
    kept, seen = [], set()
    for d in found:
        key = blocks.get(d.span.line, ())
        if key not in seen:
            seen.add(key)
            kept.append(d)
    return kept


def _scan(text: str):
    """Each character with its line and column and what it is: "code", "comment", "string"
    (inside one), "open" or "close" (a string's quotes) or "newline". A plain scan, not the
    lexer, so that it also works on text the lexer rejects; strings may span lines."""
    line, col, state, escaped = 1, 0, "code", False
    for ch in text:
        col += 1
        if ch == "\n":
            yield line, col, ch, "newline"
            line, col = line + 1, 0
            if state == "comment":
                state = "code"
        elif state == "string":
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                state = "code"
                yield line, col, ch, "close"
                continue
            yield line, col, ch, "string"
        elif state == "comment":
            yield line, col, ch, "comment"
        elif ch == '"':
            state = "string"
            yield line, col, ch, "open"
        elif ch == "#":
            state = "comment"
            yield line, col, ch, "comment"
        else:
            yield line, col, ch, "code"


def _block_starts(text: str) -> dict[int, tuple[int, ...]]:
    """For each line, the lines where its enclosing blocks open, two levels deep at most
    (instrument, then provision or set). Braces inside strings and comments do not count."""
    stack: list[int] = []
    out: dict[int, tuple[int, ...]] = {1: ()}
    for line, _, ch, kind in _scan(text):
        if kind == "newline":
            out[line + 1] = tuple(stack[:2])
        elif kind == "code" and ch == "{":
            stack.append(line)
            out[line] = tuple(stack[:2])
        elif kind == "code" and ch == "}" and stack:
            stack.pop()
    return out


def _keep(found: list[Diagnostic], diag: Diagnostic, exc: UnexpectedInput) -> None:
    """Record a syntax error unless it is most likely an echo of the one before it."""
    if found:
        token = getattr(exc, "token", None)
        if found[-1].span.line == diag.span.line:
            return
        if token is not None and (token.type in ("$END", "RBRACE") or str(token) == "}"):
            return
    found.append(diag)


def _diagnostic(exc: UnexpectedInput, text: str, file: str, source: str = "") -> Diagnostic:
    d = _describe_error(exc, text, file)
    return dataclasses.replace(d, span=dataclasses.replace(d.span, source=source))


def _last_string(text: str, line: int, column: int) -> tuple[int, int, int, bool] | None:
    """The last string that closes before (line, column), with nothing but spaces between its
    closing quote and that position: (start line, start column, end line, cut short?)."""
    start, last, prev, closed_at = None, None, "", None
    for ln, col, ch, kind in _scan(text):
        if (ln, col) >= (line, column):
            break
        if kind == "open":
            start = (ln, col)
        elif kind == "close":
            # a string ending in a space, or followed at once by more text, was most likely cut
            # short by a quote meant to open the next string
            last, closed_at = (start[0], start[1], ln, prev.isspace()), (ln, col)
        elif kind == "code" and not ch.isspace():
            last = None
        prev = ch
    if last is not None and closed_at == (line, column - 1):   # text right after the quote
        last = last[:3] + (True,)
    return last


def _unclosed_hint(text: str, line: int, column: int) -> str | None:
    found = _last_string(text, line, column)
    if found is None:
        return None
    start_line, start_col, end_line, cut = found
    if end_line > start_line:
        return (f"the string that opens at line {start_line}, column {start_col} runs on to line "
                f"{end_line}: is its closing quote missing?")
    if not cut:
        return None
    return ('a string just before this ends early: is its closing quote missing, or does a '
            'quote inside it need a backslash (\\")?')


def _describe_error(exc: UnexpectedInput, text: str, file: str) -> Diagnostic:
    d = _describe_plain(exc, text, file)
    hint = _unclosed_hint(text, d.span.line, d.span.column) if d.span.line else None
    return dataclasses.replace(d, suggestion=hint) if hint else d


def _describe_plain(exc: UnexpectedInput, text: str, file: str) -> Diagnostic:
    line = getattr(exc, "line", 0) or 0
    column = getattr(exc, "column", 0) or 0
    if isinstance(exc, UnexpectedToken):
        tok: Token = exc.token
        expected = _expected_text(set(exc.expected))
        if tok.type == "$END":
            lines = text.splitlines() or [""]
            span = Span(file, len(lines), len(lines[-1]) + 1)
            return Diagnostic(span, "unexpected end of file", expected=expected,
                              suggestion="a '}' may be missing")
        span = Span(file, tok.line, tok.column, tok.end_line or tok.line,
                    tok.end_column or tok.column + 1)
        suggestion = None
        if tok.type == "NAME" or str(tok).isalpha():
            if str(tok) not in keywords():
                suggestion = did_you_mean(str(tok), keywords())
        if tok.type == "STRING" and "NAME" in exc.expected:
            suggestion = "names are written without quotes"
        if suggestion is None and "RBRACE" in exc.expected and tok.type != "RBRACE":
            suggestion = "is a '}' missing before this?"
        return Diagnostic(span, f"unexpected {_describe(tok)}", expected=expected,
                          suggestion=suggestion)
    if isinstance(exc, UnexpectedCharacters):
        char = text[exc.pos_in_stream] if exc.pos_in_stream < len(text) else ""
        suggestion = None
        if char.isupper():
            suggestion = "names and keywords are lowercase"
        elif char == "'":
            suggestion = 'strings use double quotes ("...")'
        allowed = _expected_text(set(exc.allowed or ()))
        return Diagnostic(Span(file, line, column, line, column + 1),
                          f"unexpected character {char!r}", expected=allowed or None,
                          suggestion=suggestion)
    if isinstance(exc, UnexpectedEOF):
        return Diagnostic(Span(file, line, column), "unexpected end of file",
                          expected=_expected_text(set(exc.expected)))
    return Diagnostic(Span(file, line, column), str(exc).splitlines()[0])


def _describe(tok: Token) -> str:
    value = str(tok)
    if len(value) > 40:
        value = value[:37] + "..."
    return f"{value!r}" if tok.type != "STRING" else f"string {value}"
