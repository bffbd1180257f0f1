"""Where each case stands against its deadline: the stage, the days left, the 台账 rows."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from docgen.batch import run_ordered
from docgen.case import Case, LoadedCase
from docgen.docxio import write_atomically
from docgen.errors import DocgenError
from docgen.pipeline import Progress, Reading, Report
from docgen.pipeline.archiving import missing_counts
from docgen.pipeline.cases import processes_for, settings_problems
from docgen.pipeline.intake import CaseRead, Intake, read_case
from docgen.settings import Settings
from docgen.workspace import Workspace, check_output_file
from docgen.xlsx import Cell, table_xlsx

LEDGER_FILE: Final = "台账.xlsx"
LEDGER_HEADERS: Final = (
    "案件编号",
    "案件名称",
    "信访人",
    "来源",
    "类别",
    "责任单位",
    "包案领导",
    "阶段",
    "听证日期",
    "化解时限",
    "剩余天数/逾期天数",
    "办结日期",
    "结果",
    "文书份数",
    "待归档签收件",
)
_DOCUMENTS: Final = LEDGER_HEADERS.index("文书份数")
_LEDGER_WIDTHS: Final = (12, 24, 12, 14, 10, 16, 20, 14, 11, 11, 10, 11, 10, 6, 8)


@dataclass(frozen=True)
class CaseStatus:
    """Where one case stands against its deadline, as `docgen status` shows it."""

    id: str
    title: str
    stage: str
    leaders: str
    deadline: date | None
    days_left: int | None
    hearing: date | None = None  # an upcoming hearing (today or later)
    notice_by: date | None = None  # the last day its notices can be served
    ledger: Sequence[Cell] = ()  # the row of the 台账 (LEDGER_HEADERS), when read from a workspace
    unsigned: int | None = None  # issued documents still lacking a signed copy in the archive

    @property
    def days_text(self) -> str:
        """`12 天`, `逾期 3 天` or `—`, as the table and the 台账 show the days left."""
        if self.days_left is None:
            return "—"
        return f"逾期 {-self.days_left} 天" if self.overdue else f"{self.days_left} 天"

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "stage": self.stage,
            "leaders": self.leaders,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "days_left": self.days_left,
            "overdue": self.overdue,
            "hearing": self.hearing.isoformat() if self.hearing else None,
            "notice_by": self.notice_by.isoformat() if self.notice_by else None,
            "unsigned": self.unsigned,
        }


def case_status(
    loaded: LoadedCase, campaign_end: date, today: date, settings: Settings | None = None
) -> CaseStatus:
    """The stage of a case and the days left until its plan deadline or the campaign's end.

    With `settings`, an upcoming hearing comes with the last day its notices can be served.
    """
    case = loaded.case
    deadline: date | None
    if case.legal_track:
        stage, deadline = "已分流（涉法涉诉）", None
    elif case.closure is not None and case.closure.date <= today:  # a future date is a typo
        stage, deadline = f"已办结（{case.closure.result}）", None
    elif case.plan is not None:
        stage, deadline = "化解中", case.plan.deadline
    elif case.hearing is not None:
        stage = "待听证" if case.hearing.date >= today else "已听证，待定方案"
        deadline = campaign_end
    else:
        stage, deadline = "复查梳理", campaign_end
    upcoming = _upcoming_hearing(case, today, settings)
    return CaseStatus(
        id=case.id,
        title=case.title,
        stage=stage,
        leaders="、".join(f"{leader.name}（{leader.title}）" for leader in case.leaders),
        deadline=deadline,
        days_left=(deadline - today).days if deadline else None,
        hearing=upcoming[0] if upcoming else None,
        notice_by=upcoming[1] if upcoming else None,
    )


def _upcoming_hearing(
    case: Case, today: date, settings: Settings | None
) -> tuple[date, date] | None:
    """An upcoming hearing's date and the last day to serve its notices."""
    hearing = case.hearing
    if hearing is None or hearing.date < today or settings is None:
        return None
    rules = settings.hearing
    latest = settings.work_calendar().latest_notice_day(
        hearing.date, rules.notice_lead, rules.notice_lead_unit
    )
    return hearing.date, latest.day


CaseEntry = tuple[CaseRead, CaseStatus | None]
"""What reading one case file gives the 台账: what was found (id, problems) and its row, if any."""
Unsigned = Counter[str] | DocgenError
"""Issued documents lacking a signed copy, by case id; or why the register could not be read."""


def workspace_status(
    workspace: Workspace, files: Iterable[Path], today: date, progress: Progress | None = None
) -> tuple[list[CaseStatus], Report]:
    """The status of every valid case, with the report of the files that could not be read.

    An example case (`example: true`, as `docgen init` writes one) is checked but not listed:
    it is not a case of the office. Each row also counts the case's issued documents whose
    signed copy is not archived; when the register cannot be read, the counts are left blank
    and the report warns why.
    """
    problems = settings_problems(workspace)
    if problems:
        return [], Report(errors=problems)
    entries = read_statuses(workspace, list(files), today)
    return ledger_of(entries, unsigned_counts(workspace), progress)


