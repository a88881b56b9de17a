"""Loads a folder of statute files (*.law): parse, build syntax, resolve. Errors from all files."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable

from lawcheck.errors import Diagnostic, LawcheckError, Span
from lawcheck.inputs import read_text, unique_files
from lawcheck.statute.model import StatuteSet
from lawcheck.statute.parser import parse
from lawcheck.statute.resolve import resolve
from lawcheck.resources import data_dir
from lawcheck.statute.syntax import SFile, ToSyntax


def statute_files(path: Path) -> list[Path]:
    if not path.is_dir():
        if path.exists() or path.is_symlink():
            return [path]
        raise LawcheckError([Diagnostic(Span(str(path)), "no such statute folder or file",
                                        expected="a folder of .law files")])
    files = unique_files(sorted(path.glob("*.law")))
    if not files:
        raise LawcheckError([Diagnostic(Span(str(path)), "no statute files (*.law) in this folder")])
    return files


def parse_file(path: Path, display: str | None = None) -> SFile:
    name = display or str(path)
    return _parsed(name, str(path), read_text(path, name))


@lru_cache(maxsize=64)
def _parsed(name: str, source: str, text: str) -> SFile:
    """A file's syntax, kept for the same name and text: the syntax nodes are frozen, and
    `lawcheck amend --rank` reads the same statute files once per proposal."""
    tree = parse(text, name, source)
    from lark.exceptions import VisitError
    try:
        return ToSyntax(name, source).transform(tree)
    except VisitError as exc:
        # lark wraps what a transformer method raises: what matters is the error inside
        raise exc.orig_exc from None


def _parse_all(files: list[Path]) -> list[SFile]:
    parsed, diagnostics = [], []
    for f in files:
        try:
            parsed.append(parse_file(f, display_path(f)))
        except LawcheckError as exc:
            diagnostics.extend(exc.diagnostics)
    if diagnostics:
        raise LawcheckError(diagnostics)
    return parsed


def load_statutes(path: Path | None = None, proposals: Iterable[Path] = ()) -> StatuteSet:
    """All statute files of a folder (default: the bundled statutes), resolved together; with
    `proposals` (proposal files, or folders of them), the law as those proposals would amend
    it, each instrument they amend marked with them (lawcheck.statute.proposals)."""
    from lawcheck.errors import Collector
    from lawcheck.statute import proposals as amend
    folder = path or data_dir("statutes")
    parsed = _parse_all(statute_files(folder))
    errors = Collector()
    amend.check_law(parsed, errors)
    errors.raise_if_any()
    files = proposal_files(proposals)
    applied: list = []
    amended: dict[str, list[str]] = {}
    if files:
        sfiles = _parse_all(files)
        found = amend.proposals_of(sfiles, errors)
        errors.raise_if_any()
        parsed, amended = amend.apply(parsed, found, errors)
        errors.raise_if_any()
        from lawcheck.statute.resolve import proposal_translations
        for sf, f in zip(sfiles, files):
            data, bundled = f.read_bytes(), _bundled(f, "proposals")
            for p in sf.proposals:
                built = amend.proposal_model(p, sf.file, data, errors,
                                             proposal_translations(p.prose, errors), bundled)
                if built is not None:
                    applied.append(built)
        errors.raise_if_any()
    statutes = resolve(parsed)
    if amended:
        statutes = statutes.model_copy(update={"instruments": tuple(
            i.model_copy(update={"amended_by": tuple(amended[i.id])}) if i.id in amended else i
            for i in statutes.instruments)})
    if path is not None:             # not the bundled law: its quotations are checked
        statutes = mark_supplied(statutes, bundled_quotations())
    prov = provenance(folder, path is None).model_copy(update={"proposals": tuple(applied)})
    return statutes.model_copy(update={"provenance": prov})


def proposal_files(paths: Iterable[Path]) -> list[Path]:
    """Proposal files: each path a file, or a folder of .law files (in name order)."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(p.glob("*.law"))
            if not found:
                raise LawcheckError([Diagnostic(Span(str(p)), "no proposal files (*.law) in "
                                                "this folder")])
            out.extend(found)
        elif p.exists() or p.is_symlink():
            out.append(p)
        else:
            raise LawcheckError([Diagnostic(Span(str(p)), "no such proposal file or folder",
                                            expected="a proposal file (.law) or a folder of "
                                                     "them")])
    return unique_files(out)


def _key(w) -> tuple[str, str]:
    """Quoted words as compared with the bundled statutes': their language and text, in
    Unicode's composed form with whitespace runs as one space."""
    import unicodedata
    return w.lang, " ".join(unicodedata.normalize("NFC", w.text).split())


