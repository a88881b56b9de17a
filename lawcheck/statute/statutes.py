"""Loads a folder of statute files (*.law): parse, build syntax, resolve. Errors from all files."""

from __future__ import annotations

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
    tree = parse(read_text(path, name), name, str(path))
    from lark.exceptions import VisitError
    try:
        return ToSyntax(name, str(path)).transform(tree)
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
        data = {sf.file: f.read_bytes() for sf, f in zip(sfiles, files)}
        for sf in sfiles:
            for p in sf.proposals:
                built = amend.proposal_model(p, sf.file, data[sf.file], errors,
                                             proposal_translations(p.prose, errors))
                if built is not None:
                    applied.append(built)
        errors.raise_if_any()
    statutes = resolve(parsed)
    if amended:
        statutes = statutes.model_copy(update={"instruments": tuple(
            i.model_copy(update={"amended_by": tuple(amended[i.id])}) if i.id in amended else i
            for i in statutes.instruments)})
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


def provenance(folder: Path, bundled: bool):
    """Where a statute set comes from, and a digest of its files (their names and bytes, in
    name order): the same digest, the same law."""
    import hashlib
    from lawcheck.statute.model import Provenance
    h = hashlib.sha256()
    for f in statute_files(folder):
        h.update(f.name.encode("utf-8") + b"\0" + f.read_bytes() + b"\0")
    return Provenance(bundled=bundled, folder=str(folder), digest=h.hexdigest()[:12])


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
