"""Benchmark: the HTML report for N generated scenarios (default 1,000) across all instruments.

    python benchmarks/bench_report.py [N] [--repeat R]

Measures, best of R runs, in one process run:
  * end to end, as a user runs it: `lawcheck report FILE -o OUT` against the baseline
    `lawcheck run FILE --format json` (the same evaluation, written as the JSON document);
  * the report stage alone (view model + template + write) against the JSON stage alone
    (document + dumps), on the same evaluated results;
  * the page's size in bytes.
Aims (issue 3): under 2 s and under 5 MB for 1,000 scenarios on the 2-core reference machine.
Figures are ratios against the baseline measured in the same run, so they travel between machines.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import case_file  # noqa: E402


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=1000, help="number of scenarios")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--strict", action="store_true", help="exit 1 when an aim is missed")
    args = ap.parse_args()

    from lawcheck.views import html, reportview
    from lawcheck.views.document import dumps, run_doc
    from lawcheck import run
    from lawcheck import load_suites
    from lawcheck import load_statutes

    statutes = load_statutes()
    with tempfile.TemporaryDirectory() as tmp:
        cases = Path(tmp) / "generated.yaml"
        cases.write_text(case_file(args.n, vocab=statutes.vocabulary), encoding="utf-8")
        out = Path(tmp) / "report.html"
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

        def cli(*argv):
            p = subprocess.run([sys.executable, "-m", "lawcheck", *argv], cwd=tmp, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if p.returncode not in (0, 1):
                raise SystemExit(f"lawcheck {' '.join(argv)} failed:\n{p.stderr}")

        e2e_json = best(lambda: cli("run", str(cases), "--format", "json"), args.repeat)
        e2e_report = best(lambda: cli("report", str(cases), "-o", str(out)), args.repeat)
        size = out.stat().st_size

        result = run(statutes, load_suites([cases], statutes))
        stage_json = best(lambda: dumps(run_doc(result)), args.repeat)
        stage_report = best(lambda: html.write(html.render(reportview.build(result)), out),
                            args.repeat)
        json_size = len(dumps(run_doc(result)).encode("utf-8"))

    n = args.n
    print(f"HTML report benchmark: {n:,} generated scenarios x {len(statutes.ids)} instruments "
          f"(best of {args.repeat}; Python {sys.version.split()[0]})")
    print(f"  end to end  lawcheck report        {e2e_report:6.2f} s   "
          f"(aim < 2 s: {'yes' if e2e_report < 2 else 'NO'})")
    print(f"              lawcheck run --format json {e2e_json:6.2f} s   baseline")
    print(f"              ratio report / json    {e2e_report / e2e_json:6.2f}")
    print(f"  stage only  view + template + write {stage_report:6.2f} s")
    print(f"              JSON document + dumps  {stage_json:6.2f} s   baseline")
    print(f"              ratio report / json    {stage_report / stage_json:6.2f}")
    print(f"  page size   {size:,} bytes ({size / 1e6:.2f} MB; aim < 5 MB: "
          f"{'yes' if size < 5e6 else 'NO'}); JSON document {json_size:,} bytes; "
          f"ratio {size / json_size:.2f}")
    return 1 if args.strict and (e2e_report >= 2 or size >= 5e6) else 0


if __name__ == "__main__":
    raise SystemExit(main())
