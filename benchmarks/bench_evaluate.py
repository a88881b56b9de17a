"""Benchmark: the evaluator against hand-written predicates, the explorer, and start-up time.

    python benchmarks/bench_evaluate.py [N] [--repeat R]

In one run, best of R:
  * N generated scenarios (default 100,000; benchmarks/generate.py, unknown facts included)
    against `palermo` and `vn-cc-150`: lawcheck's verdict (the function generated from the
    statute file, lawcheck.engine.codegen) against the predicates below, written by hand from the
    same texts. Both must agree on every scenario, else the benchmark stops. Reported as
    evaluations per second and as a ratio (aim: lawcheck no slower than 2x hand-written);
  * the same N scenarios against every provision of every instrument (verdicts), and the full
    evaluation with the element-by-element trace on N/10 of them, for scale;
  * `lawcheck explore` over all pairs of instruments, end to end (aim: under 2 s);
  * `lawcheck --version`, end to end (aim: under 0.3 s: imports are lazy).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import random_facts  # noqa: E402

# ----------------------------------------------------------------- hand-written predicates
# Palermo Protocol Art. 3(a), (c), (d), as statutes/palermo.law encodes it: `DEF` terms are
# listed, `OPEN` terms are open to interpretation (a court may or may not count them).
P_ACTS = frozenset({"recruitment", "transportation", "transfer", "harbouring", "receipt"})
P_MEANS_DEF = frozenset({"force", "threat_of_force", "other_coercion", "abduction", "fraud",
                         "deception", "abuse_of_power", "abuse_of_vulnerability",
                         "abuse_of_dependence", "payment_to_controller"})
P_MEANS_OPEN = frozenset({"drugging", "poisoning", "abuse_of_brokerage"})
P_PURP_DEF = frozenset({"prostitution_of_others", "sexual_exploitation",
                        "other_sexual_exploitation", "forced_labour",
                        "forced_services", "slavery", "servitude", "organ_removal"})
P_PURP_OPEN = frozenset({"forced_begging", "experiments", "other_inhumane_purpose",
                         "forced_marriage", "illegal_adoption"})

# Criminal Code Art. 150(1)(a)-(c), with Res. 02/2019 (statutes/vn-cc-2015.law).
V_HANDOVER_ACTS = frozenset({"transfer", "receipt"})
V_OTHER_ACTS = frozenset({"recruitment", "transportation", "harbouring"})
V_MEANS_DEF = frozenset({"force", "threat_of_force", "deception", "fraud", "abduction", "drugging",
                         "poisoning", "abuse_of_brokerage", "abuse_of_power",
                         "abuse_of_dependence", "abuse_of_vulnerability"})
V_MEANS_OPEN = frozenset({"other_coercion", "payment_to_controller"})
V_MONEY = frozenset({"material_benefit", "payment_for_person"})
V_EXPL_DEF = frozenset({"sexual_exploitation", "prostitution_of_others",
                        "other_sexual_exploitation", "forced_labour",
                        "organ_removal", "other_inhumane_purpose", "experiments",
                        "forced_begging"})
V_EXPL_OPEN = frozenset({"forced_services", "slavery", "servitude", "forced_marriage",
                         "illegal_adoption"})


def _ages(f, cut):
    lo, hi = f.age_range
    return (lo, cut) if lo < cut <= hi else (lo,)


def palermo(f) -> str:
    """Met if met for every age the facts allow with open means/purposes read as 'no';
    not met if not met for any of them read as 'yes'; else uncertain."""
    acts, means, purposes = set(f.acts), set(f.means), set(f.purposes)
    act = bool(acts & P_ACTS)
    means_sure, means_may = bool(means & P_MEANS_DEF), bool(means & (P_MEANS_DEF | P_MEANS_OPEN))
    purp_sure, purp_may = bool(purposes & P_PURP_DEF), bool(purposes & (P_PURP_DEF | P_PURP_OPEN))
    every, some = True, False
    for age in _ages(f, 18):
        child = age < 18
        if not (act and purp_sure and (means_sure or child)):
            every = False
        if act and purp_may and (means_may or child):
            some = True
    return "met" if every else "uncertain" if some else "not_met"


def art150(f) -> str:
    acts, means, purposes = set(f.acts), set(f.means), set(f.purposes)
    means_sure, means_may = bool(means & V_MEANS_DEF), bool(means & (V_MEANS_DEF | V_MEANS_OPEN))
    purp_sure = bool(purposes & (V_MONEY | V_EXPL_DEF))
    purp_may = bool(purposes & (V_MONEY | V_EXPL_DEF | V_EXPL_OPEN))
    handing = bool(acts & V_HANDOVER_ACTS)
    preparing = bool(acts & V_OTHER_ACTS)
    every, some = True, False
    for age in _ages(f, 16):
        adult = age >= 16
        act_sure = handing or (preparing and f.handover is True)
        act_may = handing or (preparing and f.handover is not False)
        if not (adult and act_sure and means_sure and purp_sure):
            every = False
        if adult and act_may and means_may and purp_may:
            some = True
    return "met" if every else "uncertain" if some else "not_met"


# ---------------------------------------------------------------------------------- runner

def best(fn, repeat):
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return min(out)


def wall(argv, repeat):
    def go():
        subprocess.run([sys.executable, "-m", "lawcheck", *argv], check=True,
                       stdout=subprocess.DEVNULL)
    return best(go, repeat)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from lawcheck.engine.evaluate import compile_instrument, evaluate, verdict
    from lawcheck import Facts
    from lawcheck import load_statutes

    statutes = load_statutes()
    vocab = statutes.vocabulary
    rng = random.Random(2026)
    t = time.perf_counter()
    scenarios = [Facts.model_validate(random_facts(rng, vocab)).resolved(vocab)
                 for _ in range(args.n)]
    made = time.perf_counter() - t

    pal, a150 = statutes.instrument("palermo"), statutes.instrument("vn-cc-150")
    for hand, inst in ((palermo, pal), (art150, a150)):
        for f in scenarios:
            mine = verdict(inst, f, statutes)
            if mine != hand(f):
                raise SystemExit(f"disagreement on {inst.id}: lawcheck {mine}, hand-written "
                                 f"{hand(f)} for {f}")
    fast = {i: compile_instrument(statutes.instrument(i), statutes).fast for i in statutes.ids}
    fp, f150 = fast["palermo"], fast["vn-cc-150"]

    def lawcheck_two():
        for f in scenarios:
            fp(f)
            f150(f)

    def hand_two():
        for f in scenarios:
            palermo(f)
            art150(f)

    def lawcheck_all():
        fs = tuple(fast.values())
        for f in scenarios:
            for fn in fs:
                fn(f)

    tenth = scenarios[: max(1, args.n // 10)]

    def traced():
        for f in tenth:
            for inst in statutes.instruments:
                evaluate(inst, f, statutes)

    t_mine, t_hand = best(lawcheck_two, args.repeat), best(hand_two, args.repeat)
    t_all = best(lawcheck_all, args.repeat)
    t_traced = best(traced, 1)
    n = args.n
    k = len(statutes.ids)
    print(f"Evaluator benchmark: {n:,} generated scenarios (made in {made:.1f} s; unknown facts "
          f"included), best of {args.repeat}; Python {sys.version.split()[0]}")
    print(f"  palermo + vn-cc-150, lawcheck (generated verdict functions): "
          f"{2 * n / t_mine:12,.0f} evaluations/s")
    print(f"  palermo + vn-cc-150, hand-written predicates:                "
          f"{2 * n / t_hand:12,.0f} evaluations/s")
    print(f"  ratio lawcheck time / hand-written time: {t_mine / t_hand:.2f} "
          f"(aim <= 2: {'yes' if t_mine / t_hand <= 2 else 'NO'}); the two agree on all "
          f"{2 * n:,} verdicts")
    print(f"  all {k} instruments, every provision (verdicts):  "
          f"{k * n / t_all:12,.0f} evaluations/s")
    print(f"  all {k} instruments with the full trace (evaluate, {len(tenth):,} scenarios): "
          f"{k * len(tenth) / t_traced:10,.0f} evaluations/s")
    from datetime import date

    from lawcheck.engine.run import in_force
    live = [i.id for i in statutes.instruments if in_force(i, date.today())]
    t_explore = wall(["explore"], args.repeat)
    t_version = wall(["--version"], max(args.repeat, 5))
    print(f"  lawcheck explore (the {len(live)} instruments in force today, "
          f"{len(live) * (len(live) - 1) // 2} pairs), end to end: {t_explore:.2f} s "
          f"(aim < 2 s: {'yes' if t_explore < 2 else 'NO'})")
    print(f"  lawcheck --version, end to end: {t_version:.3f} s "
          f"(aim < 0.3 s: {'yes' if t_version < 0.3 else 'NO'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
