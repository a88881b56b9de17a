"""Stage 6a: results -> the documented JSON document (docs/json-format.md). Plain data, stable order."""

from __future__ import annotations

import json
from typing import Callable, Iterable

from lawcheck import __version__
from lawcheck.statute import model as m
from lawcheck.engine.evaluate import ElementResult, InstrumentResult
from lawcheck.engine.run import RunResult, ScenarioResult, Tally
from lawcheck.scenarios import Facts
from lawcheck.views.catalogue import SOURCE_LANGUAGE, say
from lawcheck.views.wording import Wording

# 2: a result carries its element-by-element trace (provision, limb, citation, elements, notes,
# limbs) only with --trace; `--format jsonl` added
SCHEMA_VERSION = 2


def _date(d):
    return d.isoformat() if d else None


def words(ws, lang: str = SOURCE_LANGUAGE) -> list[dict]:
    """The law's own words, each in its language, with its confidence mark (a code) and that
    mark in a reader's words in the document's language (`lang`). Words the bundled statutes
    do not quote so are marked `supplied`, with the mark they claim as `claimed`."""
    out = []
    for w in ws:
        said = {"lang": w.lang, "text": w.text, "confidence": w.mark}
        if w.supplied:
            said["claimed"] = w.confidence
        said["confidence_label"] = say("confidence", w.mark, lang)
        out.append(said)
    return out


def instrument_doc(inst: m.Instrument, w: Wording) -> dict:
    return {
        "id": inst.id, "title": inst.title, "short": inst.short, "kind": inst.kind,
        "jurisdiction": inst.jurisdiction, "citation": inst.citation, "source": inst.source,
        "in_force_from": _date(inst.in_force_from), "in_force_to": _date(inst.in_force_to),
        "confidence": inst.confidence, "unverified": inst.unverified,
        "not_encoded": [{"from": _date(g.start), "to": _date(g.end), "text": g.text}
                        for g in inst.not_encoded],
        "bound": ({"party": inst.bound.party, "from": _date(inst.bound.since),
                   "source": inst.bound.source} if inst.bound else None),
        "notes": list(inst.notes),
        "provisions": [{
            "id": p.id, "citation": p.citation,
            "in_force_from": _date(inst.in_force_from), "in_force_to": _date(inst.in_force_to),
            "confidence": p.confidence,
            "texts": [{"citation": t.citation, "words": words(t.words, w.lang)} for t in p.texts],
            "limbs": [{"id": lb.id, "citation": lb.citation} for lb in p.limbs],
            "penalties": [{"citation": x.citation, "kind": x.kind, "min_years": x.low,
                           "max_years": x.high, "life": x.life, "sentence": w.sentence(x),
                           "words": words(x.words, w.lang),
                           "aggravating": [{"name": a.name, "describe": w.circumstance(a),
                                            "citation": a.citation, "words": words(a.words, w.lang),
                                            "open": a.open_question,
                                            "also": [{"kind": k, "term": t} for k, t in a.also],
                                            "maybe": [{"kind": k, "term": t} for k, t in a.maybe],
                                            "maybe_question": a.maybe_question}
                                           for a in x.aggravations]} for x in p.penalties],
            "notes": list(p.notes),
        } for p in inst.provisions],
    }


def facts_doc(f: Facts) -> dict:
    """The facts as a case file would write them: an unknown fact as "unknown"."""
    def spell(key, value):
        if isinstance(value, dict):
            return {k: spell(k, v) for k, v in value.items()}
        return "unknown" if value is None and key != "date" else value
    return spell("", f.model_dump(mode="json"))


def element_doc(e: ElementResult, w: Wording) -> dict:
    return {"name": w.element_name(e), "type": e.type, "category": e.category,
            "status": e.status, "fact": w.fact(e), "requirement": w.requirement(e),
            "citation": e.citation,
            "words": words(e.words, w.lang), "questions": list(e.questions), "note": e.note}


def _penalty(p, w: Wording) -> dict | None:
    return None if p is None else {
        "clause": p.clause, "sentence": w.sentence(p.bracket), "grounds": w.grounds(p),
        "possible": w.possible(p), "additional": list(p.additional)}


