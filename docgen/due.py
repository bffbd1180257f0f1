"""What falls due soon across all cases: notices to serve, hearings, measures, deadlines.

Pure over loaded cases (`case_items`); `due_items` reads the workspace with
`summarize_cases`, as `docgen.status` does.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Final

from docgen.case import LoadedCase
from docgen.case.procedure import statutory_period
from docgen.docxio import write_atomically
from docgen.pipeline import Progress, Reading, Report, summarize_cases
from docgen.settings import Settings
from docgen.workspace import Workspace, check_output_file
from docgen.xlsx import Cell, table_xlsx

DUE_HEADERS: Final = ("日期", "剩余天数", "案件编号", "案件名称", "事项")
DUE_FILE: Final = "提醒.xlsx"
_DUE_WIDTHS: Final = (11, 10, 12, 30, 50)


@dataclass(frozen=True)
class DueItem:
    """One thing to do by a day: `事项` of case `case_id` (empty for the campaign itself)."""

    day: date
    case_id: str
    title: str
    what: str
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_text(self) -> str:
        if self.overdue:
            return f"逾期 {-self.days_left} 天"
        return "今天" if self.days_left == 0 else f"{self.days_left} 天后"

    def as_dict(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "days_left": self.days_left,
            "overdue": self.overdue,
            "case": self.case_id,
            "title": self.title,
            "item": self.what,
        }


def case_items(loaded: LoadedCase, settings: Settings, today: date) -> list[DueItem]:
    """Every dated thing still to do in one case, overdue or not, in no particular order.

    A case diverted to the legal track has none; a closed case only its agreement's payment;
    an open case with `stage_received` has its stage's statutory period (办理/复查/复核期限).
    Without a record of what is done, a measure counts as open until the case is closed.
    """
    case = loaded.case
    items: list[tuple[date, str]] = []
    if case.legal_track:
        return []
    closure = case.closure
    if closure is not None and closure.date <= today:
        agreement = closure.agreement
        if agreement is not None and agreement.pay_by is not None and agreement.pay_by >= today:
            payer = f"（{agreement.payer}）" if agreement.payer else ""
            items.append((agreement.pay_by, f"协议金额 {agreement.amount} 元支付期限{payer}"))
    else:
        hearing = case.hearing
        if hearing is not None and hearing.date >= today:
            items.append((hearing.date, f"听证（{hearing.time}，{hearing.place}）"))
            if hearing.notice_date is None:
                rules = settings.hearing
                latest = settings.work_calendar().latest_notice_day(
                    hearing.date, rules.notice_lead, rules.notice_lead_unit
                )
                items.append((latest.day, f"听证通知书最迟送达（听证日期 {hearing.date}）"))
        period = statutory_period(case, settings.work_calendar())
        if period is not None:
            items.append((period.end.day, period.what))
        plan = case.plan
        if plan is not None:
            for measure in plan.measures:
                items.append((measure.due, f"措施完成时限：{measure.action}（{measure.unit}）"))
            items.append((plan.deadline, "化解时限"))
    return [DueItem(day, case.id, case.title, what, (day - today).days) for day, what in items]


def campaign_item(settings: Settings, today: date) -> list[DueItem]:
    """The end of the campaign, while it is still ahead."""
    end = settings.campaign.end
    if end < today:
        return []
    return [DueItem(end, "", "", f"{settings.campaign.name}结束", (end - today).days)]


def upcoming(items: Iterable[DueItem], today: date, days: int) -> list[DueItem]:
    """The items due within `days` days of `today`, overdue first, then the soonest first."""
    horizon = today + timedelta(days=days)
    chosen = [item for item in items if item.day <= horizon]
    return sorted(chosen, key=lambda item: (item.day, item.case_id, item.what))


def due_items(
    workspace: Workspace,
    files: Iterable[Path],
    today: date,
    days: int,
    progress: Progress | None = None,
) -> tuple[list[DueItem], Report]:
    """What falls due in the next `days` days across the cases `files`, with the read report.

    `progress`, if given, gets each case file's id as it is read.
    """
    groups, report = summarize_cases(workspace, files, today, _items_of, progress=progress)
    every = [item for group in groups for item in group]
    if groups or not report.errors:  # settings that cannot be read have no campaign either
        every += campaign_item(workspace.settings, today)
    return upcoming(every, today, days), report


def _items_of(loaded: LoadedCase, reading: Reading) -> list[DueItem]:
    if loaded.case.example:  # `example: true`: shows how to fill a case in, owes nothing
        return []
    return case_items(loaded, reading.workspace.settings, reading.today)


def due_row(item: DueItem) -> list[Cell]:
    """The row of `item` under DUE_HEADERS."""
    return [item.day, item.days_text, item.case_id or "—", item.title, item.what]


def due_csv(items: Sequence[DueItem]) -> str:
    """The reminders as CSV text, with a byte-order mark so that Excel and WPS read UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(DUE_HEADERS)
    writer.writerows([item.day.isoformat(), *due_row(item)[1:]] for item in items)
    return "\ufeff" + buffer.getvalue()


def write_due(
    workspace: Workspace, items: Sequence[DueItem], output_format: str, target: Path | None
) -> Path:
    """Write the reminders (`xlsx` or `csv`) to `target`, default 提醒.xlsx in the workspace.

    Raises:
        WorkspaceError: the folder of `target` does not exist, `target` is a folder or
            read-only, or it cannot be replaced (open in Excel/WPS); nothing is then written.
    """
    target = target or workspace.root / (DUE_FILE if output_format == "xlsx" else "提醒.csv")
    check_output_file(target)
    if output_format == "xlsx":
        rows = [due_row(item) for item in items]
        data = table_xlsx("到期提醒", DUE_HEADERS, rows, _DUE_WIDTHS, autofilter=True)
    else:
        data = due_csv(items).encode("utf-8")
    write_atomically(data, target)
    return target
