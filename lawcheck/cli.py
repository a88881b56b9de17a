"""The command line: parses arguments, calls the library, maps outcomes to exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lawcheck import __version__

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


# what each exit code means, per command (shown by `lawcheck COMMAND --help`)
_EXITS = {
    "verdicts": ("0  every expected verdict holds", "1  an expected verdict does not hold"),
    "check": ("0  nothing found", "1  something found"),
    "done": ("0  done",),
}
_ALWAYS = ("3  internal error: a bug (--debug shows the traceback)",
           "130  interrupted (Ctrl-C)",
           "143  terminated (SIGTERM)")
# what a command reads or writes, for its exit code 2
_INPUTS = {"run": "a statute or case file, an option",
           "explain": "a statute or case file, an option, an unknown scenario or instrument",
           "report": "a statute or case file, an option, the output path",
           "explore": "a statute file, an option, an instrument not in force, the --save path",
           "coverage": "a statute or case file, an option",
           "check": "a statute file, an option, an unknown check",
           "history": "a statute or case file, an option, an unknown scenario",
           "list": "a statute file, an option"}


class _Help(argparse.HelpFormatter):
    """Paragraphs wrapped to the terminal; a paragraph of several lines (the exit codes) kept
    line by line, each wrapped with a hanging indent."""

    def _fill_text(self, text, width, indent):
        import textwrap
        out = []
        for para in text.split("\n\n"):
            lines = para.splitlines() if "\n" in para else [para]
            out.append("\n".join(textwrap.fill(line, width, initial_indent=indent,
                                                subsequent_indent=indent + (" " * 7 if len(lines) > 1
                                                                            else ""))
                                  for line in lines))
        return "\n\n".join(out)


def _epilog(exits: str, more: str = "", name: str = "") -> str:
    invalid = f"2  invalid input ({_INPUTS[name]}), each error with where it is"
    lines = ["exit codes:"] + [f"  {line}" for line in (*_EXITS[exits], invalid, *_ALWAYS)]
    return (more + "\n\n" if more else "") + "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="lawcheck",
        description="Compare legal definitions of trafficking in persons, element by element: "
                    "the Palermo Protocol, ACTIP and Viet Nam's laws, on scenarios with the "
                    "verdict each should give.",
        epilog="lawcheck COMMAND --help describes each command. Every command takes --debug "
               "(show the traceback of an error), --statutes DIR and --max-file-size BYTES.",
        formatter_class=_Help)
    p.add_argument("--version", action="version", version=f"lawcheck {__version__}")
    p.add_argument("--debug", action="store_true", help="on an error, show the Python traceback "
                   "too (also after the command)")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--statutes", type=Path, metavar="DIR",
                        help="folder of statute files (*.law) to use instead of the bundled ones")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="on an error, show the Python traceback too (for a bug report)")
    common.add_argument("--max-file-size", type=_size, metavar="BYTES", default=None,
                        help="refuse input files larger than this (e.g. 512K, 200M, 1G; "
                             "default: 64M)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, summary, description, exits="done", more=""):
        return sub.add_parser(name, parents=[common], help=summary, description=description,
                              epilog=_epilog(exits, more, name),
                              formatter_class=_Help)

    def fmt(c, text_help, json_help, jsonl_help=None):
        choices = ("text", "json", "jsonl") if jsonl_help else ("text", "json")
        c.add_argument("--format", choices=choices, default="text",
                       help=f"text: {text_help}; json: {json_help}"
                            + (f"; jsonl: {jsonl_help}" if jsonl_help else "")
                            + " (default: text)")

    def as_of(c, what):
        c.add_argument("--as-of", type=_date, metavar="DATE", default=None,
                       help=f"take the law in force on DATE (YYYY-MM-DD; default: today){what}")

    scenario_date = "; a scenario with its own date is judged at that date"
    case_paths = "case files (*.yaml) or folders of them (default: the bundled suites)"

    def a_scenario(c):
        """SCENARIO_ID [PATH...], as explain and history take them (--cases PATH still works)."""
        c.add_argument("scenario", metavar="SCENARIO_ID", help="the scenario's id (lawcheck run "
                       "lists them)")
        c.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help=case_paths + ", as for run")
        c.add_argument("--cases", type=Path, action="append", metavar="PATH",
                       help=argparse.SUPPRESS)

    r = command("run", "evaluate scenarios against every instrument",
                "Evaluate case files against every instrument in force on the date and check "
                "the verdicts they expect. The table shows the instruments in force on the date "
                "(--all: every instrument); the summary lists each expected verdict that does "
                "not hold, with its reason.", "verdicts")
    r.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=case_paths)
    as_of(r, scenario_date)
    fmt(r, "a table for people", "the documented JSON document (docs/json-format.md)",
        "one JSON line per scenario, for large suites")
    r.add_argument("--all", action="store_true",
                   help="text: show every instrument, also those not in force on the date")
    r.add_argument("--trace", action="store_true",
                   help="with json or jsonl: each verdict's element-by-element trace (limbs, "
                        "elements, notes) and each divergence explained; several times larger")

    e = command("explain", "element-by-element reasoning for a scenario",
                "Explain one scenario: its facts, then for each instrument the verdict, every "
                "limb and element with its citation, the fact that decided it and the "
                "provision's own words (Vietnamese and English, with how sure the text is), the "
                "penalty bracket where one applies, and the divergences between instruments.")
    a_scenario(e)
    e.add_argument("--instrument", metavar="ID", help="only this instrument (lawcheck list "
                   "names them)")
    e.add_argument("--brief", action="store_true",
                   help="only the deciding (or closest) limb of each instrument")
    as_of(e, scenario_date)
    fmt(e, "the explanation for people", "the scenario's result with its full trace")

    rp = command("report", "write the HTML comparison report",
                 "Evaluate case files and write one self-contained HTML page for lawyers: what "
                 "was compared, element alignment, scenario matrix, divergences by cause. The "
                 "page is written even when an expected verdict does not hold.", "verdicts")
    rp.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=case_paths)
    rp.add_argument("-o", "--output", type=Path, default=Path("lawcheck-report.html"),
                    metavar="FILE", help="where to write the page; - for standard output "
                                         "(default: lawcheck-report.html)")
    as_of(rp, scenario_date)
    fmt(rp, "say where the page went and sum up the run",
        "print that summary as JSON (report, bytes, scenarios, mismatches); the page is HTML "
        "either way")

    x = command("explore", "every region of facts where two instruments diverge",
                "Enumerate every fact pattern the statutes distinguish and list each region "
                "where two instruments in force on the date give different verdicts, with a "
                "minimal witness, the elements that make the difference, and whether it holds "
                "under every reading of the open points.")
    x.add_argument("--between", nargs=2, metavar=("A", "B"),
                   help="only this pair of instruments (ids as lawcheck list gives them)")
    x.add_argument("--save", type=Path, metavar="FILE",
                   help="also write the witnesses as a case file, with the verdicts on the "
                        "--as-of date as expectations (a regression snapshot)")
    as_of(x, "; which instruments are compared, and which readings are open, depend on it")
    fmt(x, "the regions for people", "every region and rule with its witnesses "
        "(docs/explorer.md)")

    c = command("coverage", "which elements and divergences the scenarios leave untested",
                "Which elements of which provision no scenario shows deciding a limb, and which "
                "divergence regions (lawcheck explore) no scenario demonstrates.")
    c.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=case_paths)
    as_of(c, scenario_date)
    fmt(c, "the gaps for people", "the same as data (docs/explorer.md)")

    k = command("check", "lint the statute files",
                "Consistency checks on the statute set: stale cross-references, the child line "
                "drawn at different ages, elements resting on UNVERIFIED text.", "check")
    k.add_argument("--select", action="append", metavar="CODE", help="only these checks (code "
                   "or name; repeatable)")
    k.add_argument("--ignore", action="append", metavar="CODE", help="skip these checks (code or "
                   "name; repeatable)")
    k.add_argument("--list-checks", action="store_true", help="list the checks and exit")
    fmt(k, "one finding a paragraph, with file:line:column", "the findings as data")

    h = command("history", "a scenario's verdicts through time",
                "The verdicts of a scenario at every date where some instrument entered into "
                "force or ceased, or a reading of the law opened, naming the changes that opened "
                "or closed a divergence.")
    a_scenario(h)
    fmt(h, "one period a paragraph", "the periods as data")

    li = command("list", "instruments and provisions",
                 "The encoded instruments: title, citation, dates in force, how sure the text is, "
                 "source, and each provision and limb.")
    li.add_argument("--paths", action="store_true",
                    help="say where the statute and case files are read from (to copy and edit "
                         "them, then use --statutes DIR or give the case files as paths)")
    fmt(li, "for people", "the instruments as data")
    return p


def _date(text: str):
    from datetime import date
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date '{text}': expected a real date, "
                                         "YYYY-MM-DD, e.g. 2015-06-01") from None


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
        raise argparse.ArgumentTypeError(f"invalid size '{text}': write a number of bytes, "
                                         "or e.g. 512K, 200M, 1G") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"invalid size '{text}': must be more than 0")
    return value


class Interrupted(BaseException):
    """SIGTERM, raised where the process is, so that temporary files are removed on the way
    out (as for Ctrl-C, KeyboardInterrupt)."""


EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143


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
        sys.stderr.write("lawcheck: interrupted\n")
        return EXIT_INTERRUPTED
    except Interrupted:
        sys.stderr.write("lawcheck: terminated\n")
        return EXIT_TERMINATED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    if getattr(args, "max_file_size", None):
        from lawcheck.inputs import MAX_FILE_SIZE
        MAX_FILE_SIZE.set(args.max_file_size)
    try:
        return _dispatch(args)
    except Exception as exc:  # noqa: BLE001 - the one place errors become exit codes
        from lawcheck.errors import LawcheckError, render_all

        if isinstance(exc, LawcheckError):
            if args.debug:
                raise
            sys.stderr.write(render_all(exc) + "\n")
            return EXIT_INVALID
        if args.debug:
            raise
        from lawcheck.errors import printable
        sys.stderr.write(printable(f"lawcheck: internal error: {exc.__class__.__name__}: {exc}\n"
                                   "(run again with --debug for the traceback)\n"))
        return 3


def _dispatch(args) -> int:
    from lawcheck.statute.statutes import load_statutes

    statutes = load_statutes(args.statutes)
    commands = {"list": _list, "run": _run, "report": _report, "explore": _explore,
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
            _emit(f"statutes: {places['statutes']}"
                  + (" (bundled)" if args.statutes is None else " (--statutes)")
                  + f"\ncases:    {places['cases']} (bundled)\n"
                  + fill("Copy a folder to change it: lawcheck run --statutes COPY, or "
                         "lawcheck run CASES-COPY.") + "\n")
        return EXIT_OK
    if args.format == "json":
        from lawcheck.views.document import dumps, instrument_doc
        from lawcheck.views.wording import Wording
        _emit(dumps({"lawcheck_version": __version__,
                     "instruments": [instrument_doc(i, Wording.of(statutes))
                                     for i in statutes.instruments]}), escape=False)
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
    infos: list = []
    # read, evaluated and written one scenario at a time: memory stays flat. An error in a
    # later file is only known at the end, so the output is held (in memory up to 16 MB, then
    # in a temporary file) and written only if every file was valid: nothing half-written.
    from lawcheck.views.progress import counted
    results = counted((evaluate_scenario(sc, statutes, as_of)
                       for sc in stream_suites(args.paths or None, statutes, infos)),
                      "scenarios evaluated")
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


def _run_all(statutes, suites, when):
    """Every scenario evaluated, with a progress line on a terminal."""
    from lawcheck.views.progress import counted
    from lawcheck.engine.run import RunResult, iter_run
    total = sum(len(s.scenarios) for s in suites)
    return RunResult(statutes, tuple(suites), tuple(counted(
        iter_run(statutes, suites, when), "scenarios evaluated", total)), when)


def _report(args, statutes) -> int:
    from lawcheck.views import html, reportview
    from lawcheck.scenarios import load_suites

    result = _run_all(statutes, load_suites(args.paths or None, statutes), _as_of(args))
    page = html.render(reportview.build(result))
    html.write(page, args.output)
    from lawcheck.views.text import summary
    if str(args.output) == "-":          # the page went to standard output: say nothing there
        from lawcheck.errors import printable
        sys.stderr.write(printable(f"{summary(result)}\n"))
    elif args.format == "json":
        from lawcheck.views.document import dumps
        _emit(dumps({"report": str(args.output), "bytes": len(page.encode("utf-8")),
                     "scenarios": len(result.scenarios), "mismatches": result.mismatch_count}), escape=False)
    else:
        _emit(f"wrote {args.output} ({len(page.encode('utf-8')):,} bytes)\n{summary(result)}\n")
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
            from lawcheck.errors import Diagnostic, LawcheckError, Span
            raise LawcheckError([Diagnostic(Span("<command line>"),
                                            f"--between names '{between[0]}' twice",
                                            expected="two different instruments")])
    when = _as_of(args)
    live = _in_force_ids(statutes, when)
    for inst in between or ():
        if inst not in live:
            from lawcheck.errors import Diagnostic, LawcheckError, Span
            period = statutes.instrument(inst).period
            raise LawcheckError([Diagnostic(
                Span("<command line>"), f"'{inst}' is not in force on {when.isoformat()} "
                f"(in force {period})", expected="an instrument in force on the --as-of date",
                suggestion=f"add --as-of with a date in {period}")])
    result = explore.explore(statutes, between, live, when)
    if args.save:
        from lawcheck.files import write_atomically
        write_atomically(exploreview.case_file(result, statutes, args.as_of), args.save,
                         "the case file")
    if args.format == "json":
        from lawcheck.views.document import dumps
        _emit(dumps(exploreview.document(result, statutes)), escape=False)
    else:
        _emit(exploreview.text(result, statutes, when.isoformat()))
        if args.save:
            _emit(f"wrote {args.save}: {len(result.regions) + len(result.rules)} witnesses "
                  f"(lawcheck run {args.save})\n")
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
        _emit("".join(fill(f"{c.code}  {c.name:20} {c.explanation}", "", " " * 28) + "\n"
                      for c in checks.REGISTRY))
        return EXIT_OK
    for name in (args.select or []) + (args.ignore or []):
        if not checks.known(name):
            from lawcheck.errors import Diagnostic, LawcheckError, Span, did_you_mean
            names = [c.code for c in checks.REGISTRY] + [c.name for c in checks.REGISTRY]
            raise LawcheckError([Diagnostic(Span("<command line>"), f"unknown check '{name}'",
                                            expected="one of: " + ", ".join(names),
                                            suggestion=did_you_mean(name, names))])
    found = checks.run_checks(statutes, checks.select(args.select, args.ignore))
    if args.format == "json":
        from lawcheck.views.document import dumps
        _emit(dumps({"lawcheck_version": __version__, "findings": [
            {"code": f.code, "file": f.span.file, "line": f.span.line, "column": f.span.column,
             "where": f.where, "message": f.message, "detail": f.detail} for f in found]}), escape=False)
    else:
        from lawcheck.views.terminal import fill
        from lawcheck.errors import render_each
        out = render_each(found)
        names = {c.code: c.name for c in checks.REGISTRY}
        counts = {}
        for f in found:
            counts[f.code] = counts.get(f.code, 0) + 1
        out.append(fill(f"{len(found)} finding{'s' if len(found) != 1 else ''}" + (
            ": " + ", ".join(f"{n} {c} ({names[c]})" for c, n in sorted(counts.items()))
            if found else "") + "  (lawcheck check --list-checks explains each code)", ""))
        _emit("\n".join(out) + "\n")
    return EXIT_FAILED if found else EXIT_OK


def _known_instrument(inst: str, statutes) -> None:
    from lawcheck.errors import Diagnostic, LawcheckError, Span, did_you_mean
    if inst not in statutes.ids:
        raise LawcheckError([Diagnostic(Span("<command line>"), f"unknown instrument '{inst}'",
                                        expected="one of: " + ", ".join(statutes.ids),
                                        suggestion=did_you_mean(inst, statutes.ids))])


def _scenario(args, statutes):
    from lawcheck.errors import Diagnostic, LawcheckError, Span, did_you_mean
    from lawcheck.scenarios import load_suites

    suites = load_suites([*getattr(args, "paths", []), *(args.cases or [])] or None, statutes)
    scenarios = {sc.id: sc for s in suites for sc in s.scenarios}
    if args.scenario not in scenarios:
        raise LawcheckError([Diagnostic(Span("<command line>"), f"unknown scenario '{args.scenario}'",
                                        expected="a scenario id from the case files",
                                        suggestion=did_you_mean(args.scenario, scenarios))])
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
