"""The 台账 kept between requests while nothing it is read from has changed.

Why:
    Reading 1,000 case files takes seconds; the case list is opened far more often than a
    case is saved. The rows are those of `docgen status`, recomputed whenever a case file,
    docgen.yaml, the register or a case's output folder changes (size or modification time).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from docgen.errors import DocgenError
from docgen.status import CaseStatus, workspace_status
from docgen.workspace import Workspace

Stamp = tuple[str, int, int]


def _stamp(path: Path) -> Stamp:
    try:
        found = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), found.st_mtime_ns, found.st_size)


def fingerprint(workspace: Workspace, files: Iterable[Path], today: date) -> tuple[object, ...]:
    """What the 台账 of `files` on `today` depends on, as file sizes and times."""
    files = list(files)
    register = workspace.root / ".docgen"
    watched = [
        *files,
        *(workspace.case_output_dir(path.stem) for path in files),
        workspace.settings_file,
        register / "register.db",
        register / "register.db-wal",
    ]
    return (today, tuple(_stamp(path) for path in watched))


class LedgerCache:
    """The last 台账 computed, and what it was computed from; one computation at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[object, ...] | None = None
        self._value: tuple[list[CaseStatus], list[DocgenError]] = ([], [])

    def rows(
        self, workspace: Workspace, files: list[Path], today: date
    ) -> tuple[list[CaseStatus], list[DocgenError]]:
        """`workspace_status` of `files`: its rows and the errors of its report."""
        with self._lock:
            key = fingerprint(workspace, files, today)
            if key != self._key:
                rows, report = workspace_status(workspace, files, today)
                self._key, self._value = key, (rows, [*report.errors])
            return self._value

    def warm(self, workspace: Workspace, today: date) -> threading.Thread:
        """Compute the 台账 in a background thread, so the first clerk need not wait for it.

        Why:
            Reading 1,000 cases takes seconds; started with the server, the work is done
            before anyone opens the page. A request arriving sooner waits on the lock for
            the same computation instead of starting a second one.
        """

        def work() -> None:
            with contextlib.suppress(DocgenError):  # the page shows it when it asks itself
                self.rows(workspace, workspace.list_cases().files, today)

        thread = threading.Thread(target=work, name="ledger-warm", daemon=True)
        thread.start()
        return thread
