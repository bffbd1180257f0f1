"""What reading each case file found last time, so that an unchanged file is not read again.

`check` and the first pass of `render` each keep a memo in `.docgen/` (`memo-check.json`,
`memo-render.json`): for every case file read without an error, by the SHA-256 of its bytes,
its case id, where the id is written, its warnings and what the command needs of it besides (the
文号 its documents ask for); and the templates that compiled without a problem or a warning.
A memo belongs to one context: docgen's own code and the libraries shaping documents,
docgen.yaml, `--today` and, for `render`, the templates, kinds and 成文日期. Any change of
context starts the memo afresh.

Why:
    A clerk checks and renders again and again while only one or two case files changed;
    reading and validating every file again cost about a millisecond each, a template's
    compilation about forty. A file whose bytes hash to the remembered digest would be read
    into exactly what was remembered. A file with an error is always read again, so its
    messages come from the reader itself; a memo that is missing, damaged or written by
    another version only costs the shortcut.

    Each entry is kept as its JSON text, decoded only when its file is found unchanged: a
    thousand files' entries (the 文号 requests of fifteen documents each) decoded at once held
    9 MB, a third of what a render needs besides.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from docgen.docxio import json_pieces, write_atomically
from docgen.errors import CaseWarning, DocgenError, Location
from docgen.pipeline.intake import CaseRead
from docgen.pipeline.unchanged import code_digest
from docgen.workspace import Workspace, display_path, read_bytes

_FORMAT: Final = 2  # 1: entries as JSON objects
_KEPT: Final = 100_000
"""Files a memo remembers at most: a province's cases, and then some."""
_KEPT_TEMPLATES: Final = 100
Json = Any  # what json.loads gives: every value read is checked before use


@dataclass(frozen=True)
class Recalled:
    """A file found unchanged: what reading it gave, and the command's own part (JSON)."""

    read: CaseRead
    extra: Json


def memo_context(workspace: Workspace, *parts: object) -> str:
    """The digest of what a memo's entries depend on besides the case file's own bytes."""
    digest = hashlib.sha256(code_digest().encode())
    try:
        digest.update(workspace.settings_file.read_bytes())
    except OSError:
        digest.update(b"-")  # no docgen.yaml: the defaults, which the code digest covers
    digest.update(repr(parts).encode())
    return digest.hexdigest()


def template_key(name: str, blob: bytes, lenient: bool) -> str:
    """What decides a template's compilation: docgen's code, its path as shown, its bytes and
    its mode; kept across contexts (a template does not depend on `--today`)."""
    content = hashlib.sha256(blob).hexdigest()
    return hashlib.sha256(repr((code_digest(), name, content, lenient)).encode()).hexdigest()


class Memo:
    """The memo of one command in one workspace, read at the start of a run, saved at its end."""

    def __init__(self, workspace: Workspace, command: str, context: str) -> None:
        self._path = workspace.root / ".docgen" / f"memo-{command}.json"
        self._context = context
        self._files, templates = _read(self._path, context)
        self._templates = dict.fromkeys(templates)  # in order: this run's first when saved
        self._used: set[str] = set()  # digests of the files of this run
        self._changed = False

    def recall(self, path: Path) -> Recalled | None:
        """What reading `path` gave last time its bytes were the same; else None."""
        if not self._files:
            return None  # nothing remembered: not worth reading the file twice
        try:
            digest = hashlib.sha256(read_bytes(path)).hexdigest()
            text = self._files.get(digest)
            if text is None:
                return None
            entry = json.loads(text)
            shown = display_path(path)
            where = _location(shown, entry["at"])
            warnings = tuple(
                CaseWarning(json_text(message), _location(shown, at), json_text(hint))
                for message, at, hint in entry["warnings"]
            )
            read = CaseRead(shown, json_text(entry["id"]), where, warnings=warnings, digest=digest)
        except (DocgenError, KeyError, TypeError, ValueError, AttributeError):
            return None  # unreadable now (the reader will say why), or a damaged entry
        self._used.add(digest)
        return Recalled(read, entry.get("extra"))

    def keep(self, read: CaseRead, extra: Json = None) -> None:
        """Remember what reading a file gave, unless it found an error or points elsewhere."""
        if read.errors or read.case_id is None or not read.digest or read.id_location is None:
            return
        located = [read.id_location, *(warning.location for warning in read.warnings)]
        if any(where is None or where.file != read.file for where in located):
            return  # a message about another file: leave it to the reader
        if any(type(warning) is not CaseWarning for warning in read.warnings):
            return
        entry = {
            "id": read.case_id,
            "at": _mark(read.id_location),
            "warnings": [
                [warning.message, _mark(warning.location), warning.hint]
                for warning in read.warnings
            ],
            "extra": extra,
        }
        self._files[read.digest] = json.dumps(entry, ensure_ascii=False)
        self._used.add(read.digest)
        self._changed = True

    def template_fine(self, key: str) -> bool:
        """Whether the template of `key` compiled without a problem or a warning last time."""
        return key in self._templates

    def keep_template(self, key: str) -> None:
        """Remember that the template of `key` compiled without a problem or a warning."""
        if key not in self._templates:
            self._templates = {key: None, **self._templates}
            self._changed = True

    def save(self) -> None:
        """Write the memo when it changed; a memo that cannot be written is no error.

        The files of this run come first; those of earlier runs are kept after them (a run
        may have named a few files only), up to `_KEPT` in all.
        """
        if not self._changed:
            return
        files = {digest: self._files[digest] for digest in self._used}
        for digest, entry in self._files.items():
            if len(files) >= _KEPT:
                break
            files.setdefault(digest, entry)
        data = {
            "format": _FORMAT,
            "context": self._context,
            "templates": list(self._templates)[:_KEPT_TEMPLATES],
            "files": files,
        }
        with contextlib.suppress(DocgenError):
            write_atomically(json_pieces(data), self._path)


def _mark(where: Location | None) -> list[object]:
    assert where is not None
    return [where.line, where.column, where.field]


def json_text(value: Json) -> str:
    """`value`, read from a memo, as the text it must be (TypeError if it is not)."""
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def json_int(value: Json) -> int:
    """`value`, read from a memo, as the whole number it must be (TypeError if it is not)."""
    if type(value) is not int:
        raise TypeError(value)
    return value


def _location(file: Path, mark: Json) -> Location:
    if not isinstance(mark, list) or len(mark) != 3:
        raise TypeError(mark)
    line, column, field = mark
    if not all(value is None or type(value) is int for value in (line, column)):
        raise TypeError(mark)
    if field is not None and not isinstance(field, str):
        raise TypeError(mark)
    return Location(file, line, column, field)


def _read(path: Path, context: str) -> tuple[dict[str, str], list[str]]:
    """The files (those of `context` only) and the templates remembered in `path`; none when
    it is missing, damaged or of another format."""
    try:
        data = json.loads(path.read_bytes())
        if data.get("format") != _FORMAT:
            return {}, []
        templates = [str(key) for key in data["templates"]]
        if data.get("context") != context:
            return {}, templates
        files = data["files"].items()
        return {str(digest): text for digest, text in files if isinstance(text, str)}, templates
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}, []
