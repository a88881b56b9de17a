"""Case files: YAML -> validated scenarios (pydantic), every error with file:line:col and field path."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, ClassVar, Iterator, Literal, Union

import yaml
from yaml._yaml import CParser
from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, SerializeAsAny, StrictBool,
                      StrictInt, ValidationError, create_model, model_validator)

from lawcheck.errors import Collector, Diagnostic, LawcheckError, Span, did_you_mean
from lawcheck.inputs import read_text, unique_files
from lawcheck.statute.model import UNKNOWN, StatuteSet, Vocabulary
from lawcheck.resources import data_dir

Verdict = Literal["met", "not_met", "uncertain"]
VERDICTS = ("met", "not_met", "uncertain")


def _unknown_to_none(value):
    return None if value == UNKNOWN else value


# A fact that may be unknown: true, false, or the word `unknown` (stored as None).
Tri = Annotated[Union[StrictBool, None], BeforeValidator(_unknown_to_none)]
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AgeRange(_Strict):
    """An age known only to lie within a range, both ends included."""

    min: StrictInt = Field(ge=0, le=130)
    max: StrictInt = Field(ge=0, le=130)

    @model_validator(mode="after")
    def _ordered(self):
        if self.min > self.max:
            raise ValueError("min is greater than max")
        return self


class Circumstances(BaseModel):
    """Facts that only raise the penalty (aggravating circumstances); they decide no verdict.
    Their names, kinds and defaults are the vocabulary's (`circumstance` in
    statutes/vocabulary.law): a case file's are checked against it, and facts typed by it
    (`Facts.typed`) hold every one, those not stated at their defaults. Built in code, they
    hold what is given: one left out has its default."""

    model_config = ConfigDict(frozen=True, extra="allow")

    # circumstance name -> attribute, where they differ (a vocabulary's model, facts_model)
    ATTRIBUTES: ClassVar[dict[str, str]] = {}

    def get(self, name: str, default=None):
        """The value of a circumstance, by its name in the vocabulary (`default` where facts
        built in code leave it out)."""
        attribute = self.ATTRIBUTES.get(name)
        if attribute is None and name in type(self).model_fields:
            attribute = name
        if attribute is not None:
            return getattr(self, attribute)
        return (self.__pydantic_extra__ or {}).get(name, default)


class _Declared(Circumstances):
    """The base of a vocabulary's Circumstances model (facts_model): those it declares, under
    their names in the case file, and no others."""

    model_config = ConfigDict(extra="forbid", serialize_by_alias=True, validate_by_name=False,
                              validate_by_alias=True)


class Consent(_Strict):
    """Whether the victim agreed to the movement and to the (intended) exploitation."""

    movement: Tri = False
    exploitation: Tri = False


class Facts(_Strict):
    victim_age: Union[Annotated[StrictInt, Field(ge=0, le=130)], Literal["unknown"], AgeRange]
    acts: tuple[str, ...] = Field(min_length=1)
    means: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    handover: Tri = False
    consent: Consent = Consent()
    exploitation_occurred: Tri = False
    # a border value of the vocabulary, or unknown; None: not stated (facts typed by the
    # vocabulary, `typed`, have its default)
    border: str | None = None
    organized_criminal_group: Tri = False
    humanitarian_purpose: Tri = False
    circumstances: SerializeAsAny[Circumstances] = Circumstances()
    date: dt.date | None = None

    # the border values that cross a border (the vocabulary's model of the facts says which)
    CROSSING: ClassVar[frozenset[str]] = frozenset()

    def typed(self, vocabulary: Vocabulary) -> "Facts":
        """The facts as the vocabulary's model of them (facts_model): its border values and
        circumstances checked, each one not stated at its default."""
        model = facts_model(vocabulary)
        if type(self) is model:
            return self
        stated = self.model_dump(exclude_unset=True)
        if self.border is None:                  # not stated: the vocabulary's default
            stated.pop("border", None)
        return model.model_validate(stated)

    def resolved(self, vocabulary: Vocabulary) -> "Facts":
        """The facts typed by the vocabulary (`typed`), with what they imply filled in: an act
        that is itself a handover (the vocabulary marks them: transfer, receipt) makes
        `handover` true."""
        facts = self.typed(vocabulary)
        if set(facts.acts) & vocabulary.handover_acts and facts.handover is not True \
                and not (facts.handover is False and "handover" in facts.model_fields_set):
            return facts.model_copy(update={"handover": True})
        return facts

    @property
    def age_range(self) -> tuple[int, int]:
        if isinstance(self.victim_age, int):
            return (self.victim_age, self.victim_age)
        if isinstance(self.victim_age, AgeRange):
            return (self.victim_age.min, self.victim_age.max)
        return (0, 130)

    @property
    def transnational(self) -> bool | None:
        """Whether the person crossed, or was to cross, a border (a border value the
        vocabulary marks `crosses`); None where the border is unknown."""
        return None if self.border == UNKNOWN else self.border in self.CROSSING


class ExpectationChange(_Strict):
    """From a date, the verdict expected changes (the same text read differently, e.g. once the
    articles it refers to were repealed)."""

    since: dt.date
    verdict: Verdict
    reason: str = Field(min_length=1)
    penalty: str | None = None


class Expectation(_Strict):
    verdict: Verdict
    reason: str = Field(min_length=1)
    # the penalty bracket expected where the instrument is met, by its clause's citation
    penalty: str | None = None
    # later verdicts, each from its date on (the law applied at an earlier date, or as written
    # with no date, gives the verdict above)
    changes: tuple[ExpectationChange, ...] = ()

    def at(self, when: dt.date | None) -> "Expectation":
        """The expectation for the law applied on `when` (none: as written)."""
        current = self
        for c in sorted(self.changes, key=lambda c: c.since):
            if when is not None and when >= c.since:
                current = Expectation(verdict=c.verdict, reason=c.reason, penalty=c.penalty)
        return current


class Scenario(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    facts: Facts
    expect: dict[str, Expectation] = {}
    notes: str | None = None
    span: Span = Field(default=Span(""), exclude=True)
    suite: str = Field(default="", exclude=True)


class Suite(_Strict):
    suite: str = Field(pattern=ID_PATTERN)
    title: str
    description: str | None = None
    scenarios: tuple[Scenario, ...] = Field(min_length=1)
    file: str = Field(default="", exclude=True)


class _SuiteHeader(_Strict):
    """A case file's own fields; its scenarios are validated one by one."""

    suite: str = Field(pattern=ID_PATTERN)
    title: str
    description: str | None = None
    scenarios: list = Field(min_length=1)


