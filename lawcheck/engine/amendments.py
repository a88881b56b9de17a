"""Stage 5e: two statute sets (the law, and the law as proposals would amend it, or two folders)
-> what differs, as data (lawcheck amend, lawcheck diff; the views word it).

* Element changes: the two models compared instrument by instrument, provision by provision,
  limb by limb, element by element (an element is known by its kind in its limb; a term set
  by the terms it lists and how), and the consent rules, texts and penalties of each provision.
* Verdict changes: every scenario evaluated against both sets on its date; a change is listed
  only where the verdict differs, with the element that decides it.
* Region changes: the explorer run on both sets for every pair of an international instrument
  with a domestic one in force (the treaties of the reference's kind, the instruments of the
  State it binds); a region is known by its key (the pair, its kind, which side reaches
  further, whether it is robust, its cause); it closes when the amended law has no such
  region, opens when only the amended law has it. Rules only one text has (consent, an
  exception) count as regions too.
* Penalty changes: the prison ranges and aggravating circumstances of each clause, by citation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lawcheck.engine.conformity import reference_of
from lawcheck.engine.explore import Exploration, Region, explore
from lawcheck.engine.run import RunResult, run
from lawcheck.statute import model as m


# --------------------------------------------------------------------------------- elements

@dataclass(frozen=True)
class ElementChange:
    instrument: str
    provision: str | None        # None: the instrument itself (added or removed)
    limb: str | None             # None: the provision's own (consent, text, penalty, a limb)
    what: str                    # age, act, means, purpose, handover, except, refers,
                                 # instrument, provision, limb, consent, text
    change: str                  # added, removed, changed, reworded (the same requirement)
    before: object = None        # the model nodes
    after: object = None
    terms_added: tuple[str, ...] = ()      # a set element: terms it now lists
    terms_removed: tuple[str, ...] = ()    # ... no longer lists
    terms_named: tuple[str, ...] = ()      # ... open before, named (not open) now
    terms_opened: tuple[str, ...] = ()     # ... named before, open now


def _plain(node) -> object:
    """A model node as plain data without spans, words and notes: what the law requires."""
    def strip(x):
        if isinstance(x, dict):
            return {k: strip(v) for k, v in sorted(x.items())
                    if k not in ("span", "words", "note", "qualifier_text", "notes")}
        if isinstance(x, (list, tuple)):
            return [strip(v) for v in x]
        return x
    return strip(node.model_dump(mode="json"))


def _words(node) -> object:
    return [(w.lang, w.text, w.confidence) for w in getattr(node, "words", ())]


def _slot(el) -> tuple[str, str]:
    kind = "means" if el.type == "no_means" else el.type
    if el.type == "set":
        kind = el.kind
    return (kind, el.flag if isinstance(el, m.ExceptElement) else "")


def _set_terms(el) -> dict[str, str]:
    """A set element's terms -> "open" or "named"."""
    return {t: ("open" if e.is_open else "named") for e in el.set.entries for t in e.terms}


def _paired(xs, ys, key):
    """The items of two sequences matched by key, in order (the first's, then the second's
    own): (key, the first's or None, the second's or None)."""
    a = {key(x): x for x in xs}
    b = {key(y): y for y in ys}
    for k in dict.fromkeys((*a, *b)):
        yield k, a.get(k), b.get(k)


def _one_sided(x, y) -> str | None:
    """added or removed, where only one side has the item."""
    return "added" if x is None else "removed" if y is None else None


def element_changes(before: m.StatuteSet, after: m.StatuteSet) -> tuple[ElementChange, ...]:
    out: list[ElementChange] = []
    for iid, a, b in _paired(before.instruments, after.instruments, lambda i: i.id):
        if side := _one_sided(a, b):
            out.append(ElementChange(iid, None, None, "instrument", side, a, b))
            continue
        for pid, pa, pb in _paired(a.provisions, b.provisions, lambda p: p.id):
            if side := _one_sided(pa, pb):
                out.append(ElementChange(iid, pid, None, "provision", side, pa, pb))
            else:
                out.extend(_provision_changes(iid, pa, pb))
    return tuple(out)


