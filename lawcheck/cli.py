"""The command line: parses arguments, calls the library, maps outcomes to exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lawcheck import __version__
from lawcheck.errors import (COMMAND_LINE, Diagnostic, LawcheckError, Listed, Said, Span,
                             period, suggest, words)
from lawcheck.views.catalogue import say

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


# what each exit code means, per command (shown by `lawcheck COMMAND --help`): the code, and its
# words in the catalogue (msgctxt "cli-exit")
def _exits(kind: str) -> tuple[tuple[int, str], ...]:
    return {"verdicts": ((0, say("cli-exit", "verdicts-ok")),
                         (1, say("cli-exit", "verdicts-failed"))),
            "check": ((0, say("cli-exit", "check-ok")), (1, say("cli-exit", "check-found"))),
            "done": ((0, say("cli-exit", "done")),)}[kind]


def _always() -> tuple[tuple[int, str], ...]:
    return ((EXIT_INTERNAL, say("cli-exit", "internal")),
            (EXIT_INTERRUPTED, say("cli-exit", "interrupted")),
            (EXIT_TERMINATED, say("cli-exit", "terminated")))


# what a command reads or writes, for its exit code 2
def _inputs(name: str) -> str:
    return {"run": say("cli-exit", "inputs-run"),
            "explain": say("cli-exit", "inputs-explain"),
            "report": say("cli-exit", "inputs-report"),
            "explore": say("cli-exit", "inputs-explore"),
            "summary": say("cli-exit", "inputs-summary"),
            "coverage": say("cli-exit", "inputs-coverage"),
            "check": say("cli-exit", "inputs-check"),
            "history": say("cli-exit", "inputs-history"),
            "list": say("cli-exit", "inputs-list")}[name]


class _Help(argparse.HelpFormatter):
    """Paragraphs wrapped to the terminal; a paragraph of several lines (the exit codes) kept
    line by line, each wrapped with a hanging indent. The usage line's prefix is the
    catalogue's."""

    def add_usage(self, usage, actions, groups, prefix=None):
        if prefix is None:
            prefix = say("cli-argparse", "usage")
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
    ...", "the following arguments are required: ...") stay argparse's."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)
        self._positionals.title = say("cli-argparse", "positionals")
        self._optionals.title = say("cli-argparse", "options")
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = say("cli-argparse", "help")

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, say("cli-argparse", "error", prog=self.prog, message=message)
                  + "\n")