# ------------------------------------------------------------------ the facts a vocabulary declares

@dataclass(frozen=True)
class _CaseModel:
    """A vocabulary's models of a scenario and its facts (its border values and circumstances
    typed, with their defaults), and what the reader's messages say of its circumstances."""

    scenario: type[Scenario]
    facts: type[Facts]
    circumstances: tuple[str, ...]     # their names, for did-you-mean
    expected: dict[str, str]           # a counted one's name -> the values it takes, in words


def facts_model(vocabulary: Vocabulary) -> type[Facts]:
    """The model of a scenario's facts under the vocabulary: `border` one of its border values
    (or unknown), its default if not stated; `circumstances` those it declares, each with its
    kind, bounds and default. Built once per vocabulary."""
    return _case_model(vocabulary).facts


def _case_model(vocabulary: Vocabulary) -> _CaseModel:
    store = vocabulary.compiled
    if "case" not in store:
        store["case"] = _new_case_model(vocabulary)
    return store["case"]


def _new_case_model(vocabulary: Vocabulary) -> _CaseModel:
    fields, attributes = {}, {}
    for i, c in enumerate(vocabulary.circumstances):
        # a name that is no Python attribute name, or one the model has, is kept as its alias
        plain = c.name.isidentifier() and not hasattr(_Declared, c.name) \
            and not c.name.startswith("model_")
        attribute = c.name if plain else f"circumstance_{i}"
        if not plain:
            attributes[c.name] = attribute
        kind = Tri if not c.counted else Union[
            Annotated[StrictInt, Field(ge=c.low, le=c.high)], Literal["unknown"]]
        fields[attribute] = (kind, Field(c.default, alias=None if plain else c.name))
    circumstances = create_model("Circumstances", __base__=_Declared, __module__=__name__,
                                 **fields)
    circumstances.ATTRIBUTES = attributes
    default = next((b.name for b in vocabulary.borders if b.default), UNKNOWN)
    border = Literal[tuple(b.name for b in vocabulary.borders) + (UNKNOWN,)]
    facts = create_model("Facts", __base__=Facts, __module__=__name__,
                         border=(border, default), circumstances=(circumstances, circumstances()))
    facts.CROSSING = frozenset(b.name for b in vocabulary.borders if b.crosses)
    scenario = create_model("Scenario", __base__=Scenario, __module__=__name__, facts=(facts, ...))
    expected = {c.name: f"a whole number from {c.low:,} to {c.high:,} ({c.label}"
                        + (f", {c.unit}" if c.unit else "") + "), or unknown"
                for c in vocabulary.circumstances if c.counted}
    return _CaseModel(scenario, facts, tuple(c.name for c in vocabulary.circumstances), expected)


# ------------------------------------------------------------------------------- YAML with marks

# YAML 1.2 (core schema) scalars, not PyYAML's YAML 1.1: `017` is 17, not the octal 15; `1:05`
# is text, not the base-60 number 65; `1_000`, `0b101` and `yes` are text (and so rejected where
# a number or a boolean is needed, with the field's path). Dates stay text too (pydantic checks
# them, with a position).
_INT_12 = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT_12 = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                       r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_BOOLS = frozenset(("true", "True", "TRUE", "false", "False", "FALSE"))
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_NUMERIC_START = frozenset("-+.0123456789")


