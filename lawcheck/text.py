"""Stage 6b: results -> plain-text tables and explanations for the terminal."""

from __future__ import annotations

import textwrap

from lawcheck import model as m
from lawcheck.evaluate import InstrumentResult
from lawcheck.run import RunResult, ScenarioResult

SYMBOL = {"met": "✓ met", "not_met": "✗ not met", "uncertain": "? uncertain"}
STATUS = {"satisfied": "✓", "not_satisfied": "✗", "unknown": "?", "open": "?",
          "not_required": "–"}
STATUS_WORD = {"satisfied": "satisfied", "not_satisfied": "not satisfied", "unknown": "unknown fact",
               "open": "open to interpretation", "not_required": "not required"}


def _wrap(text: str, indent: str, width: int = 100) -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent + "  ")


def run_table(result: RunResult) -> str:
    ids = result.statutes.ids
    width = max(11, *(len(i) for i in ids)) + 2
    first = min(48, max(len("scenario"), *(len(s.scenario.id) for s in result.scenarios))) + 2
    lines = ["  " + "scenario".ljust(first) + "".join(i.ljust(width) for i in ids)]
    lines.append("  " + "-" * (first + width * len(ids)))
    for s in result.scenarios:
        mark = "!" if not s.passed else ("◆" if s.diverges else " ")
        sid = s.scenario.id if len(s.scenario.id) < first - 1 else s.scenario.id[:first - 4] + "..."
        cells = []
        for i in ids:
            cell = SYMBOL[s.results[i].verdict]
            if any(x.instrument == i for x in s.mismatches):
                cell += "!"
            cells.append(cell.ljust(width))
        lines.append(f"{mark} {sid.ljust(first)}{''.join(cells)}")
    lines.append("")
    lines.append("◆ instruments diverge   ! an expected verdict does not hold   "
                 "(lawcheck explain SCENARIO for the reasoning)")
    unverified = [i.id for i in result.statutes.instruments if i.unverified]
    if unverified:
        lines.append("Text marked UNVERIFIED in the sources is encoded for: " + ", ".join(unverified)
                     + " (lawcheck list)")
    lines.append("")
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def summary(result: RunResult) -> str:
    n = len(result.scenarios)
    div = sum(1 for s in result.scenarios if s.diverges)
    head = (f"{n} scenarios x {len(result.statutes.ids)} instruments; {div} with diverging verdicts; "
            f"{result.expectation_count} expected verdicts checked")
    if result.passed:
        return head + ": all hold."
    out = [head + f": {result.mismatch_count} do not hold."]
    for s in result.scenarios:
        for x in s.mismatches:
            out.append(f"  MISMATCH {s.scenario.id} [{x.instrument}] ({s.scenario.span}): "
                       f"expected {x.expected}, got {x.actual}")
            out.append(_wrap(f"expected because: {x.expected_reason}", "    "))
            out.append(_wrap(f"lawcheck: {x.explanation}", "    "))
    return "\n".join(out)


def _words(ws, indent: str) -> list[str]:
    out = []
    for w in ws:
        label = m.CONFIDENCE_LABEL[w.confidence]
        mark = f" [{label}]"
        out.append(_wrap(f'{w.lang}: "{w.text}"{mark}', indent))
    return out


