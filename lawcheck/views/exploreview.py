"""Stage 6e: an Exploration -> terminal text, the JSON document, and a case file of witnesses.
Every word comes from the wording catalogue (contexts explore, explore-case, coverage); a saved
case file's ids are built from codes, so that they do not change with the language."""

from __future__ import annotations

import yaml

from lawcheck import __version__
from lawcheck.statute import model as m
from lawcheck.views.document import facts_doc
from lawcheck.engine.explore import Exploration, Region, Witness
from lawcheck.engine.elements import HandoverKind
from lawcheck.views.catalogue import SOURCE_LANGUAGE
from lawcheck.views.terminal import fill
from lawcheck.views.wording import Wording

def ages(seg: tuple[int, int], wd: Wording) -> str:
    lo, hi = seg
    if lo == 0:
        return wd.say("ages", "under", years=hi + 1)
    if hi >= 130:
        return wd.say("ages", "over", years=lo)
    return f"{lo}" if lo == hi else wd.say("ages", "range", low=lo, high=hi)


def pattern_text(w: Witness, wd: Wording) -> str:
    """A witness's facts in a few words: "victim 16 to 17; transfer; no means; ..."."""
    p = w.pattern
    vocab = wd.vocabulary

    def names(xs, none):
        return ", ".join(vocab.label(x, wd.lang) for x in xs) or none
    parts = [wd.say("explore", "victim", ages=ages(p.segment, wd)),
             names(p.acts, wd.say("explore", "no-act")),
             names(p.means, wd.say("explore", "no-means")),
             names(p.purposes, wd.say("explore", "no-purpose"))]
    implied = {HandoverKind.flag: vocab.handover_acts}     # an act that is itself a handover
    parts += [wd.say("pattern-flag", name) for name, value in p.flags
              if value and not set(p.acts) & implied.get(name, frozenset())]
    if w.facts.consent.movement:
        parts.append(wd.say("explore", "consents"))
    return "; ".join(parts)


def _verdicts(region: Region, wd: Wording) -> str:
    a, b = region.between
    v = region.witness.verdicts
    return wd.say("explore", "verdicts", a=a, a_verdict=wd.verdict(v[a]), b=b,
                  b_verdict=wd.verdict(v[b]))


def _reading(reading, numbers, wd: Wording) -> str:
    return "; ".join(wd.say("explore", "reading",
                            point=wd.say("open-point", "ref", number=numbers[q][0]),
                            answer=wd.yes_no(v)) for q, v in reading)


def _how(region: Region, wd: Wording) -> str:
    """Whether the region holds under every reading of the open points, in words."""
    return wd.say("explore", "robust") if region.robust else \
        wd.say("explore", "reading-dependent")


