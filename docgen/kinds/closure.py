"""Closure documents: 办结告知书 per petitioner, 息诉罢访协议书 and 化解销号审批表 per case."""

from __future__ import annotations

from typing import Any

from docgen.case import Case
from docgen.kinds.base import DocumentKind, Job, Recipient
from docgen.settings import Settings


def closure_data(case: Case, settings: Settings) -> dict[str, Any]:
    """The closure block with the defaults filled in that come from elsewhere."""
    assert case.closure is not None
    closure = case.closure.model_dump()
    closure["review_body"] = closure["review_body"] or settings.office.review_body
    agreement = closure["agreement"]
    if agreement is not None:
        agreement["payer"] = agreement["payer"] or case.responsible_unit
    return closure


def _notices(case: Case, settings: Settings) -> list[Job]:
    if case.closure is None:
        return []
    closure = closure_data(case, settings)
    return [
        Job(
            recipient=Recipient(petitioner.name, "petitioner"),
            context={"recipient": petitioner.model_dump(), "closure": closure},
            issued=case.closure.date,
        )
        for petitioner in case.petitioners
    ]


def _agreement(case: Case, settings: Settings) -> list[Job]:
    if case.closure is None or case.closure.agreement is None:
        return []
    closure = closure_data(case, settings)
    return [
        Job(
            recipient=None,
            context={"closure": closure, "agreement": closure["agreement"]},
            issued=case.closure.date,
        )
    ]


def _approval(case: Case, settings: Settings) -> list[Job]:
    if case.closure is None:
        return []
    return [
        Job(
            recipient=None,
            context={
                "closure": closure_data(case, settings),
                "plan": case.plan.model_dump() if case.plan else None,
            },
            issued=case.closure.date,
        )
    ]


CLOSURE_NOTICE = DocumentKind(
    "closure_notice",
    "信访事项办结告知书",
    "closure_notice.docx",
    _notices,
    number_series="closure_notice",
)
SETTLEMENT_AGREEMENT = DocumentKind(
    "settlement_agreement", "息诉罢访协议书", "settlement_agreement.docx", _agreement
)
CLOSURE_APPROVAL = DocumentKind(
    "closure_approval", "化解销号审批表", "closure_approval.docx", _approval
)
