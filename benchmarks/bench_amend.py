"""Benchmark: `lawcheck amend --rank` over the bundled proposals, against one `lawcheck explore`,
end to end as a user runs them (a separate process each time), measured in the same run.

    python benchmarks/bench_amend.py [--runs R] [--as-of DATE]

Runs the two commands R times each (default 5), interleaved, and prints the medians, their
ratio, and the aim of issue 11: `amend --rank` within (proposals + 1) times one explore (it
explores the law once and each amended law once, plus all of them together, but only the pairs
of an international instrument with a domestic one). Also times `lawcheck amend NAME` for one
proposal (the law and the amended law explored, and the bundled scenarios run on both).
Figures are printed, not judged (exit 0): timings depend on the machine and its load; the ratio
travels between machines better than the seconds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--as-of", default="2026-12-05")
    args = ap.parse_args()
    from lawcheck.resources import data_dir
    proposals = sorted(Path(data_dir("proposals")).glob("*.law"))
    lawcheck = [sys.executable, "-m", "lawcheck"]
    when = ["--as-of", args.as_of]
    commands = {
        "explore": lawcheck + ["explore", *when],
        "amend --rank": lawcheck + ["amend", "--rank", *when],
        "amend (one)": lawcheck + ["amend", proposals[0].stem, *when],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            times[name].append(timed(cmd))
    med = {k: statistics.median(v) for k, v in times.items()}
    base = med["explore"]
    print(f"{len(proposals)} bundled proposals; {args.runs} runs each, interleaved; medians:")
    for name, m in med.items():
        print(f"  {name:14} {m:6.2f} s   {m / base:5.2f}x explore")
    aim = len(proposals) + 1
    ratio = med["amend --rank"] / base
    print(f"aim: amend --rank <= {aim}x explore (proposals + 1); measured {ratio:.2f}x: "
          f"{'met' if ratio <= aim else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