def _epilog(exits: str, more: str = "", name: str = "") -> str:
    invalid = say("cli-exit", "invalid", inputs=_inputs(name))
    lines = [say("cli-exit", "heading")] + [
        f"  {code}  {words}" for code, words in (*_exits(exits), (2, invalid), *_always())]
    return (more + "\n\n" if more else "") + "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="lawcheck", description=say("cli-help", "description"),
                epilog=say("cli-help", "epilog"))
    p.add_argument("--version", action="version", version=f"lawcheck {__version__}",
                   help=say("cli-argparse", "version"))
    p.add_argument("--debug", action="store_true", help=say("cli-help", "debug-main"))
    # the options every command takes (a plain parser: its groups are merged into each
    # command's by their titles, argparse's own, before _Parser gives them lawcheck's)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--statutes", type=Path, metavar="DIR",
                        help=say("cli-help", "statutes"))
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help=say("cli-help", "debug"))
    common.add_argument("--max-file-size", type=_size, metavar="BYTES", default=None,
                        help=say("cli-help", "max-file-size"))
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, summary, description, exits="done", more=""):
        return sub.add_parser(name, parents=[common], help=summary, description=description,
                              epilog=_epilog(exits, more, name))

    def fmt(c, text_help, json_help, jsonl_help=None, csv_help=None):
        choices = ("text", "json", "jsonl") if jsonl_help else ("text", "json")
        choices += ("csv",) if csv_help else ()
        if csv_help:
            json_help = say("cli-help", "and-csv", json=json_help, csv=csv_help)
        c.add_argument("--format", choices=choices, default="text",
                       help=say("cli-help", "format-jsonl", text=text_help, json=json_help,
                                jsonl=jsonl_help) if jsonl_help else
                       say("cli-help", "format", text=text_help, json=json_help))

    def as_of(c, help):
        c.add_argument("--as-of", type=_date, metavar="DATE", default=None, help=help)

    scenario_date = say("cli-help", "as-of-scenario")
    case_paths = say("cli-help", "paths")

    def a_scenario(c):
        """SCENARIO_ID [PATH...], as explain and history take them (--cases PATH still works)."""
        c.add_argument("scenario", metavar="SCENARIO_ID", help=say("cli-help", "scenario"))
        c.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help=say("cli-help", "paths-as-for-run"))
        c.add_argument("--cases", type=Path, action="append", metavar="PATH",
                       help=argparse.SUPPRESS)

    r = command("run", say("cli-help", "run-summary"), say("cli-help", "run-description"),
                "verdicts")
    r.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=case_paths)
    as_of(r, scenario_date)
    fmt(r, say("cli-help", "run-format-text"), say("cli-help", "run-format-json"),
        say("cli-help", "run-format-jsonl"), say("cli-help", "run-format-csv"))
    r.add_argument("--all", action="store_true", help=say("cli-help", "run-all"))
    r.add_argument("--trace", action="store_true", help=say("cli-help", "run-trace"))

    e = command("explain", say("cli-help", "explain-summary"),
                say("cli-help", "explain-description"))
    a_scenario(e)
    e.add_argument("--instrument", metavar="ID", help=say("cli-help", "explain-instrument"))
    e.add_argument("--brief", action="store_true", help=say("cli-help", "explain-brief"))
    as_of(e, scenario_date)
    fmt(e, say("cli-help", "explain-format-text"), say("cli-help", "explain-format-json"))

    rp = command("report", say("cli-help", "report-summary"),
                 say("cli-help", "report-description"), "verdicts")
    rp.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=case_paths)
    rp.add_argument("-o", "--output", type=Path, default=Path("lawcheck-report.html"),
                    metavar="FILE", help=say("cli-help", "report-output"))
    as_of(rp, scenario_date)
    fmt(rp, say("cli-help", "report-format-text"), say("cli-help", "report-format-json"))

    sm = command("summary", say("cli-help", "summary-summary"),
                 say("cli-help", "summary-description"))
    sm.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                    help=say("cli-help", "summary-paths"))
    as_of(sm, say("cli-help", "as-of-summary"))
    fmt(sm, say("cli-help", "summary-format-text"), say("cli-help", "summary-format-json"),
        csv_help=say("cli-help", "summary-format-csv"))

    x = command("explore", say("cli-help", "explore-summary"),
                say("cli-help", "explore-description"))
    x.add_argument("--between", nargs=2, metavar=("A", "B"),
                   help=say("cli-help", "explore-between"))
    x.add_argument("--save", type=Path, metavar="FILE", help=say("cli-help", "explore-save"))
    as_of(x, say("cli-help", "as-of-explore"))
    fmt(x, say("cli-help", "explore-format-text"), say("cli-help", "explore-format-json"))

    c = command("coverage", say("cli-help", "coverage-summary"),
                say("cli-help", "coverage-description"))
    c.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=case_paths)
    as_of(c, scenario_date)
    fmt(c, say("cli-help", "coverage-format-text"), say("cli-help", "coverage-format-json"))

    k = command("check", say("cli-help", "check-summary"), say("cli-help", "check-description"),
                "check")
    k.add_argument("--select", action="append", metavar="CODE",
                   help=say("cli-help", "check-select"))
    k.add_argument("--ignore", action="append", metavar="CODE",
                   help=say("cli-help", "check-ignore"))
    k.add_argument("--list-checks", action="store_true", help=say("cli-help", "check-list"))
    fmt(k, say("cli-help", "check-format-text"), say("cli-help", "check-format-json"))

    h = command("history", say("cli-help", "history-summary"),
                say("cli-help", "history-description"))
    a_scenario(h)
    fmt(h, say("cli-help", "history-format-text"), say("cli-help", "history-format-json"))

    li = command("list", say("cli-help", "list-summary"), say("cli-help", "list-description"))
    li.add_argument("--paths", action="store_true", help=say("cli-help", "list-paths"))
    fmt(li, say("cli-help", "list-format-text"), say("cli-help", "list-format-json"))
    return p


def _date(text: str):
    from datetime import date
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("cli", "invalid-date", text=text)) from None


