"""Reading case files into a run: each file on its own, then ids checked in file order."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docgen.case import LoadedCase, parse_case
from docgen.errors import CaseError, CaseWarning, DocgenError, Location, Problems
from docgen.workspace import Workspace, display_path, read_bytes


@dataclass(frozen=True)
class Reading:
    """What reading a case file needs; sent once to each worker process."""

    workspace: Workspace
    today: date


@dataclass(frozen=True)
class CaseRead:
    """What reading one case file found: its id, or the problems that stop it."""

    file: Path  # as shown in messages
    case_id: str | None = None
    id_location: Location | None = None
    errors: tuple[DocgenError, ...] = ()
    warnings: tuple[CaseWarning, ...] = ()
    digest: str = ""  # SHA-256 of the bytes read, "" when they could not be read


def read_case(reading: Reading, path: Path) -> tuple[CaseRead, LoadedCase | None]:
    shown = display_path(path)
    try:
        data = read_bytes(path)
        loaded = parse_case(data, shown, reading.workspace.settings, reading.today)
    except Problems as problems:
        return CaseRead(shown, errors=tuple(problems.problems)), None
    except DocgenError as err:
        return CaseRead(shown, errors=(err,)), None
    where = loaded.locations.get(("id",), Location(shown))
    digest = hashlib.sha256(data).hexdigest()
    return CaseRead(shown, loaded.case.id, where, warnings=loaded.warnings, digest=digest), loaded


def read_file(reading: Reading, path: Path) -> CaseRead:
    """Worker task of `check_cases`: the case itself stays in the worker."""
    return read_case(reading, path)[0]


class Intake:
    """Takes the cases read, in file order: refuses duplicate ids, collects problems."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[str, Path]] = {}  # case-folded id -> (id, file)
        self.errors: list[DocgenError] = []
        self.warnings: list[CaseWarning] = []

    def accept(self, read: CaseRead) -> bool:
        """Whether the case can be used; its problems are collected either way."""
        self.errors.extend(read.errors)
        if read.case_id is None:
            return False
        key = read.case_id.casefold()  # XF1 and xf1 would share one output folder on Windows
        if key in self.seen:
            same, file = self.seen[key]
            self.errors.append(
                CaseError(
                    f"案件编号“{read.case_id}”与“{file}”中的“{same}”重复",
                    read.id_location,
                    hint="案件编号用作输出文件夹名，每个案件必须不同。",
                )
            )
            return False
        self.seen[key] = (read.case_id, read.file)
        self.warnings.extend(read.warnings)
        return True