def _resolve_12(self, kind, value, implicit):
    """A plain scalar is a bool, a null, an int, a float or text; a quoted one is text."""
    if kind is yaml.ScalarNode and implicit[0]:
        if value in _BOOLS:
            return "tag:yaml.org,2002:bool"
        if value in _NULLS:
            return "tag:yaml.org,2002:null"
        if value[0] in _NUMERIC_START:
            if _INT_12.match(value):
                return "tag:yaml.org,2002:int"
            if _FLOAT_12.match(value):
                return "tag:yaml.org,2002:float"
        return "tag:yaml.org,2002:str"
    return yaml.resolver.Resolver.resolve(self, kind, value, implicit)


def _int_12(v: str) -> int:
    if v.startswith(("0o", "0x")):
        return int(v[2:], 8 if v[1] == "o" else 16)
    return int(v, 10)          # leading zeros are decimal: 017 is 17


def _float_12(v: str) -> float:
    low = v.lower()
    if low.endswith(".inf"):
        return float("-inf") if v.startswith("-") else float("inf")
    if low == ".nan":
        return float("nan")
    return float(v)


_SCALAR = {
    "tag:yaml.org,2002:str": lambda v: v,
    "tag:yaml.org,2002:int": _int_12,
    "tag:yaml.org,2002:float": _float_12,
    "tag:yaml.org,2002:bool": lambda v: v.lower() == "true",
    "tag:yaml.org,2002:null": lambda v: None,
}


class _Loader(yaml.SafeLoader):
    """PyYAML's pure-Python parser, with the same scalars: used only to word a syntax error
    better than libyaml does."""

    resolve = _resolve_12


class _Anchors(dict):
    """The reader's anchors (name -> node), and the ids of the anchored nodes, kept as they
    come (so that sizing a scenario does not walk every anchor of the file)."""

    def __init__(self):
        super().__init__()
        self.ids: set[int] = set()

    def __setitem__(self, name, node):
        super().__setitem__(name, node)
        self.ids.add(id(node))


class _StreamLoader(CParser, yaml.composer.Composer, yaml.constructor.SafeConstructor,
                    yaml.resolver.Resolver):
    """libyaml's events, composed node by node in Python: a case file is read one scenario at
    a time (memory does not grow with the file), and faster than composing it whole."""

    resolve = _resolve_12

    def __init__(self, text: str):
        CParser.__init__(self, text)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.anchors = _Anchors()


# Limits on what a case file may make the reader build (docs/case-format.md, "Limits"): how many
# values aliases may add once expanded, and how deeply the document may nest.
MAX_ALIAS_EXPANSION = 100_000
MAX_DEPTH = 100


class YamlLimitError(Exception):
    def __init__(self, message: str, mark, expected: str, suggestion: str):
        super().__init__(message)
        self.message, self.mark, self.expected, self.suggestion = message, mark, expected, \
            suggestion


def _too_deep(mark) -> YamlLimitError:
    return YamlLimitError(f"nested more than {MAX_DEPTH} levels deep", mark,
                          f"at most {MAX_DEPTH} levels of lists and mappings",
                          "a case file needs only a few levels; is this the right file?")


def _check_size(root, budget: dict, anchored: set) -> None:
    """Refuse, before building anything, a part of a file whose aliases expand the file by more
    than MAX_ALIAS_EXPANSION values ("billion laughs"), or that nests deeper than MAX_DEPTH.
    Linear in the node graph: each node is sized once, shared (aliased) nodes included.

    An anchored node (its id in `anchored`) counts as written where it first occurs; each
    further occurrence (an alias, *name) adds its whole expanded size. `budget` carries the
    count, and the anchored nodes already seen, across the parts of one file read one by one,
    so that many small expansions cannot add up to a large one."""
    size: dict[int, int] = {}
    stack = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        if depth > MAX_DEPTH:
            raise _too_deep(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            size[id(node)] = 1
            continue
        children = ([v for pair in node.value for v in pair]
                    if isinstance(node, yaml.MappingNode) else list(node.value))
        if done:
            size[id(node)] = 1 + sum(size[id(c)] for c in children)
            for c in children:
                if id(c) in anchored:
                    if id(c) in budget["seen"]:
                        budget["spent"] += size[id(c)]
                    else:
                        budget["seen"].add(id(c))
            if budget["spent"] > MAX_ALIAS_EXPANSION:
                raise YamlLimitError(
                    f"YAML aliases expand the document by more than "
                    f"{MAX_ALIAS_EXPANSION:,} values", node.start_mark,
                    "a case file whose aliases (*name) repeat a few values",
                    "write the values out, or use fewer aliases")
            continue
        if id(node) in size:
            continue
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in children if id(c) not in size)


