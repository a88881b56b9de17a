"""lawcheck under pytest: case files are collected as tests, one per scenario and instrument.

Registered through the `pytest11` entry point, so it is on wherever lawcheck is installed
(`pytest -p no:lawcheck` turns it off). `pytest cases/` or `pytest my-cases/suite.yaml`
collects every YAML file with a top-level `suite:` key (which every case file has); each scenario
is a node holding one test per instrument it states an expectation for:

    cases/age.yaml::age-17-handed-over-no-means::vn-cc-150

Without `--as-of`, each expectation is checked as written and each dated change from its date
(`vn-law-2011[2018-01-01]`), whether or not the instrument is in force today; with `--as-of DATE`,
as `lawcheck run --as-of DATE` checks it (an instrument not in force then is skipped). A scenario
with its own date is checked at that date.
`--lawcheck-lang LANG` (else the environment variable LAWCHECK_LANG, else English) is the
language of a failure's, a skip's and an error's words, as `lawcheck --lang` is.
An invalid case file is a collection error, with file:line:col, as `lawcheck run` reports it.

Only the standard library is imported at start-up: pytest loads this module in every session.
So the words a failure, a skip or an error shows come from the wording catalogue (context
pytest), read when first needed; the help of the two options, which pytest asks for in every
session, is the one text written here.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

_CASE_FILE = re.compile(rb"^suite[ \t]*:", re.MULTILINE)
_SNIFF = 1 << 20          # a case file names its suite near the top


def pytest_addoption(parser):
    group = parser.getgroup("lawcheck", "lawcheck case files (YAML scenario suites)")
    group.addoption("--as-of", dest="lawcheck_as_of", metavar="DATE", default=None,
                    help="check the case files' expectations against the law in force on DATE "
                         "(YYYY-MM-DD), as `lawcheck run --as-of DATE` does; default: each "
                         "expectation as written, and each dated change from its date")
    group.addoption("--statutes", dest="lawcheck_statutes", metavar="DIR", default=None,
                    help="folder of statute files (*.law) to use instead of the bundled ones")
    group.addoption("--lawcheck-lang", dest="lawcheck_lang", metavar="LANG", default=None,
                    help="the language of lawcheck's failures, skips and errors, as `lawcheck "
                         "--lang` takes it (default: the environment variable LAWCHECK_LANG, "
                         "else en)")


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix not in (".yaml", ".yml"):
        return None
    try:
        with open(file_path, "rb") as f:
            head = f.read(_SNIFF)
    except OSError:
        return None
    if not _CASE_FILE.search(head):
        return None
    return CaseFile.from_parent(parent, path=file_path)


class _Setup:
    """The statutes, date and language of the session, read once (errors become collection
    errors)."""

    def __init__(self, config):
        self.config = config
        self._statutes = None
        self.lang = _language(config)
        text = config.getoption("lawcheck_as_of")
        try:
            self.as_of = None if text is None else date.fromisoformat(text)
        except ValueError:
            from lawcheck.views.catalogue import say
            raise pytest.UsageError(say("pytest", "bad-date", self.lang, text=text)) from None

    @property
    def statutes(self):
        """Read once; if they cannot be read, the errors are shown with the first case file and
        each later one says only that (not the same errors once a file)."""
        if self._statutes is None:
            from lawcheck.errors import LawcheckError
            from lawcheck.statute.statutes import load_statutes
            folder = self.config.getoption("lawcheck_statutes")
            try:
                self._statutes = load_statutes(Path(folder) if folder else None)
            except LawcheckError as exc:
                self._statutes = exc
                raise
        if isinstance(self._statutes, Exception):
            from lawcheck.views.catalogue import say
            raise InvalidInput(say("pytest", "statutes-unread", self.lang))
        return self._statutes


def _language(config) -> str:
    """--lawcheck-lang, else LAWCHECK_LANG, else English; one without a catalogue is a usage
    error, worded as `lawcheck --lang` words it. Neither given: English, nothing imported."""
    import os
    given = config.getoption("lawcheck_lang")
    variable = os.environ.get("LAWCHECK_LANG") or None
    if given is None and variable is None:
        return "en"
    from lawcheck.cli import LANG_VARIABLE, unknown_language
    from lawcheck.errors import render_all
    from lawcheck.views.catalogue import SOURCE_LANGUAGE
    fallback = variable if variable and unknown_language(variable) is None else SOURCE_LANGUAGE
    error = unknown_language(given) if given is not None else \
        unknown_language(variable, LANG_VARIABLE) if variable is not None else None
    if error is not None:
        raise pytest.UsageError(render_all(error, lang=fallback))
    return given or variable or SOURCE_LANGUAGE


_SETUP = pytest.StashKey[_Setup]()


def pytest_configure(config):
    config.stash[_SETUP] = _Setup(config)


def _setup(config) -> _Setup:
    if _SETUP not in config.stash:
        config.stash[_SETUP] = _Setup(config)
    return config.stash[_SETUP]


class InvalidInput(Exception):
    """A statute or case file that lawcheck refuses: its diagnostics, rendered as lawcheck does."""


class CaseFile(pytest.File):
    def collect(self):
        from lawcheck.errors import LawcheckError, render_all
        from lawcheck.scenarios import load_suite
        from lawcheck.statute.statutes import display_path

        setup = _setup(self.config)
        try:
            as_of = setup.as_of
            suite = load_suite(self.path, display_path(self.path), setup.statutes)
        except LawcheckError as exc:
            raise InvalidInput(render_all(exc, lang=setup.lang)) from None
        for sc in suite.scenarios:
            yield ScenarioNode.from_parent(self, name=sc.id, scenario=sc, as_of=as_of)

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, InvalidInput):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class ScenarioNode(pytest.Collector):
    def __init__(self, *, scenario, as_of: date | None, **kw):
        super().__init__(**kw)
        self.scenario = scenario
        self.as_of = as_of
        self._results: dict = {}

    def result(self, when: date | None):
        """The scenario evaluated at `when`, once for all its instruments."""
        if when not in self._results:
            from lawcheck.engine.run import evaluate_scenario
            self._results[when] = evaluate_scenario(self.scenario, _setup(self.config).statutes,
                                                    when)
        return self._results[when]

    def collect(self):
        sc = self.scenario
        for inst in sorted(sc.expect):
            if sc.facts.date is not None or self.as_of is not None:
                dates = [sc.facts.date or self.as_of]
            else:             # as written, then from each change's date
                dates = [None, *sorted({c.since for c in sc.expect[inst].changes})]
            for when in dates:
                name = inst if when is None or sc.facts.date is not None or self.as_of \
                    else f"{inst}[{when.isoformat()}]"
                item = ExpectationItem.from_parent(self, name=name, instrument=inst, when=when)
                instrument = _setup(self.config).statutes.instrument(inst)
                if self.as_of is not None and not instrument.in_force_on(when):
                    from lawcheck.views.catalogue import say
                    from lawcheck.views.text import in_force
                    lang = _setup(self.config).lang
                    item.add_marker(pytest.mark.skip(reason=say(
                        "pytest", "not-in-force", lang, scenario=sc.id, short=instrument.short,
                        date=when.isoformat(), period=in_force(instrument, lang))))
                yield item

    def reportinfo(self):
        return self.path, self.scenario.span.line - 1, self.scenario.title


class Mismatch(Exception):
    """An expected verdict that does not hold: the lines to show, in the reader's words."""


