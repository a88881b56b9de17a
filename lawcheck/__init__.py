"""lawcheck: compare legal definitions of trafficking in persons, element by element.

The public interface, for tests, benchmarks and programs that use lawcheck as a library:

    import lawcheck
    statutes = lawcheck.load_statutes()              # or load_statutes(Path("my-statutes"))
    suites = lawcheck.load_suites(None, statutes)    # the bundled case files, or a list of paths
    verdict = lawcheck.evaluate(statutes.instrument("vn-cc-150"), facts, statutes)
    result = lawcheck.evaluate_scenario(suites[0].scenarios[0], statutes)
    found = lawcheck.explore(statutes, between=("palermo", "vn-cc-150"))

The stages live in folders: lawcheck/statute (the statute language: parse, syntax, resolve,
model, render, load), lawcheck/engine (evaluate, compare, explore, penalties, run, history,
coverage, checks) and lawcheck/views (text, JSON, HTML). Their names are internal and may change;
the names below do not. They are imported on first use, so that `import lawcheck` (and
`lawcheck --version`, and pytest, which loads lawcheck's plugin in every session) stays fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

# public name -> (module, attribute)
_PUBLIC = {
    "load_statutes": ("lawcheck.statute.statutes", "load_statutes"),
    "load_suites": ("lawcheck.scenarios", "load_suites"),
    "evaluate": ("lawcheck.engine.evaluate", "evaluate"),
    "evaluate_scenario": ("lawcheck.engine.run", "evaluate_scenario"),
    "run": ("lawcheck.engine.run", "run"),
    "explore": ("lawcheck.engine.explore", "explore"),
    "history": ("lawcheck.engine.history", "history"),
    "run_checks": ("lawcheck.engine.checks", "run_checks"),
    "Facts": ("lawcheck.scenarios", "Facts"),
    "Scenario": ("lawcheck.scenarios", "Scenario"),
    "Circumstances": ("lawcheck.scenarios", "Circumstances"),
    "LawcheckError": ("lawcheck.errors", "LawcheckError"),
}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str):
    if name in _PUBLIC:
        import importlib
        module, attribute = _PUBLIC[name]
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'lawcheck' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
