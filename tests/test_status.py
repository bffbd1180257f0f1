"""docgen/status.py: the stage of a case and its days left, computed from the case alone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import REPO
from generated import make_workspace

from docgen import pipeline
from docgen.case import LoadedCase, parse_case
from docgen.settings import Settings
from docgen.status import CaseStatus, case_status, workspace_status
from docgen.workspace import Workspace

END = date(2020, 6, 30)
READ_ON = date(2020, 6, 10)  # XF2020-031 closes that day: no example case is dated ahead of it


def load(case_id: str) -> LoadedCase:
    path = REPO / "cases" / f"{case_id}.yaml"
    return parse_case(path.read_bytes(), path, Settings(), READ_ON)


@pytest.mark.parametrize(
    ("case_id", "today", "stage", "deadline", "days_left"),
    [
        ("XF2020-018", date(2020, 6, 1), "待听证", END, 29),
        ("XF2020-018", date(2020, 6, 13), "已听证，待定方案", END, 17),
        ("XF2020-025", date(2020, 6, 27), "化解中", date(2020, 6, 25), -2),
        ("XF2020-031", date(2020, 6, 10), "已办结（息诉罢访）", None, None),
        # read on a later day, a case is still not closed before its closure date
        ("XF2020-031", date(2020, 6, 9), "化解中", date(2020, 6, 20), 11),
        ("XF2020-007", date(2020, 6, 1), "已分流（涉法涉诉）", None, None),
    ],
)
def test_the_stage_and_the_days_left(
    case_id: str, today: date, stage: str, deadline: date | None, days_left: int | None
) -> None:
    status = case_status(load(case_id), END, today)
    assert (status.stage, status.deadline, status.days_left) == (stage, deadline, days_left)
    assert status.overdue == (days_left is not None and days_left < 0)


def test_a_row_as_plain_data() -> None:
    row = CaseStatus("XF1", "标题", "化解中", "李明（副县长）", date(2020, 6, 25), -2)
    assert row.as_dict() == {
        "id": "XF1",
        "title": "标题",
        "stage": "化解中",
        "leaders": "李明（副县长）",
        "deadline": "2020-06-25",
        "days_left": -2,
        "overdue": True,
        "hearing": None,
        "notice_by": None,
        "unsigned": None,
    }


def test_the_workspace_status_reports_unreadable_cases_apart(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    good = tmp_path / "cases" / "XF2020-025.yaml"
    good.write_bytes((REPO / "cases" / "XF2020-025.yaml").read_bytes())
    bad = tmp_path / "cases" / "bad.yaml"
    bad.write_text("id: [\n", encoding="utf-8")
    rows, report = workspace_status(Workspace(tmp_path), [good, bad], date(2020, 6, 1))
    assert [row.id for row in rows] == ["XF2020-025"]
    assert not report.ok


def test_worker_processes_give_the_rows_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = Workspace(make_workspace(tmp_path / "ws", 12))
    files = workspace.case_files()
    alone, _ = workspace_status(workspace, files, READ_ON)
    monkeypatch.setitem(pipeline.PARALLEL_FROM, "summarize", 0)  # workers even for a few
    together, report = workspace_status(workspace, files, READ_ON)
    assert together == alone
    assert len(alone) == 12 and report.ok