def _in_force_ids(statutes, when) -> tuple[str, ...]:
    from lawcheck.engine.run import in_force
    return tuple(i.id for i in statutes.instruments if in_force(i, when))


def _as_of(args):
    from datetime import date
    return args.as_of or date.today()


def _size(text: str) -> int:
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    t = text.strip().upper().removesuffix("B").removesuffix("I")
    try:
        number, unit = (t[:-1], t[-1]) if t[-1:] in units and t[-1:] else (t, "")
        value = int(number) * units[unit]
    except (ValueError, KeyError, IndexError):
        raise argparse.ArgumentTypeError(say("cli", "invalid-size", text=text)) from None
    if value <= 0:
        raise argparse.ArgumentTypeError(say("cli", "size-not-positive", text=text))
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
    try:
        return _main(argv)
    except KeyboardInterrupt:
        sys.stderr.write(say("cli", "interrupted") + "\n")
        return EXIT_INTERRUPTED
    except Interrupted:
        sys.stderr.write(say("cli", "terminated") + "\n")
        return EXIT_TERMINATED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str] | None) -> int:
    if (sys.argv[1:] if argv is None else argv) == ["--version"]:
        # what argparse's version action prints, without building (and wording) every command
        sys.stdout.write(f"lawcheck {__version__}\n")
        return EXIT_OK
    args = _parser().parse_args(argv)
    if getattr(args, "max_file_size", None):
        from lawcheck.inputs import MAX_FILE_SIZE
        MAX_FILE_SIZE.set(args.max_file_size)
    try:
        return _dispatch(args)
    except Exception as exc:  # noqa: BLE001 - the one place errors become exit codes
        from lawcheck.errors import render_all

        if isinstance(exc, LawcheckError):
            if args.debug:
                raise
            sys.stderr.write(render_all(exc) + "\n")
            return EXIT_INVALID
        if args.debug:
            raise
        from lawcheck.errors import printable
        sys.stderr.write(printable(say("cli", "internal-error", error=exc.__class__.__name__,
                                       message=exc) + "\n" + say("cli", "debug-hint") + "\n"))
        return EXIT_INTERNAL


