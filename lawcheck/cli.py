"""The command line: parses arguments, calls the library, maps outcomes to exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lawcheck import __version__

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="lawcheck",
        description="Compare legal definitions of trafficking in persons, element by element.")
    p.add_argument("--version", action="version", version=f"lawcheck {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--statutes", type=Path, metavar="DIR",
                        help="folder of statute files (*.law) to use instead of the bundled ones")
    common.add_argument("--format", choices=("text", "json", "jsonl"), default="text",
                        help="text for people; json, the documented JSON document "
                             "(docs/json-format.md); jsonl (run only), one line per scenario")
    common.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    common.add_argument("--max-file-size", type=_size, metavar="BYTES", default=None,
                        help="refuse input files larger than this (e.g. 200M; default: 64M)")
    dated = argparse.ArgumentParser(add_help=False)
    dated.add_argument("--as-of", type=_date, metavar="DATE", default=None,
                       help="take the law in force on DATE (YYYY-MM-DD; default: today); a "
                            "scenario with its own date uses that date")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    r = sub.add_parser("run", parents=[common, dated], help="evaluate scenarios against every instrument",
                       description="Evaluate case files (default: the bundled suites) against every "
                                   "instrument and check their expected verdicts. Exit 0 when all "
                                   "hold, 1 when any does not, 2 on invalid input.")
    r.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="case files or folders")
    r.add_argument("--trace", action="store_true",
                   help="with json or jsonl: each verdict's element-by-element trace (limbs, "
                        "elements, notes) and each divergence explained; the output is several "
                        "times larger")

    e = sub.add_parser("explain", parents=[common, dated], help="element-by-element reasoning for a scenario")
    e.add_argument("scenario", metavar="SCENARIO_ID")
    e.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="case files or folders to look in (default: the bundled suites), as for "
                        "run and report")
    e.add_argument("--instrument", metavar="ID", help="only this instrument")
    e.add_argument("--brief", action="store_true",
                   help="only the deciding (or closest) limb of each instrument")
    e.add_argument("--cases", type=Path, action="append", metavar="PATH",
                   help="case file or folder to look in (default: the bundled suites); repeatable")

    rp = sub.add_parser("report", parents=[common, dated], help="write the HTML comparison report",
                        description="Evaluate case files (default: the bundled suites) and write one "
                                    "self-contained HTML page for lawyers: what was compared, element "
                                    "alignment, scenario matrix, divergences by cause. Exit 0 when "
                                    "every expected verdict holds, 1 when any does not (the page is "
                                    "written either way), 2 on invalid input.")
    rp.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="case files or folders")
    rp.add_argument("-o", "--output", type=Path, default=Path("lawcheck-report.html"),
                    metavar="FILE", help="where to write the page (default: lawcheck-report.html)")

    x = sub.add_parser("explore", parents=[common, dated],
                       help="every region of facts where two instruments diverge",
                       description="Enumerate every fact pattern the statutes distinguish and list "
                                   "each region where two instruments' verdicts differ, with a "
                                   "minimal witness, the elements that make the difference, and "
                                   "whether it holds under every reading of the open points.")
    x.add_argument("--between", nargs=2, metavar=("A", "B"), help="only this pair of instruments")
    x.add_argument("--save", type=Path, metavar="FILE",
                   help="write the witnesses as a case file, today's verdicts as expectations")

    c = sub.add_parser("coverage", parents=[common, dated],
                       help="which elements and divergences the scenarios leave untested",
                       description="Which elements of which provision no scenario shows deciding "
                                   "a limb, and which divergence regions (lawcheck explore) no "
                                   "scenario demonstrates.")
    c.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="case files or folders")

    k = sub.add_parser("check", parents=[common], help="lint the statute files",
                       description="Consistency checks on the statute set: stale cross-references, "
                                   "the child line drawn at different ages, elements resting on "
                                   "UNVERIFIED text. Exit 0 when nothing is found, 1 when something "
                                   "is, 2 on invalid input.")
    k.add_argument("--select", action="append", metavar="CODE", help="only these checks (code "
                   "or name; repeatable)")
    k.add_argument("--ignore", action="append", metavar="CODE", help="skip these checks")
    k.add_argument("--list-checks", action="store_true", help="list the checks and exit")

    h = sub.add_parser("history", parents=[common], help="a scenario's verdicts through time",
                       description="The verdicts of a scenario at every date where some "
                                   "instrument entered into force or ceased, naming the changes "
                                   "that opened or closed a divergence.")
    h.add_argument("scenario", metavar="SCENARIO_ID")
    h.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="case files or folders to look in (default: the bundled suites)")
    h.add_argument("--cases", type=Path, action="append", metavar="PATH",
                   help="case file or folder to look in (default: the bundled suites); repeatable")

    sub.add_parser("list", parents=[common], help="instruments and provisions")
    return p


def _date(text: str):
    from datetime import date
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date '{text}': expected a real date, "
                                         "YYYY-MM-DD, e.g. 2015-06-01") from None


def _in_force_ids(statutes, when) -> tuple[str, ...]:
    from lawcheck.run import in_force
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
    from lawcheck.statutes import load_statutes

    if args.format == "jsonl" and args.command != "run":
        from lawcheck.errors import Diagnostic, LawcheckError, Span
        raise LawcheckError([Diagnostic(Span("<command line>"), f"--format jsonl is for "
                                        f"'lawcheck run', not '{args.command}'",
                                        expected="--format text or --format json")])
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
    if args.format == "json":
        from lawcheck.document import dumps, instrument_doc
        _emit(dumps({"lawcheck_version": __version__,
                     "instruments": [instrument_doc(i) for i in statutes.instruments]}), escape=False)
    else:
        from lawcheck.text import list_instruments
        _emit(list_instruments(statutes))
    return EXIT_OK


def _run(args, statutes) -> int:
    import shutil
    import tempfile

    from lawcheck.run import evaluate_scenario
    from lawcheck.scenarios import stream_suites

    as_of = _as_of(args)
    infos: list = []
    # read, evaluated and written one scenario at a time: memory stays flat. An error in a
    # later file is only known at the end, so the output is held (in memory up to 16 MB, then
    # in a temporary file) and written only if every file was valid: nothing half-written.
    results = (evaluate_scenario(sc, statutes, as_of)
               for sc in stream_suites(args.paths or None, statutes, infos))
    with tempfile.SpooledTemporaryFile(max_size=16 << 20, mode="w+", encoding="utf-8",
                                       newline="\n") as spool:
        if args.format == "json":
            from lawcheck.document import write_run_json
            tally = write_run_json(statutes, as_of, results, spool.write, args.trace)
        elif args.format == "jsonl":
            from lawcheck.document import write_run_jsonl
            tally = write_run_jsonl(statutes, as_of, results, spool.write, args.trace)
        else:
            from lawcheck.text import write_run_table
            tally = write_run_table(statutes, infos, as_of, results, spool.write)
        spool.seek(0)
        out = _Buffered(escape=args.format == "text")
        shutil.copyfileobj(spool, out, 1 << 20)
        out.flush()
    return EXIT_OK if tally.passed else EXIT_FAILED


def _report(args, statutes) -> int:
    from lawcheck import html, reportview
    from lawcheck.run import run
    from lawcheck.scenarios import load_suites

    result = run(statutes, load_suites(args.paths or None, statutes), _as_of(args))
    page = html.render(reportview.build(result))
    html.write(page, args.output)
    from lawcheck.text import summary
    if str(args.output) == "-":          # the page went to standard output: say nothing there
        from lawcheck.errors import printable
        sys.stderr.write(printable(f"{summary(result)}\n"))
    elif args.format == "json":
        from lawcheck.document import dumps
        _emit(dumps({"report": str(args.output), "bytes": len(page.encode("utf-8")),
                     "scenarios": len(result.scenarios), "mismatches": result.mismatch_count}), escape=False)
    else:
        _emit(f"wrote {args.output} ({len(page.encode('utf-8')):,} bytes)\n{summary(result)}\n")
    return EXIT_OK if result.passed else EXIT_FAILED


def _explore(args, statutes) -> int:
    from lawcheck import explore, exploreview

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
        write_atomically(exploreview.case_file(result, statutes), args.save, "the case file")
    if args.format == "json":
        from lawcheck.document import dumps
        _emit(dumps(exploreview.document(result, statutes)), escape=False)
    else:
        _emit(exploreview.text(result, statutes, when.isoformat()))
        if args.save:
            _emit(f"wrote {args.save}: {len(result.regions) + len(result.rules)} witnesses "
                  f"(lawcheck run {args.save})\n")
    return EXIT_OK


def _coverage(args, statutes) -> int:
    from lawcheck import exploreview
    from lawcheck.coverage import coverage
    from lawcheck.explore import explore
    from lawcheck.run import run
    from lawcheck.scenarios import load_suites

    when = _as_of(args)
    live = _in_force_ids(statutes, when)
    cov = coverage(run(statutes, load_suites(args.paths or None, statutes), when),
                   explore(statutes, ids=live, when=when))
    if args.format == "json":
        from lawcheck.document import dumps
        _emit(dumps(exploreview.coverage_document(cov)), escape=False)
    else:
        _emit(exploreview.coverage_text(cov, statutes))
    return EXIT_OK


def _check(args, statutes) -> int:
    from lawcheck import checks

    if args.list_checks:
        _emit("".join(f"{c.code}  {c.name:20} {c.explanation}\n" for c in checks.REGISTRY))
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
        from lawcheck.document import dumps
        _emit(dumps({"lawcheck_version": __version__, "findings": [
            {"code": f.code, "file": f.span.file, "line": f.span.line, "column": f.span.column,
             "where": f.where, "message": f.message, "detail": f.detail} for f in found]}), escape=False)
    else:
        import textwrap
        out = []
        for f in found:
            out.append(f"{f.span.file}:{f.span.line}:{f.span.column}: {f.code} {f.message}")
            out.append(textwrap.fill(f"in {f.where}", 100, initial_indent="  ",
                                     subsequent_indent="    "))
            if f.detail:
                out.append(textwrap.fill(f.detail, 100, initial_indent="  ",
                                         subsequent_indent="    "))
        names = {c.code: c.name for c in checks.REGISTRY}
        counts = {}
        for f in found:
            counts[f.code] = counts.get(f.code, 0) + 1
        out.append(f"{len(found)} finding{'s' if len(found) != 1 else ''}" + (
            ": " + ", ".join(f"{n} {c} ({names[c]})" for c, n in sorted(counts.items()))
            if found else "") + "  (lawcheck check --list-checks explains each code)")
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
    from lawcheck import history

    sc = _scenario(args, statutes)
    steps = history.history(sc, statutes)
    if args.format == "json":
        from lawcheck.document import dumps
        _emit(dumps(history.document(sc, steps)), escape=False)
    else:
        _emit(history.text(sc, steps, statutes))
    return EXIT_OK


def _explain(args, statutes) -> int:
    from lawcheck.run import evaluate_scenario

    sc = _scenario(args, statutes)
    if args.instrument:
        _known_instrument(args.instrument, statutes)
    result = evaluate_scenario(sc, statutes, _as_of(args))
    if args.format == "json":
        from lawcheck.document import dumps, scenario_doc
        doc = scenario_doc(result)
        if args.instrument:
            doc["results"] = {args.instrument: doc["results"][args.instrument]}
            doc["divergences"] = [d for d in doc["divergences"] if args.instrument in d["between"]]
        _emit(dumps(doc), escape=False)
    else:
        from lawcheck.text import explain
        _emit(explain(result, statutes, args.instrument, brief=args.brief))
    return EXIT_OK
