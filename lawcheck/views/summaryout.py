"""Stage 6g: the conformity summary (lawcheck.views.summaryview) and the scenario matrix as
terminal text, a JSON document and CSV (UTF-8 with a byte-order mark, so that a spreadsheet
shows Vietnamese correctly). Every word from the wording catalogue (contexts "summary",
"summary-csv", "matrix-csv"); the layout here."""

from __future__ import annotations

import csv
import io

from lawcheck.views.summaryview import DifferenceView, Side, SummaryView
from lawcheck.views.terminal import fill
from lawcheck.views.wording import Wording

BOM = "\ufeff"


def _words(side: Side, lang: str) -> str:
    return " / ".join(f"“{x.text}”" for x in side.words if x.lang == lang)


# ------------------------------------------------------------------------------------ text

def text(v: SummaryView, w: Wording) -> str:
    from lawcheck.views.text import statutes_line
    out = [*statutes_line(w), fill(v.heading), ""]
    for c in v.comparisons:
        out += [c.heading, "=" * len(c.heading), fill(c.title)]
        out += [fill(f"- {t}", "", "  ") for t in c.tally]
        for d in c.differences:
            out += ["", *_difference(d, w)]
        out.append("")
    if v.mirrors:
        out += [w.say("summary", "others")]
        out += [fill(f"- {x}", "", "  ") for x in v.mirrors]
    return "\n".join(out).rstrip("\n") + "\n"


def _difference(d: DifferenceView, w: Wording) -> list[str]:
    mark = "◆" if d.robust and d.kind != "complemented" else "~"
    lines = [fill(f"{mark} {d.topic}: {d.holds}", "", "    ")]
    if d.reaches:
        lines.append(fill(d.reaches, "    "))
    for s in (d.reference, d.domestic):
        lines.append(fill(w.say("summary-text", "side", instrument=s.short, symbol=s.symbol,
                                verdict=s.verdict_word, says=s.says), "    ", "      "))
        for x in s.words:
            lines.append(fill(w.say("explain", "words", language=x.lang, text=x.text,
                                    confidence=x.label), "      ", "        "))
    lines.append(fill(w.say("summary-text", "follows", follows=d.follows), "    ", "      "))
    if d.why:
        lines.append(fill(w.say("summary-text", "why", why=d.why), "    ", "      "))
    if d.points:
        lines.append(fill(w.say("summary-text", "turns-on", points=", ".join(
            w.say("open-point", "ref", number=p.number) for p in d.points)), "    ", "      "))
    shown = ", ".join(x.id for x in d.scenarios) + (f" {d.more}" if d.more else "")
    lines.append(fill(w.say("summary-text", "shown", scenarios=shown) if shown else
                      w.say("summary", "not-shown"), "    ", "      "))
    return lines


# ------------------------------------------------------------------------------------ JSON

def document(v: SummaryView, statutes=None) -> dict:
    """`lawcheck summary --format json`; `statutes`, which statutes were used
    (lawcheck.views.document.statutes_doc)."""
    from lawcheck.views.document import statutes_doc

    def side(s: Side) -> dict:
        return {"instrument": s.instrument, "verdict": s.verdict, "says": s.says,
                "citation": s.citation,
                "words": [{"lang": x.lang, "text": x.text, "confidence": x.label}
                          for x in s.words]}
    return {"statutes": statutes_doc(statutes) if statutes is not None else None,
            "heading": v.heading, "reference": v.reference, "comparisons": [
        {"reference": c.reference, "instrument": c.instrument, "tally": list(c.tally),
         "differences": [{"cause": d.cause, "kind": d.kind, "robust": d.robust,
                          "holds": d.holds, "reaches": d.reaches, "example": d.example,
                          "follows": d.follows, "reference": side(d.reference),
                          "instrument": side(d.domestic),
                          "open_points": [p.number for p in d.points],
                          "scenarios": [x.id for x in d.scenarios]}
                         for d in c.differences]}
        for c in v.comparisons], "others": list(v.mirrors)}


# ------------------------------------------------------------------------------------ CSV

def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return BOM + buf.getvalue()


def summary_csv(v: SummaryView, w: Wording) -> str:
    head = [w.say("summary-csv", k) for k in (
        "reference", "instrument", "topic", "holds", "reaches", "example", "follows",
        "reference-verdict", "reference-says", "reference-citation", "reference-vi",
        "reference-en", "instrument-verdict", "instrument-says", "instrument-citation",
        "instrument-vi", "instrument-en", "open-points", "scenarios")]
    rows = [head]
    for c in v.comparisons:
        for d in c.differences:
            r, s = d.reference, d.domestic
            rows.append([r.short, s.short, d.topic, d.holds, d.reaches, d.example, d.follows,
                         r.verdict_word, r.says, r.citation, _words(r, "vi"), _words(r, "en"),
                         s.verdict_word, s.says, s.citation, _words(s, "vi"), _words(s, "en"),
                         ", ".join(str(p.number) for p in d.points),
                         ", ".join(x.id for x in d.scenarios)])
    return _csv(rows)


def matrix_csv(result, order, w: Wording) -> str:
    """A row per scenario: its id and title, then each instrument's verdict in words (or "not
    in force"), then whether some pair in force diverges."""
    statutes = result.statutes
    head = [w.say("matrix-csv", "scenario"), w.say("matrix-csv", "title")]
    head += [statutes.instrument(i).short for i in order] + [w.say("matrix-csv", "diverges")]
    rows = [head]
    for s in result.scenarios:
        cells = [w.verdict(s.results[i].verdict) if i in s.in_force
                 else w.say("in-force", "not_in_force") for i in order]
        rows.append([s.scenario.id, s.scenario.title, *cells, w.yes_no(s.diverges)])
    return _csv(rows)
