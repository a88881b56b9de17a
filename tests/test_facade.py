"""The public interface: `import lawcheck` gives the names programs and tests use, each the
function or class the pipeline itself uses, and importing it loads nothing else."""

from __future__ import annotations

import subprocess
import sys

import lawcheck


def test_public_names_are_the_pipelines_own():
    from lawcheck import evaluate
    from lawcheck import explore
    from lawcheck import Facts, load_suites
    from lawcheck import load_statutes
    assert lawcheck.evaluate is evaluate and lawcheck.explore is explore
    assert lawcheck.load_statutes is load_statutes and lawcheck.load_suites is load_suites
    assert lawcheck.Facts is Facts
    assert set(lawcheck.__all__) <= set(dir(lawcheck)) | {"__version__"}


def test_a_public_verdict(statutes):
    facts = lawcheck.Facts(victim_age=17, acts=("transfer",), purposes=("sexual_exploitation",))
    assert lawcheck.evaluate(statutes.instrument("palermo"), facts, statutes).verdict == "met"
    assert lawcheck.evaluate(statutes.instrument("vn-cc-150"), facts, statutes).verdict == "not_met"


def test_import_lawcheck_loads_no_stage():
    code = ("import sys, lawcheck; print(sorted(m for m in sys.modules "
            "if m.startswith('lawcheck') and m != 'lawcheck'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