def _build(loader, node, path: tuple, dupes: list):
    """The data of a node tree, YAML 1.2 scalars, built directly (several times faster than
    PyYAML's generic constructor, which remains the fallback for explicit tags); duplicate
    mapping keys are noted with their path and mark."""
    if len(path) > MAX_DEPTH:
        raise _too_deep(node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        make = _SCALAR.get(node.tag)
        return make(node.value) if make else loader.construct_object(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            return loader.construct_object(node, deep=True)
        return [_build(loader, item, path + (i,), dupes) for i, item in enumerate(node.value)]
    if node.tag != "tag:yaml.org,2002:map":
        return loader.construct_object(node, deep=True)
    out = {}
    for key_node, value_node in node.value:
        key = _build(loader, key_node, path, dupes) if not isinstance(key_node, yaml.ScalarNode) \
            else _SCALAR.get(key_node.tag, str)(key_node.value)
        try:
            if key in out:
                dupes.append((path + (key,), key_node.start_mark))
        except TypeError:                      # an unhashable key (a list or a mapping)
            key = str(key)
        out[key] = _build(loader, value_node, path + (key,), dupes)
    return out


class _Marks:
    """Where each field path starts and ends in the file: (line, column, end line, end column),
    found on demand by walking the node tree (only for the paths an error names). A path may
    end with "__key__" for the mark of a mapping key rather than of its value."""

    def __init__(self, root):
        self.root = root
        self.index: dict[int, dict] = {}

    def _node(self, path: tuple):
        node = self.root
        for i, part in enumerate(path):
            if part == "__key__" and i == len(path) - 1:
                return node
            if isinstance(node, yaml.MappingNode):
                keys = self.index.get(id(node))
                if keys is None:
                    keys = self.index[id(node)] = {}
                    for k, v in node.value:
                        keys.setdefault(k.value if isinstance(k, yaml.ScalarNode) else None,
                                        (k, v))
                found = keys.get(part)
                if found is None:
                    return None
                if i + 1 < len(path) and path[i + 1] == "__key__" and i + 2 == len(path):
                    return found[0]
                node = found[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                    and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                return None
        return node

    def get(self, path: tuple, default=None):
        node = self._node(tuple(path))
        if node is None:
            return default
        return (node.start_mark.line + 1, node.start_mark.column + 1,
                node.end_mark.line + 1, node.end_mark.column + 1)

    def __contains__(self, path) -> bool:
        return self._node(tuple(path)) is not None

    def __getitem__(self, path):
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found


_START = yaml.Mark("", 0, 0, 0, None, None)         # line 1, column 1


def _span_for(file: str, marks: dict, loc: tuple) -> Span:
    """The deepest path in `loc` that has a mark (pydantic adds union tags that YAML lacks)."""
    path = tuple(loc)
    while path:
        if path in marks:
            m = marks[path]
            return Span(file, m[0], m[1], m[2], m[3])
        path = path[:-1]
    m = marks.get((), (1, 1, 1, 1))
    return Span(file, m[0], m[1])


_UNION_EXPECTED = {
    "victim_age": "a whole number of years (0 to 130), unknown, or a range {min: N, max: N}",
}
_TRI_EXPECTED = "true, false or unknown"


def _is_tag(part) -> bool:
    """pydantic's names for the branches of a union, which are not field names."""
    return isinstance(part, str) and (part in ("int", "bool", "none", "str", "constrained-int")
                                      or "[" in part or part[:1].isupper())


def _clean(loc: tuple, extra: bool = False) -> tuple:
    """The field path without pydantic's branch names. A key the user wrote is kept whatever it
    looks like: an instrument id under `expect`, a circumstance, and the unknown field of an
    `extra` error."""
    last = len(loc) - 1
    return tuple(p for i, p in enumerate(loc)
                 if not _is_tag(p) or (i and loc[i - 1] in ("expect", "circumstances"))
                 or (extra and i == last))


def _merge_errors(errors: list[dict], prefix: tuple = (), case: _CaseModel | None = None
                  ) -> list[dict]:
    """One error per mistake: a value that fits no branch of a union is one mistake, not three;
    a list is not also reported as too short when its items are wrong; and a misspelt field is
    not also reported as missing. `case`: the vocabulary's circumstances (what they expect)."""
    errors = [{**e, "loc": prefix + tuple(e["loc"])} for e in errors]
    for e in errors:
        if e["type"] == "extra_forbidden":
            hint = _suggest_field(_clean(e["loc"], extra=True), case)
            if hint:
                e["suggestion"] = hint
                meant = _clean(e["loc"], extra=True)[:-1] + (hint.split("'")[1],)
                errors = [x for x in errors
                          if not (x["type"] == "missing" and _clean(x["loc"]) == meant)]
    groups: dict[tuple, list[dict]] = {}
    for err in errors:
        groups.setdefault(_clean(err["loc"], err["type"] == "extra_forbidden"), []).append(err)
    out = []
    for loc, errs in groups.items():
        if errs[0]["type"] == "too_short" and any(
                k != loc and k[:len(loc)] == loc for k in groups):
            continue
        if len(errs) == 1:
            out.append({**errs[0], "loc": loc})
            continue
        if any(len(k) > len(loc) and k[:len(loc)] == loc for k in groups):
            continue   # the value fits a branch's shape (e.g. an age range); its own errors say more
        value_errors = [e for e in errs if e["type"] == "value_error"]
        if value_errors:
            out.append({**value_errors[0], "loc": loc})
            continue
        named = case.expected if case and "circumstances" in loc else _UNION_EXPECTED
        expected = named.get(str(loc[-1]), _TRI_EXPECTED)
        out.append({"type": "union", "loc": loc, "msg": "", "input": errs[0].get("input"),
                    "expected": expected})
    return out


def _field_path(loc: tuple, extra: bool = False) -> str:
    out = ""
    for part in _clean(loc, extra):
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _fields(model) -> tuple[str, ...]:
    """The fields a case file may write for a model (not those lawcheck fills in itself)."""
    return tuple(k for k, f in model.model_fields.items() if not f.exclude)


_FIELD_NAMES = {"suite": _fields(_SuiteHeader), "scenario": _fields(Scenario),
                "facts": _fields(Facts), "consent": _fields(Consent),
                "expect": _fields(Expectation), "changes": _fields(ExpectationChange)}


def _suggest_field(loc: tuple, case: _CaseModel | None = None) -> str | None:
    if not loc:
        return None
    name = str(loc[-1])
    parent = [p for p in loc[:-1] if not isinstance(p, int)]
    names = {**_FIELD_NAMES, "circumstances": case.circumstances if case else ()}
    if not parent:
        group = "suite"
    elif parent[-1] == "scenarios":
        group = "scenario"
    elif parent[-1] in names:
        group = parent[-1]
    elif len(parent) >= 2 and parent[-2] == "expect":
        group = "expect"
    else:
        return None
    return did_you_mean(name, names[group])


# ------------------------------------------------------------------------------- streaming

def _events(loader):
    """The top-level mapping key by key: ("field", key node, value node), except `scenarios`,
    whose items come one by one: ("scenarios", key node, start mark), then ("scenario", i,
    node) for each, then ("end", count). ("not_mapping", mark) if the document is not one."""
    loader.get_event()                                   # stream start
    if loader.check_event(yaml.StreamEndEvent):
        yield ("not_mapping", None)
        return
    loader.get_event()                                   # document start
    if not loader.check_event(yaml.MappingStartEvent):
        yield ("not_mapping", loader.peek_event().start_mark)
        return
    loader.get_event()
    while not loader.check_event(yaml.MappingEndEvent):
        key = loader.compose_node(None, None)
        if isinstance(key, yaml.ScalarNode) and key.value == "scenarios" \
                and loader.check_event(yaml.SequenceStartEvent):
            yield ("scenarios", key, loader.get_event().start_mark)
            i = 0
            while not loader.check_event(yaml.SequenceEndEvent):
                yield ("scenario", i, loader.compose_node(None, None))
                i += 1
            loader.get_event()
            yield ("end", i)
        else:
            yield ("field", key, loader.compose_node(None, None))
    loader.get_event()                                   # mapping end
    loader.get_event()                                   # document end
    if not loader.check_event(yaml.StreamEndEvent):
        mark = loader.peek_event().start_mark
        raise yaml.MarkedYAMLError(problem="a case file holds one YAML document; another one "
                                           "starts here", problem_mark=mark)


class _ScenarioMarks:
    """Marks for the paths of one scenario (`scenarios`, i, ...), from its own node."""

    def __init__(self, index: int, node):
        self.index, self.node = index, _Marks(node)

    def get(self, path, default=None):
        path = tuple(path)
        if path[:2] == ("scenarios", self.index):
            return self.node.get(path[2:], default)
        return default

    def __contains__(self, path) -> bool:
        return self.get(path) is not None

    def __getitem__(self, path):
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found


@dataclass
class SuiteInfo:
    """A case file's own fields, known once its scenarios have been read."""

    suite: str = ""
    title: str = ""
    description: str | None = None
    file: str = ""
    count: int = 0


def _yaml_error(exc, text: str, display: str) -> LawcheckError:
    """libyaml's terse messages explained by PyYAML's own parser, where it agrees."""
    if isinstance(exc, yaml.MarkedYAMLError):
        loader = _Loader(text)            # the pure-Python parser words errors better
        try:
            loader.get_single_node()
        except yaml.MarkedYAMLError as better:
            exc = better
        except Exception:  # noqa: BLE001 - keep libyaml's message
            pass
        finally:
            loader.dispose()
        mark = exc.problem_mark or exc.context_mark
        span = Span(display, mark.line + 1, mark.column + 1) if mark else Span(display)
        return LawcheckError([Diagnostic(span, f"invalid YAML: {exc.problem or exc}",
                                         suggestion=_yaml_hint(exc))])
    if isinstance(exc, YamlLimitError):
        span = Span(display, exc.mark.line + 1, exc.mark.column + 1)
        return LawcheckError([Diagnostic(span, f"not read: {exc.message}", expected=exc.expected,
                                         suggestion=exc.suggestion)])
    if isinstance(exc, yaml.reader.ReaderError):
        return LawcheckError([Diagnostic(Span(display), f"invalid YAML: {exc.reason}",
                                         expected="printable text")])
    return LawcheckError([Diagnostic(Span(display), "not read: nested more than the reader can "
                                     "follow", expected=f"at most {MAX_DEPTH} levels of lists "
                                     "and mappings")])


def iter_suite(path: Path, display: str, statutes: StatuteSet, errors: Collector,
               info: SuiteInfo) -> Iterator[Scenario]:
    """A case file's scenarios, validated and checked one at a time as they are read; every
    problem goes to `errors` (nothing is yielded that has one); `info` is filled in with the
    file's own fields. Memory holds one scenario at a time, whatever the size of the file."""
    text = read_text(path, display)
    info.file = display
    loader = _StreamLoader(text)
    anchors = "&" in text
    budget: dict = {"spent": 0, "seen": set()}   # what aliases have added, file-wide
    start = len(errors.diagnostics)
    checked = False       # the file's own fields validated (once)
    fields: dict = {}
    header: _SuiteHeader | None = None
    pending: list = []            # scenarios read before the file's own fields were known
    dupes: list = []
    ids_here: dict[str, str] = {}   # scenario id -> where it is first used in this file

    def top_marks():
        nodes = [(k, v) for k, v in fields.values() if v is not None]
        first = nodes[0][0].start_mark if nodes else _START
        return _Marks(yaml.MappingNode("tag:yaml.org,2002:map", nodes, first, first))

    case = _case_model(statutes.vocabulary)

    def report(exc: ValidationError, marks, prefix: tuple = (), skip: frozenset = frozenset()
               ) -> None:
        for err in _merge_errors(exc.errors(), prefix, case):
            loc = err["loc"]
            if _field_path(loc) in skip:
                continue
            span = _span_for(display, marks, loc + ("__key__",) if err["type"] == "extra_forbidden"
                             else loc)
            message, expected, suggestion = _explain(err)
            extra = err["type"] == "extra_forbidden"
            if extra:
                suggestion = err.get("suggestion") or _suggest_field(_clean(loc, extra=True),
                                                                     case)
            errors.error(span, message, expected=expected, suggestion=suggestion,
                         context=_field_path(loc, extra))

    def validate_header(scenarios) -> _SuiteHeader | None:
        data = {k: _build(loader, v, (k,), dupes) for k, (_, v) in fields.items()
                if k != "scenarios"}
        if scenarios is not None:
            data["scenarios"] = scenarios
        try:
            return _SuiteHeader.model_validate(data)
        except ValidationError as exc:
            report(exc, top_marks())
            return None

    def finish(sc: Scenario, node) -> Scenario:
        return sc.model_copy(update={
            "span": Span(display, node.start_mark.line + 1, node.start_mark.column + 1,
                         source=str(path)),
            "suite": header.suite if header else "",
            "facts": sc.facts.resolved(statutes.vocabulary)})

    try:
        for ev in _events(loader):
            kind = ev[0]
            if kind == "not_mapping":
                errors.error(Span(display, 1, 1), "a case file must be a mapping",
                             expected="suite:, title: and scenarios:")
                return
            if kind == "field" or kind == "scenarios":
                key = ev[1]
                name = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
                if name in fields:
                    errors.error(Span(display, key.start_mark.line + 1,
                                      key.start_mark.column + 1),
                                 f"duplicate key '{name}'", context=name)
                    continue
                if kind == "field" and anchors:
                    _check_size(ev[2], budget, loader.anchors.ids)
                fields[name] = (key, ev[2] if kind == "field" else None)
                if kind == "scenarios" and {"suite", "title"} <= set(fields):
                    header, checked = validate_header([None]), True
                continue
            if kind == "end":
                info.count = ev[1]
                continue
            i, node = ev[1], ev[2]
            if anchors:
                _check_size(node, budget, loader.anchors.ids)
            raw = _build(loader, node, ("scenarios", i), dupes)
            marks = _ScenarioMarks(i, node)
            before = len(errors.diagnostics)
            # every error in one round: the terms, instruments and ids are checked on what was
            # written, whether or not the rest of the scenario is valid
            # a field left empty is an error, never a silent "unknown"
            empties = list(_empty_values(raw, ("scenarios", i)))
            empty = frozenset(_field_path(loc) for loc in empties)
            for loc in empties:
                errors.error(_span_for(display, marks, loc + ("__key__",)),
                             f"'{loc[-1]}' has no value", expected="a value; for a fact not "
                             "known, the word unknown", context=_field_path(loc))
            try:
                sc = case.scenario.model_validate(raw)
            except ValidationError as exc:
                report(exc, marks, ("scenarios", i), empty)
                sc = None
            reported = {d.context for d in errors.diagnostics[before:]}
            _check_terms(raw, ("scenarios", i), statutes, display, marks, errors, reported)
            sid = raw.get("id") if isinstance(raw, dict) else None
            if isinstance(sid, str) and ID_RE.fullmatch(sid):
                here = Span(display, node.start_mark.line + 1, node.start_mark.column + 1)
                if sid in ids_here:
                    errors.error(here, f"duplicate scenario id '{sid}'",
                                 suggestion=f"it is already used at {ids_here[sid]}",
                                 context=_field_path(("scenarios", i, "id")))
                else:
                    ids_here[sid] = str(here)
            if sc is None or len(errors.diagnostics) > before:
                continue
            if header is None and "suite" not in fields:
                pending.append((sc, node))
                continue
            yield finish(sc, node)
    except (yaml.MarkedYAMLError, YamlLimitError, yaml.reader.ReaderError, RecursionError) as exc:
        # the file is not read: what was found in it before is beside the point
        del errors.diagnostics[start:]
        errors.diagnostics.extend(_yaml_error(exc, text, display).diagnostics)
        return
    for path_, mark in dupes:
        errors.error(Span(display, mark.line + 1, mark.column + 1),
                     f"duplicate key '{path_[-1]}'", context=_field_path(path_))
    if not checked:
        scenarios = [None] * info.count if "scenarios" in fields else None
        if "scenarios" in fields and fields["scenarios"][1] is not None:
            scenarios = _build(loader, fields["scenarios"][1], ("scenarios",), dupes)
        header = validate_header(scenarios if scenarios is not None else None)
    elif info.count == 0:
        key = fields["scenarios"][0]
        errors.error(Span(display, key.start_mark.line + 1, key.start_mark.column + 1),
                     "list should have at least 1 item after validation, not 0",
                     context="scenarios")
    if header is not None:
        info.suite, info.title, info.description = header.suite, header.title, header.description
        for sc, node in pending:
            yield finish(sc, node)


def load_suite(path: Path, display: str, statutes: StatuteSet) -> Suite:
    """Read, validate and check one case file against the vocabulary and the instruments.
    Each scenario is validated on its own, so that every error in the file is reported."""
    errors, info = Collector(), SuiteInfo()
    scenarios = tuple(iter_suite(path, display, statutes, errors, info))
    errors.raise_if_any()
    return Suite(suite=info.suite, title=info.title, description=info.description,
                 scenarios=scenarios, file=display)


def stream_suites(paths: list[Path] | None, statutes: StatuteSet,
                  infos: list[SuiteInfo]) -> Iterator[Scenario]:
    """Every scenario of every case file, one at a time, each file's fields appended to
    `infos` as it is read. Every error in every file is collected; they are raised together
    (LawcheckError) once all have been read, so a caller that writes as it goes must hold its
    output until the end (lawcheck run spools it)."""
    from lawcheck.statute.statutes import display_path

    files = case_files(paths or [data_dir("cases")])
    errors = Collector()
    seen: dict[str, str] = {}       # scenario id -> where it is first used (a short string)
    for f in files:
        info = SuiteInfo()
        try:
            for sc in iter_suite(f, display_path(f), statutes, errors, info):
                if sc.id in seen:
                    errors.error(sc.span, f"duplicate scenario id '{sc.id}'",
                                 suggestion=f"it is already used at {seen[sc.id]}")
                    continue
                seen[sc.id] = str(sc.span)
                yield sc
        except LawcheckError as exc:
            errors.diagnostics.extend(exc.diagnostics)
        if info.suite:
            infos.append(info)
    errors.raise_if_any()
    if not infos:
        where = ", ".join(str(p) for p in paths or [])
        raise LawcheckError([Diagnostic(Span(where or "cases"), "no case files (*.yaml) found",
                                        expected="a .yaml file or a folder holding some")])


def _check_terms(raw, base: tuple, statutes: StatuteSet, file: str, marks: dict,
                 errors: Collector, reported: set) -> None:
    """The vocabulary terms, the handover flag and the instrument ids of one scenario as written
    (`raw`, valid or not), each checked where it has the expected shape and no error is already
    `reported` at its field path."""
    vocab = statutes.vocabulary
    facts = raw.get("facts") if isinstance(raw, dict) else None
    facts = facts if isinstance(facts, dict) else {}
    for fld, kind in (("acts", "act"), ("means", "means"), ("purposes", "purpose")):
        names = vocab.names(kind)
        seen: set[str] = set()
        terms = facts.get(fld)
        if not isinstance(terms, list):
            continue
        for j, term in enumerate(terms):
            loc = base + ("facts", fld, j)
            if not isinstance(term, str) or _field_path(loc) in reported:
                continue
            if term not in names:
                errors.error(_span_for(file, marks, loc), f"unknown {kind} '{term}'",
                             expected=f"one of: {', '.join(names)}",
                             suggestion=did_you_mean(term, names), context=_field_path(loc))
            elif term in seen:
                errors.error(_span_for(file, marks, loc), f"'{term}' is listed twice",
                             context=_field_path(loc))
            seen.add(term)
    acts = facts.get("acts")
    handing = vocab.handover_acts & {a for a in acts if isinstance(a, str)} \
        if isinstance(acts, list) else set()
    if facts.get("handover") is False and handing:
        loc = base + ("facts", "handover")
        errors.error(_span_for(file, marks, loc), f"handover is false, but "
                     f"{' and '.join(sorted(handing))} is itself a handover from one person to "
                     "another", expected="handover: true, or no act that is itself a handover",
                     context=_field_path(loc))
    expect = raw.get("expect") if isinstance(raw, dict) else None
    for inst_id in expect if isinstance(expect, dict) else ():
        loc = base + ("expect", inst_id, "__key__")
        if isinstance(inst_id, str) and inst_id not in statutes.ids:
            errors.error(_span_for(file, marks, loc), f"unknown instrument '{inst_id}'",
                         expected=f"one of: {', '.join(statutes.ids)}",
                         suggestion=did_you_mean(inst_id, statutes.ids),
                         context=_field_path(loc[:-1]))


def _shown(value) -> str:
    """A value as the case file writes it: true, false, 'text', 17."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "(empty)"
    return repr(value)


def _empty_values(raw, loc: tuple):
    """Where the scenario leaves a field with no value (`handover:` and nothing after)."""
    if isinstance(raw, dict):
        for k, v in raw.items():
            if v is None:
                yield loc + (k,)
            else:
                yield from _empty_values(v, loc + (k,))
    elif isinstance(raw, list):
        for j, v in enumerate(raw):
            if v is None:
                yield loc + (j,)
            else:
                yield from _empty_values(v, loc + (j,))


def _explain(err: dict) -> tuple[str, str | None, str | None]:
    kind, msg, value = err["type"], err["msg"], err.get("input")
    if kind == "union":
        return f"invalid value {_shown(value)}", err["expected"], None
    if kind == "value_error":
        return msg.replace("Value error, ", ""), None, None
    if kind == "missing":
        return "missing field", f"a value for '{err['loc'][-1]}'", None
    if kind == "extra_forbidden":
        return f"unknown field '{err['loc'][-1]}'", None, None
    if kind == "literal_error":
        expected = msg.replace("Input should be ", "")
        return f"invalid value {_shown(value)}", expected, did_you_mean(str(value), re.findall(r"'([^']+)'", expected))
    if kind == "string_pattern_mismatch":
        return f"invalid id {value!r}", "lowercase letters and digits joined by '-', e.g. age-17-no-means", None
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return ("wrong type: a mapping is needed here", "fields with their values, e.g. "
                "consent: {movement: true, exploitation: false}", None)
    if kind in ("list_type", "tuple_type"):
        hint = f"write it as a list: [{value}]" if isinstance(value, str) else None
        return "wrong type: a list is needed here", "a list, e.g. [transfer, receipt]", hint
    if kind == "too_short":
        return "the list is empty", "at least one item", None
    if kind == "string_too_short":
        return "the text is empty", "some text", None
    if kind in ("int_type", "int_parsing", "bool_type", "bool_parsing", "string_type",
                "date_type", "date_parsing", "date_from_datetime_parsing"):
        if kind.startswith("date"):
            return f"invalid date {_shown(value)}", "a real date, YYYY-MM-DD", None
        if "bool" in kind:
            return (f"invalid value {_shown(value)}", "true, false or unknown",
                    "write true, false or unknown (yes, no, 1 and \"true\" are not booleans here)")
        if kind.startswith("int"):
            return f"invalid value {_shown(value)}", "a whole number", None
        return f"invalid value {_shown(value)}", "text", None
    return msg[0].lower() + msg[1:] if msg else kind, None, None


def _yaml_hint(exc) -> str | None:
    problem = str(exc.problem or "")
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values" in problem:
        return ("a value containing ': ' must be quoted; or this line is indented differently "
                "from the keys above it")
    if "expected <block end>" in problem or "block mapping" in problem:
        return "check the indentation: keys of one mapping, and items of one list, must line up"
    return None


def case_files(paths: list[Path]) -> list[Path]:
    """The case files named, and those in the folders named, each once. A named path that is
    not a folder is read as a file (and refused there if it is not a regular one)."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(list(p.glob("*.yaml")) + list(p.glob("*.yml"))))
        elif p.exists() or p.is_symlink():
            files.append(p)
        else:
            raise LawcheckError([Diagnostic(Span(str(p)), "no such case file or folder",
                                            expected="a .yaml file or a folder of them")])
    return unique_files(files)


def load_suites(paths: list[Path] | None, statutes: StatuteSet) -> list[Suite]:
    """Every case file under the given paths (default: the bundled suites); all errors collected."""
    from lawcheck.statute.statutes import display_path  # one notion of how paths are shown

    files = case_files(paths or [data_dir("cases")])
    suites, diagnostics = [], []
    for f in files:
        try:
            suites.append(load_suite(f, display_path(f), statutes))
        except LawcheckError as exc:
            diagnostics.extend(exc.diagnostics)
    seen: dict[str, Span] = {}
    for suite in suites:
        for sc in suite.scenarios:
            if sc.id in seen:
                diagnostics.append(Diagnostic(sc.span, f"duplicate scenario id '{sc.id}'",
                                              suggestion=f"it is already used at {seen[sc.id]}"))
            seen.setdefault(sc.id, sc.span)
    if diagnostics:
        raise LawcheckError(diagnostics)
    if not suites:
        where = ", ".join(str(p) for p in paths or [])
        raise LawcheckError([Diagnostic(Span(where or "cases"), "no case files (*.yaml) found",
                                        expected="a .yaml file or a folder holding some")])
    return suites
