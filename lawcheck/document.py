"""Stage 6a: results -> the documented JSON document (docs/json-format.md). Plain data, stable order."""

from __future__ import annotations

import json

from lawcheck import __version__
from lawcheck import model as m
from lawcheck.evaluate import ElementResult, InstrumentResult
from lawcheck.run import RunResult, ScenarioResult
from lawcheck.scenarios import Facts

SCHEMA_VERSION = 1


def _date(d):
    return d.isoformat() if d else None


def words(ws) -> list[dict]:
    return [{"lang": w.lang, "text": w.text, "confidence": w.confidence,
             "confidence_label": m.CONFIDENCE_LABEL[w.confidence]} for w in ws]


def instrument_doc(inst: m.Instrument) -> dict:
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
            "texts": [{"citation": t.citation, "words": words(t.words)} for t in p.texts],
            "limbs": [{"id": lb.id, "citation": lb.citation} for lb in p.limbs],
            "penalties": [{"citation": x.citation, "kind": x.kind, "min_years": x.low,
                           "max_years": x.high, "life": x.life, "sentence": x.describe(),
                           "words": words(x.words),
                           "aggravating": [{"name": a.name, "describe": a.describe(),
                                            "citation": a.citation, "words": words(a.words),
                                            "open": a.open_question,
                                            "also": [{"kind": k, "term": t} for k, t in a.also]}
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


def element_doc(e: ElementResult) -> dict:
    return {"name": e.name, "type": e.type, "category": e.category, "status": e.status,
            "fact": e.fact, "requirement": e.requirement, "citation": e.citation,
            "words": words(e.words), "questions": list(e.questions), "note": e.note}


def result_doc(r: InstrumentResult) -> dict:
    return {
        "verdict": r.verdict,
        "provision": r.limb.provision,
        "limb": r.limb.limb,
        "citation": r.limb.citation,
        "elements": [element_doc(e) for e in r.limb.elements],
        "reasons": [{"kind": x.kind, "subject": x.subject, "citation": x.citation,
                     "detail": x.detail, "text": x.text()} for x in r.reasons],
        "notes": [{"rule": n.rule, "citation": n.citation, "text": n.text} for n in r.notes],
        "penalty": None if r.penalty is None else {
            "clause": r.penalty.clause, "sentence": r.penalty.sentence,
            "grounds": list(r.penalty.grounds), "possible": list(r.penalty.possible),
            "additional": list(r.penalty.additional)},
        "limbs": [{"provision": t.provision, "limb": t.limb, "citation": t.citation,
                   "status": t.status} for t in r.limbs],
    }


def scenario_doc(s: ScenarioResult) -> dict:
    sc = s.scenario
    return {
        "id": sc.id, "title": sc.title, "suite": sc.suite,
        "source": {"file": sc.span.file, "line": sc.span.line},
        "facts": facts_doc(sc.facts),
        "law_as_of": _date(s.when),
        "results": {k: {**result_doc(v), "in_force": k in s.in_force}
                    for k, v in sorted(s.results.items())},
        "divergences": [{"between": list(d.between), "kind": d.kind, "element": d.element,
                         "explanation": d.explanation} for d in s.divergences],
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
                            "explanation": x.explanation} for x in s.mismatches],
        },
    }


def run_doc(result: RunResult) -> dict:
    return {
        "lawcheck_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "as_of": _date(result.as_of),
        "instruments": [instrument_doc(i) for i in result.statutes.instruments],
        "scenarios": [scenario_doc(s) for s in result.scenarios],
        "summary": {
            "scenarios": len(result.scenarios),
            "expectations": result.expectation_count,
            "expectations_not_checked": result.skipped_count,
            "mismatches": result.mismatch_count,
            "divergent_scenarios": sum(1 for s in result.scenarios if s.diverges),
            "passed": result.passed,
        },
    }


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
