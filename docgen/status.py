"""Where each case stands against its deadline: the stage, the days left, the 台账 rows."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from docgen.case import Case, LoadedCase
from docgen.docxio import write_atomically
from docgen.errors import DocgenError
from docgen.pipeline import Progress, Reading, Report, summarize_cases
from docgen.pipeline.archiving import missing_counts
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


def workspace_status(
    workspace: Workspace, files: Iterable[Path], today: date, progress: Progress | None = None
) -> tuple[list[CaseStatus], Report]:
    """The status of every valid case, with the report of the files that could not be read.

    An example case (`example: true`, as `docgen init` writes one) is checked but not listed:
    it is not a case of the office. Each row also counts the case's issued documents whose
    signed copy is not archived; when the register cannot be read, the counts are left blank
    and the report warns why.
    """
    summaries, report = summarize_cases(workspace, files, today, _status_of, progress=progress)
    rows = [row for row in summaries if row is not None]
    try:
        unsigned = missing_counts(workspace)
    except DocgenError as err:
        report.warnings.append(err)
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
    folder = reading.workspace.case_output_dir(status.id)
    documents = sum(1 for _ in folder.glob("*.docx")) if folder.is_dir() else 0
    return dataclasses.replace(status, ledger=[*ledger_row(loaded.case, status, documents), None])


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
    if output_format == "xlsx":
        data = table_xlsx(
            "台账", LEDGER_HEADERS, [r.ledger for r in rows], _LEDGER_WIDTHS, autofilter=True
        )
    else:
        data = ledger_csv(rows).encode("utf-8")
    write_atomically(data, target)
    return target
