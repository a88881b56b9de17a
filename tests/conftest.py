"""Shared fixtures: the bundled statutes and suites, and a helper that runs the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lawcheck.resources import data_dir

REPO = Path(__file__).resolve().parent.parent
from lawcheck import load_suites
from lawcheck import load_statutes


pytest_plugins = ["pytester"]

# test inputs and outputs, not tests (the case files there are read by the tests that need them)
collect_ignore = ["fixtures", "golden", "actual"]


def pytest_addoption(parser):
    parser.addoption("--full", action="store_true",
                     help="also run the tests marked slow or browser (CI runs everything)")


def pytest_collection_modifyitems(config, items):
    """Plain `pytest` leaves out the slow and browser tests (under a minute on 2 cores); `--full`,
    or an explicit `-m`, decides otherwise."""
    if config.getoption("--full") or config.getoption("-m"):
        return
    kept, left = [], []
    for item in items:
        (left if item.get_closest_marker("slow") or item.get_closest_marker("browser")
         else kept).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept
        config._lawcheck_left_out = len(left)


def pytest_report_header(config):
    if not config.getoption("--full") and not config.getoption("-m"):
        return "lawcheck: slow and browser tests left out (pytest --full runs them, as CI does)"


@pytest.fixture(scope="session")
def statutes():
    return load_statutes()


@pytest.fixture(scope="session")
def suites(statutes):
    return load_suites(None, statutes)


@pytest.fixture(scope="session")
def bundled_statute_dir() -> Path:
    return data_dir("statutes")


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m lawcheck ARGS` in a separate process, as a user would."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, "-m", "lawcheck", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


@pytest.fixture
def cli():
    return run_cli