class ExpectationItem(pytest.Item):
    def __init__(self, *, instrument: str, when: date | None, **kw):
        super().__init__(**kw)
        self.instrument = instrument
        self.when = when

    @property
    def scenario(self):
        return self.parent.scenario

    def runtest(self):
        from lawcheck.views.catalogue import say
        sc, inst = self.scenario, self.instrument
        lang = _setup(self.config).lang
        got = self.parent.result(self.when).results[inst]
        exp = sc.expect[inst].at(self.when)
        if got.verdict != exp.verdict:
            raise Mismatch(self._explain(exp, got, say("verdict", exp.verdict, lang),
                                         say("verdict", got.verdict, lang)))
        if exp.penalty is not None:
            clause = got.penalty.clause if got.penalty else None
            if clause != exp.penalty:
                raise Mismatch(self._explain(
                    exp, got, say("pytest", "penalty", lang, clause=exp.penalty),
                    say("pytest", "penalty", lang, clause=clause) if clause else
                    say("pytest", "no-penalty", lang)))

    def _explain(self, exp, got, expected: str, actual: str) -> str:
        """The failure report: `expected` and `actual` are the verdicts (or penalty brackets)
        in words."""
        from lawcheck.views.text import mismatch_detail
        from lawcheck.views.wording import Wording
        sc = self.scenario
        setup = _setup(self.config)
        statutes = setup.statutes
        w = Wording.of(statutes, setup.lang)
        instrument = statutes.instrument(self.instrument)
        if self.when is None:
            law = w.say("pytest", "law-as-written")
        elif instrument.in_force_on(self.when):
            law = w.say("pytest", "law-in-force", date=self.when.isoformat())
        else:
            law = w.say("pytest", "law-applied", date=self.when.isoformat())
        lines = [w.say("pytest", "headline", short=instrument.short, expected=expected,
                       actual=actual),
                 w.say("pytest", "scenario", scenario=sc.id, span=sc.span.words(w.lang),
                       title=sc.title),
                 w.say("pytest", "instrument", short=instrument.short, instrument=instrument.id,
                       law=law),
                 "  " + w.say("pytest", "expected", expected=expected),
                 "    " + w.say("pytest", "because", reason=exp.reason),
                 "  " + w.say("pytest", "actual", actual=actual)]
        lines += [f"    {line}" for line in mismatch_detail(got, w)]
        return "\n".join(lines)

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, Mismatch):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        from lawcheck.views.catalogue import say
        sc = self.scenario
        return self.path, sc.span.line - 1, say("pytest", "item", _setup(self.config).lang,
                                                scenario=sc.id, instrument=self.instrument)
