"""Stage 6e: an Exploration -> terminal text, the JSON document, and a case file of witnesses."""

from __future__ import annotations



import yaml

from lawcheck import __version__
from lawcheck.statute import model as m
from lawcheck.views.document import facts_doc
from lawcheck.engine.explore import Exploration, Region, Witness
from lawcheck.engine.elements import HandoverKind
from lawcheck.views.catalogue import say, table
from lawcheck.views.terminal import fill
from lawcheck.views.wording import Wording

VERDICT = table("verdict")


def ages(seg: tuple[int, int]) -> str:
    lo, hi = seg
    if lo == 0:
        return f"under {hi + 1}"
    if hi >= 130:
        return f"{lo} or over"
    return f"{lo}" if lo == hi else f"{lo} to {hi}"


def pattern_text(w: Witness, vocab: m.Vocabulary) -> str:
    p = w.pattern

    def names(xs, none):
        return ", ".join(vocab.label(x) for x in xs) or none
    parts = [f"victim {ages(p.segment)}", names(p.acts, "no act"), names(p.means, "no means"),
             names(p.purposes, "no purpose")]
    implied = {HandoverKind.flag: vocab.handover_acts}     # an act that is itself a handover
    parts += [say("pattern-flag", name) for name, value in p.flags
              if value and not set(p.acts) & implied.get(name, frozenset())]
    if w.facts.consent.movement:
        parts.append("the victim consents")
    return "; ".join(parts)


def _wrap(text: str, indent: str) -> str:
    return fill(text, indent)


def _verdicts(region: Region) -> str:
    a, b = region.between
    v = region.witness.verdicts
    return f"{a} {VERDICT[v[a]]}, {b} {VERDICT[v[b]]}"


def _reading(reading, numbers) -> str:
    return "; ".join(f"open point {numbers[q][0]}: {'yes' if v else 'no'}" for q, v in reading)


def text(e: Exploration, statutes: m.StatuteSet, as_of: str = "") -> str:
    from lawcheck.views.text import OpenPointRefs

    sp = e.space
    vocab = statutes.vocabulary
    refs = OpenPointRefs(statutes)
    wording = Wording.of(statutes, refs=refs)
    numbers = refs.numbers
    real = [r for r in e.regions if r.kind == "verdict"]
    lines = [f"Law as in force on {as_of}: {', '.join(sp.instruments)}."] if as_of else []
    lines += [
        f"Divergence explorer: {len(sp.instruments)} instruments; {e.patterns:,} fact patterns "
        f"(ages {', '.join(ages(s) for s in sp.segments)}; "
        + ", ".join(f"{len(sp.classes[k])} {k} classes" for k in ("act", "means", "purpose"))
        + "".join(f"; {say('space-flag', f)}" for f, *_ in sp.flags)
        + "). Exact: every divergence lies above a minimal "
          "witness listed here.",
        f"{len(real)} regions where verdicts diverge ({sum(r.robust for r in real)} under every "
        f"reading of the open points, {sum(not r.robust for r in real)} only under some); "
        f"{len(e.regions) - len(real)} more that the complementary article accounts for.",
        "◆ robust: the verdicts differ under every reading of the open points; "
        "~ reading-dependent: only under some (lawcheck explore --format json lists every "
        "witness; --save writes them as a case file).",
    ]
    lines = [_wrap(line, "") for line in lines]
    body: list[str] = []
    pair = None
    for r in real:
        if r.between != pair:
            pair = r.between
            body += ["", f"{pair[0]} / {pair[1]}"]
        how = "robust" if r.robust else "reading-dependent"
        n = len(r.witnesses)
        body.append(_wrap(f"{'◆' if r.robust else '~'} {r.cause} [{how}]: {_verdicts(r)}"
                          f"  ({n} minimal witness{'es' if n != 1 else ''})", "  "))
        body.append(_wrap("witness: " + pattern_text(r.witness, vocab), "      "))
        body.append(_wrap(wording.divergence(r.witness.divergence), "      "))
        if r.witness.readings:
            refs.used.update(q for reading in r.witness.readings for q, _ in reading)
            body.append(_wrap("diverges when: " + " | ".join(
                _reading(x, numbers) for x in r.witness.readings), "      "))
    if e.rules:
        body += ["", "Same verdicts, but a rule only one instrument has:"]
        for w in e.rules:
            d = w.divergence
            body.append(f"  {d.between[0]} / {d.between[1]} [{d.element}]")
            body.append(_wrap("witness: " + pattern_text(w, vocab), "      "))
            body.append(_wrap(wording.divergence(d), "      "))
    if refs.used:
        lines += ["", "Open points of law, referred to below by number:", *refs.stated()]
    lines += body
    return "\n".join(lines) + "\n"


def _witness_doc(w: Witness, wording: Wording) -> dict:
    return {"facts": facts_doc(w.facts.typed(wording.vocabulary)),
            "summary": pattern_text(w, wording.vocabulary),
            "verdicts": dict(w.verdicts), "explanation": wording.divergence(w.divergence),
            "diverges_when": [{q: v for q, v in r} for r in w.readings]}


