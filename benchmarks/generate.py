"""Generated scenarios for the benchmarks: random but reproducible (a fixed seed), valid facts.

    python benchmarks/generate.py 1000 > big.yaml     # a case file lawcheck accepts
"""

from __future__ import annotations

import random
import sys

import yaml

from lawcheck.statute.model import Vocabulary
from lawcheck import load_statutes

TRI = (True, False, "unknown")


def random_facts(rng: random.Random, vocab: Vocabulary) -> dict:
    """One scenario's facts as a case file writes them."""
    def some(kind, lo=0, hi=3):
        names = vocab.names(kind)
        return rng.sample(names, rng.randint(lo, min(hi, len(names))))

    acts = some("act", 1)
    facts = {"victim_age": rng.choice([rng.randint(0, 40), rng.randint(14, 19), "unknown"]),
             "acts": acts, "means": some("means"), "purposes": some("purpose", 0, 2)}
    if not set(acts) & vocab.handover_acts:
        facts["handover"] = rng.choice(TRI)
    facts["consent"] = {"movement": rng.choice(TRI), "exploitation": rng.choice(TRI)}
    facts["border"] = rng.choice([*vocab.border_values, "unknown"])
    facts["humanitarian_purpose"] = rng.choice((False, False, False, True, "unknown"))
    facts["organized_criminal_group"] = rng.choice(TRI)
    return facts


def case_file(n: int, seed: int = 2026, vocab: Vocabulary | None = None) -> str:
    """A suite of `n` generated scenarios, as YAML text."""
    vocab = vocab or load_statutes().vocabulary
    rng = random.Random(seed)
    scenarios = [{"id": f"generated-{i:06d}", "title": f"Generated scenario {i} (seed {seed})",
                  "facts": random_facts(rng, vocab)} for i in range(n)]
    return yaml.safe_dump({"suite": "generated", "title": f"{n} generated scenarios",
                           "scenarios": scenarios}, allow_unicode=True, sort_keys=False)


if __name__ == "__main__":
    sys.stdout.write(case_file(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
