"""`lawcheck amend` and `lawcheck diff` written out: text for a terminal, JSON (docs/json-format.md,
"amend"), and the ranking of `amend --rank`. Only layout here: the words are the view model's
(lawcheck.views.amendview) or the catalogue's."""

from __future__ import annotations

from lawcheck import __version__
from lawcheck.views.amendview import AmendView
from lawcheck.views.catalogue import say
from lawcheck.views.terminal import fill


def text(v: AmendView) -> str:
    def s(msgid, **p):
        return say("amend", msgid, v.lang, **p)
    lines = [fill(v.headline + ".", "")]
    if v.statutes:
        lines.append(fill(v.statutes, ""))
    if v.notice:
        lines.append(fill(v.notice, ""))
    lines += ["", v.headings["gaps"], fill(v.headings["summary"], "  ")]
    for pair in v.pairs:
        lines.append(fill(pair.text, "  ", "    "))
    if v.proposals:
        lines += ["", v.headings["proposals"]]
        for i, p in enumerate(v.proposals, 1):
            lines.append(fill(f"{i}. " + s("proposal-line", title=p.title, file=p.where,
                                           digest=p.digest, amends=", ".join(p.amends)),
                              "  ", "     "))
            lines.append(fill(v.headings["source"] + ": " + p.source, "     "))
            for n in p.notes:
                lines.append(fill(n, "     "))
    lines += ["", v.headings["elements"]]
    if not v.elements:
        lines.append("  " + s("elements-none"))
    for e in v.elements:
        lines.append(fill(s("element-line", name=e.name, where=e.where or e.citation,
                            text=e.text), "  ", "    "))
        for q in e.words:
            lines.append(fill(s("words", language=q.lang, text=q.text, mark=q.mark), "      "))
    if v.regions:
        lines += ["", v.headings["regions"]]
        pair = None
        for r in v.regions:
            if r.between != pair:
                pair = r.between
                lines.append(f"  {r.names[0]} / {r.names[1]}")
            lines.append(fill(r.text, "    ", "      "))
            lines.append(fill(s("example", pattern=r.witness), "      "))
            if r.elsewhere:
                lines.append(fill(r.elsewhere, "      "))
            lines.append(fill(s("before-now" if r.change in ("closed", "narrower")
                                else "in-b" if v.mode == "diff" else "after-now",
                                text=r.explanation), "      "))
        if v.points:
            lines += ["", "  " + v.headings["points"]]
            for n, q in v.points:
                lines.append(fill(f"{n}. {q}", "    ", "      "))
    lines += ["", v.headings["verdicts"], fill(v.verdicts_line, "  ")]
    scenario = None
    for x in v.verdicts:
        if x.scenario != scenario:
            scenario = x.scenario
            lines.append(fill(f"{x.scenario}: {x.title}", "  ", "    "))
        lines.append(fill(x.text, "    ", "      "))
    lines += ["", v.headings["penalties"]]
    if not v.penalties:
        lines.append("  " + s("penalties-none"))
    for p in v.penalties:
        lines.append(fill(f"{p.name}, {p.text}", "  ", "    "))
    return "\n".join(lines) + "\n"


def document(v: AmendView, before=None, after=None) -> dict:
    """The JSON document: codes as they are, worded fields in the view's language; `statutes`
    the law compared against and `amended` the law it is compared with (the same folder with
    the proposals applied, or the second folder), as every document names its statutes."""
    from lawcheck.views.document import statutes_doc
    return {
        "lawcheck_version": __version__,
        "lang": v.lang,
        "statutes": statutes_doc(before) if before is not None else None,
        "amended": statutes_doc(after) if after is not None else None,
        "kind": v.mode,
        "as_of": v.as_of or None,
        "headline": v.headline,
        "statutes_line": v.statutes,
        "proposals": [{"id": p.id, "title": p.title, "source": p.source, "notes": list(p.notes),
                       "file": p.file, "bundled": p.where != p.file, "digest": p.digest,
                       "amends": list(p.amends)}
                      for p in v.proposals],
        "pairs": [{"between": list(p.between), "names": list(p.names), **p.counts,
                   "text": p.text} for p in v.pairs],
        "elements": [{"instrument": e.instrument, "name": e.name, "where": e.where,
                      "element": e.what, "change": e.change, "text": e.text,
                      "citation": e.citation,
                      "words": [{"lang": q.lang, "text": q.text, "confidence": q.confidence,
                                 "confidence_label": q.mark} for q in e.words]}
                     for e in v.elements],
        "regions": [{"between": list(r.between), "change": r.change, "kind": r.kind,
                     "cause": r.cause, "robust": r.robust, "text": r.text,
                     "witness": r.witness, "explanation": r.explanation,
                     "elsewhere": r.elsewhere or None} for r in v.regions],
        "open_points": [{"number": n, "question": q} for n, q in v.points],
        "verdicts": [{"scenario": x.scenario, "instrument": x.instrument, "before": x.before,
                      "after": x.after, "penalty_before": x.clause_before or None,
                      "penalty_after": x.clause_after or None, "text": x.text}
                     for x in v.verdicts],
        "penalties": [{"instrument": p.instrument, "citation": p.citation, "change": p.change,
                       "text": p.text} for p in v.penalties],
    }


def rank_text(rows, together, reference: str, date: str, lang: str, statutes: str = "") -> str:
    """`lawcheck amend --rank`: rows of (title, tally, ranked), best first."""
    def s(msgid, **p):
        return say("amend", msgid, lang, **p)
    lines = [fill(s("rank-heading", reference=reference, date=date), "")]
    if statutes:
        lines.append(fill(statutes, ""))
    for i, (title, tally, r) in enumerate(rows, 1):
        line = s("rank-line", rank=i, title=f"{title} [{r.proposal.id}]", **tally)
        if tally["rules_closed"]:
            line += s("rank-rules", **tally)
        lines.append(fill(line, "  ", "     "))
    if together is not None:
        lines.append(fill(s("rank-all", n=len(rows), **together), "  ", "     "))
    opening = [title for title, tally, _ in rows if tally["opened_robust"]]
    lines.append(fill(s("rank-opens", names="; ".join(opening)) if opening
                      else s("rank-opens-none"), ""))
    return "\n".join(lines) + "\n"


def rank_document(rows, together, reference: str, as_of, statutes, lang: str) -> dict:
    """`lawcheck amend --rank --format json` (docs/json-format.md): rows of (title, tally,
    ranked), best first; `together` the tally of all of them applied together, or None."""
    from lawcheck.views.document import statutes_doc
    return {"lawcheck_version": __version__, "lang": lang, "statutes": statutes_doc(statutes),
            "kind": "rank", "as_of": as_of.isoformat(), "reference": reference,
            "proposals": [{"id": r.proposal.id, "title": t, "file": r.proposal.file, **tally}
                          for t, tally, r in rows],
            "together": None if together is None else {
                "proposals": [r.proposal.id for _, _, r in rows], **together}}
