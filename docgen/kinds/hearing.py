"""Hearing documents: 听证通知书, 送达回证 per recipient; the public 听证公告 and 听证结果公示."""

from __future__ import annotations

from typing import Any

from docgen.case import Case, Petitioner
from docgen.kinds.base import DocumentKind, Job, Recipient
from docgen.masking import distinct_masks, mask_in_text
from docgen.settings import Settings


def recipients(case: Case) -> list[Recipient]:
    """Everyone who is served a notice: petitioners (each followed by any 委托代理人), panel
    members, then summoned units."""
    if case.hearing is None:
        return []
    return [
        *(person for p in case.petitioners for person in _with_agents(case, p)),
        *(Recipient(m.name, "panel", duty=m.role, org=m.org or "") for m in case.hearing.panel),
        *(Recipient(unit, "unit") for unit in case.hearing.units),
    ]


def _with_agents(case: Case, petitioner: Petitioner) -> list[Recipient]:
    """A petitioner, then the agents acting for them: each agent is served a notice of their own."""
    return [
        Recipient(petitioner.name, "petitioner", address=petitioner.address or ""),
        *(
            Recipient(a.name, "agent", principal=a.principal, address=a.address or "")
            for a in case.agents
            if a.principal == petitioner.name
        ),
    ]


def hearing_basis(case: Case) -> str:
    """The provision (`law.<name>`) a hearing is held under: 复核听证 or a hearing while handling.

    Why two: a 复核听证 (2022 第三十六条第二款) is not counted in the 30 days of the 复核; any
    other hearing is held while the matter is handled (第三十一条第六项).
    """
    return "final_review_hearing" if case.stage == "final_review" else "hearing"


def _notices(case: Case, settings: Settings) -> list[Job]:
    if case.hearing is None:
        return []
    hearing = {**case.hearing.model_dump(), "basis": hearing_basis(case)}
    return [
        Job(
            recipient=person,
            context={"recipient": person.as_context(), "hearing": hearing},
            issued=case.hearing.notice_date,
        )
        for person in recipients(case)
    ]


def _receipts(case: Case, settings: Settings) -> list[Job]:
    return [
        Job(
            recipient=notice.recipient,
            context={**notice.context, "served": {"title": SERVED_TITLE}},
            issued=notice.issued,
        )
        for notice in _notices(case, settings)
    ]


def mask_text(text: str, names: list[str]) -> str:
    """`text` with every full name in `names` masked, colliding masks told apart (王某甲)."""
    return mask_in_text(text, distinct_masks(names))


def matter(petitioners: list[str], category: str) -> str:
    """The matter as public documents describe it, in the case's category wording throughout:
    `王某甲、王某乙反映征地拆迁问题`."""
    return f"{'、'.join(petitioners)}反映{category.removesuffix('问题')}问题"


def public_hearing_data(case: Case) -> dict[str, Any]:
    """What a public announcement may show: masked petitioners, no ID, phone or address.

    Why:
        个人信息保护法 第二十五条 forbids publishing personal information; the announcement's
        template never receives the case, so no edit of the template can leak it.
    """
    assert case.hearing is not None
    names = [p.name for p in case.petitioners]
    masks = distinct_masks(names)
    masked = [masks[n.strip()] for n in names]
    hearing = case.hearing
    return {
        "public": {
            "title": matter(masked, case.category),
            "petitioners": masked,
            "category": case.category.removesuffix("问题"),
            "requests": [mask_in_text(r.text, masks) for r in case.requests],
        },
        "hearing": {
            "basis": hearing_basis(case),
            "date": hearing.date,
            "time": hearing.time,
            "place": hearing.place,
            "host": {"name": hearing.host.name, "title": hearing.host.title},
            "panel": [{"name": m.name, "role": m.role, "org": m.org or ""} for m in hearing.panel],
        },
    }


def _announcement(case: Case, settings: Settings) -> list[Job]:
    if case.hearing is None or not case.hearing.public:
        return []
    return [
        Job(
            recipient=None,
            context=public_hearing_data(case),
            issued=case.hearing.notice_date,
        )
    ]


SERVED_TITLE = "信访事项听证通知书"
"""The served notice's full title, as its template prints it (送达回证 names it so)."""


def _result(case: Case, settings: Settings) -> list[Job]:
    """听证结果公示: after a public hearing whose result the case records, names masked."""
    hearing = case.hearing
    if hearing is None or not hearing.public or hearing.result is None:
        return []
    names = [p.name for p in case.petitioners]
    context = public_hearing_data(case)
    context["result"] = {
        "opinion": mask_text(hearing.result.opinion, names),
        "conclusion": mask_text(hearing.result.conclusion, names),
        "until": hearing.result.until,
    }
    return [Job(recipient=None, context=context, issued=hearing.result.date)]


HEARING_NOTICE = DocumentKind(
    "hearing_notice", "听证通知书", "hearing_notice.docx", _notices, number_series="hearing_notice"
)
SERVICE_RECEIPT = DocumentKind(
    "service_receipt", "送达回证", "service_receipt.docx", _receipts, number_series="hearing_notice"
)
HEARING_ANNOUNCEMENT = DocumentKind(
    "hearing_announcement", "听证公告", "hearing_announcement.docx", _announcement, public=True
)
HEARING_RESULT = DocumentKind(
    "hearing_result", "听证结果公示", "hearing_result.docx", _result, public=True
)