def _provision_changes(iid: str, pa: m.Provision, pb: m.Provision):
    pid = pa.id
    # the consent rule (one at most) and the texts (by citation): there or not, reworded
    for what, xs, ys, key in (("consent", pa.consent_rules[:1], pb.consent_rules[:1],
                               lambda r: "consent"),
                              ("text", pa.texts, pb.texts, lambda t: t.citation)):
        for _, x, y in _paired(xs, ys, key):
            side = _one_sided(x, y) or ("reworded" if _words(x) != _words(y) else None)
            if side:
                yield ElementChange(iid, pid, None, what, side, x, y)
    for lid, la, lb in _paired(pa.limbs, pb.limbs, lambda lb: lb.id):
        if side := _one_sided(la, lb):
            yield ElementChange(iid, pid, lid, "limb", side, la, lb)
            continue
        for s, x, y in _paired(la.elements, lb.elements, _slot):
            if side := _one_sided(x, y):
                yield ElementChange(iid, pid, lid, s[0], side, x, y)
            elif isinstance(x, m.SetElement) and isinstance(y, m.SetElement):
                tx, ty = _set_terms(x), _set_terms(y)
                added = tuple(t for t in ty if t not in tx)
                removed = tuple(t for t in tx if t not in ty)
                named = tuple(t for t in ty if t in tx and tx[t] == "open" and ty[t] == "named")
                opened = tuple(t for t in ty if t in tx and tx[t] == "named" and ty[t] == "open")
                if added or removed or named or opened:
                    yield ElementChange(iid, pid, lid, s[0], "changed", x, y, added, removed,
                                        named, opened)
                elif _plain(x) != _plain(y) or _set_words(x) != _set_words(y):
                    yield ElementChange(iid, pid, lid, s[0], "reworded", x, y)
            elif _plain(x) != _plain(y):
                yield ElementChange(iid, pid, lid, s[0], "changed", x, y)
            elif _words(x) != _words(y):
                yield ElementChange(iid, pid, lid, s[0], "reworded", x, y)


def _set_words(el) -> object:
    return [(e.terms, _words(e), e.qualifier_text) for e in el.set.entries]


# -------------------------------------------------------------------------------- penalties

@dataclass(frozen=True)
class PenaltyChange:
    instrument: str
    provision: str
    citation: str
    change: str                  # added, removed, changed
    before: m.Penalty | None
    after: m.Penalty | None


def _penalty_plain(p: m.Penalty) -> object:
    return (p.kind, p.low, p.high, p.life,
            tuple((a.name, a.low, a.high, a.also, a.maybe, a.open_question is not None)
                  for a in p.aggravations))


def penalty_changes(before: m.StatuteSet, after: m.StatuteSet) -> tuple[PenaltyChange, ...]:
    out = []
    for inst in after.instruments:
        old = before._by_id.get(inst.id)
        if old is None:
            continue

        def clauses(i):
            return [(p.id, pen) for p in i.provisions for pen in p.penalties]
        for (pid, cite), x, y in _paired(clauses(old), clauses(inst),
                                         lambda c: (c[0], c[1].citation)):
            x, y = x and x[1], y and y[1]
            side = _one_sided(x, y) or (
                "changed" if _penalty_plain(x) != _penalty_plain(y) else None)
            if side:
                out.append(PenaltyChange(inst.id, pid, cite, side, x, y))
    return tuple(out)


# --------------------------------------------------------------------------------- verdicts

@dataclass(frozen=True)
class VerdictChange:
    scenario: str
    title: str
    instrument: str
    before: str                  # met, not_met, uncertain
    after: str
    # the element that decides it: the first element of the deciding limb whose status
    # differs between the two traces (its trace before and after), if any
    element_before: object = None
    element_after: object = None
    limb: str | None = None
    # the same verdict, another penalty bracket: the clauses before and after ("" for none)
    clause_before: str = ""
    clause_after: str = ""
    # whether the instrument, read with the articles that complement it, gives the reference
    # treaty's verdict, before and after (None: no reference, or it is the reference)
    agrees_before: bool | None = None
    agrees_after: bool | None = None

    @property
    def penalty_only(self) -> bool:
        return self.before == self.after


