"""Closure documents: 办结告知书 per petitioner, 息诉罢访协议书 and 化解销号审批表 per case."""

from __future__ import annotations

from typing import Any

from docgen.case import ASSESSMENT_LABELS, Case
from docgen.case.law import CONCLUSION_PROVISIONS
from docgen.case.procedure import NEXT_REMEDY, request_conclusions
from docgen.kinds.base import DocumentKind, Job, Recipient, sentence
from docgen.settings import Settings


def closure_data(case: Case, settings: Settings) -> dict[str, Any]:
    """The closure block with the defaults filled in that come from elsewhere.

    `review_body` names where the next request goes: after 初次办理 the office's 复查机关 by
    default, after 复查 the 复核机关 the case names, after 复核 nothing. `issuer` is the organ
    that signs the 办结告知书: the responsible unit unless the case names another (the 信访局
    where it handled the matter itself). `answers` is the reply to each request.
    """
    assert case.closure is not None
    closure = case.closure.model_dump()
    remedy = NEXT_REMEDY.get(case.stage, "")
    default_body = settings.office.review_body if case.stage == "initial" else ""
    closure["review_body"] = (closure["review_body"] or default_body) if remedy else ""
    closure["remedy"] = remedy
    closure["issuer"] = closure["issuer"] or case.responsible_unit
    closure["answers"] = answers(case)
    agreement = closure["agreement"]
    if agreement is not None:
        agreement["payer"] = agreement["payer"] or case.responsible_unit
    return closure


def answers(case: Case) -> list[dict[str, str]]:
    """The reply to each request: its text, 甄别结论, 处理结论 with its provision, the reasons."""
    return [
        {
            "text": request.text,
            "assessment_label": ASSESSMENT_LABELS[request.assessment],
            "conclusion": conclusion,
            "provision": CONCLUSION_PROVISIONS[conclusion],
            "reasoning": sentence(request.reasoning or ""),
        }
        for request, conclusion in zip(case.requests, request_conclusions(case), strict=True)
    ]


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