def _short_reasons(r, points: dict, w: Wording) -> list[dict]:
    """Reasons with an open point of law named by its number in the document's `open_points`
    (the question is written once there, not in every result)."""
    out = []
    for x in r.reasons:
        if x.kind == "open_law" and x.variable in points:
            out.append({"kind": x.kind, "open_point": points[x.variable][0],
                        "citation": x.citation, "detail": w.detail(x)})
        else:
            out.append({"kind": x.kind, "subject": w.subject(x), "citation": x.citation,
                        "detail": w.detail(x)})
    return out


def verdict_doc(r, points: dict, w: Wording) -> dict:
    """A result without its trace: the verdict, why it is uncertain, the penalty bracket."""
    return {"verdict": r.verdict, "reasons": _short_reasons(r, points, w),
            "penalty": _penalty(r.penalty, w)}


def result_doc(r: InstrumentResult, w: Wording) -> dict:
    return {
        "verdict": r.verdict,
        "provision": r.limb.provision,
        "limb": r.limb.limb,
        "citation": r.limb.citation,
        "elements": [element_doc(e, w) for e in r.limb.elements],
        "reasons": [{"kind": x.kind, "subject": w.subject(x), "citation": x.citation,
                     "detail": w.detail(x), "text": w.reason(x)} for x in r.reasons],
        "notes": [{"rule": n.rule, "citation": n.citation, "text": w.note(n)} for n in r.notes],
        "penalty": _penalty(r.penalty, w),
        "limbs": [{"provision": t.provision, "limb": t.limb, "citation": t.citation,
                   "status": t.status} for t in r.limbs],
    }


def scenario_doc(s: ScenarioResult, w: Wording, trace: bool = True,
                 points: dict | None = None) -> dict:
    sc = s.scenario
    result = (lambda r: result_doc(r, w)) if trace else (lambda r: verdict_doc(r, points or {}, w))
    return {
        "id": sc.id, "title": sc.title, "suite": sc.suite,
        "source": {"file": sc.span.file, "line": sc.span.line},
        "facts": facts_doc(sc.facts),
        "law_as_of": _date(s.when),
        "results": {k: {**result(v), "in_force": k in s.in_force}
                    for k, v in sorted(s.results.items())},
        "divergences": [{"between": list(d.between), "kind": d.kind, "element": d.element,
                         **({"explanation": w.divergence(d)} if trace else {})}
                        for d in s.divergences],
        "expectations": {
            "checked": len(sc.expect) - len(s.skipped),
            "not_checked_not_in_force": list(s.skipped),
            "passed": s.passed,
            "expected": {k: {"verdict": v.at(s.when).verdict, "reason": v.at(s.when).reason,
                             "penalty": v.at(s.when).penalty,
                             "changes": [{"since": _date(c.since), "verdict": c.verdict,
                                          "reason": c.reason, "penalty": c.penalty}
                                         for c in v.changes]}
                         for k, v in sorted(sc.expect.items())},
            "mismatches": [{"instrument": x.instrument, "expected": x.expected,
                            "actual": x.actual, "expected_reason": x.expected_reason,
                            "explanation": w.mismatch(x)} for x in s.mismatches],
        },
    }


def _head(statutes: m.StatuteSet, as_of, trace: bool, w: Wording, points: dict) -> dict:
    head = {"lawcheck_version": __version__, "schema_version": SCHEMA_VERSION,
            "lang": w.lang, "statutes": statutes_doc(statutes), "as_of": _date(as_of),
            "trace": trace,
            "instruments": [instrument_doc(i, w) for i in statutes.instruments]}
    if not trace:
        head["open_points"] = [{"number": n, "question": q, "where": where, "category": cat}
                               for q, (n, where, cat) in points.items()]
    return head


def statutes_doc(statutes: m.StatuteSet) -> dict | None:
    """Which statutes the document used: bundled with this lawcheck, or a folder, and a digest
    of their files."""
    p = statutes.provenance
    if p is None:
        return None
    out = {"bundled": p.bundled, "folder": None if p.bundled else p.folder,
           "digest": p.digest}
    if p.proposals:
        out["proposals"] = [{"id": x.id, "title": x.title, "file": x.file, "digest": x.digest,
                             "amends": list(x.amends)} for x in p.proposals]
    return out