def _deciding(ra, rb):
    """The first element whose status differs between the two traces, in the limb nearest to
    being met after (else before)."""
    for r1, r2 in ((rb, ra), (ra, rb)):
        for lb in (r1.limb, *r1.limbs):
            other = next((x for x in r2.limbs if (x.provision, x.limb) ==
                          (lb.provision, lb.limb)), None)
            if other is None:
                continue
            ea = {e.type: e for e in other.elements}
            for e in lb.elements:
                o = ea.get(e.type)
                if o is None or o.status != e.status or o.asks != e.asks:
                    pair = (o, e) if r1 is rb else (e, o)
                    return pair[0], pair[1], lb.limb
    return None, None, None


_BEST = {"not_met": 0, "uncertain": 1, "met": 2}


def _regime(s, iid: str, statutes: m.StatuteSet) -> str:
    """The instrument's verdict read with the articles that complement it (Art. 150 with
    Art. 151): the one nearest to met."""
    ids = [iid, *(c for c in statutes.instrument(iid).complements if c in s.in_force)]
    return max((s.results[i].verdict for i in ids), key=_BEST.__getitem__)


def _agrees(s, iid: str, ref: str | None, statutes: m.StatuteSet) -> bool | None:
    if ref is None or iid == ref or ref not in s.in_force:
        return None
    return _regime(s, iid, statutes) == s.results[ref].verdict


def verdict_changes(ra: RunResult, rb: RunResult,
                    reference: str | None = None) -> tuple[VerdictChange, ...]:
    """Every scenario and instrument whose verdict (or, with the same verdict, penalty bracket)
    differs; with `reference`, whether each agrees with that treaty before and after."""
    out = []
    for sa, sb in zip(ra.scenarios, rb.scenarios):
        live = sorted(sa.in_force & sb.in_force)
        for iid in live:
            a, b = sa.results[iid], sb.results[iid]
            if a.verdict == b.verdict:
                ca = a.penalty.clause if a.verdict != "not_met" and a.penalty else ""
                cb = b.penalty.clause if b.verdict != "not_met" and b.penalty else ""
                if ca != cb:
                    out.append(VerdictChange(sa.scenario.id, sa.scenario.title, iid, a.verdict,
                                             b.verdict, clause_before=ca, clause_after=cb))
                continue
            before, after, limb = _deciding(a.full, b.full)
            out.append(VerdictChange(sa.scenario.id, sa.scenario.title, iid, a.verdict,
                                     b.verdict, before, after, limb,
                                     agrees_before=_agrees(sa, iid, reference, ra.statutes),
                                     agrees_after=_agrees(sb, iid, reference, rb.statutes)))
    return tuple(out)


# ---------------------------------------------------------------------------------- regions

@dataclass(frozen=True)
class RegionChange:
    between: tuple[str, str]
    kind: str                    # verdict, complemented, rule
    cause: str
    robust: bool
    nearer: str                  # the instrument nearer to met ("either"), or "" for a rule
    change: str                  # closed, opened; narrower, wider (it turns on fewer or more
                                 # open points of law: `points`, those gone or added)
    before: object = None        # the Region (or rule Witness) in each set
    after: object = None
    points: tuple[str, ...] = ()
    # the witness's verdicts in the other set (after, for a closed region; before, for an
    # opened one), the pair and their complements: how it stands there
    elsewhere: tuple[tuple[str, str], ...] = ()

    @property
    def witness(self):
        r = self.before if self.change in ("closed", "narrower") else self.after
        if not isinstance(r, Region):
            return r
        # for a narrower or wider region: a witness that turns on a point gone or added
        return next((w for w in r.witnesses if any(q in self.points for reading in w.readings
                                                   for q, _ in reading)), r.witness)

    @property
    def counts(self) -> tuple[int, int]:
        def n(r):
            return 0 if r is None else len(r.witnesses) if isinstance(r, Region) else 1
        return n(self.before), n(self.after)


