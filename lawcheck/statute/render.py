"""The model -> statute language text: `parse(render(x))` gives x back (tests/test_properties.py).

Used to check the parser and the resolver against each other, and to write a statute set that
was built or changed in code. Every word carries its confidence explicitly, and every term entry
its citation, so the text does not rely on defaults.
"""

from __future__ import annotations

from lawcheck.statute import model as m


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _vi(text: str, vi: str | None) -> str:
    """lawcheck's words, with their Vietnamese where there is one."""
    return _q(text) + (f" vi {_q(vi)}" if vi else "")


def _words(ws) -> str:
    return "".join(f" {w.lang} {_q(w.text)} [{w.confidence}]" for w in ws)


class _Writer:
    """Writes statute text for one instrument (or definition): quoting, the law's words, and
    lawcheck's own words with their Vietnamese (`prose`). What an element kind needs to write
    itself (lawcheck.engine.elements)."""

    q = staticmethod(_q)
    words = staticmethod(_words)

    def __init__(self, translations: m.Translations = m.Translations()):
        self.translations = translations

    def prose(self, text: str) -> str:
        vi = self.translations.get(text, "vi")
        return _vi(text, vi if self.translations.has(text) else None)

    def note(self, note: str | None) -> str:
        return f" note {self.prose(note)}" if note else ""

    def entries(self, entries, indent: str) -> list[str]:
        out = []
        for e in entries:
            line = f"{indent}{', '.join(e.terms)} {_q(e.citation)}{_words(e.words)}"
            if e.qualifier:
                line += f" {e.qualifier} {self.prose(e.qualifier_text or '')}"
            out.append(line)
        return out

    def set_use(self, el: m.SetElement, indent: str) -> list[str]:
        if el.set.name:
            return [f"{indent}{el.kind} {el.set.name}"]
        return ([f"{indent}{el.kind} {_q(el.set.citation)} {{"]
                + self.entries(el.set.entries, indent + "  ") + [f"{indent}}}"])

    def element(self, el, indent: str) -> list[str]:
        """The element's lines: its kind writes them (lawcheck.engine.elements)."""
        from lawcheck.engine.elements import kind_of
        return kind_of(el).write(el, indent, self)


def _penalty(p: m.Penalty, w: _Writer) -> list[str]:
    sentence = ("additional" if p.kind == "additional" else
                f"prison {p.low} to {p.high} years" + (" or life" if p.life else ""))
    head = f"    penalty {_q(p.citation)} {sentence}{_words(p.words)}"
    if not p.aggravations:
        return [head]
    out = [head + " {"]
    for a in p.aggravations:
        band = "" if a.low is None else (f" {a.low} or more" if a.high is None
                                         else f" {a.low} to {a.high}")
        also = ""
        if a.also:
            also = f" also {a.also[0][0]} " + ", ".join(t for _, t in a.also)
        if a.maybe:
            also += (f" maybe {a.maybe[0][0]} " + ", ".join(t for _, t in a.maybe)
                     + f" {w.prose(a.maybe_question)}")
        out.append(f"      {a.name}{band} {_q(a.citation)}{_words(a.words)}{also}"
                   + (f" open {w.prose(a.open_question)}" if a.open_question else ""))
    return out + ["    }"]


def _named_sets(inst: m.Instrument) -> list[m.TermSet]:
    seen: dict[str, m.TermSet] = {}
    for p in inst.provisions:
        for lb in p.limbs:
            for el in lb.elements:
                if isinstance(el, m.SetElement) and el.set.name:
                    seen.setdefault(el.set.name, el.set)
    return list(seen.values())


