"""Plan documents: the “一揽子”化解方案 per case and a 包案责任书 per case leader."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

from docgen.case import HISTORY_LEVEL_LABELS, Case
from docgen.kinds.base import DocumentKind, Job, Recipient, case_data
from docgen.settings import Settings

LETTER_COPIES: Final = 3  # 甲方、乙方各执一份，信访局存档一份


def _plan(case: Case, settings: Settings) -> list[Job]:
    if case.plan is None:
        return []
    return [
        Job(
            recipient=None,
            context={
                "plan": case.plan.model_dump(),
                "relief_total": sum((r.amount for r in case.plan.relief), start=Decimal(0)),
                "history_levels": history_by_level(case),
            },
            issued=case.plan.date,
        )
    ]


def history_by_level(case: Case) -> list[dict[str, Any]]:
    """处理经过 grouped by 信访层级: steps given no level first, then 初信, 复查, 复核, 诉讼.

    Each group is `{label, events}`; the steps given no level (what happened before the first
    petition, or a history written without levels) have the empty label and print one by one.
    A level with no step is left out.
    """
    groups: list[dict[str, Any]] = []
    for level in (None, *HISTORY_LEVEL_LABELS):
        events = [e.model_dump() for e in case.history if e.level == level]
        if events:
            label = HISTORY_LEVEL_LABELS[level] if level else ""
            groups.append({"label": label, "events": events})
    return groups


def _letters(case: Case, settings: Settings) -> list[Job]:
    if case.plan is None:
        return []
    data = case_data(case)
    return [
        Job(
            recipient=Recipient(leader["name"], "case_leader", duty=leader["title"]),
            context={"leader": leader, "plan": data["plan"], "copies": LETTER_COPIES},
            issued=case.plan.date,
        )
        for leader in data["leaders"]
    ]


RESOLUTION_PLAN = DocumentKind(
    "resolution_plan",
    "“一揽子”化解方案",
    "resolution_plan.docx",
    _plan,
    number_series="resolution_plan",
)
RESPONSIBILITY_LETTER = DocumentKind(
    "responsibility_letter", "包案责任书", "responsibility_letter.docx", _letters
)