def read_statuses(workspace: Workspace, files: Sequence[Path], today: date) -> Iterator[CaseEntry]:
    """`read_status` of every file, in order; in worker processes when there are many.

    The settings of `workspace` must be valid (see `settings_problems`).
    """
    jobs = processes_for("summarize", files, None)
    return run_ordered(read_status, Reading(workspace, today), files, jobs)


def read_status(reading: Reading, path: Path) -> CaseEntry:
    """One case file read into its row of the 台账, before ids are compared across files.

    The row is None for a file that cannot be read or holds an example case; its document
    count is that of the case's output folder now, its unsigned count not yet known.

    Why:
        A row depends only on its file, its output folder, the settings and the day, so the
        web page keeps it until one of those changes (`docgen.web.cache`).
    """
    read, loaded = read_case(reading, path)
    return read, None if loaded is None else _status_of(loaded, reading)


def unsigned_counts(workspace: Workspace) -> Unsigned:
    """How many issued documents of each case lack a signed copy, or why the register failed."""
    try:
        return missing_counts(workspace)
    except DocgenError as err:
        return err


def ledger_of(
    entries: Iterable[CaseEntry], unsigned: Unsigned, progress: Progress | None = None
) -> tuple[list[CaseStatus], Report]:
    """The rows of `entries` (in file order) whose ids are valid and unique, with the report.

    Ids are compared in file order, as every command does: a case whose id an earlier file
    already holds is reported and left out. `progress` gets each file's case id (or its path,
    when it has none).
    """
    intake, rows = Intake(), []
    for read, row in entries:
        if intake.accept(read) and row is not None:
            rows.append(row)
        if progress is not None:
            progress(read.case_id or str(read.file))
    report = Report(errors=intake.errors, warnings=list(intake.warnings))
    if isinstance(unsigned, DocgenError):
        report.warnings.append(unsigned)
        return rows, report
    return [
        dataclasses.replace(
            row, unsigned=unsigned[row.id], ledger=[*row.ledger[:-1], unsigned[row.id]]
        )
        for row in rows
    ], report


def _status_of(loaded: LoadedCase, reading: Reading) -> CaseStatus | None:
    if loaded.case.example:
        return None
    settings = reading.workspace.settings
    status = case_status(loaded, settings.campaign.end, reading.today, settings)
    documents = count_documents(reading.workspace.case_output_dir(status.id))
    return dataclasses.replace(status, ledger=[*ledger_row(loaded.case, status, documents), None])


def count_documents(folder: Path) -> int:
    """The documents rendered into a case's output folder: its 文书份数 in the 台账."""
    return sum(1 for _ in folder.glob("*.docx")) if folder.is_dir() else 0


def with_documents(row: CaseStatus, documents: int) -> CaseStatus:
    """`row` with `documents` as its 文书份数 (itself when it already counts that many)."""
    if row.ledger[_DOCUMENTS] == documents:
        return row
    ledger = list(row.ledger)
    ledger[_DOCUMENTS] = documents
    return dataclasses.replace(row, ledger=ledger)


def ledger_row(case: Case, status: CaseStatus, documents: int) -> list[Cell]:
    """The row of the 台账 for `case`, in the order of LEDGER_HEADERS."""
    closure = case.closure if status.stage.startswith("已办结") else None
    return [
        case.id,
        case.title,
        "、".join(person.name for person in case.petitioners),
        case.source,
        case.category,
        case.responsible_unit,
        status.leaders,
        status.stage,
        case.hearing.date if case.hearing else None,
        status.deadline,
        status.days_text if status.days_left is not None else None,
        closure.date if closure else None,
        closure.result if closure else None,
        documents,
    ]


def ledger_csv(rows: Sequence[CaseStatus]) -> str:
    """The 台账 as CSV text, starting with a byte-order mark so that Excel and WPS read UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(LEDGER_HEADERS)
    for row in rows:
        writer.writerow(["" if cell is None else str(cell) for cell in row.ledger])
    return "\ufeff" + buffer.getvalue()


def ledger_xlsx(rows: Sequence[CaseStatus]) -> bytes:
    """The 台账 as .xlsx bytes: what `write_ledger` writes, and what the web page sends."""
    return table_xlsx(
        "台账", LEDGER_HEADERS, [r.ledger for r in rows], _LEDGER_WIDTHS, autofilter=True
    )


def write_ledger(
    workspace: Workspace, rows: Sequence[CaseStatus], output_format: str, target: Path | None
) -> Path:
    """Write the 台账 (`xlsx` or `csv`) to `target`, default 台账.xlsx in the workspace.

    Raises:
        WorkspaceError: the folder of `target` does not exist, `target` is a folder or
            read-only, or the file cannot be replaced (open in Excel/WPS, say); nothing is
            then written.
    """
    target = target or workspace.root / (LEDGER_FILE if output_format == "xlsx" else "台账.csv")
    check_output_file(target)
    data = ledger_xlsx(rows) if output_format == "xlsx" else ledger_csv(rows).encode("utf-8")
    write_atomically(data, target)
    return target