def instrument(inst: m.Instrument) -> list[str]:
    w = _Writer(inst.translations)
    out = [f"instrument {inst.id} {{"]
    for name in ("title", "short", "kind", "jurisdiction", "citation", "source", "english"):
        value = getattr(inst, name)
        if value is not None:
            out.append(f"  {name} {w.prose(value)}")
    if inst.in_force_from:
        out.append(f"  in_force {inst.in_force_from.isoformat()} .."
                   + (f" {inst.in_force_to.isoformat()}" if inst.in_force_to else ""))
    out.append(f"  confidence {inst.confidence}")
    if inst.complements:
        out.append(f"  complements {', '.join(inst.complements)}")
    if inst.succeeded_by:
        out.append(f"  succeeded_by {', '.join(inst.succeeded_by)}")
    for g in inst.not_encoded:
        out.append(f"  not_encoded {g.start.isoformat()} .. {g.end.isoformat()} "
                   f"{w.prose(g.text)}")
    if inst.bound:
        b = inst.bound
        out.append(f"  bound {w.prose(b.party)} from {b.since.isoformat()} {w.prose(b.source)}")
    out += [f"  note {w.prose(n)}" for n in inst.notes]
    for s in _named_sets(inst):
        out += [f"  set {s.name} {_q(s.citation)} {{"] + w.entries(s.entries, "    ") + ["  }"]
    for p in inst.provisions:
        out.append(f"  provision {p.id} {_q(p.citation)} {{")
        out.append(f"    confidence {p.confidence}")
        out += [f"    text {_q(t.citation)}{_words(t.words)}" for t in p.texts]
        out += [f"    note {w.prose(n)}" for n in p.notes]
        for lb in p.limbs:
            out.append(f"    limb {lb.id} {_q(lb.citation)} {{")
            # the limb's notes first: after an element, a note would be read as the element's
            out += [f"      note {w.prose(n)}" for n in lb.notes]
            for el in lb.elements:
                out += w.element(el, "      ")
            out.append("    }")
        out += [f"    consent irrelevant when means {_q(r.citation)}{_words(r.words)}"
                for r in p.consent_rules]
        out += [f"    scope {', '.join(s.conditions) or 'unconditional'} {_q(s.citation)}"
                f"{_words(s.words)}{w.note(s.note)}" for s in p.scopes]
        for pen in p.penalties:
            out += _penalty(pen, w)
        out.append("  }")
    out.append("}")
    return out


def _vocabulary(v: m.Vocabulary) -> list[str]:
    out = [f"  {t.kind} {t.name} {_vi(t.label, t.label_vi)}"
           + (" handover" if t.handover else "") for t in v.terms]
    out += [f"  border {b.name} {_vi(b.label, b.label_vi)}"
            + (" crosses" if b.crosses else " default" if b.default else "") for b in v.borders]
    for c in v.circumstances:
        number = ""
        if c.counted:
            number = (f" number {c.low} to {c.high}"
                      + (f" unit {_vi(c.unit, c.unit_vi)}" if c.unit else "")
                      + f" default {c.default}"
                      + (f" {_vi(c.default_words, c.default_words_vi)}"
                         if c.default_words is not None else ""))
        out.append(f"  circumstance {c.name} {_vi(c.label, c.label_vi)}{number}")
    out += [f"  aggravation {a.name} {_vi(a.label, a.label_vi)}"
            + (f" reads {a.reads.name}" if a.reads else "") for a in v.aggravations]
    return out


def render(statutes: m.StatuteSet) -> str:
    """One statute file holding the vocabulary and every instrument."""
    out = ["vocabulary {", *_vocabulary(statutes.vocabulary), "}"]
    for inst in statutes.instruments:
        out.append("")
        out += instrument(inst)
    for d in statutes.definitions:
        w = _Writer(d.translations)
        out += ["", f"definition {d.id} {{", f"  title {w.prose(d.title)}",
                f"  citation {w.prose(d.citation)}", f"  source {w.prose(d.source)}"]
        if d.in_force_from:
            out.append(f"  in_force {d.in_force_from.isoformat()} .."
                       + (f" {d.in_force_to.isoformat()}" if d.in_force_to else ""))
        out += [f"  defines {d.term} under {d.under} {_q(d.term_citation)}{_words(d.words)}", "}"]
    return "\n".join(out) + "\n"