def _dispatch(args) -> int:
    from lawcheck.statute.statutes import load_statutes

    statutes = load_statutes(args.statutes)
    commands = {"list": _list, "run": _run, "report": _report, "explore": _explore,
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
            statutes_at = say("cli", "paths-statutes-bundled", path=places["statutes"]) \
                if args.statutes is None else \
                say("cli", "paths-statutes-option", path=places["statutes"])
            _emit(statutes_at + "\n" + say("cli", "paths-cases", path=places["cases"]) + "\n"
                  + fill(say("cli", "paths-copy")) + "\n")
        return EXIT_OK
    if args.format == "json":
        from lawcheck.views.document import dumps, instrument_doc
        from lawcheck.views.wording import Wording
        w = Wording.of(statutes)
        _emit(dumps({"lawcheck_version": __version__,
                     "instruments": [instrument_doc(i, w) for i in statutes.instruments]}),
              escape=False)
    else:
        from lawcheck.views.text import list_instruments
        _emit(list_instruments(statutes))
    return EXIT_OK


def _run(args, statutes) -> int:
    import shutil
    import tempfile

    from lawcheck.engine.run import evaluate_scenario
    from lawcheck.scenarios import stream_suites

    as_of = _as_of(args)
    if args.format == "csv":
        return _run_csv(args, statutes, as_of)
    infos: list = []
    # read, evaluated and written one scenario at a time: memory stays flat. An error in a
    # later file is only known at the end, so the output is held (in memory up to 16 MB, then
    # in a temporary file) and written only if every file was valid: nothing half-written.
    from lawcheck.views.progress import counted
    results = counted((evaluate_scenario(sc, statutes, as_of)
                       for sc in stream_suites(args.paths or None, statutes, infos)),
                      say("cli", "progress-evaluated"))
    with tempfile.SpooledTemporaryFile(max_size=16 << 20, mode="w+", encoding="utf-8",
                                       newline="\n") as spool:
        if args.format == "json":
            from lawcheck.views.document import write_run_json
            tally = write_run_json(statutes, as_of, results, spool.write, args.trace)
        elif args.format == "jsonl":
            from lawcheck.views.document import write_run_jsonl
            tally = write_run_jsonl(statutes, as_of, results, spool.write, args.trace)
        else:
            from lawcheck.views.text import write_run_table
            tally = write_run_table(statutes, infos, as_of, results, spool.write, args.all)
        spool.seek(0)
        out = _Buffered(escape=args.format == "text")
        shutil.copyfileobj(spool, out, 1 << 20)
        out.flush()
    return EXIT_OK if tally.passed else EXIT_FAILED


def _lang(args) -> str:
    from lawcheck.views.catalogue import SOURCE_LANGUAGE
    return getattr(args, "lang", None) or SOURCE_LANGUAGE


def _run_csv(args, statutes, as_of) -> int:
    """The scenario matrix as CSV (the report's column order)."""
    from lawcheck.scenarios import load_suites
    from lawcheck.engine.conformity import reference_of
    from lawcheck.views.summaryview import reading_order
    from lawcheck.views.summaryout import matrix_csv
    from lawcheck.views.wording import Wording
    result = _run_all(statutes, load_suites(args.paths or None, statutes), as_of)
    ref = reference_of(statutes, as_of)
    order = [i.id for i in reading_order(statutes, as_of, ref.id if ref else None)
             if args.all or i.in_force_on(as_of)]
    _emit(matrix_csv(result, order, Wording.of(statutes, _lang(args))), escape=False)
    return EXIT_OK if result.passed else EXIT_FAILED


def _summary(args, statutes) -> int:
    """Where each domestic definition in force parts from the treaty that binds the State."""
    from lawcheck.scenarios import load_suites
    from lawcheck.engine.conformity import conformity
    from lawcheck.views import summaryout, summaryview
    from lawcheck.views.reportview import open_points
    from lawcheck.views.wording import Wording
    w = Wording.of(statutes, _lang(args))
    result = _run_all(statutes, load_suites(args.paths or None, statutes), _as_of(args))
    found = conformity(result)
    if found is None:
        _refuse("no-reference", Said("diagnostic-expected", "binding-treaty"), None,
                date=_as_of(args).isoformat())
    view = summaryview.build(found, statutes, w, open_points(statutes, w),
                             {s.scenario.id: s.scenario.id for s in result.scenarios})
    if args.format == "json":
        from lawcheck.views.document import dumps
        _emit(dumps(summaryout.document(view)), escape=False)
    elif args.format == "csv":
        _emit(summaryout.summary_csv(view, w), escape=False)
    else:
        _emit(summaryout.text(view, w))
    return EXIT_OK


def _run_all(statutes, suites, when):
    """Every scenario evaluated, with a progress line on a terminal."""
    from lawcheck.views.progress import counted
    from lawcheck.engine.run import RunResult, iter_run
    total = sum(len(s.scenarios) for s in suites)
    return RunResult(statutes, tuple(suites), tuple(counted(
        iter_run(statutes, suites, when), say("cli", "progress-evaluated"), total)), when)


def _report(args, statutes) -> int:
    from lawcheck.views import html, reportview
    from lawcheck.scenarios import load_suites

    result = _run_all(statutes, load_suites(args.paths or None, statutes), _as_of(args))
    lang = _lang(args)
    from lawcheck.views.catalogue import languages
    # the page holds its other languages (to switch in place) up to SWITCH_MAX_ROWS scenarios;
    # a larger one holds its own language only, to stay small (docs/report.md)
    others = tuple(x for x in languages() if x != lang) \
        if len(result.scenarios) <= reportview.SWITCH_MAX_ROWS else ()
    page = html.render(reportview.build(result, lang, source=args.statutes),
                       tuple(reportview.build(result, other, source=args.statutes)
                             for other in others))
    html.write(page, args.output)
    from lawcheck.views.text import summary
    if str(args.output) == "-":          # the page went to standard output: say nothing there
        from lawcheck.errors import printable
        sys.stderr.write(printable(f"{summary(result)}\n"))
    elif args.format == "json":
        from lawcheck.views.document import dumps
        _emit(dumps({"report": str(args.output), "bytes": len(page.encode("utf-8")),
                     "scenarios": len(result.scenarios), "mismatches": result.mismatch_count}),
              escape=False)
    else:
        _emit(say("cli", "wrote-report", path=args.output, bytes=len(page.encode("utf-8")))
              + f"\n{summary(result)}\n")
    return EXIT_OK if result.passed else EXIT_FAILED


def _explore(args, statutes) -> int:
    from lawcheck.engine import explore
    from lawcheck.views import exploreview

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
        write_atomically(exploreview.case_file(result, statutes, args.as_of), args.save,
                         say("cli", "save-what"))
    if args.format == "json":
        from lawcheck.views.document import dumps
        _emit(dumps(exploreview.document(result, statutes)), escape=False)
    else:
        _emit(exploreview.text(result, statutes, when.isoformat()))
        if args.save:
            n = len(result.regions) + len(result.rules)
            _emit((say("cli", "wrote-witnesses-one", path=args.save, count=n) if n == 1 else
                   say("cli", "wrote-witnesses-other", path=args.save, count=n)) + "\n")
    return EXIT_OK


def _coverage(args, statutes) -> int:
    from lawcheck.views import exploreview
    from lawcheck.engine.coverage import coverage
    from lawcheck.engine.explore import explore
    from lawcheck.scenarios import load_suites

    when = _as_of(args)
    live = _in_force_ids(statutes, when)
    cov = coverage(_run_all(statutes, load_suites(args.paths or None, statutes), when),
                   explore(statutes, ids=live, when=when))
    if args.format == "json":
        from lawcheck.views.document import dumps
        _emit(dumps(exploreview.coverage_document(cov)), escape=False)
    else:
        _emit(exploreview.coverage_text(cov, statutes))
    return EXIT_OK


def _check(args, statutes) -> int:
    from lawcheck.engine import checks

    if args.list_checks:
        from lawcheck.views.terminal import fill
        _emit("".join(fill(f"{c.code}  {c.name:20} {words(c.explanation)}", "", " " * 28) + "\n"
                      for c in checks.REGISTRY))
        return EXIT_OK
    for name in (args.select or []) + (args.ignore or []):
        if not checks.known(name):
            names = [c.code for c in checks.REGISTRY] + [c.name for c in checks.REGISTRY]
            _refuse("unknown-check", Said.of("diagnostic-expected", "one-of",
                                             choices=Listed(tuple(names))),
                    suggest(name, names), name=name)
    found = checks.run_checks(statutes, checks.select(args.select, args.ignore))
    if args.format == "json":
        from lawcheck.views.document import dumps
        _emit(dumps({"lawcheck_version": __version__, "findings": [
            {"code": f.code, "file": f.span.file, "line": f.span.line, "column": f.span.column,
             "where": words(f.context) or "", "message": f.text(),
             "detail": words(f.suggestion) or ""} for f in found]}), escape=False)
    else:
        from lawcheck.views.terminal import fill
        from lawcheck.errors import render_each
        out = render_each(found)
        names = {c.code: c.name for c in checks.REGISTRY}
        counts = {}
        for f in found:
            counts[f.code] = counts.get(f.code, 0) + 1
        each = say("diagnostic-list", "items").join(
            say("cli", "check-count", count=n, code=c, name=names[c])
            for c, n in sorted(counts.items()))
        n = len(found)
        out.append(fill(say("cli", "check-summary-none") if n == 0 else
                        say("cli", "check-summary-one", count=n, counts=each) if n == 1 else
                        say("cli", "check-summary-other", count=n, counts=each), ""))
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
        _emit(dumps(history_doc(sc, steps, statutes)), escape=False)
    else:
        _emit(history_text(sc, steps, statutes))
    return EXIT_OK


def _explain(args, statutes) -> int:
    from lawcheck.engine.run import evaluate_scenario

    sc = _scenario(args, statutes)
    if args.instrument:
        _known_instrument(args.instrument, statutes)
    result = evaluate_scenario(sc, statutes, _as_of(args))
    if args.format == "json":
        from lawcheck.views.document import dumps, scenario_doc
        from lawcheck.views.wording import Wording
        doc = scenario_doc(result, Wording.of(statutes))
        if args.instrument:
            doc["results"] = {args.instrument: doc["results"][args.instrument]}
            doc["divergences"] = [d for d in doc["divergences"] if args.instrument in d["between"]]
        _emit(dumps(doc), escape=False)
    else:
        from lawcheck.views.text import explain
        _emit(explain(result, statutes, args.instrument, brief=args.brief))
    return EXIT_OK
