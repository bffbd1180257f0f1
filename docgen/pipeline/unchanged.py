"""Knowing, without rendering, that a case's documents on disk are what a render would write.

A render records in `.docgen/rendered.json`, per case, a digest of everything its documents
are made from (docgen's own code and the libraries that shape the output, docgen.yaml, the
templates, the case file, the 成文日期, the kinds chosen, the 文号 allocated) and the size and
modification time of each document it wrote. A later render finding the same digest and every
document untouched skips the case: rendering it would write the same bytes again.

Why:
    A clerk edits one case and renders again; rendering the other 999 cases again took most
    of a minute to rewrite identical files. The record is only a shortcut: when it is missing,
    damaged or disagrees with the disk, the case is simply rendered.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Final

import docgen
from docgen.docxio import json_pieces, write_atomically
from docgen.errors import DocgenError
from docgen.pipeline.numbering import Numbers
from docgen.workspace import Workspace

RECORD_FILE: Final = Path(".docgen") / "rendered.json"
_FORMAT: Final = 2  # 1: each case's record as a JSON object
_SHAPING: Final = ("jinja2", "markupsafe", "lxml", "pydantic", "pyyaml", "chinesecalendar")
"""Libraries whose version can change a document's bytes or a date printed in it."""

FileStamp = tuple[str, int, int]  # name in the case's output folder, size, modification time (ns)


@dataclass(frozen=True)
class CaseRecord:
    """What the last render of a case was made from, and the documents it left."""

    inputs: str
    files: tuple[FileStamp, ...]


@cache
def code_digest() -> str:
    """A digest of docgen's own source and the versions of the libraries shaping documents."""
    digest = hashlib.sha256()
    package = Path(docgen.__file__).parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    for name in _SHAPING:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    return digest.hexdigest()


def run_digest(
    workspace: Workspace, templates: Mapping[str, str], kinds: Sequence[str], render_date: date
) -> str:
    """The digest of what every case of this render shares: code, settings, templates, date.

    `templates` maps each kind whose template compiled to a digest of its bytes and mode.
    """
    digest = hashlib.sha256(code_digest().encode())
    try:
        digest.update(workspace.settings_file.read_bytes())
    except OSError:
        digest.update(b"-")  # no docgen.yaml: the defaults, which the code digest covers
    digest.update(repr((sorted(templates.items()), tuple(kinds), render_date)).encode())
    return digest.hexdigest()


def case_inputs(run: str, case_digest: str, numbers: Numbers) -> str:
    """The digest of everything one case's documents are made from."""
    return hashlib.sha256(repr((run, case_digest, sorted(numbers.items()))).encode()).hexdigest()


class RenderRecord:
    """The record of `.docgen/rendered.json`, read once at the start of a render.

    Each case's record is kept as its JSON text, decoded only when the case is looked up: the
    stamps of fifteen thousand documents decoded at once held 5 MB, a sixth of what a render
    of a thousand cases needs besides.
    """

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._path = workspace.root / RECORD_FILE
        self._cases = _read(self._path)  # case id -> its CaseRecord as JSON text
        self._verified: dict[str, str] = {}  # case -> inputs whose documents were found intact

    def unchanged(self, case_id: str, inputs: str) -> tuple[Path, ...] | None:
        """The documents of `case_id` when its last render had these `inputs` and left them
        untouched since; None when the case must be rendered."""
        record = _decoded(self._cases.get(case_id))
        if record is None or record.inputs != inputs:
            return None
        folder = self._workspace.case_output_dir(case_id)
        found = []
        for name, size, mtime in record.files:
            if name in ("", ".", "..") or "/" in name or "\\" in name:
                return None  # not written by a render of this case: trust none of it
            try:
                stamp = os.stat(os.path.join(folder, name))
            except OSError:
                return None
            if (stamp.st_size, stamp.st_mtime_ns) != (size, mtime):
                return None
            found.append(folder / name)
        self._verified[case_id] = inputs
        return tuple(found)

    def update(
        self, rendered: Mapping[str, tuple[str, Iterable[Path]]], failed: Iterable[str]
    ) -> None:
        """Record the cases rendered (or found unchanged) now, forget the failed ones, save.

        `rendered` maps each case id to its inputs digest and its documents. A record that
        cannot be written only costs the next render its shortcut, so that is not an error.
        """
        for case_id in failed:
            self._cases.pop(case_id, None)
        for case_id, (inputs, documents) in rendered.items():
            if self._verified.get(case_id) == inputs:
                continue  # left as they were: their stamps were checked this run
            stamps = []
            for path in documents:
                try:
                    stamp = path.stat()
                except OSError:
                    break  # gone already: leave the case out of the record
                stamps.append((path.name, stamp.st_size, stamp.st_mtime_ns))
            else:
                record = {"inputs": inputs, "files": stamps}
                self._cases[case_id] = json.dumps(record, ensure_ascii=False)
                continue
            self._cases.pop(case_id, None)
        data = {"format": _FORMAT, "cases": dict(sorted(self._cases.items()))}
        with contextlib.suppress(DocgenError):
            write_atomically(json_pieces(data), self._path)


def _read(path: Path) -> dict[str, str]:
    """The records in `path`, as JSON text; none when it is missing, damaged or of another
    format."""
    try:
        data = json.loads(path.read_bytes())
        if data.get("format") != _FORMAT:
            return {}
        cases = data["cases"].items()
        return {str(case_id): text for case_id, text in cases if isinstance(text, str)}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _decoded(text: str | None) -> CaseRecord | None:
    """The record written as `text`; None for none or a damaged one."""
    if text is None:
        return None
    try:
        entry = json.loads(text)
        files = tuple((str(name), int(size), int(mtime)) for name, size, mtime in entry["files"])
        return CaseRecord(str(entry["inputs"]), files)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
