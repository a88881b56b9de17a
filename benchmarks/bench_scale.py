"""Benchmark: lawcheck on large generated suites (1,000, 10,000 and 100,000 scenarios).

    python benchmarks/bench_scale.py [N ...] [--commands run,jsonl,report]

For each suite size N, one generated case file (benchmarks/generate.py, a fixed seed), and for
each command, as a user runs it (a separate process):
  * wall time and peak memory (resident set size, from the operating system);
  * the time per scenario, and as a ratio to the baseline measured in the same run: the
    generated verdict functions alone on the same scenarios (8 instruments each), which is what
    a run must at least do;
  * the memory slope between sizes (MB per 10,000 scenarios): flat is 0.
Aims (issue 13), on the 2-core reference machine: 100,000 scenarios `run` under 15 s and
`--format jsonl` under 30 s, peak memory under 300 MB and flat from 10,000 to 100,000; the
report for 1,000 scenarios under 1 s. Figures are printed, not judged.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "run": ["run", "{file}"],
    "jsonl": ["run", "{file}", "--format", "jsonl"],
    "json": ["run", "{file}", "--format", "json"],
    "report": ["report", "{file}", "-o", "{out}"],
}


def measure(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one lawcheck process (its own resource usage, from
    wait4)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    start = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "lawcheck", *argv], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    p.returncode = code
    if code not in (0, 1):
        raise SystemExit(f"lawcheck {' '.join(argv)} failed with exit {code}")
    return wall, usage.ru_maxrss / 1024


def baseline(file: Path) -> float:
    """Seconds for the generated verdict functions alone on every scenario and instrument
    (the suite already loaded): the floor a run cannot go below. Measured in a child process,
    so that this process stays small: a child's peak memory counts the pages it inherits."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([sys.executable, __file__, "--baseline", str(file)], env=env,
                         capture_output=True, text=True, check=True).stdout
    return float(out.strip())


def _baseline_here(file: Path) -> float:
    from lawcheck.engine.evaluate import compile_instrument
    from lawcheck import load_suites
    from lawcheck import load_statutes

    statutes = load_statutes()
    facts = [sc.facts for s in load_suites([file], statutes) for sc in s.scenarios]
    fast = [compile_instrument(i, statutes).fast for i in statutes.instruments]
    start = time.perf_counter()
    for f in facts:
        for verdict in fast:
            verdict(f, f.date)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    ap.add_argument("--commands", default="run,jsonl,report",
                    help="comma-separated, from: " + ", ".join(COMMANDS))
    ap.add_argument("--baseline", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.baseline:
        print(_baseline_here(args.baseline))
        return 0
    commands = args.commands.split(",")
    rows, peaks = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(args.sizes):
            file = Path(tmp) / f"g{n}.yaml"
            # generated in a child process: this one stays small, since a child's peak memory
            # counts the pages it inherits when it starts
            with file.open("w", encoding="utf-8") as fh:
                subprocess.run([sys.executable, str(Path(__file__).parent / "generate.py"),
                                str(n)], stdout=fh, check=True)
            floor = baseline(file)
            for cmd in commands:
                if cmd == "report" and n > 10000:
                    continue
                argv = [a.format(file=file, out=Path(tmp) / "r.html") for a in COMMANDS[cmd]]
                if n > 10000:
                    argv += ["--max-file-size", "1G"]
                wall, peak = measure(argv)
                peaks.setdefault(cmd, []).append((n, peak))
                rows.append((cmd, n, wall, peak, wall / n * 1e6, wall / floor if floor else 0))
    print(f"{'command':8} {'scenarios':>10} {'wall s':>8} {'peak MB':>8} {'µs/scenario':>12} "
          f"{'x verdict functions':>20}")
    for cmd, n, wall, peak, per, ratio in rows:
        print(f"{cmd:8} {n:>10,} {wall:>8.2f} {peak:>8.0f} {per:>12.0f} {ratio:>20.0f}")
    for cmd, points in peaks.items():
        if len(points) >= 2:
            (n0, p0), (n1, p1) = points[-2], points[-1]
            print(f"memory slope, {cmd}: {(p1 - p0) / (n1 - n0) * 10000:.1f} MB per 10,000 "
                  f"scenarios (from {n0:,} to {n1:,})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
