"""Where each case stands against its deadline: the stage, the days left, the 台账 rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docgen.case import LoadedCase
from docgen.pipeline import Reading, Report, summarize_cases
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
        }


def case_status(loaded: LoadedCase, campaign_end: date, today: date) -> CaseStatus:
    """The stage of a case and the days left until its plan deadline or the campaign's end."""
    case = loaded.case
    deadline: date | None
    if case.legal_track:
        stage, deadline = "已分流（涉法涉诉）", None
    elif case.closure is not None:
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
    )


def workspace_status(
    workspace: Workspace, files: Iterable[Path], today: date
) -> tuple[list[CaseStatus], Report]:
    """The status of every valid case, with the report of the files that could not be read."""
    return summarize_cases(workspace, files, today, _status_of)


def _status_of(loaded: LoadedCase, reading: Reading) -> CaseStatus:
    return case_status(loaded, reading.workspace.settings.campaign.end, reading.today)
