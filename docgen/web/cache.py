"""The 台账 kept between requests: each case's row until its own file or output folder changes.

Why:
    Reading 1,000 case files takes seconds; the case list is opened far more often than a
    case is saved, and a save changes one file. A row of `docgen status` depends on its case
    file, the output folder of its case (the documents counted), docgen.yaml and the day; the
    unsigned counts on the register, which also holds the archive's records; duplicate ids
    on every file at once. So each file's row is kept with the stamps of its file and folder,
    docgen.yaml and the day invalidate every row, the register only the counts, and the ids
    are compared again, in file order, whenever anything changed (a few milliseconds).
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Final

from docgen.errors import DocgenError
from docgen.pipeline import REGISTER_FILE
from docgen.pipeline.cases import settings_problems
from docgen.status import (
    CaseEntry,
    CaseStatus,
    Unsigned,
    count_documents,
    ledger_of,
    read_statuses,
    unsigned_counts,
    with_documents,
)
from docgen.workspace import Workspace

Stamp = tuple[int, int, int]
"""A file's or folder's modification time (ns), size and inode; (-1, -1, -1) when missing."""
MISSING: Final[Stamp] = (-1, -1, -1)
_UNCOUNTED: Final[Stamp] = (-2, -2, -2)  # a row just read: its folder is counted here again
SETTLE_NS: Final = 2_000_000_000
"""How long after its modification a stamp alone is trusted.

Why:
    File times advance in ticks (a few ms on ext4, 2 s on FAT): a file changed again within
    the tick of the change we saw would keep its stamp when it keeps its size. A case file
    changed less than this before its read began is also kept with a digest of its content,
    compared at each request until its stamp is old enough; such a folder is counted again.
"""


def stamp(path: Path) -> Stamp:
    try:
        found = path.stat()
    except OSError:
        return MISSING
    return (found.st_mtime_ns, found.st_size, found.st_ino)


def _settled(found: Stamp, started_ns: int) -> bool:
    """Whether `found`, taken in a refresh that began at `started_ns`, can be trusted later."""
    return found[0] < started_ns - SETTLE_NS


def _digest(path: Path) -> bytes | None:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return None


@dataclass(frozen=True)
class _Kept:
    """A case file's entry and what it was read from."""

    file: Stamp
    digest: bytes | None  # of the content read, while the file's stamp alone is not trusted
    folder: Path | None  # the output folder whose documents the row counts
    folder_stamp: Stamp  # MISSING while it is not trusted: counted again at each request
    entry: CaseEntry

    def holds(self, path: Path, file: Stamp, started: int) -> _Kept | None:
        """This entry, or one with its stamps renewed, if it is still that of `path`."""
        if file != self.file:
            return None
        if self.digest is None:
            return self
        if _digest(path) != self.digest:
            return None
        return replace(self, digest=None) if _settled(file, started) else self

    def counted(self, started: int) -> _Kept:
        """This entry with its documents counted again if its output folder changed."""
        read, row = self.entry
        if self.folder is None or row is None:
            return self
        found = stamp(self.folder)  # before counting: a later change makes a new stamp
        if found == self.folder_stamp:
            return self
        trusted = found if _settled(found, started) else MISSING
        row = with_documents(row, count_documents(self.folder))
        return replace(self, folder_stamp=trusted, entry=(read, row))


@dataclass
class _Basis:
    """What every row depends on: the workspace as first read for them, the day, docgen.yaml."""

    workspace: Workspace
    today: date
    settings: bytes | None  # the content of docgen.yaml; None when it has none
    problems: list[DocgenError]  # those of docgen.yaml: no row can be read


def _settings_bytes(workspace: Workspace) -> bytes | None:
    try:
        return workspace.settings_file.read_bytes()
    except OSError:
        return None