def points_of(r) -> frozenset[str]:
    """The open points of law a region turns on (those its witnesses diverge under)."""
    if not isinstance(r, Region):
        return frozenset()
    return frozenset(q for w in r.witnesses for reading in w.readings for q, _ in reading)


def pairs_for(statutes: m.StatuteSet, as_of: date | None) -> list[tuple[str, str]]:
    """Every pair of an international instrument in force (of the reference treaty's kind)
    with an instrument of the State it binds in force, reference first."""
    ref = reference_of(statutes, as_of)
    if ref is None or ref.bound is None:
        return []
    state = ref.bound.party
    live = [i for i in statutes.instruments if i.in_force_on(as_of)]
    intl = [ref] + [i for i in live if i.id != ref.id and i.kind == ref.kind
                    and i.jurisdiction != state]
    domestic = [i for i in live if i.jurisdiction == state]
    return [(a.id, d.id) for a in intl for d in domestic]


def _keyed(e: Exploration) -> dict[tuple, object]:
    out: dict[tuple, object] = {}
    for r in e.regions:
        out[(tuple(sorted(r.between)), r.kind, r.cause, r.robust, r.nearer)] = r
    for w in e.rules:
        out[(tuple(sorted(w.divergence.between)), "rule", w.divergence.element, True, "")] = w
    return out


def explore_pairs(statutes: m.StatuteSet, pairs, as_of: date | None) -> Exploration:
    live = tuple(i.id for i in statutes.instruments if i.in_force_on(as_of))
    wanted = [p for p in pairs if p[0] in live and p[1] in live]
    return explore(statutes, ids=live, when=as_of, pairs=wanted)


def _elsewhere(c: "RegionChange", statutes: m.StatuteSet, as_of) -> "RegionChange":
    from dataclasses import replace
    from lawcheck.engine.evaluate import evaluate
    if c.change not in ("closed", "opened"):
        return c
    facts = c.witness.facts
    ids = [i for i in dict.fromkeys((*c.between, *(x for i in c.between if i in statutes.ids
                                                   for x in statutes.instrument(i).complements)))
           if i in statutes.ids]
    return replace(c, elsewhere=tuple(
        (i, evaluate(statutes.instrument(i), facts, statutes, as_of).verdict) for i in ids))


def region_changes(ea: Exploration, eb: Exploration) -> tuple[RegionChange, ...]:
    ka, kb = _keyed(ea), _keyed(eb)
    out = []
    for key in dict.fromkeys((*ka, *kb)):
        pair, kind, cause, robust, nearer = key
        x, y = ka.get(key), kb.get(key)
        # a region in both is not compared by its witnesses (their number depends on how
        # finely each set's own fact patterns divide the ages and terms) but by the open
        # points it turns on: fewer, and it is narrower (a reading that no longer matters)
        gone: tuple[str, ...] = ()
        if x is not None and y is not None:
            px, py = points_of(x), points_of(y)
            if px == py or not (py < px or px < py):
                continue
            change = "narrower" if py < px else "wider"
            gone = tuple(q for q in (px ^ py))
        else:
            change = "opened" if x is None else "closed"
        out.append(RegionChange(pair, kind, cause, robust, nearer, change, x, y,
                                tuple(sorted(gone))))
    order = {"closed": 0, "opened": 1, "narrower": 2, "wider": 3}
    return tuple(sorted(out, key=lambda c: (c.between, order[c.change], not c.robust,
                                            c.kind != "verdict", c.cause)))


# ------------------------------------------------------------------------------- the whole