def text(e: Exploration, statutes: m.StatuteSet, as_of: str = "",
         lang: str = SOURCE_LANGUAGE) -> str:
    from lawcheck.views.text import OpenPointRefs, statutes_line

    sp = e.space
    refs = OpenPointRefs(statutes, lang)
    wd = Wording.of(statutes, lang, refs=refs)
    numbers = refs.numbers
    real = [r for r in e.regions if r.kind == "verdict"]
    lines = statutes_line(wd) + ([wd.say("explore", "law-as-of", date=as_of,
                                          instruments=", ".join(sp.instruments))]
                                 if as_of else [])
    n = {kind: len(classes) for kind, classes in sp.classes.items()}
    classes = [wd.say("explore", "act-classes-one", n=1) if n["act"] == 1 else
               wd.say("explore", "act-classes-other", n=n["act"]),
               wd.say("explore", "means-classes-one", n=1) if n["means"] == 1 else
               wd.say("explore", "means-classes-other", n=n["means"]),
               wd.say("explore", "purpose-classes-one", n=1) if n["purpose"] == 1 else
               wd.say("explore", "purpose-classes-other", n=n["purpose"])]
    space = "; ".join([wd.say("explore", "ages", ages=", ".join(ages(s, wd)
                                                                for s in sp.segments)),
                       ", ".join(classes), *(wd.say("space-flag", f) for f, *_ in sp.flags)])
    k = len(sp.instruments)
    instruments = wd.say("explore", "instruments-one", n=k) if k == 1 else \
        wd.say("explore", "instruments-other", n=k)
    counts = dict(n=len(real), robust=sum(r.robust for r in real),
                  some=sum(not r.robust for r in real), more=len(e.regions) - len(real))
    marks = {True: wd.say("explore", "robust-mark"), False: wd.say("explore", "reading-mark")}
    lines += [
        wd.say("explore", "header", instruments=instruments, patterns=e.patterns, space=space),
        wd.say("explore", "regions-one", **counts) if len(real) == 1 else
        wd.say("explore", "regions-other", **counts),
        wd.say("explore", "legend", robust_mark=marks[True], robust=wd.say("explore", "robust"),
               reading_mark=marks[False], reading=wd.say("explore", "reading-dependent")),
    ]
    lines = [fill(line, "") for line in lines]
    body: list[str] = []
    pair = None
    for r in real:
        if r.between != pair:
            pair = r.between
            body += ["", wd.say("explore", "pair", a=pair[0], b=pair[1])]
        k = len(r.witnesses)
        p = dict(mark=marks[r.robust], cause=wd.say("cause-name", r.cause), how=_how(r, wd),
                 verdicts=_verdicts(r, wd), n=k)
        body.append(fill(wd.say("explore", "region-one", **p) if k == 1 else
                          wd.say("explore", "region-other", **p), "  "))
        body.append(fill(wd.say("explore", "witness", pattern=pattern_text(r.witness, wd)),
                          "      "))
        body.append(fill(wd.divergence(r.witness.divergence), "      "))
        if r.witness.readings:
            refs.used.update(q for reading in r.witness.readings for q, _ in reading)
            body.append(fill(wd.say("explore", "diverges-when", readings=" | ".join(
                _reading(x, numbers, wd) for x in r.witness.readings)), "      "))
    if e.rules:
        body += ["", wd.say("explore", "rules")]
        for w in e.rules:
            d = w.divergence
            body.append("  " + wd.say("explore", "rule", a=d.between[0], b=d.between[1],
                                      element=wd.say("cause-name", d.element)))
            body.append(fill(wd.say("explore", "witness", pattern=pattern_text(w, wd)),
                              "      "))
            body.append(fill(wd.divergence(d), "      "))
    if refs.used:
        lines += ["", wd.say("open-point", "heading"), *refs.stated()]
    lines += body
    return "\n".join(lines) + "\n"


def _witness_doc(w: Witness, wording: Wording) -> dict:
    return {"facts": facts_doc(w.facts.typed(wording.vocabulary)),
            "summary": pattern_text(w, wording),
            "verdicts": dict(w.verdicts), "explanation": wording.divergence(w.divergence),
            "diverges_when": [{q: v for q, v in r} for r in w.readings]}


