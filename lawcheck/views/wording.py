"""Results in words: the one place where the views turn the engine's typed results (an element's
Found and Asks, a divergence's Cause, a mismatch) into sentences, every one of them from the
wording catalogue (lawcheck.views.catalogue). Each element kind says how its own data reads
(`fact_words`, `requirement_words` in lawcheck.engine.elements); this module gives it the
catalogue, the vocabulary's labels and the small phrases they share.

A Wording is made once per statute set and language; it keeps each distinct result's words
(results are values), so a report of many scenarios words each element trace once.
"""

from __future__ import annotations

from lawcheck.engine.elements import kind_of_result
from lawcheck.views.catalogue import SOURCE_LANGUAGE, has, say


# a note's parameters that are lawcheck's words from the statute files (a short name, a party, a
# source, a period's reason), shown in the Wording's language (lawcheck.engine.evaluate._notes)
_PROSE_PARAMETERS = ("short", "party", "source", "text")


def _kept(words: dict, key, make) -> str:
    """The words kept for a value, made the first time (results are values)."""
    text = words.get(key)
    if text is None:
        text = words[key] = make()
    return text


class Wording:
    def __init__(self, statutes=None, lang: str = SOURCE_LANGUAGE, refs=None):
        self.statutes = statutes
        # with `refs` (lawcheck.views.text.OpenPointRefs), an open point is named by its number
        self.refs = refs
        self.vocabulary = statutes.vocabulary if statutes is not None else None
        self.lang = lang
        self._facts: dict = {}
        self._requirements: dict = {}

    @classmethod
    def of(cls, statutes, lang: str = SOURCE_LANGUAGE, refs=None) -> "Wording":
        return cls(statutes, lang, refs)

    # ---- phrases the kinds share --------------------------------------------------------
    def say(self, context: str | None, msgid: str, **params) -> str:
        return say(context, msgid, self.lang, **params)

    def prose(self, text: str | None) -> str | None:
        """lawcheck's own words from the statute files (a note, an open question, a title, a
        source...) in this Wording's language, where the statute files give them (English
        otherwise)."""
        return self.statutes.text_in(text, self.lang) if self.statutes is not None else text

    def statutes_from(self) -> str | None:
        """Which statutes were used, for the first line of a command's text, when they are not
        those bundled with lawcheck: the folder and a digest of its files (None for the
        bundled law, or a set not read from files)."""
        p = self.statutes.provenance if self.statutes is not None else None
        if p is None or p.bundled:
            return None
        return self.say("run-text", "statutes-from", folder=p.folder, digest=p.digest)

    def label(self, term: str) -> str:
        """A vocabulary term in the vocabulary's own words."""
        return self.vocabulary.label(term, self.lang) if self.vocabulary else \
            term.replace("_", " ")

    def terms(self, terms) -> str:
        return ", ".join(self.label(t) for t in terms) or self.say("fact", "none")

    def verdict(self, verdict: str) -> str:
        return self.say("verdict", verdict)

    @staticmethod
    def yes_no_id(value: bool | None) -> str:
        return {True: "yes", False: "no", None: "unknown"}[value]

    def yes_no(self, value: bool | None) -> str:
        return self.say("yes-no", self.yes_no_id(value))

    def fact_name(self, field: str) -> str:
        """A fact a case file states (humanitarian_purpose, handover, ...), in words."""
        return self.say("fact-name", field)

    def age(self, age: tuple[int, int] | None) -> str:
        if age is None:
            return self.say("age", "unknown")
        lo, hi = age
        return self.say("age", "exact", age=lo) if lo == hi else \
            self.say("age", "range", low=lo, high=hi)

    def age_line(self, op: str, years: int) -> str:
        """An age line: "under 16", "16 or over"."""
        return self.say("age-line", op, years=years)

    # ---- an element's result -------------------------------------------------------------
    def element_name(self, e) -> str:
        return self.say("element-name", e.type)

    def fact(self, e) -> str:
        """The facts that decided the element: "means: deception", "victim's age: 17"."""
        return _kept(self._facts, (e.type, e.found), lambda: kind_of_result(e).fact_words(e, self))

    def value(self, e) -> str:
        """The same without the fact's name, where it has one: "deception", "17"."""
        return kind_of_result(e).value_words(e, self)

    def requirement(self, e) -> str:
        """What the element asks for: "a victim under 16", "means: one of ..."."""
        return _kept(self._requirements, (e.type, e.asks),
                     lambda: kind_of_result(e).requirement_words(e, self))

    def listed(self, e) -> str:
        """The terms a set element lists."""
        return kind_of_result(e).listed_words(e, self)

    # ---- why a verdict is uncertain; why an expectation does not hold ---------------------
    def reason(self, x) -> str:
        if x.kind == "unknown_fact":
            return self.say("reason", "unknown_fact", subject=self.subject(x),
                            detail=self.detail(x))
        number = self.refs.number(x.variable) if self.refs else None
        if number is not None:
            return self.say("reason", "open_law-numbered", citation=x.citation, number=number,
                            detail=self.detail(x))
        return self.say("reason", "open_law", citation=x.citation, subject=self.subject(x),
                        detail=self.detail(x))

    def subject(self, x) -> str:
        """What the verdict turns on: the fact left unknown, or the open question (by its
        number, where open points are numbered)."""
        if x.kind == "unknown_fact":
            return self.say("unknown-fact", x.variable)
        return self.refs.ref(x.variable) if self.refs else self.prose(x.variable)

    def detail(self, x) -> str:
        """How the verdict turns on it: "met if yes, not met if no"."""
        if x.variable == "victim_age" and x.kind == "unknown_fact":
            return "; ".join(self.say("detail", "age", outcome=self.say("outcome", o),
                                      ages=self.ages(seg, x.ages)) for seg, o in x.outcomes)
        out = dict(x.outcomes)
        return self.say("detail", x.kind, yes=self.say("outcome", out[True]),
                        no=self.say("outcome", out[False]))

    def ages(self, seg: tuple[int, int], span: tuple[int, int]) -> str:
        """An age segment, named against the first and last age the facts allow."""
        lo, hi = seg
        first, last = span
        if lo == first and hi == last:
            return self.say("ages", "any")
        if lo == first and first == 0:
            return self.say("ages", "under", years=hi + 1)
        if hi == last and last >= 130:
            return self.say("ages", "over", years=lo)
        return self.say("age", "exact", age=lo) if lo == hi else \
            self.say("ages", "range", low=lo, high=hi)

    def why(self, r) -> str:
        """Why an instrument gave its verdict, in one line (for an expectation that fails)."""
        if r.verdict == "uncertain" and r.reasons:
            return "; ".join(self.reason(x) for x in r.reasons)
        if r.verdict == "met":
            return self.say("why", "met", citation=r.limb.citation)
        fails = r.limb.failures
        if fails:
            return self.say("why", "fails", citation=r.limb.citation, elements="; ".join(
                self.say("why", "element", name=self.element_name(e), fact=self.fact(e))
                for e in fails))
        return self.say("why", "not_met", citation=r.limb.citation)

    def penalty_why(self, p) -> str:
        if p is None:
            return self.say("why", "no-penalty")
        sentence = self.sentence(p.bracket)
        if p.grounds:
            return self.say("why", "penalty-because", clause=p.clause, sentence=sentence,
                            grounds="; ".join(self.grounds(p)))
        return self.say("why", "penalty", clause=p.clause, sentence=sentence)

    def mismatch(self, x) -> str:
        """An expectation that does not hold: what lawcheck found instead."""
        return self.penalty_why(x.result.penalty) if x.on == "penalty" else self.why(x.result)

    # ---- a divergence between two instruments --------------------------------------------
    def short(self, r) -> str:
        return self.statutes.instrument(r.instrument).short_in(self.lang)

    def divergence(self, d) -> str:
        key = d.case
        a, b, c = d.first, d.second, d.third
        p = dict(a=self.short(a), b=self.short(b), a_verdict=self.verdict(a.verdict),
                 b_verdict=self.verdict(b.verdict), a_where=a.citation, b_where=b.citation)
        if c is not None:
            p.update(c=self.short(c))
        if key == "met-not-met":
            return self.say("divergence", key, **p, failure=self.failure(b.limb, d.failed),
                            counterpart=self.counterpart(a.limb, d.failed))
        if key == "uncertain":
            why = self.reason(a.reasons[0]) if a.reasons else self.say("divergence", "open")
            settled = (self.say("divergence", "settled-not-met", b=p["b"],
                                failure=self.failure(b.limb, d.failed))
                       if b.verdict == "not_met" else
                       self.say("divergence", "settled-met", b=p["b"], b_where=b.citation))
            return self.say("divergence", key, **p, why=why, settled=settled)
        if key == "both-uncertain":
            reasons = {x.variable: x for x in a.reasons + b.reasons}
            return self.say("divergence", key, **p, points="; ".join(
                self.subject(reasons[v]) for v in d.terms))
        if key == "exception":
            return self.say("divergence", key, **p, citation=d.citation,
                            exception=self.say("exception-name", d.terms[0]))
        if key == "consent":
            return self.say("divergence", key, **p, citation=d.citation)
        if key == "purpose":
            return self.say("divergence", key, **p,
                            purposes=", ".join(d.terms).replace("_", " "))
        return self.say("divergence", key, **p)          # split, complement-...

    def failure(self, limb, e) -> str:
        """Why the closest limb fails, naming the limb and, in brackets, the element's
        citation."""
        if e is None:
            return self.say("failure", "limb", where=limb.citation)
        p = dict(where=limb.citation, cite=e.citation)
        if e.type == "age":
            return self.say("failure", "age", **p, requirement=self.requirement(e),
                            age=self.value(e))
        if e.type == "means":
            if not e.found.terms:
                return self.say("failure", "no-means", **p)
            return self.say("failure", "means", **p, fact=self.fact(e))
        if e.type == "except":
            return self.say("failure", e.type, **p,
                            exception=self.say("exception-name", e.found.field))
        if e.type in ("handover", "act", "purpose"):
            return self.say("failure", e.type, **p, listed=self.listed(e) if e.type == "act"
                            else "", value=self.value(e))
        return self.say("failure", "other", **p, fact=self.fact(e))

    def counterpart(self, limb, failed) -> str:
        """How the instrument that is met deals with the element the other one failed on."""
        cite = limb.citation
        if failed is None:
            return self.say("counterpart", "satisfied", cite=cite)
        same = [e for e in limb.elements if e.type == failed.type]
        age = [e for e in limb.elements if e.type == "age"]
        if failed.type == "means":
            no_means = [e for e in limb.elements if e.type == "no_means"]
            if no_means:
                if age:
                    return self.say("counterpart", "no-means-child", where=no_means[0].citation,
                                    requirement=self.requirement(age[0]), cite=age[0].citation)
                return self.say("counterpart", "no-means", where=no_means[0].citation)
            if same:
                return self.say("counterpart", "means", where=same[0].citation,
                                fact=self.fact(same[0]))
        if failed.type == "age":
            if age:
                return self.say("counterpart", "age", cite=cite,
                                requirement=self.requirement(age[0]), where=age[0].citation)
            return self.say("counterpart", "no-age", cite=cite)
        if failed.type == "handover":
            acts = [e for e in limb.elements if e.type == "act"]
            return self.say("counterpart", "handover", cite=cite,
                            acts=self.fact(acts[0]) if acts else self.say("counterpart", "act"))
        if not same:
            return self.say("counterpart", "none", cite=cite)
        return self.say("counterpart", "covers", cite=cite, where=same[0].citation,
                        value=self.value(same[0]))

    # ---- notes: the rules and circumstances the facts bring into play ---------------------
    def note(self, n) -> str:
        """A note in full."""
        return self.say("note", n.case, **self._note_params(n))

    def note_brief(self, n) -> str:
        """The same in a few words, where the full text repeats statute notes ("" if none)."""
        if not has("note-brief", n.case, self.lang):
            return ""
        return self.say("note-brief", n.case, **self._note_params(n))

    def _note_params(self, n) -> dict:
        p = {"citation": n.citation}
        for name, value in n.values:
            if name == "consented":
                what = "-".join(value)          # movement, exploitation, or both
                value = self.say("consented", what)
            elif name == "terms":
                value = ", ".join(self.label(t) for t in value)
            elif name == "fact":
                value = self.say("exception-name", value)
            elif name == "values":
                value = "; ".join(self.say("scope-value", "one", condition=self.say(
                    "scope-condition", c), value=self.yes_no(v)) for c, v in value)
            elif name == "note":
                value = f" {self.prose(value)}" if value else ""
            elif name in _PROSE_PARAMETERS:
                value = self.prose(value)
            elif name in ("start", "end"):
                value = value.isoformat() if value else self.say("period", name)
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            p[name] = value
        return p

    # ---- penalties ------------------------------------------------------------------------
    def sentence(self, p) -> str:
        """A clause's sentence: "8 to 15 years' imprisonment", "additional penalties"."""
        if p.kind == "additional":
            return self.say("sentence", "additional")
        return self.say("sentence", "prison-life" if p.life else "prison", low=p.low, high=p.high)

    def circumstance(self, a) -> str:
        """An aggravating circumstance, with its band: "number of victims 2 to 5"."""
        label = a.term.label_in(self.lang)
        if a.low is None:
            return label
        if a.high is None:
            return self.say("circumstance", "band-open", label=label, low=a.low)
        return self.say("circumstance", "band", label=label, low=a.low, high=a.high)

    def cited(self, a) -> str:
        """The same with its citation: "organised (Art. 150(2)(a))"."""
        return self.say("circumstance", "cited", circumstance=self.circumstance(a),
                        citation=a.citation)

    def grounds(self, p) -> list[str]:
        """The circumstances that put the case in its bracket."""
        return [self.cited(a) for a in p.grounds]

    def possible(self, p) -> list[str]:
        """Each higher bracket that turns on a fact left unknown, with what it turns on."""
        return [self.say("penalty", "possible", citation=b.citation, sentence=self.sentence(b),
                         circumstances=self.say("penalty", "or").join(self.cited(a) for a in why))
                for b, why in p.possible]
