"""Hearing documents: 听证通知书, 送达回证 per recipient; the public 听证公告 and 听证结果公示."""

from __future__ import annotations

from typing import Any

from docgen.case import Case
from docgen.kinds.base import DocumentKind, Job, Recipient
from docgen.masking import mask_name
from docgen.settings import Settings


def recipients(case: Case) -> list[Recipient]:
    """Everyone who is served a notice: petitioners, panel members, then summoned units."""
    if case.hearing is None:
        return []
    return [
        *(Recipient(p.name, "petitioner") for p in case.petitioners),
        *(Recipient(m.name, "panel", duty=m.role, org=m.org or "") for m in case.hearing.panel),
        *(Recipient(unit, "unit") for unit in case.hearing.units),
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
            context={**notice.context, "served": {"title": HEARING_NOTICE.title}},
            issued=notice.issued,
        )
        for notice in _notices(case, settings)
    ]


def mask_text(text: str, names: list[str]) -> str:
    """`text` with every full name in `names` replaced by its masked form (王建国 → 王某某)."""
    for name in sorted(names, key=len, reverse=True):  # 王建国 before 王建
        text = text.replace(name, mask_name(name))
    return text


def public_hearing_data(case: Case) -> dict[str, Any]:
    """What a public announcement may show: masked petitioners, no ID, phone or address.

    Why:
        个人信息保护法 第二十五条 forbids publishing personal information; the announcement's
        template never receives the case, so no edit of the template can leak it.
    """
    assert case.hearing is not None
    names = [p.name for p in case.petitioners]
    hearing = case.hearing
    return {
        "public": {
            "title": mask_text(case.title, names),
            "petitioners": [mask_name(n) for n in names],
            "category": case.category,
            "requests": [mask_text(r.text, names) for r in case.requests],
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