def document(e: Exploration, statutes: m.StatuteSet, lang: str = SOURCE_LANGUAGE) -> dict:
    """`lawcheck explore --format json`: codes as they are, the worded fields (a witness's
    `summary` and `explanation`) in `lang`, which the document names."""
    sp = e.space
    from lawcheck.views.document import statutes_doc
    wording = Wording.of(statutes, lang)
    return {
        "lawcheck_version": __version__,
        "lang": lang,
        "statutes": statutes_doc(statutes),
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


def case_file(e: Exploration, statutes: m.StatuteSet, on=None,
              lang: str = SOURCE_LANGUAGE) -> str:
    """One scenario per region (its first witness) and per rule, with the verdicts lawcheck
    gives on the date as expectations: a later change to a statute file that moves a divergence
    then shows as a failed expectation in `lawcheck run`. With `on` (an --as-of date), each
    scenario carries that date, so that a later run judges it by the same law. Its titles,
    reasons and header are in `lang`; its ids are codes."""
    wd = Wording.of(statutes, lang)
    scenarios = []
    seen: dict[str, int] = {}

    def add(w: Witness, key: str, label: str):
        """`key`: the scenario's id, from codes; `label`: the same in words, for its title."""
        a, b = w.divergence.between
        base = f"explore-{a}-{b}-" + key.replace(" ", "-")
        seen[base] = seen.get(base, 0) + 1
        sid = f"{base}-{seen[base]}"
        reason = wd.say("explore-case", "reason", version=__version__,
                        explanation=wd.divergence(w.divergence))
        facts = {k: v for k, v in facts_doc(w.facts).items()
                 if k in ("victim_age", "acts", "means", "purposes", "handover",
                          "humanitarian_purpose", "consent")}
        if on is not None:
            facts["date"] = on.isoformat()
        scenarios.append({
            "id": sid, "title": wd.say("explore-case", "title", a=a, b=b, label=label,
                                       pattern=pattern_text(w, wd)),
            "facts": facts,
            "expect": {i: {"verdict": v, "reason": reason} for i, v in sorted(w.verdicts.items())},
        })

    for r in e.regions:
        # the id's words are codes (an id does not change with the language)
        key = f"{r.cause} {'robust' if r.robust else 'reading'}" \
            + ("" if r.kind == "verdict" else " complemented")
        cause = wd.say("cause-name", r.cause)
        if r.kind == "verdict":
            label = wd.say("explore-case", "robust", cause=cause) if r.robust else \
                wd.say("explore-case", "reading", cause=cause)
        else:
            label = wd.say("explore-case", "robust-complemented", cause=cause) if r.robust \
                else wd.say("explore-case", "reading-complemented", cause=cause)
        add(r.witness, key, label)
    for w in e.rules:
        element = w.divergence.element
        add(w, f"rule {element}", wd.say("explore-case", "rule",
                                         rule=wd.say("cause-name", element)))
    header = "".join(f"# {line}\n" for line in
                     wd.say("explore-case", "header", version=__version__).split("\n"))
    return header + yaml.safe_dump({"suite": "explored",
                                    "title": wd.say("explore-case", "suite-title"),
                                    "scenarios": scenarios}, allow_unicode=True, sort_keys=False,
                                   width=100)


def coverage_text(cov, statutes: m.StatuteSet, lang: str = SOURCE_LANGUAGE) -> str:
    from lawcheck.views.text import statutes_line
    wd = Wording.of(statutes, lang)
    n = len(cov.elements)
    untested = cov.untested
    never_held = [e for e in cov.elements if not e.holding]
    # Where both instruments are uncertain (on different open points), verdicts cannot show
    # the divergence: those regions are counted apart.
    both = [r for r in cov.regions if r.region.kind == "verdict" and r.region.nearer == "either"]
    real = [r for r in cov.regions if r.region.kind == "verdict" and r.region.nearer != "either"]
    shown = [r for r in real if r.scenarios]
    lines = [*statutes_line(wd),
             fill(wd.say("coverage", "elements", n=n, deciding=n - len(untested),
                         holding=n - len(never_held)), "")]
    if untested:
        lines.append(fill(wd.say("coverage", "untested"), ""))
        for e in untested:
            p = dict(instrument=e.instrument, limb=e.limb, element=e.name(wd.lang),
                     citation=e.citation)
            lines.append(fill(wd.say("coverage", "element-holding", **p) if e.holding else
                               wd.say("coverage", "element-never-held", **p), "  "))
    lines += ["", fill(wd.say("coverage", "regions", shown=len(shown), n=len(real),
                               both=len(both)), "")]
    missing = [r for r in real if not r.scenarios]
    if missing:
        lines.append(fill(wd.say("coverage", "missing"), ""))
        for rc in missing:
            r = rc.region
            lines.append(fill(wd.say("coverage", "region", a=r.between[0], b=r.between[1],
                                      cause=wd.say("cause-name", r.cause), how=_how(r, wd),
                                      verdicts=_verdicts(r, wd),
                                      pattern=pattern_text(r.witness, wd)), "  "))
    return "\n".join(lines) + "\n"


def coverage_document(cov, lang: str = SOURCE_LANGUAGE,
                      statutes: m.StatuteSet | None = None) -> dict:
    """`lawcheck coverage --format json`: an element's name in `lang`, which the document
    names; everything else codes and data; which statutes were used (`statutes`)."""
    from lawcheck.views.document import statutes_doc
    return {
        "lawcheck_version": __version__,
        "lang": lang,
        "statutes": statutes_doc(statutes) if statutes is not None else None,
        "elements": [{"instrument": e.instrument, "limb": e.limb, "element": e.name(lang),
                      "citation": e.citation, "shown_deciding_by": list(e.deciding),
                      "shown_holding_by": list(e.holding)} for e in cov.elements],
        "regions": [{"between": list(rc.region.between), "kind": rc.region.kind,
                     "nearer_to_met": rc.region.nearer, "robust": rc.region.robust,
                     "cause": rc.region.cause, "demonstrated_by": list(rc.scenarios)}
                    for rc in cov.regions],
    }