def explain(s: ScenarioResult, statutes: m.StatuteSet, only: str | None = None) -> str:
    sc = s.scenario
    f = sc.facts
    lines = [f"Scenario {sc.id}  ({sc.span})", _wrap(sc.title, "  "), "", "Facts:"]
    lo, hi = f.age_range
    age = "unknown" if f.victim_age == "unknown" else str(lo) if lo == hi else f"{lo} to {hi}"
    yn = {True: "yes", False: "no", None: "unknown"}
    vocab = statutes.vocabulary
    lines += [
        f"  victim's age: {age}",
        "  acts: " + (", ".join(vocab.label(a) for a in f.acts) or "none"),
        "  means: " + (", ".join(vocab.label(a) for a in f.means) or "none"),
        "  purposes: " + (", ".join(vocab.label(a) for a in f.purposes) or "none"),
        f"  handed over from one person to another: {yn[f.handover]}",
        f"  consent to movement: {yn[f.consent.movement]}; to exploitation: "
        f"{yn[f.consent.exploitation]}",
        f"  exploitation happened: {yn[f.exploitation_occurred]}; border: "
        f"{f.border.replace('_', ' ')}; organized criminal group: {yn[f.organized_criminal_group]}; "
        f"humanitarian purpose: {yn[f.humanitarian_purpose]}",
    ]
    if f.date:
        lines.append(f"  date: {f.date.isoformat()}")
    for inst in statutes.instruments:
        if only and inst.id != only:
            continue
        lines.append("")
        lines.extend(_explain_instrument(inst, s.results[inst.id], sc.expect.get(inst.id)))
    divs = [d for d in s.divergences if not only or only in d.between]
    if divs:
        lines += ["", "Divergences:"]
        for d in divs:
            lines.append(_wrap(f"{d.between[0]} / {d.between[1]} [{d.element}"
                               f"{', same verdict' if d.kind == 'rule' else ''}]: {d.explanation}",
                               "  "))
    return "\n".join(lines) + "\n"


def _explain_instrument(inst: m.Instrument, r: InstrumentResult, expected) -> list[str]:
    head = f"{inst.id}: {inst.title}"
    lines = [head, "=" * min(len(head), 100)]
    lines.append(f"VERDICT: {SYMBOL[r.verdict].upper()}  ({r.limb.citation})")
    if expected is not None:
        ok = "holds" if expected.verdict == r.verdict else "DOES NOT HOLD"
        lines.append(_wrap(f"expected: {expected.verdict} ({ok}); because: {expected.reason}", "  "))
    if inst.unverified:
        lines.append("  ! Some text of this instrument is UNVERIFIED in the sources.")
    for reason in r.reasons:
        lines.append(_wrap("why uncertain: " + reason.text(), "  "))
    for t in r.limbs:
        lines.append(f"  limb {t.citation}: {t.status.replace('_', ' ')}")
        for e in t.elements:
            lines.append(_wrap(f"{STATUS[e.status]} {e.name} [{e.citation}]: {e.fact} "
                               f"({STATUS_WORD[e.status]})", "      "))
            if e.status == "not_satisfied" and e.requirement:
                lines.append(_wrap(f"requires {e.requirement}", "          "))
            lines.extend(_words(e.words, "          "))
            for q in e.questions:
                lines.append(_wrap(f"open question: {q}", "          "))
            if e.note:
                lines.append(_wrap(f"note: {e.note}", "          "))
    for n in r.notes:
        lines.append(_wrap(f"note ({n.rule}, {n.citation}): {n.text}", "  "))
    return lines


def list_instruments(statutes: m.StatuteSet) -> str:
    lines = []
    for inst in statutes.instruments:
        period = (f"{inst.in_force_from.isoformat() if inst.in_force_from else '?'} to "
                  f"{inst.in_force_to.isoformat() if inst.in_force_to else 'now'}")
        lines.append(f"{inst.id}: {inst.title}")
        lines.append(_wrap(f"citation: {inst.citation}", "  "))
        lines.append(f"  in force: {period}; text: {m.CONFIDENCE_LABEL[inst.confidence]}"
                     + ("; contains UNVERIFIED text" if inst.unverified else ""))
        lines.append(_wrap(f"source: {inst.source}", "  "))
        if inst.english:
            lines.append(_wrap(f"English: {inst.english}", "  "))
        for note in inst.notes:
            lines.append(_wrap(f"note: {note}", "  "))
        for p in inst.provisions:
            lines.append(f"  provision {p.id} ({p.citation}):")
            for lb in p.limbs:
                lines.append(f"    limb {lb.id}: {lb.citation}")
        lines.append("")
    return "\n".join(lines)
