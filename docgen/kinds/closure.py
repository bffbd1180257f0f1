"""Closure documents: 办结告知书 per petitioner, 息诉罢访协议书 and 化解销号审批表 per case."""

from __future__ import annotations

from typing import Any, Final

from docgen.case import ASSESSMENT_LABELS, Case, own_terms, split_payment
from docgen.case.law import CONCLUSION_PROVISIONS
from docgen.case.procedure import NEXT_REMEDY, request_conclusions
from docgen.kinds.base import DocumentKind, Job, Recipient, case_data, sentence
from docgen.settings import Settings

MEASURES_ON_FORM: Final = 8
"""Measures the 化解销号审批表 lists in its one-page table; the rest go on an attached list."""


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
            context={"closure": closure, "agreement": agreement_data(case, settings)},
            issued=case.closure.date,
        )
    ]


def agreement_data(case: Case, settings: Settings) -> dict[str, Any]:
    """The agreement as its template prints it: parties, each one's payment, who witnesses.

    `terms` keeps only what the generated clauses do not say; `parties` lists every petitioner
    as 乙方 with the agents signing for them; the responsible unit (unless it pays) and the
    office sign as 见证单位 with their seals, and `witness` is a person's slot only when it
    names neither of them.
    """
    assert case.closure is not None and case.closure.agreement is not None
    agreement = case.closure.agreement
    payer = agreement.payer or case.responsible_unit
    names = [p.name for p in case.petitioners]
    parts = split_payment(agreement, names)  # None only where `check` reports an error
    units = [u for u in (case.responsible_unit, settings.office.name) if u != payer]
    parties = [
        {
            **petitioner.model_dump(),
            "amount": parts[i] if parts else None,
            "agents": [a.model_dump() for a in case.agents if a.principal == petitioner.name],
        }
        for i, petitioner in enumerate(case.petitioners)
    ]
    return {
        **agreement.model_dump(),
        "payer": payer,
        "terms": own_terms(agreement),
        "parties": parties,
        "witness_units": list(dict.fromkeys(units)),
        "witness": agreement.witness if agreement.witness not in (payer, *units) else None,
    }


def _approval(case: Case, settings: Settings) -> list[Job]:
    if case.closure is None:
        return []
    plan = case_data(case)["plan"]
    measures = plan["measures"] if plan else []
    return [
        Job(
            recipient=None,
            context={
                "closure": closure_data(case, settings),
                "plan": plan,
                "measures": measures[:MEASURES_ON_FORM],
                "more_measures": measures[MEASURES_ON_FORM:],
                "undone": sum(1 for m in measures if m["done"] is None),
                "township": any(leader.level == "township" for leader in case.leaders),
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