def _points(statutes: m.StatuteSet) -> dict:
    from lawcheck.engine.evaluate import numbered_open_points
    return numbered_open_points(statutes)


def summary_doc(t: Tally) -> dict:
    return {"scenarios": t.scenarios, "expectations": t.expectations,
            "expectations_not_checked": t.skipped, "mismatches": len(t.mismatches),
            "divergent_scenarios": t.divergent, "passed": t.passed}


def run_doc(result: RunResult, trace: bool = True, lang: str = SOURCE_LANGUAGE) -> dict:
    points, w = _points(result.statutes), Wording.of(result.statutes, lang)
    return {**_head(result.statutes, result.as_of, trace, w, points),
            "scenarios": [scenario_doc(s, w, trace, points) for s in result.scenarios],
            "summary": summary_doc(result.tally)}


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _indented(value, level: int) -> str:
    """`value` as json.dumps(indent=2) writes it `level` deep in a larger document."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * level)


def write_run_json(statutes: m.StatuteSet, as_of, results: Iterable[ScenarioResult],
                   write: Callable[[str], object], trace: bool = False,
                   lang: str = SOURCE_LANGUAGE) -> Tally:
    """The JSON document, written scenario by scenario: byte for byte what `dumps(run_doc())`
    gives, without holding every scenario in memory."""
    points, w = _points(statutes), Wording.of(statutes, lang)
    head = _head(statutes, as_of, trace, w, points)
    write("{\n" + "".join(f'  {json.dumps(k)}: {_indented(v, 1)},\n' for k, v in head.items())
          + '  "scenarios": [')
    tally, first = Tally(), True
    for s in results:
        tally.add(s)
        write(("\n" if first else ",\n") + "    " + _indented(scenario_doc(s, w, trace, points), 2))
        first = False
    write(("\n  ]" if not first else "]") + f',\n  "summary": {_indented(summary_doc(tally), 1)}'
          + "\n}\n")
    return tally


_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def _line(value) -> str:
    """One JSON Lines record: no character inside it that a reader may take for a line break."""
    text = json.dumps(value, ensure_ascii=False)
    for raw, escaped in _LINE_BREAKS.items():
        text = text.replace(raw, escaped)
    return text + "\n"


def write_run_jsonl(statutes: m.StatuteSet, as_of, results: Iterable[ScenarioResult],
                    write: Callable[[str], object], trace: bool = False,
                    lang: str = SOURCE_LANGUAGE) -> Tally:
    """JSON Lines: a header line (the run and its instruments), one line per scenario as it is
    evaluated, then a summary line; each line one JSON object with a "type"."""
    points, w = _points(statutes), Wording.of(statutes, lang)
    write(_line({"type": "run", **_head(statutes, as_of, trace, w, points)}))
    tally = Tally()
    for s in results:
        tally.add(s)
        write(_line({"type": "scenario", **scenario_doc(s, w, trace, points)}))
    write(_line({"type": "summary", **summary_doc(tally)}))
    return tally


def history_doc(scenario, steps, statutes: m.StatuteSet, lang: str = SOURCE_LANGUAGE) -> dict:
    """`lawcheck history --format json`: a divergence's `explanation` in `lang`, which the
    document names."""
    w = Wording.of(statutes, lang)
    return {
        "lawcheck_version": __version__,
        "lang": lang,
        "statutes": statutes_doc(statutes),
        "scenario": scenario.id,
        "steps": [{
            "from": s.start.isoformat(), "to": s.end.isoformat() if s.end else None,
            "entered": list(s.entered), "ceased": list(s.ceased),
            "verdicts": {i: s.result.results[i].verdict for i in sorted(s.result.in_force)},
            "opened": [{"between": list(d.between), "element": d.element,
                        "explanation": w.divergence(d)} for d in s.opened],
            "closed": [{"between": list(d.between), "element": d.element} for d in s.closed],
        } for s in steps],
    }
