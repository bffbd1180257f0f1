"""Where each case stands against its deadline: the stage, the days left, the 台账 rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docgen.case import Case, LoadedCase
from docgen.pipeline import Reading, Report, summarize_cases
from docgen.settings import Settings
from docgen.workspace import Workspace


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
    return CaseStatus(
        id=case.id,
        title=case.title,
        stage=stage,
        leaders="、".join(f"{leader.name}（{leader.title}）" for leader in case.leaders),
        deadline=deadline,
        days_left=(deadline - today).days if deadline else None,
        **_upcoming_hearing(case, today, settings),
    )


def _upcoming_hearing(case: Case, today: date, settings: Settings | None) -> dict[str, date]:
    hearing = case.hearing
    if hearing is None or hearing.date < today or settings is None:
        return {}
    rules = settings.hearing
    latest = settings.work_calendar().latest_notice_day(
        hearing.date, rules.notice_lead, rules.notice_lead_unit
    )
    return {"hearing": hearing.date, "notice_by": latest.day}


def workspace_status(
    workspace: Workspace, files: Iterable[Path], today: date
) -> tuple[list[CaseStatus], Report]:
    """The status of every valid case, with the report of the files that could not be read."""
    return summarize_cases(workspace, files, today, _status_of)


def _status_of(loaded: LoadedCase, reading: Reading) -> CaseStatus:
    settings = reading.workspace.settings
    return case_status(loaded, settings.campaign.end, reading.today, settings)
