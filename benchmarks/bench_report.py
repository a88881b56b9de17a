"""Benchmark: the HTML report for N generated scenarios (default 1,000), end to end, and the page
in headless Chromium.

    python benchmarks/bench_report.py [N] [--runs R] [--no-browser]

Measures, in one run:
  * end to end, as a user runs it (a separate process each time): `lawcheck report FILE -o OUT`
    against the baseline `lawcheck run FILE --format json` (the same evaluation, written as the
    JSON document), R runs of each, interleaved, the medians and their ratio;
  * the report's view stage alone (view model + template + write, on results already traced)
    against the JSON stage alone (document + dumps): what the writers themselves cost;
  * the page: its size, the size of the matrix's data (the reasoning behind the cells, each
    distinct reasoning once) and how many cells share a reasoning;
  * in headless Chromium (Debian's chromium + chromium-driver, driven by selenium as
    tests/test_report_browser.py does): the time to interactive (the page parsed and its
    script run: DOMContentLoaded ended), the page's elements, and, R times on a freshly
    opened page scrolled to the matrix, the time of opening one cell, of Expand all and of
    Collapse all (a click until the browser has drawn the next frame, and the CPU time of the
    page's main thread meanwhile, which the machine's load disturbs less) and of the "only
    divergent" filter; the medians.
Aims (issue 10): report <= 0.5x the JSON run, page <= 3 MB, Expand all and Collapse all under
1 s. Figures are printed, not judged (exit 0): timings depend on the machine and its load; the
ratio travels between machines better than the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import case_file  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# as tests/test_report_browser.py starts it
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--window-size=1440,900")

# The matrix on the screen, as a reader clicking its buttons sees it, drawn (two frames).
IN_VIEW = """
    var done = arguments[arguments.length - 1];
    document.querySelector('.matrix-box').scrollIntoView();
    requestAnimationFrame(function () { requestAnimationFrame(function () {
      setTimeout(done, 50); }); });
"""
# A click, timed until the browser has drawn the next frame (script, style, layout, paint).
TIMED_CLICK = """
    var done = arguments[arguments.length - 1];
    var target = typeof arguments[0] === "string" ? document.getElementById(arguments[0])
                                                  : arguments[0];
    var start = performance.now();
    target.click();
    requestAnimationFrame(function () {
      setTimeout(function () { done(performance.now() - start); }, 0); });
"""


def timed(argv: list[str], cwd: str) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    start = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "lawcheck", *argv], cwd=cwd, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if p.returncode not in (0, 1):
        raise SystemExit(f"lawcheck {' '.join(argv)} failed:\n{p.stderr}")
    return seconds


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def page_data(page: Path) -> dict:
    """What the page's matrix holds: its cells with a reasoning, the distinct reasonings."""
    text = page.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="matrix-data">(.*?)</script>', text,
                      flags=re.S)
    data = json.loads(found.group(1)) if found else {"lines": [], "reasonings": []}
    cells = re.findall(r'<td class="v-[a-z_ ]+"><button aria-expanded="false" data-r="(\d+)"',
                       text)
    return {"data_bytes": len(found.group(1).encode("utf-8")) if found else 0,
            "cells": len(cells), "cell_reasonings": len(set(cells)),
            "reasonings": len(data["reasonings"]), "lines": len(data["lines"])}