class Quotations:
    """The words the bundled statutes quote as verbatim or paraphrase, by the instrument (or
    definition) that quotes them and over the whole set, each with the surest mark it has
    there (its place in model.CLAIMED: 0 verbatim, 1 paraphrase)."""

    def __init__(self, statutes: StatuteSet):
        from lawcheck.statute.model import CLAIMED, quotations
        self.owners: set[str] = set()
        self.surest: dict[tuple[str | None, str, str], int] = {}
        for owner, w in quotations(statutes):
            self.owners.add(owner.id)
            if w.confidence in CLAIMED:
                for key in ((owner.id, *_key(w)), (None, *_key(w))):
                    self.surest[key] = min(self.surest.get(key, len(CLAIMED)),
                                           CLAIMED.index(w.confidence))

    def supplied(self, w, owner: str) -> bool:
        """Whether quoted words in an instrument or definition (its id) claim more than the
        bundled statutes give them: marked verbatim or paraphrase, but not quoted with that
        mark (or a surer one) by the bundled instrument of that id, or, for an instrument
        the bundled statutes do not have, by any of theirs. (Words of another law are not
        the law that quotes them: Law 53/2024's "người dưới 18 tuổi" is not Art. 151's.)"""
        from lawcheck.statute.model import CLAIMED
        if w.confidence not in CLAIMED:
            return False
        key = (owner if owner in self.owners else None, *_key(w))
        return self.surest.get(key, len(CLAIMED)) > CLAIMED.index(w.confidence)


@lru_cache(maxsize=1)
def bundled_quotations() -> Quotations:
    """The bundled statutes' quotations, read once."""
    return Quotations(load_statutes())


def mark_supplied(statutes: StatuteSet, known: Quotations) -> StatuteSet:
    """The statute set with every quotation `known` finds supplied marked so (Words.supplied),
    a copy of each node on the way to one; the rest, and nodes shared within an instrument,
    kept as they are."""
    from pydantic import BaseModel
    from lawcheck.statute.model import Definition, Instrument, Words
    memo: dict[tuple[int, str | None], object] = {}

    def walk(node, owner: str | None):
        if isinstance(node, tuple):
            new = tuple(walk(x, owner) for x in node)
            return node if all(a is b for a, b in zip(new, node)) else new
        if not isinstance(node, BaseModel):
            return node
        if isinstance(node, (Instrument, Definition)):
            owner = node.id
        if (id(node), owner) in memo:
            return memo[id(node), owner]
        if isinstance(node, Words):
            out = node.model_copy(update={"supplied": True}) \
                if owner is not None and known.supplied(node, owner) else node
        else:
            values = {name: getattr(node, name) for name in type(node).model_fields}
            changed = {name: new for name, value in values.items()
                       if (new := walk(value, owner)) is not value}
            # built anew (not model_copy, which would keep what is cached on the old node)
            out = type(node).model_construct(_fields_set=node.model_fields_set,
                                             **{**values, **changed}) if changed else node
        memo[id(node), owner] = out
        return out
    return walk(statutes, None)


def provenance(folder: Path, bundled: bool):
    """Where a statute set comes from, and a digest of its files (their names and bytes, in
    name order): the same digest, the same law."""
    import hashlib
    from lawcheck.statute.model import Provenance
    h = hashlib.sha256()
    for f in statute_files(folder):
        h.update(f.name.encode("utf-8") + b"\0" + f.read_bytes() + b"\0")
    return Provenance(bundled=bundled, folder=str(folder), digest=h.hexdigest()[:12])


def _bundled(path: Path, folder: str) -> bool:
    """Whether the file is one of lawcheck's own (`statutes`, `cases`, `proposals`)."""
    try:
        return path.resolve().is_relative_to(data_dir(folder).resolve())
    except FileNotFoundError:
        return False


def display_path(path: Path) -> str:
    """A path as shown in output: a bundled file as `cases/age.yaml` (whatever the working
    folder; a location in it is marked "(bundled)"), a user's file relative to the working
    folder when inside it (`./cases/age.yaml` if it has a bundled file's name)."""
    resolved = path.resolve()
    for bundled in ("statutes", "cases", "proposals"):
        try:
            root = data_dir(bundled).resolve()
        except FileNotFoundError:
            continue
        if resolved.is_relative_to(root):
            return f"{bundled}/{resolved.relative_to(root).as_posix()}"
    try:
        shown = resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
    from lawcheck.resources import bundled_names
    # a user's own cases/age.yaml is not to be taken for the bundled one
    return f"./{shown}" if shown in bundled_names() else shown
