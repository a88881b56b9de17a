"""The command line: parses arguments, calls the library, maps outcomes to exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lawcheck import __version__
from lawcheck.errors import (COMMAND_LINE, Diagnostic, LawcheckError, Listed, Said, Span,
                             period, suggest, words)
from lawcheck.views.catalogue import LANGUAGE, SOURCE_LANGUAGE, say

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2
LANG_VARIABLE = "LAWCHECK_LANG"      # the language when --lang is not given


# what each exit code means, per command (shown by `lawcheck COMMAND --help`): the code, and its
# words in the catalogue (msgctxt "cli-exit")
def _exits(kind: str, lang: str) -> tuple[tuple[int, str], ...]:
    return {"verdicts": ((0, say("cli-exit", "verdicts-ok", lang)),
                         (1, say("cli-exit", "verdicts-failed", lang))),
            "check": ((0, say("cli-exit", "check-ok", lang)),
                      (1, say("cli-exit", "check-found", lang))),
            "done": ((0, say("cli-exit", "done", lang)),)}[kind]


def _always(lang: str) -> tuple[tuple[int, str], ...]:
    return ((EXIT_INTERNAL, say("cli-exit", "internal", lang)),
            (EXIT_INTERRUPTED, say("cli-exit", "interrupted", lang)),
            (EXIT_TERMINATED, say("cli-exit", "terminated", lang)))


# what a command reads or writes, for its exit code 2
def _inputs(name: str, lang: str) -> str:
    return {"run": say("cli-exit", "inputs-run", lang),
            "explain": say("cli-exit", "inputs-explain", lang),
            "report": say("cli-exit", "inputs-report", lang),
            "explore": say("cli-exit", "inputs-explore", lang),
            "summary": say("cli-exit", "inputs-summary", lang),
            "coverage": say("cli-exit", "inputs-coverage", lang),
            "check": say("cli-exit", "inputs-check", lang),
            "history": say("cli-exit", "inputs-history", lang),
            "list": say("cli-exit", "inputs-list", lang),
            "amend": say("cli-exit", "inputs-amend", lang),
            "diff": say("cli-exit", "inputs-diff", lang),
            "statutes": say("cli-exit", "inputs-statutes", lang)}[name]


class _Help(argparse.HelpFormatter):
    """Paragraphs wrapped to the terminal; a paragraph of several lines (the exit codes) kept
    line by line, each wrapped with a hanging indent. The usage line's prefix is the
    catalogue's, in the parser's language (`lang`, given by _Parser)."""

    lang = SOURCE_LANGUAGE

    def add_usage(self, usage, actions, groups, prefix=None):
        if prefix is None:
            prefix = say("cli-argparse", "usage", self.lang)
        return super().add_usage(usage, actions, groups, prefix)

    def _fill_text(self, text, width, indent):
        import textwrap
        out = []
        for para in text.split("\n\n"):
            lines = para.splitlines() if "\n" in para else [para]
            hanging = indent + (" " * 7 if len(lines) > 1 else "")
            out.append("\n".join(textwrap.fill(line, width, initial_indent=indent,
                                                subsequent_indent=hanging)
                                  for line in lines))
        return "\n\n".join(out)


class _Parser(argparse.ArgumentParser):
    """argparse, with lawcheck's words wherever argparse takes them: the titles of the
    argument groups, -h's help, the usage prefix (_Help) and the error line. argparse's own
    messages about what is wrong with an argument ("argument --as-of: ...", "invalid choice:
    ...", "the following arguments are required: ...") stay argparse's. Its words are in
    `lang`, as are its commands' (argparse gives add_parser's keywords to the command's
    parser)."""

    def __init__(self, *args, lang: str = SOURCE_LANGUAGE, **kwargs):
        kwargs.setdefault("formatter_class", _Help)
        self.lang = lang
        super().__init__(*args, **kwargs)
        self._positionals.title = say("cli-argparse", "positionals", lang)
        self._optionals.title = say("cli-argparse", "options", lang)
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = say("cli-argparse", "help", lang)

    def _get_formatter(self):
        formatter = super()._get_formatter()
        formatter.lang = self.lang
        return formatter

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, say("cli-argparse", "error", self.lang, prog=self.prog,
                                    message=message) + "\n")


def _epilog(exits: str, more: str = "", name: str = "", lang: str = SOURCE_LANGUAGE) -> str:
    invalid = say("cli-exit", "invalid", lang, inputs=_inputs(name, lang))
    lines = [say("cli-exit", "heading", lang)] + [
        f"  {code}  {words}" for code, words in (*_exits(exits, lang), (2, invalid),
                                                  *_always(lang))]
    return (more + "\n\n" if more else "") + "\n".join(lines)


def _parser(lang: str = SOURCE_LANGUAGE) -> argparse.ArgumentParser:
    """The parser, its help in `lang` (which `--lang` chose before it was built: _language)."""
    from lawcheck.views.catalogue import languages
    p = _Parser(prog="lawcheck", description=say("cli-help", "description", lang),
                epilog=say("cli-help", "epilog", lang), lang=lang)
    p.add_argument("--version", action="version", version=f"lawcheck {__version__}",
                   help=say("cli-argparse", "version", lang))
    p.add_argument("--debug", action="store_true", help=say("cli-help", "debug-main", lang))
    language = dict(metavar="LANG", help=say("cli-help", "lang", lang,
                                              languages=", ".join(languages()),
                                              variable=LANG_VARIABLE, default=SOURCE_LANGUAGE))
    p.add_argument("--lang", default=lang, **language)
    # the options every command takes (a plain parser: its groups are merged into each
    # command's by their titles, argparse's own, before _Parser gives them lawcheck's)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--statutes", type=Path, metavar="DIR",
                        help=say("cli-help", "statutes", lang))
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help=say("cli-help", "debug", lang))
    common.add_argument("--max-file-size", type=lambda text: _size(text, lang),
                        metavar="BYTES", default=None, help=say("cli-help", "max-file-size", lang))
    common.add_argument("--lang", default=argparse.SUPPRESS, **language)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, summary, description, exits="done", more=""):
        return sub.add_parser(name, parents=[common], help=summary, description=description,
                              epilog=_epilog(exits, more, name, lang), lang=lang)

    def fmt(c, text_help, json_help, jsonl_help=None, csv_help=None):
        choices = ("text", "json", "jsonl") if jsonl_help else ("text", "json")
        choices += ("csv",) if csv_help else ()
        if csv_help:
            json_help = say("cli-help", "and-csv", lang, json=json_help, csv=csv_help)
        c.add_argument("--format", choices=choices, default="text",
                       help=say("cli-help", "format-jsonl", lang, text=text_help, json=json_help,
                                jsonl=jsonl_help) if jsonl_help else
                       say("cli-help", "format", lang, text=text_help, json=json_help))

    def as_of(c, help):
        c.add_argument("--as-of", type=lambda text: _date(text, lang), metavar="DATE",
                       default=None, help=help)

    scenario_date = say("cli-help", "as-of-scenario", lang)
    case_paths = say("cli-help", "paths", lang)

    def a_scenario(c):
        """SCENARIO_ID [PATH...], as explain and history take them (--cases PATH still works)."""
        c.add_argument("scenario", metavar="SCENARIO_ID", help=say("cli-help", "scenario", lang))
        c.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help=say("cli-help", "paths-as-for-run", lang))
        c.add_argument("--cases", type=Path, action="append", metavar="PATH",
                       help=argparse.SUPPRESS)

    r = command("run", say("cli-help", "run-summary", lang),
                say("cli-help", "run-description", lang), "verdicts")
    r.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=case_paths)
    as_of(r, scenario_date)
    fmt(r, say("cli-help", "run-format-text", lang), say("cli-help", "run-format-json", lang),
        say("cli-help", "run-format-jsonl", lang), say("cli-help", "run-format-csv", lang))
    r.add_argument("--all", action="store_true", help=say("cli-help", "run-all", lang))
    r.add_argument("--trace", action="store_true", help=say("cli-help", "run-trace", lang))

    e = command("explain", say("cli-help", "explain-summary", lang),
                say("cli-help", "explain-description", lang))
    a_scenario(e)
    e.add_argument("--instrument", metavar="ID", help=say("cli-help", "explain-instrument", lang))
    e.add_argument("--brief", action="store_true", help=say("cli-help", "explain-brief", lang))
    as_of(e, scenario_date)
    fmt(e, say("cli-help", "explain-format-text", lang),
        say("cli-help", "explain-format-json", lang))

    rp = command("report", say("cli-help", "report-summary", lang),
                 say("cli-help", "report-description", lang), "verdicts")
    rp.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=case_paths)
    rp.add_argument("-o", "--output", type=Path, default=Path("lawcheck-report.html"),
                    metavar="FILE", help=say("cli-help", "report-output", lang))
    rp.add_argument("--proposal", type=Path, action="append", metavar="FILE",
                    help=say("cli-help", "report-proposal", lang))
    as_of(rp, scenario_date)
    fmt(rp, say("cli-help", "report-format-text", lang),
        say("cli-help", "report-format-json", lang))

    sm = command("summary", say("cli-help", "summary-summary", lang),
                 say("cli-help", "summary-description", lang))
    sm.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                    help=say("cli-help", "summary-paths", lang))
    as_of(sm, say("cli-help", "as-of-summary", lang))
    fmt(sm, say("cli-help", "summary-format-text", lang),
        say("cli-help", "summary-format-json", lang),
        csv_help=say("cli-help", "summary-format-csv", lang))

    x = command("explore", say("cli-help", "explore-summary", lang),
                say("cli-help", "explore-description", lang))
    x.add_argument("--between", nargs=2, metavar=("A", "B"),
                   help=say("cli-help", "explore-between", lang))
    x.add_argument("--save", type=Path, metavar="FILE", help=say("cli-help", "explore-save", lang))
    as_of(x, say("cli-help", "as-of-explore", lang))
    fmt(x, say("cli-help", "explore-format-text", lang),
        say("cli-help", "explore-format-json", lang))

    c = command("coverage", say("cli-help", "coverage-summary", lang),
                say("cli-help", "coverage-description", lang))
    c.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=case_paths)
    as_of(c, scenario_date)
    fmt(c, say("cli-help", "coverage-format-text", lang),
        say("cli-help", "coverage-format-json", lang))

    k = command("check", say("cli-help", "check-summary", lang),
                say("cli-help", "check-description", lang),
                "check")
    k.add_argument("--select", action="append", metavar="CODE",
                   help=say("cli-help", "check-select", lang))
    k.add_argument("--ignore", action="append", metavar="CODE",
                   help=say("cli-help", "check-ignore", lang))
    k.add_argument("--list-checks", action="store_true", help=say("cli-help", "check-list", lang))
    fmt(k, say("cli-help", "check-format-text", lang), say("cli-help", "check-format-json", lang))

    h = command("history", say("cli-help", "history-summary", lang),
                say("cli-help", "history-description", lang))
    a_scenario(h)
    fmt(h, say("cli-help", "history-format-text", lang),
        say("cli-help", "history-format-json", lang))

    am = command("amend", say("cli-help", "amend-summary", lang),
                 say("cli-help", "amend-description", lang))
    am.add_argument("proposals", nargs="*", type=Path, metavar="PROPOSAL",
                    help=say("cli-help", "amend-proposals", lang))
    am.add_argument("--cases", type=Path, action="append", metavar="PATH",
                    help=say("cli-help", "amend-cases", lang))
    am.add_argument("--rank", action="store_true", help=say("cli-help", "amend-rank", lang))
    as_of(am, say("cli-help", "as-of-amend", lang))
    fmt(am, say("cli-help", "amend-format-text", lang),
        say("cli-help", "amend-format-json", lang))

    df = command("diff", say("cli-help", "diff-summary", lang),
                 say("cli-help", "diff-description", lang))
    df.add_argument("folder_a", type=Path, metavar="DIR_A",
                    help=say("cli-help", "diff-folders", lang))
    df.add_argument("folder_b", type=Path, metavar="DIR_B",
                    help=say("cli-help", "diff-folder-b", lang))
    df.add_argument("--cases", type=Path, action="append", metavar="PATH",
                    help=say("cli-help", "amend-cases", lang))
    as_of(df, say("cli-help", "as-of-amend", lang))
    fmt(df, say("cli-help", "amend-format-text", lang),
        say("cli-help", "amend-format-json", lang))

    li = command("list", say("cli-help", "list-summary", lang),
                 say("cli-help", "list-description", lang))
    li.add_argument("--paths", action="store_true", help=say("cli-help", "list-paths", lang))
    fmt(li, say("cli-help", "list-format-text", lang), say("cli-help", "list-format-json", lang))

    # `statutes` is about the bundled statutes: it takes no --statutes (nor --max-file-size)
    own = argparse.ArgumentParser(add_help=False)
    own.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                     help=say("cli-help", "debug", lang))
    own.add_argument("--lang", default=argparse.SUPPRESS, **language)
    st = sub.add_parser("statutes", parents=[own], help=say("cli-help", "statutes-summary", lang),
                        description=say("cli-help", "statutes-description", lang),
                        epilog=_epilog("done", "", "statutes", lang), lang=lang)
    st.add_argument("--copy", type=Path, metavar="DIR",
                    help=say("cli-help", "statutes-copy", lang))
    st.add_argument("--force", action="store_true", help=say("cli-help", "statutes-force", lang))
    fmt(st, say("cli-help", "statutes-format-text", lang),
        say("cli-help", "statutes-format-json", lang))
    return p


def _date(text: str, lang: str = SOURCE_LANGUAGE):
    from datetime import date
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("cli", "invalid-date", lang, text=text)) from None


def _in_force_ids(statutes, when) -> tuple[str, ...]:
    from lawcheck.engine.run import in_force
    return tuple(i.id for i in statutes.instruments if in_force(i, when))


def _as_of(args):
    from datetime import date
    return args.as_of or date.today()


def _size(text: str, lang: str = SOURCE_LANGUAGE) -> int:
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    t = text.strip().upper().removesuffix("B").removesuffix("I")
    try:
        number, unit = (t[:-1], t[-1]) if t[-1:] in units and t[-1:] else (t, "")
        value = int(number) * units[unit]
    except (ValueError, KeyError, IndexError):
        raise argparse.ArgumentTypeError(say("cli", "invalid-size", lang, text=text)) from None
    if value <= 0:
        raise argparse.ArgumentTypeError(say("cli", "size-not-positive", lang, text=text))
    return value


class Interrupted(BaseException):
    """SIGTERM, raised where the process is, so that temporary files are removed on the way
    out (as for Ctrl-C, KeyboardInterrupt)."""


EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_TERMINATED = 3, 130, 143


def main(argv: list[str] | None = None) -> int:
    import signal

    def terminate(signum, frame):
        raise Interrupted()

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:           # not the main thread (embedded): leave the handler alone
        previous = None
    token = LANGUAGE.set(SOURCE_LANGUAGE)
    try:
        return _main(argv)
    except KeyboardInterrupt:
        sys.stderr.write(say("cli", "interrupted", LANGUAGE.get()) + "\n")
        return EXIT_INTERRUPTED
    except Interrupted:
        sys.stderr.write(say("cli", "terminated", LANGUAGE.get()) + "\n")
        return EXIT_TERMINATED
    finally:
        LANGUAGE.reset(token)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _language(argv: list[str]) -> tuple[str, LawcheckError | None]:
    """The language of the command, read before the parser is built (its help is in that
    language): `--lang` wherever it is given (before or after the command), else the
    environment variable LAWCHECK_LANG, else English. A language without a catalogue is an
    error, returned with the language to show it in (the variable's, if that one is known)."""
    import os
    pre = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    pre.add_argument("--lang")
    try:
        given = pre.parse_known_args(argv)[0].lang
    except argparse.ArgumentError:     # `--lang` without a value: the parser says so
        given = None
    variable = os.environ.get(LANG_VARIABLE) or None
    fallback = variable if variable and unknown_language(variable) is None else SOURCE_LANGUAGE
    if given is not None:
        return (given, None) if unknown_language(given) is None else \
            (fallback, unknown_language(given))
    if variable is not None:
        return fallback, unknown_language(variable, LANG_VARIABLE)
    return SOURCE_LANGUAGE, None


def unknown_language(lang: str, variable: str | None = None) -> LawcheckError | None:
    """An error for a language that has no catalogue (given by --lang, or by the variable),
    naming those that have one; None for a known language."""
    import re

    from lawcheck.views.catalogue import languages
    known = languages()
    if lang in known:
        return None
    expected = Said.of("diagnostic-expected", "one-of", choices=Listed(known))
    # a locale's name (vi_VN.UTF-8, vi-VN, VI) suggests its language; else the closest name
    base = re.split(r"[-_.@]", lang.strip().lower())[0]
    hint = Said.of("diagnostic-frame", "did-you-mean", match=base) if base in known else \
        suggest(lang, known)
    params = dict(language=lang, variable=variable) if variable else dict(language=lang)
    return LawcheckError([Diagnostic(
        Span(COMMAND_LINE), expected=expected, suggestion=hint,
        message_id="unknown-language-variable" if variable else "unknown-language",
        params=tuple(params.items()))])


def _main(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--version"]:
        # what argparse's version action prints, without building (and wording) every command
        sys.stdout.write(f"lawcheck {__version__}\n")
        return EXIT_OK
    from lawcheck.errors import render_all
    lang, unknown = _language(argv)
    LANGUAGE.set(lang)
    if unknown is not None:
        sys.stderr.write(render_all(unknown, lang=lang) + "\n")
        return EXIT_INVALID
    args = _parser(lang).parse_args(argv)
    if args.lang != lang:        # given in a form the pre-parser does not read (`--lan vi`)
        unknown = unknown_language(args.lang)
        if unknown is not None:
            sys.stderr.write(render_all(unknown, lang=lang) + "\n")
            return EXIT_INVALID
        lang = args.lang
        LANGUAGE.set(lang)
    if getattr(args, "max_file_size", None):
        from lawcheck.inputs import MAX_FILE_SIZE
        MAX_FILE_SIZE.set(args.max_file_size)
    try:
        return _dispatch(args)
    except Exception as exc:  # noqa: BLE001 - the one place errors become exit codes
        if isinstance(exc, LawcheckError):
            if args.debug:
                raise
            sys.stderr.write(render_all(exc, lang=lang) + "\n")
            return EXIT_INVALID
        if args.debug:
            raise
        from lawcheck.errors import printable
        sys.stderr.write(printable(say("cli", "internal-error", lang,
                                       error=exc.__class__.__name__, message=exc)
                                   + "\n" + say("cli", "debug-hint", lang) + "\n"))
        return EXIT_INTERNAL


def _dispatch(args) -> int:
    from lawcheck.statute.statutes import load_statutes

    if args.command == "diff":
        return _diff(args)
    if args.command == "statutes":          # the bundled files, not a statute set
        return _statutes(args)
    statutes = load_statutes(args.statutes)
    commands = {"amend": _amend, "list": _list, "run": _run, "report": _report, "explore": _explore,
                "summary": _summary,
                "coverage": _coverage, "check": _check, "history": _history}
    return commands.get(args.command, _explain)(args, statutes)


class _Buffered:
    """Standard output in chunks of about 64 KB (a flush per line would dominate a large run)."""

    def __init__(self, escape: bool = True):
        self.parts: list[str] = []
        self.size = 0
        self.escape = escape

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= 1 << 16:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            _emit("".join(self.parts), self.escape)
            self.parts, self.size = [], 0


def _emit(text: str, escape: bool = True) -> None:
    """Write to standard output; text for a terminal has its control characters escaped (JSON
    escapes its own, and must stay valid)."""
    from lawcheck.errors import printable
    try:
        sys.stdout.write(printable(text) if escape else text)
        sys.stdout.flush()
    except BrokenPipeError:      # `lawcheck ... | head`: the reader has gone, that is fine
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _list(args, statutes) -> int:
    lang = args.lang
    if args.paths:
        from lawcheck.resources import data_dir
        statute_dir = (args.statutes or data_dir("statutes")).resolve()
        places = {"statutes": str(statute_dir), "cases": str(data_dir("cases").resolve()),
                  "statutes_bundled": args.statutes is None}
        if args.format == "json":
            from lawcheck.views.document import dumps
            _emit(dumps(places), escape=False)
        else:
            from lawcheck.views.terminal import fill
            statutes_at = say("cli", "paths-statutes-bundled", lang, path=places["statutes"]) \
                if args.statutes is None else \
                say("cli", "paths-statutes-option", lang, path=places["statutes"])
            _emit(statutes_at + "\n" + say("cli", "paths-cases", lang, path=places["cases"])
                  + "\n" + fill(say("cli", "paths-copy", lang)) + "\n")
        return EXIT_OK
    if args.format == "json":
        from lawcheck.views.document import dumps, instrument_doc, statutes_doc
        from lawcheck.views.wording import Wording
        w = Wording.of(statutes, lang)
        _emit(dumps({"lawcheck_version": __version__, "lang": lang,
                     "statutes": statutes_doc(statutes),
                     "instruments": [instrument_doc(i, w) for i in statutes.instruments]}),
              escape=False)
    else:
        from lawcheck.views.text import list_instruments
        _emit(list_instruments(statutes, lang))
    return EXIT_OK


def _run(args, statutes) -> int:
    import shutil
    import tempfile

    from lawcheck.engine.run import evaluate_scenario
    from lawcheck.scenarios import stream_suites

    as_of, lang = _as_of(args), args.lang
    if args.format == "csv":
        return _run_csv(args, statutes, as_of)
    infos: list = []
    # read, evaluated and written one scenario at a time: memory stays flat. An error in a
    # later file is only known at the end, so the output is held (in memory up to 16 MB, then
    # in a temporary file) and written only if every file was valid: nothing half-written.
    from lawcheck.views.progress import counted
    results = counted((evaluate_scenario(sc, statutes, as_of)
                       for sc in stream_suites(args.paths or None, statutes, infos)),
                      say("cli", "progress-evaluated", lang))
    with tempfile.SpooledTemporaryFile(max_size=16 << 20, mode="w+", encoding="utf-8",
                                       newline="\n") as spool:
        if args.format == "json":
            from lawcheck.views.document import write_run_json
            tally = write_run_json(statutes, as_of, results, spool.write, args.trace, lang)
        elif args.format == "jsonl":
            from lawcheck.views.document import write_run_jsonl
            tally = write_run_jsonl(statutes, as_of, results, spool.write, args.trace, lang)
        else:
            from lawcheck.views.text import write_run_table
            tally = write_run_table(statutes, infos, as_of, results, spool.write, args.all,
                                    lang)
        spool.seek(0)
        out = _Buffered(escape=args.format == "text")
        shutil.copyfileobj(spool, out, 1 << 20)
        out.flush()
    return EXIT_OK if tally.passed else EXIT_FAILED


def _run_csv(args, statutes, as_of) -> int:
    """The scenario matrix as CSV (the report's column order)."""
    from lawcheck.scenarios import load_suites
    from lawcheck.engine.conformity import reference_of
    from lawcheck.views.summaryview import reading_order
    from lawcheck.views.summaryout import matrix_csv
    from lawcheck.views.wording import Wording
    result = _run_all(statutes, load_suites(args.paths or None, statutes), as_of, args.lang)
    ref = reference_of(statutes, as_of)
    order = [i.id for i in reading_order(statutes, as_of, ref.id if ref else None)
             if args.all or i.in_force_on(as_of)]
    _emit(matrix_csv(result, order, Wording.of(statutes, args.lang)), escape=False)
    return EXIT_OK if result.passed else EXIT_FAILED


def _summary(args, statutes) -> int:
    """Where each domestic definition in force parts from the treaty that binds the State."""
    from lawcheck.scenarios import load_suites
    from lawcheck.engine.conformity import conformity
    from lawcheck.views import summaryout, summaryview
    from lawcheck.views.reportview import open_points
    from lawcheck.views.wording import Wording
    w = Wording.of(statutes, args.lang)
    result = _run_all(statutes, load_suites(args.paths or None, statutes), _as_of(args),
                      args.lang)
    found = conformity(result)
    if found is None:
        _refuse("no-reference", Said("diagnostic-expected", "binding-treaty"), None,
                date=_as_of(args).isoformat())
    view = summaryview.build(found, statutes, w, open_points(statutes, w),
                             {s.scenario.id: s.scenario.id for s in result.scenarios})
    if args.format == "json":
        from lawcheck.views.document import dumps
        _emit(dumps(summaryout.document(view, statutes)), escape=False)
    elif args.format == "csv":
        _emit(summaryout.summary_csv(view, w), escape=False)
    else:
        _emit(summaryout.text(view, w))
    return EXIT_OK


def bundled_proposal(name: Path, statutes: Path | None = None) -> Path:
    """A proposal named by its id (`cc151-child-18`) when no such file is here: the one in the
    --statutes folder's proposals/ (as `lawcheck statutes --copy` writes it), else the bundled
    one; a name matching neither is refused with the names there are."""
    if name.exists() or name.is_symlink() or len(name.parts) != 1:
        return name
    from lawcheck.resources import data_dir
    stem = name.name.removesuffix(".law")
    folders = [statutes / "proposals"] if statutes is not None else []
    try:
        folders.append(data_dir("proposals"))
    except FileNotFoundError:
        pass
    for folder in folders:
        if (folder / f"{stem}.law").is_file():
            return folder / f"{stem}.law"
    names = sorted({p.stem for f in folders if f.is_dir() for p in f.glob("*.law")})
    if names:
        _refuse("no-proposal-named", Said.of("diagnostic-hint", "bundled-proposals",
                                             names=Listed(tuple(names))),
                suggest(stem, names), name=str(name))
    return name


def _bundled_proposals() -> list[Path]:
    from lawcheck.resources import data_dir
    try:
        return sorted(data_dir("proposals").glob("*.law"))
    except FileNotFoundError:
        return []


def _amend(args, statutes) -> int:
    """The law in force against the law as the proposals would amend it."""
    from lawcheck.statute.statutes import load_statutes, proposal_files
    given = [bundled_proposal(p, args.statutes) for p in args.proposals]
    if not given and not args.rank:
        names = [p.stem for p in _bundled_proposals()]
        _refuse("no-proposal", Said("diagnostic-expected", "proposal-file"),
                Said.of("diagnostic-hint", "bundled-proposals",
                        names=Listed(tuple(names))) if names else None)
    as_of = _as_of(args)
    if args.rank:
        return _rank(args, statutes, proposal_files(given or _bundled_proposals()), as_of)
    after = load_statutes(args.statutes, given)
    return _write_amendment(args, statutes, after, as_of, "amend")


def _diff(args) -> int:
    from lawcheck.statute.statutes import load_statutes
    a, b = args.folder_a, args.folder_b
    before, after = load_statutes(a), load_statutes(b)
    return _write_amendment(args, before, after, _as_of(args), "diff", (str(a), str(b)))


def _write_amendment(args, before, after, as_of, mode, folders=None) -> int:
    from lawcheck.engine.amendments import compare
    from lawcheck.scenarios import load_suites
    from lawcheck.views import amendout, amendview
    suites = load_suites(args.cases or None, before)
    found = compare(before, after, suites, as_of)
    view = amendview.build(found, args.lang, mode, folders)
    if args.format == "json":
        from lawcheck.views.document import dumps
        _emit(dumps(amendout.document(view, before, after)), escape=False)
    else:
        _emit(amendout.text(view))
    return EXIT_OK


def _rank(args, statutes, files, as_of) -> int:
    """Each proposal alone, and all together, ranked by the robust divergences with the
    reference treaty each closes."""
    from lawcheck.engine.amendments import rank
    from lawcheck.engine.conformity import reference_of
    from lawcheck.statute.statutes import load_statutes
    from lawcheck.views import amendout
    ref = reference_of(statutes, as_of)
    if ref is None:
        _refuse("no-reference", Said("diagnostic-expected", "binding-treaty"), None,
                date=as_of.isoformat())
    alone = [load_statutes(args.statutes, [f]) for f in files]
    together = load_statutes(args.statutes, files) if len(files) > 1 else None
    ranked, both = rank(statutes, alone, together, ref.id, as_of)
    rows = [(r.proposal.title_in(args.lang), r.amendment.tally(instrument=ref.id), r)
            for r in ranked]
    all_tally = both.tally(instrument=ref.id) if both else None
    if args.format == "json":
        from lawcheck.views.document import dumps
        _emit(dumps(amendout.rank_document(rows, all_tally, ref.id, as_of, statutes,
                                           args.lang)), escape=False)
    else:
        from lawcheck.views.amendview import statutes_line
        _emit(amendout.rank_text(rows, all_tally, ref.short_in(args.lang), as_of.isoformat(),
                                 args.lang, statutes_line(statutes, args.lang)))
    return EXIT_OK


def _run_all(statutes, suites, when, lang: str):
    """Every scenario evaluated, with a progress line on a terminal."""
    from lawcheck.views.progress import counted
    from lawcheck.engine.run import RunResult, iter_run
    total = sum(len(s.scenarios) for s in suites)
    return RunResult(statutes, tuple(suites), tuple(counted(
        iter_run(statutes, suites, when), say("cli", "progress-evaluated", lang), total)), when)


def _report(args, statutes) -> int:
    from lawcheck.views import html, reportview
    from lawcheck.scenarios import load_suites

    lang = args.lang
    result = _run_all(statutes, load_suites(args.paths or None, statutes), _as_of(args), lang)
    from lawcheck.views.catalogue import languages
    # the page holds its other languages (to switch in place) up to SWITCH_MAX_ROWS scenarios;
    # a larger one holds its own language only, to stay small (docs/report.md)
    others = tuple(x for x in languages() if x != lang) \
        if len(result.scenarios) <= reportview.SWITCH_MAX_ROWS else ()
    from lawcheck.engine.conformity import conformity
    found = conformity(result)            # the same in every language: explored once
    amendment = None
    if args.proposal:
        from lawcheck.engine.amendments import compare
        from lawcheck.statute.statutes import load_statutes
        after = load_statutes(args.statutes, [bundled_proposal(p, args.statutes)
                                              for p in args.proposal])
        amendment = compare(statutes, after, result.suites, _as_of(args), ran=result)

    def build(language):
        report = reportview.build(result, language, source=args.statutes, found=found)
        if amendment is None:
            return report
        from dataclasses import replace
        from lawcheck.views import amendview
        return replace(report, amendment=amendview.build(amendment, language))
    page = html.render(build(lang), tuple(build(other) for other in others))
    html.write(page, args.output)
    from lawcheck.views.text import summary
    if str(args.output) == "-":          # the page went to standard output: say nothing there
        from lawcheck.errors import printable
        sys.stderr.write(printable(f"{summary(result, lang)}\n"))
    elif args.format == "json":
        from lawcheck.views.document import dumps, statutes_doc
        _emit(dumps({"statutes": statutes_doc(statutes),
                     "report": str(args.output), "bytes": len(page.encode("utf-8")),
                     "scenarios": len(result.scenarios), "mismatches": result.mismatch_count}),
              escape=False)
    else:
        _emit(say("cli", "wrote-report", lang, path=args.output, bytes=len(page.encode("utf-8")))
              + f"\n{summary(result, lang)}\n")
    return EXIT_OK if result.passed else EXIT_FAILED


def _explore(args, statutes) -> int:
    from lawcheck.engine import explore
    from lawcheck.views import exploreview

    lang = args.lang
    between = None
    if args.between:
        for inst in args.between:
            _known_instrument(inst, statutes)
        between = tuple(args.between)
        if between[0] == between[1]:
            _refuse("between-twice", Said("diagnostic-expected", "two-instruments"),
                    instrument=between[0])
    when = _as_of(args)
    live = _in_force_ids(statutes, when)
    for inst in between or ():
        if inst not in live:
            i = statutes.instrument(inst)
            dates = period(i.in_force_from, i.in_force_to)
            _refuse("not-in-force", Said("diagnostic-expected", "in-force-on-as-of"),
                    Said.of("diagnostic-hint", "as-of-in", period=dates),
                    instrument=inst, date=when.isoformat(), period=dates)
    if len(live) < 2:        # nothing to compare (not: every instrument, as written)
        first = next((d for d in sorted({i.in_force_from for i in statutes.instruments
                                          if i.in_force_from and i.in_force_from > when})
                      if len(_in_force_ids(statutes, d)) >= 2), None)
        _refuse("too-few-in-force", Said("diagnostic-expected", "two-in-force"),
                Said.of("diagnostic-hint", "as-of-from", date=first.isoformat()) if first
                else None, date=when.isoformat(),
                instruments=Listed(live) if live else Said("diagnostic-part", "none"))
    result = explore.explore(statutes, between, live, when)
    if args.save:
        from lawcheck.files import write_atomically
        write_atomically(exploreview.case_file(result, statutes, args.as_of, lang), args.save,
                         say("cli", "save-what", lang))
    if args.format == "json":
        from lawcheck.views.document import dumps
        _emit(dumps(exploreview.document(result, statutes, lang)), escape=False)
    else:
        _emit(exploreview.text(result, statutes, when.isoformat(), lang))
        if args.save:
            n = len(result.regions) + len(result.rules)
            _emit((say("cli", "wrote-witnesses-one", lang, path=args.save, count=n) if n == 1 else
                   say("cli", "wrote-witnesses-other", lang, path=args.save, count=n)) + "\n")
    return EXIT_OK


def _coverage(args, statutes) -> int:
    from lawcheck.views import exploreview
    from lawcheck.engine.coverage import coverage
    from lawcheck.engine.explore import explore
    from lawcheck.scenarios import load_suites

    when, lang = _as_of(args), args.lang
    live = _in_force_ids(statutes, when)
    cov = coverage(_run_all(statutes, load_suites(args.paths or None, statutes), when, lang),
                   explore(statutes, ids=live, when=when))
    if args.format == "json":
        from lawcheck.views.document import dumps
        _emit(dumps(exploreview.coverage_document(cov, lang, statutes)), escape=False)
    else:
        _emit(exploreview.coverage_text(cov, statutes, lang))
    return EXIT_OK


def _check(args, statutes) -> int:
    from lawcheck.engine import checks

    lang = args.lang
    if args.list_checks:
        from lawcheck.views.terminal import fill
        _emit("".join(fill(f"{c.code}  {c.name:20} {words(c.explanation, lang)}", "", " " * 28)
                      + "\n" for c in checks.REGISTRY))
        return EXIT_OK
    for name in (args.select or []) + (args.ignore or []):
        if not checks.known(name):
            names = [c.code for c in checks.REGISTRY] + [c.name for c in checks.REGISTRY]
            _refuse("unknown-check", Said.of("diagnostic-expected", "one-of",
                                             choices=Listed(tuple(names))),
                    suggest(name, names), name=name)
    found = checks.run_checks(statutes, checks.select(args.select, args.ignore))
    if args.format == "json":
        from lawcheck.views.document import dumps, statutes_doc
        _emit(dumps({"lawcheck_version": __version__, "lang": lang,
                     "statutes": statutes_doc(statutes), "findings": [
            {"code": f.code, "file": f.span.file, "line": f.span.line, "column": f.span.column,
             "where": words(f.context, lang) or "", "message": f.text(lang),
             "detail": words(f.suggestion, lang) or ""} for f in found]}), escape=False)
    else:
        from lawcheck.views.terminal import fill
        from lawcheck.errors import render_each
        out = render_each(found, lang)
        names = {c.code: c.name for c in checks.REGISTRY}
        counts = {}
        for f in found:
            counts[f.code] = counts.get(f.code, 0) + 1
        each = say("diagnostic-list", "items", lang).join(
            say("cli", "check-count", lang, count=n, code=c, name=names[c])
            for c, n in sorted(counts.items()))
        n = len(found)
        out.append(fill(say("cli", "check-summary-none", lang) if n == 0 else
                        say("cli", "check-summary-one", lang, count=n, counts=each) if n == 1 else
                        say("cli", "check-summary-other", lang, count=n, counts=each), ""))
        _emit("\n".join(out) + "\n")
    return EXIT_FAILED if found else EXIT_OK


def _refuse(message_id: str, expected=None, suggestion=None, **params):
    """Invalid input on the command line: a diagnostic with its message id (msgctxt
    "diagnostic") and parameters, raised."""
    raise LawcheckError([Diagnostic(Span(COMMAND_LINE), expected=expected,
                                    suggestion=suggestion, message_id=message_id,
                                    params=tuple(params.items()))])


def _known_instrument(inst: str, statutes) -> None:
    if inst not in statutes.ids:
        _refuse("unknown-instrument", Said.of("diagnostic-expected", "one-of",
                                              choices=Listed(tuple(statutes.ids))),
                suggest(inst, statutes.ids), instrument=inst)


def _scenario(args, statutes):
    from lawcheck.scenarios import load_suites

    suites = load_suites([*getattr(args, "paths", []), *(args.cases or [])] or None, statutes)
    scenarios = {sc.id: sc for s in suites for sc in s.scenarios}
    if args.scenario not in scenarios:
        _refuse("unknown-scenario", Said("diagnostic-expected", "scenario-id"),
                suggest(args.scenario, scenarios), scenario=args.scenario)
    return scenarios[args.scenario]


def _history(args, statutes) -> int:
    from lawcheck.engine import history
    from lawcheck.views.document import history_doc
    from lawcheck.views.text import history_text

    sc = _scenario(args, statutes)
    steps = history.history(sc, statutes)
    if args.format == "json":
        from lawcheck.views.document import dumps
        _emit(dumps(history_doc(sc, steps, statutes, args.lang)), escape=False)
    else:
        _emit(history_text(sc, steps, statutes, lang=args.lang))
    return EXIT_OK


def _explain(args, statutes) -> int:
    from lawcheck.engine.run import evaluate_scenario

    sc = _scenario(args, statutes)
    if args.instrument:
        _known_instrument(args.instrument, statutes)
    result = evaluate_scenario(sc, statutes, _as_of(args))
    if args.format == "json":
        from lawcheck.views.document import dumps, scenario_doc, statutes_doc
        from lawcheck.views.wording import Wording
        doc = {"statutes": statutes_doc(statutes),
               **scenario_doc(result, Wording.of(statutes, args.lang))}
        if args.instrument:
            doc["results"] = {args.instrument: doc["results"][args.instrument]}
            doc["divergences"] = [d for d in doc["divergences"] if args.instrument in d["between"]]
        _emit(dumps(doc), escape=False)
    else:
        from lawcheck.views.text import explain
        _emit(explain(result, statutes, args.instrument, brief=args.brief, lang=args.lang))
    return EXIT_OK


def _bundled_files() -> tuple[list[tuple[str, Path]], Path, Path | None]:
    """The bundled statute files and amendment proposals, each with its name in a copy
    (`actip.law`, `proposals/...`), the statutes' folder and the proposals' (None where this
    installation has none)."""
    from lawcheck.resources import data_dir
    from lawcheck.statute.statutes import statute_files
    root = data_dir("statutes")
    files = [(f.name, f) for f in statute_files(root)]
    try:
        proposals = data_dir("proposals")
    except FileNotFoundError:
        proposals = None
    if proposals is not None:
        files += [(f"proposals/{f.relative_to(proposals).as_posix()}", f)
                  for f in sorted(proposals.rglob("*"))
                  if f.is_file() and not f.name.startswith(".")]
    return files, root, proposals


def _statutes(args) -> int:
    """Where the bundled statutes (and proposals) are installed, with their digest; with
    --copy DIR, those files written to DIR, all or none, to start from."""
    from lawcheck.statute.statutes import provenance
    lang = args.lang
    files, root, proposals = _bundled_files()
    digest = provenance(root, True).digest
    if args.copy is None:
        if args.format == "json":
            from lawcheck.views.document import dumps
            _emit(dumps({"lawcheck_version": __version__,
                         "statutes_folder": str(root.resolve()),
                         "proposals_folder": str(proposals.resolve()) if proposals else None,
                         "digest": digest}), escape=False)
            return EXIT_OK
        from lawcheck.views.terminal import fill
        lines = [say("cli", "statutes-installed", lang, version=__version__,
                     path=root.resolve(), digest=digest)]
        if proposals is not None:
            lines.append(say("cli", "proposals-installed", lang, path=proposals.resolve()))
        lines.append(say("cli", "statutes-copy-how", lang))
        _emit("".join(fill(x) + "\n" for x in lines))
        return EXIT_OK
    written = _copy_bundled(files, args.copy, args.force)
    laws = [name for name in written if "/" not in name]
    drafts = [name for name in written if "/" in name]
    if args.format == "json":
        from lawcheck.views.document import dumps
        _emit(dumps({"lawcheck_version": __version__, "digest": digest,
                     "copied_to": str(args.copy), "files": written}), escape=False)
        return EXIT_OK
    from lawcheck.views.terminal import fill
    folder = str(args.copy)
    lines = [say("cli", "copied-statutes-one", lang, count=1, folder=folder, files=laws[0])
             if len(laws) == 1 else
             say("cli", "copied-statutes-other", lang, count=len(laws), folder=folder,
                 files=", ".join(laws))]
    if drafts:
        where = str(args.copy / "proposals")
        lines.append(say("cli", "copied-proposals-one", lang, count=1, folder=where)
                     if len(drafts) == 1 else
                     say("cli", "copied-proposals-other", lang, count=len(drafts), folder=where))
    lines.append(say("cli", "copied-use", lang, folder=folder))
    _emit("".join(fill(x) + "\n" for x in lines))
    return EXIT_OK


def _copy_bundled(files: list[tuple[str, Path]], dest: Path, force: bool) -> list[str]:
    """The bundled files written to `dest` (created if need be) under their names, all or
    none; a file of the same name there is refused unless `force`. The names written."""
    import shutil

    from lawcheck.files import write_files
    folder = str(dest)
    if dest.exists() and not dest.is_dir():
        _refuse("copy-not-a-folder", Said("diagnostic-expected", "copy-folder"), folder=folder)
    targets = [(dest / name, source) for name, source in files]
    for at in dict.fromkeys(t.parent for t, _ in targets):       # DIR/proposals: a folder
        if at != dest and (at.exists() or at.is_symlink()) and not at.is_dir():
            _refuse("copy-not-a-file", None, folder=folder, path=str(at))
    for target, _ in targets:                                    # each file: a regular file
        if (target.exists() or target.is_symlink()) and not target.is_file():
            _refuse("copy-not-a-file", None, folder=folder, path=str(target))
    there = [name for (name, _), (target, _) in zip(files, targets) if target.exists()]
    if there and not force:
        _refuse("copy-would-overwrite", Said("diagnostic-expected", "copy-folder"),
                Said("diagnostic-hint", "copy-force"), folder=folder, files=Listed(tuple(there)))
    # the folders this makes (DIR and those above it that are missing, DIR/proposals): on a
    # failure they are removed again, and the files already there are left as they were
    made = [d for d in (*reversed((dest, *dest.parents)), *(t.parent for t, _ in targets))
            if not d.exists()]
    made = list(dict.fromkeys(made))
    try:
        for d in made:
            d.mkdir(exist_ok=True)
        write_files([(target, source.read_bytes()) for target, source in targets])
    except BaseException as exc:
        for d in reversed(made):
            shutil.rmtree(d, ignore_errors=True)
        if isinstance(exc, OSError):
            _refuse("copy-failed", None, folder=folder, reason=exc.strerror or str(exc))
        raise
    return [name for name, _ in files]