@dataclass(frozen=True)
class Amendment:
    before: m.StatuteSet
    after: m.StatuteSet
    as_of: date | None
    pairs: tuple[tuple[str, str], ...]
    elements: tuple[ElementChange, ...]
    penalties: tuple[PenaltyChange, ...]
    regions: tuple[RegionChange, ...]
    verdicts: tuple[VerdictChange, ...]
    scenarios: int               # scenarios evaluated

    @property
    def proposals(self) -> tuple[m.Proposal, ...]:
        prov = self.after.provenance
        return prov.proposals if prov else ()

    def tally(self, pair: tuple[str, str] | None = None,
              instrument: str | None = None) -> dict[str, int]:
        """closed / opened regions, robust and reading-dependent apart (of one pair, or of the
        pairs with one instrument, or all)."""
        out = {f"{c}_{r}": 0 for c in ("closed", "opened") for r in ("robust", "reading")}
        out.update(rules_closed=0, rules_opened=0)
        for c in self.regions:
            if c.change in ("closed", "opened") and (pair is None or c.between == pair) and (
                    instrument is None or instrument in c.between):
                # a rule only one text has (consent, an exception) moves no verdict: apart
                key = (f"rules_{c.change}" if c.kind == "rule" else
                       f"{c.change}_{'robust' if c.robust else 'reading'}")
                out[key] += 1
        return out

    def agreement(self) -> dict[str, int]:
        """Scenarios whose verdict changes: how many now agree with the reference treaty where
        they did not (for some instrument, read with its complements), how many now part."""
        now = {"agrees": set(), "parts": set()}
        for v in self.verdicts:
            if v.agrees_before is not None and v.agrees_before != v.agrees_after:
                now["agrees" if v.agrees_after else "parts"].add(v.scenario)
        return {k: len(x) for k, x in now.items()}


def pairs_of(before: m.StatuteSet, after: m.StatuteSet,
             as_of: date | None) -> list[tuple[str, str]]:
    """The pairs compared: those of either set, each in id order (as the explorer keys them)."""
    return list(dict.fromkeys(tuple(sorted(p)) for p in (*pairs_for(before, as_of),
                                                           *pairs_for(after, as_of))))


def compare(before: m.StatuteSet, after: m.StatuteSet, suites=(), as_of: date | None = None,
            regions: bool = True, explored: Exploration | None = None,
            ran: RunResult | None = None) -> Amendment:
    """What differs between two statute sets on the date: elements, penalties, the regions of
    divergence with the international instruments, and the scenarios' verdicts. `explored`:
    the exploration of `before` over the same pairs, if already made (lawcheck amend --rank
    explores the law once for every proposal); `ran`: the run of `suites` on `before` on that
    date, if already made (lawcheck report --proposal has it)."""
    pairs = pairs_of(before, after, as_of)
    changes: tuple[RegionChange, ...] = ()
    if regions and pairs:
        changes = region_changes(explored or explore_pairs(before, pairs, as_of),
                                 explore_pairs(after, pairs, as_of))
        changes = tuple(_elsewhere(c, after if c.change == "closed" else before, as_of)
                        for c in changes)
    suites = list(suites)
    verdicts: tuple[VerdictChange, ...] = ()
    count = 0
    if suites:
        ra, rb = ran or run(before, suites, as_of), run(after, suites, as_of)
        ref = reference_of(before, as_of)
        verdicts = verdict_changes(ra, rb, ref.id if ref else None)
        count = len(ra.scenarios)
    return Amendment(before, after, as_of, tuple(pairs), element_changes(before, after),
                     penalty_changes(before, after), changes, verdicts, count)


@dataclass(frozen=True)
class Ranked:
    proposal: m.Proposal
    amendment: Amendment


def rank(before: m.StatuteSet, alone: list[m.StatuteSet], together: m.StatuteSet | None,
         reference: str, as_of: date | None) -> tuple[list[Ranked], Amendment | None]:
    """Each amended set (one proposal each) against the law, best first: most robust regions
    with the reference closed, then fewest opened; and all of them together. The law is
    explored once."""
    pairs = list(dict.fromkeys(p for s in (*alone, *([together] if together else []))
                               for p in pairs_of(before, s, as_of)))
    base = explore_pairs(before, pairs, as_of)
    out = []
    for after in alone:
        a = compare(before, after, (), as_of, explored=base)
        out.append(Ranked(after.provenance.proposals[0], a))

    def key(r: Ranked):
        t = r.amendment.tally(instrument=reference)
        return (-t["closed_robust"], t["opened_robust"], -t["closed_reading"],
                t["opened_reading"], -t["rules_closed"], r.proposal.id)
    out.sort(key=key)
    both = compare(before, together, (), as_of, explored=base) if together else None
    return out, both