def document(e: Exploration, statutes: m.StatuteSet) -> dict:
    sp = e.space
    wording = Wording.of(statutes)
    return {
        "lawcheck_version": __version__,
        "space": {
            "instruments": list(sp.instruments),
            "age_segments": [{"min": a, "max": b} for a, b in sp.segments],
            "classes": {k: [list(c.terms) for c in v] for k, v in sp.classes.items()},
            "max_classes_per_kind": dict(sp.sizes),
            "patterns": e.patterns,
        },
        "regions": [{"between": list(r.between), "kind": r.kind, "nearer_to_met": r.nearer,
                     "robust": r.robust, "cause": r.cause,
                     "witness_count": len(r.witnesses),
                     "witnesses": [_witness_doc(w, wording) for w in r.witnesses]}
                    for r in e.regions],
        "rules": [{"between": list(w.divergence.between), "rule": w.divergence.element,
                   **_witness_doc(w, wording)} for w in e.rules],
    }


def case_file(e: Exploration, statutes: m.StatuteSet, on=None) -> str:
    """One scenario per region (its first witness) and per rule, with the verdicts lawcheck
    gives on the date as expectations: a later change to a statute file that moves a divergence
    then shows as a failed expectation in `lawcheck run`. With `on` (an --as-of date), each
    scenario carries that date, so that a later run judges it by the same law."""
    vocab = statutes.vocabulary
    wording = Wording.of(statutes)
    scenarios = []
    seen: dict[str, int] = {}

    def add(w: Witness, label: str):
        base = f"explore-{w.divergence.between[0]}-{w.divergence.between[1]}-" \
               + label.replace(" ", "-")
        seen[base] = seen.get(base, 0) + 1
        sid = f"{base}-{seen[base]}"
        reason = (f"snapshot recorded by lawcheck explore {__version__}, not a reading of the "
                  f"law: {wording.divergence(w.divergence)}")
        facts = {k: v for k, v in facts_doc(w.facts).items()
                 if k in ("victim_age", "acts", "means", "purposes", "handover",
                          "humanitarian_purpose", "consent")}
        if on is not None:
            facts["date"] = on.isoformat()
        scenarios.append({
            "id": sid, "title": f"{w.divergence.between[0]} / {w.divergence.between[1]}, "
                                f"{label}: {pattern_text(w, vocab)}",
            "facts": facts,
            "expect": {i: {"verdict": v, "reason": reason} for i, v in sorted(w.verdicts.items())},
        })

    for r in e.regions:
        add(r.witness, f"{r.cause} {'robust' if r.robust else 'reading'}"
            + ("" if r.kind == "verdict" else " complemented"))
    for w in e.rules:
        add(w, f"rule {w.divergence.element}")
    header = ("# Witnesses written by `lawcheck explore --save`. The expectations are the verdicts\n"
              f"# lawcheck {__version__} gave when they were saved (a regression snapshot), not a\n"
              "# reading of the law. `lawcheck run THIS-FILE` shows any that a change has moved.\n")
    return header + yaml.safe_dump({"suite": "explored", "title": "Minimal divergence witnesses",
                                    "scenarios": scenarios}, allow_unicode=True, sort_keys=False,
                                   width=100)


def coverage_text(cov, statutes: m.StatuteSet) -> str:
    vocab = statutes.vocabulary
    n = len(cov.elements)
    untested = cov.untested
    never_held = [e for e in cov.elements if not e.holding]
    # Where both instruments are uncertain (on different open points), verdicts cannot show
    # the divergence: those regions are counted apart.
    both = [r for r in cov.regions if r.region.kind == "verdict" and r.region.nearer == "either"]
    real = [r for r in cov.regions if r.region.kind == "verdict" and r.region.nearer != "either"]
    shown = [r for r in real if r.scenarios]
    lines = [_wrap(f"Elements: {n - len(untested)} of {n} shown deciding by some scenario (the "
                   f"only element its limb fails on); {n - len(never_held)} of {n} shown holding "
                   "in a met limb.", "")]
    if untested:
        lines.append(_wrap("Not shown deciding (no verdict in these case files turns on them):",
                           ""))
        for e in untested:
            held = "shown holding" if e.holding else "never in a met limb"
            lines.append(_wrap(f"{e.instrument} {e.limb}: {e.element} [{e.citation}] ({held})",
                               "  "))
    lines += ["", _wrap(f"Divergence regions: {len(shown)} of {len(real)} demonstrated by some "
                        f"scenario (lawcheck explore lists them all); {len(both)} more where both "
                        "instruments are uncertain on different open points, which no verdict "
                        "can show.", "")]
    missing = [r for r in real if not r.scenarios]
    if missing:
        lines.append(_wrap("Not demonstrated (the explorer's minimal witness could be added as a "
                           "scenario; lawcheck explore --save writes them):", ""))
        for rc in missing:
            r = rc.region
            how = "robust" if r.robust else "reading-dependent"
            lines.append(_wrap(f"{r.between[0]} / {r.between[1]}, {r.cause} [{how}]: "
                               f"{_verdicts(r)}; witness: {pattern_text(r.witness, vocab)}", "  "))
    return "\n".join(lines) + "\n"


def coverage_document(cov) -> dict:
    return {
        "lawcheck_version": __version__,
        "elements": [{"instrument": e.instrument, "limb": e.limb, "element": e.element,
                      "citation": e.citation, "shown_deciding_by": list(e.deciding),
                      "shown_holding_by": list(e.holding)} for e in cov.elements],
        "regions": [{"between": list(rc.region.between), "kind": rc.region.kind,
                     "nearer_to_met": rc.region.nearer, "robust": rc.region.robust,
                     "cause": rc.region.cause, "demonstrated_by": list(rc.scenarios)}
                    for rc in cov.regions],
    }