def browser_figures(page: Path, runs: int) -> dict | str:
    """The page in headless Chromium, or why it cannot be measured here."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    for what, path in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)):
        if not Path(path).exists():
            return f"no {what} at {path}"
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in FLAGS:
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_script_timeout(300)
    out: dict[str, list] = {k: [] for k in ("interactive", "loaded", "open", "expand",
                                            "collapse", "filter", "expand_cpu",
                                            "collapse_cpu")}
    driver.execute_cdp_cmd("Performance.enable", {})

    def cpu() -> float:
        """The renderer's main thread's CPU time so far, in ms (DevTools protocol)."""
        metrics = driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
        return 1000 * next(m["value"] for m in metrics if m["name"] == "ThreadTime")

    def timed_click(target) -> tuple[float, float]:
        before = cpu()
        wall = driver.execute_async_script(TIMED_CLICK, target)
        return wall, cpu() - before

    try:
        for _ in range(runs):
            driver.get("about:blank")
            driver.get(page.as_uri())
            WebDriverWait(driver, 120).until(lambda d: d.execute_script(
                "return document.readyState === 'complete'"))
            nav = driver.execute_script("""
                var n = performance.getEntriesByType('navigation')[0];
                return [n.domContentLoadedEventEnd, n.loadEventEnd,
                        document.getElementsByTagName('*').length]""")
            out["interactive"].append(nav[0])
            out["loaded"].append(nav[1])
            elements = nav[2]
            driver.execute_async_script(IN_VIEW)
            cell = driver.execute_script(
                "return document.querySelector('table.matrix td button[data-r]')")
            out["open"].append(driver.execute_async_script(TIMED_CLICK, cell))
            driver.execute_async_script(TIMED_CLICK, cell)          # shut it again
            wall, used = timed_click("expand")
            out["expand"].append(wall)
            out["expand_cpu"].append(used)
            opened = driver.execute_script(
                "return document.querySelectorAll('table.matrix .r').length")
            expanded = driver.execute_script(
                "return document.getElementsByTagName('*').length")
            wall, used = timed_click("collapse")
            out["collapse"].append(wall)
            out["collapse_cpu"].append(used)
            out["filter"].append(driver.execute_async_script(TIMED_CLICK, "only-divergent"))
    finally:
        driver.quit()
    figures = {k: statistics.median(v) for k, v in out.items()}
    figures.update(elements=elements, expanded=expanded, opened=opened)
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=1000, help="number of scenarios")
    ap.add_argument("--runs", type=int, default=5, help="runs of each measurement (median)")
    ap.add_argument("--no-browser", action="store_true", help="leave out Chromium")
    args = ap.parse_args()

    from lawcheck import load_statutes, load_suites, run
    from lawcheck.views import html, reportview
    from lawcheck.views.document import dumps, run_doc

    statutes = load_statutes()
    with tempfile.TemporaryDirectory() as tmp:
        cases = Path(tmp) / "generated.yaml"
        cases.write_text(case_file(args.n, vocab=statutes.vocabulary), encoding="utf-8")
        page = Path(tmp) / "report.html"
        e2e: dict[str, list[float]] = {"report": [], "json": []}
        for _ in range(args.runs):            # interleaved: both see the same machine load
            e2e["json"].append(timed(["run", str(cases), "--format", "json"], tmp))
            e2e["report"].append(timed(["report", str(cases), "-o", str(page)], tmp))
        size = page.stat().st_size
        held = page_data(page)

        # as the CLI runs it: the law as of today
        result = run(statutes, load_suites([cases], statutes), date.today())
        reportview.build(result)              # traces the results the view reads, once
        stage_json = best(lambda: dumps(run_doc(result)), args.runs)
        stage_report = best(lambda: html.write(html.render(reportview.build(result)),
                                               Path(tmp) / "stage.html"), args.runs)
        shown = None if args.no_browser else browser_figures(page, args.runs)

    report, baseline = statistics.median(e2e["report"]), statistics.median(e2e["json"])
    n = args.n
    print(f"HTML report benchmark: {n:,} generated scenarios x {len(statutes.ids)} instruments "
          f"(medians of {args.runs} runs; Python {sys.version.split()[0]}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    rows = [
        ("end to end", "lawcheck report", f"{report:.2f} s", ""),
        ("", "lawcheck run --format json", f"{baseline:.2f} s", "baseline"),
        ("", "ratio report / json", f"{report / baseline:.2f}", "aim <= 0.5"),
        ("view only", "view + template + write", f"{stage_report:.2f} s",
         "traces already built (best)"),
        ("", "JSON document + dumps", f"{stage_json:.2f} s", "baseline (best)"),
        ("page", "size", f"{size / 1e6:.2f} MB", "aim <= 3 MB"),
        ("", "matrix data (JSON)", f"{held['data_bytes'] / 1e6:.2f} MB",
         f"{held['lines']:,} distinct lines"),
        ("", "cells with a reasoning", f"{held['cells']:,}",
         f"{held['cell_reasonings']:,} distinct reasonings among them "
         f"({held['cells'] / max(held['cell_reasonings'], 1):.1f} cells each)"),
    ]
    if isinstance(shown, dict):
        rows += [
            ("Chromium", "time to interactive", f"{shown['interactive']:,.0f} ms",
             f"DOMContentLoaded ended; load ended {shown['loaded']:,.0f} ms"),
            ("", "elements", f"{shown['elements']:,}",
             f"{shown['expanded']:,} with every cell open"),
            ("", "open one cell", f"{shown['open']:,.0f} ms", "click to next frame"),
            ("", "Expand all", f"{shown['expand']:,.0f} ms",
             f"{shown['opened']:,} cells; main thread CPU {shown['expand_cpu']:,.0f} ms; "
             "aim < 1,000 ms"),
            ("", "Collapse all", f"{shown['collapse']:,.0f} ms",
             f"main thread CPU {shown['collapse_cpu']:,.0f} ms; aim < 1,000 ms"),
            ("", "filter: only divergent", f"{shown['filter']:,.0f} ms", ""),
        ]
    elif shown:
        rows.append(("Chromium", "not measured", "", shown))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for r in rows:
        print(f"  {r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]}".rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