class LedgerCache:
    """The last 台账, each case's row with the stamps it was read from; one refresh at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._basis: _Basis | None = None
        self._kept: dict[Path, _Kept] = {}  # in the order of the files last asked for
        self._register: tuple[Stamp, ...] | None = None
        self._unsigned: Unsigned = Counter()
        self._value: tuple[list[CaseStatus], list[DocgenError]] = ([], [])
        self.reads = 0  # case files read since the cache was made, for tests and bench/

    def rows(
        self, workspace: Workspace, files: Sequence[Path], today: date
    ) -> tuple[list[CaseStatus], list[DocgenError]]:
        """`workspace_status` of `files`: its rows and the errors of its report.

        Only the files changed since they were last read are read again (in worker processes
        when they are many); the same lists come back while nothing changed.
        """
        with self._lock:
            started = time.time_ns()
            changed = self._check_basis(workspace, today)
            basis = self._basis
            assert basis is not None
            if basis.problems:
                self._kept.clear()
                if changed:
                    self._value = ([], list(basis.problems))
                return self._value
            changed |= self._refresh_rows(basis, files, started)
            changed |= self._refresh_unsigned(basis.workspace, started)
            if changed:
                entries = (self._kept[path].entry for path in files)
                rows, report = ledger_of(entries, self._unsigned)
                self._value = (rows, [*report.errors])
            return self._value

    def _check_basis(self, workspace: Workspace, today: date) -> bool:
        """Start afresh when the workspace, the day or docgen.yaml changed; whether it did."""
        settings = _settings_bytes(workspace)  # read before they are parsed: never newer
        basis = self._basis
        if (
            basis is not None
            and basis.workspace.root == workspace.root
            and basis.today == today
            and basis.settings == settings
        ):
            return False
        fresh = Workspace(workspace.root)  # its settings are parsed after `settings` was read
        self._basis = _Basis(fresh, today, settings, settings_problems(fresh))
        self._kept.clear()
        self._register = None
        return True

    def _refresh_rows(self, basis: _Basis, files: Sequence[Path], started: int) -> bool:
        """Read the files that are new or changed, count documents again in the output folders
        that changed, forget the files gone; whether any row changed."""
        kept: dict[Path, _Kept] = {}
        stale: list[tuple[Path, Stamp, bytes | None]] = []
        changed = list(self._kept) != list(files)  # a file added, removed or renamed
        for path in files:
            found = stamp(path)
            before = self._kept.get(path)
            now = before.holds(path, found, started) if before is not None else None
            if now is None:
                digest = None if _settled(found, started) else _digest(path)  # before reading
                stale.append((path, found, digest))
                continue
            kept[path] = now.counted(started)
            changed |= kept[path].entry is not now.entry
        read = read_statuses(basis.workspace, [path for path, _, _ in stale], basis.today)
        for (path, found, digest), entry in zip(stale, read, strict=True):
            row = entry[1]
            folder = basis.workspace.case_output_dir(row.id) if row is not None else None
            kept[path] = _Kept(found, digest, folder, _UNCOUNTED, entry).counted(started)
        self.reads += len(stale)
        self._kept = kept
        return changed or bool(stale)

    def _refresh_unsigned(self, workspace: Workspace, started: int) -> bool:
        """Count the documents lacking a signed copy again if the register changed."""
        register = workspace.root / REGISTER_FILE
        stamps = tuple(stamp(register.with_name(register.name + end)) for end in ("", "-wal"))
        if stamps == self._register:
            return False
        self._unsigned = unsigned_counts(workspace)
        settled = all(_settled(found, started) for found in stamps)
        self._register = stamps if settled else None
        return True

    def warm(self, workspace: Workspace, today: date) -> threading.Thread:
        """Read the 台账 in a background thread, so the first clerk need not wait for it.

        Why:
            Reading 1,000 cases takes seconds; started with the server, the work is done
            before anyone opens the page. A request arriving sooner waits on the lock for
            the rest of that read, then reads only the files changed meanwhile: it never
            waits for one full read and then starts a second.
        """

        def work() -> None:
            with contextlib.suppress(DocgenError):  # the page shows it when it asks itself
                self.rows(workspace, workspace.list_cases().files, today)

        thread = threading.Thread(target=work, name="ledger-warm", daemon=True)
        thread.start()
        return thread
