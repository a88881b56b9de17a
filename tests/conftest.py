"""Shared fixtures: the bundled statutes and suites, and a helper that runs the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lawcheck.resources import data_dir
from lawcheck.scenarios import load_suites
from lawcheck.statutes import load_statutes


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
