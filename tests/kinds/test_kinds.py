"""The document kinds on the example cases: who gets what, with which data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from docgen.case import LoadedCase, parse_case
from docgen.kinds import KINDS, NUMBER_SERIES, Recipient
from docgen.kinds.base import output_filename
from docgen.kinds.hearing import public_hearing_data
from docgen.settings import DEFAULT_NUMBERING, Settings

REPO = Path(__file__).resolve().parents[2]


def load(case_id: str) -> LoadedCase:
    path = REPO / "cases" / f"{case_id}.yaml"
    return parse_case(path.read_bytes(), path, Settings(), date(2026, 11, 28))


def jobs(kind: str, case_id: str) -> list[str]:
    document = KINDS[kind]
    return [document.output_name(job) for job in document.jobs(load(case_id).case, Settings())]


def test_a_notice_and_a_receipt_go_to_every_petitioner_panel_member_and_unit() -> None:
    expected = [
        f"听证通知书-{name}.docx"
        for name in ["王建国", "王建军", "周敏", "吴军", "郑华", "县自然资源局", "城关镇人民政府"]
    ]
    assert jobs("hearing_notice", "XF2020-018") == expected
    assert jobs("service_receipt", "XF2020-018") == [
        name.replace("听证通知书", "送达回证") for name in expected
    ]


def test_each_notice_knows_the_role_of_its_recipient() -> None:
    case = load("XF2020-018").case
    found = KINDS["hearing_notice"].jobs(case, Settings())
    notices = {job.recipient.name: job for job in found if job.recipient}
    assert notices["王建国"].recipient == Recipient(
        "王建国", "petitioner", address="某某县城关镇东关村3组"
    )
    lawyer = Recipient("吴军", "panel", duty="律师", org="某某律师事务所")
    assert notices["吴军"].recipient == lawyer
    assert notices["县自然资源局"].recipient == Recipient("县自然资源局", "unit")
    assert notices["吴军"].context["recipient"] == {
        "name": "吴军",
        "role": "panel",
        "role_label": "听证员",
        "duty": "律师",
        "org": "某某律师事务所",
        "principal": "",
        "address": "",
    }


def test_every_job_of_every_kind_names_a_typed_recipient_or_none() -> None:
    for case_id in ("XF2020-018", "XF2020-025", "XF2020-031"):
        case = load(case_id).case
        for kind in KINDS.values():
            for job in kind.jobs(case, Settings()):
                assert job.recipient is None or isinstance(job.recipient, Recipient), kind.name
                assert job.recipient is None or job.recipient.role_label


def test_a_letter_goes_to_a_case_leader_and_a_closure_notice_to_a_petitioner() -> None:
    (letter, *_) = KINDS["responsibility_letter"].jobs(load("XF2020-025").case, Settings())
    assert letter.recipient is not None
    assert letter.recipient.role_label == "包案领导"
    (notice, *_) = KINDS["closure_notice"].jobs(load("XF2020-031").case, Settings())
    assert notice.recipient is not None
    assert notice.recipient.role_label == "信访人"


def test_a_public_template_never_sees_the_case() -> None:
    context = {"case": {"id": "XF2020-018"}, "public": {}, "office": {}}
    assert KINDS["hearing_announcement"].visible_context(context) == {"public": {}, "office": {}}
    assert KINDS["hearing_notice"].visible_context(context) == context


def test_the_default_numbering_names_exactly_the_number_series_of_the_kinds() -> None:
    assert set(DEFAULT_NUMBERING) == NUMBER_SERIES
    assert {"hearing_notice", "closure_notice", "resolution_plan", "transfer_letter"} == (
        NUMBER_SERIES
    )


def test_a_receipt_carries_the_number_of_its_notice() -> None:
    case = load("XF2020-018").case
    (receipt, *_) = KINDS["service_receipt"].jobs(case, Settings())
    assert KINDS["service_receipt"].number_series == KINDS["hearing_notice"].number_series
    assert receipt.context["served"] == {"title": "信访事项听证通知书"}


def test_the_public_announcement_holds_no_personal_data() -> None:
    case = load("XF2020-018").case
    shown = json.dumps(public_hearing_data(case), ensure_ascii=False, default=str)
    for petitioner in case.petitioners:
        assert petitioner.name not in shown
        assert petitioner.id_number not in shown
        assert petitioner.phone is None or petitioner.phone not in shown
        assert petitioner.address is None or petitioner.address not in shown
    assert "王某甲、王某乙反映征地拆迁问题" in shown


def test_a_diverted_case_gets_only_its_transfer_letter() -> None:
    case = load("XF2020-007").case
    assert case.legal_track
    made = [name for name, kind in KINDS.items() if kind.jobs(case, Settings())]
    assert made == ["transfer_letter"]


def test_a_plan_gives_one_plan_and_a_letter_per_case_leader() -> None:
    case = load("XF2020-025").case
    assert jobs("resolution_plan", "XF2020-025") == ["一揽子化解方案.docx"]
    assert jobs("responsibility_letter", "XF2020-025") == [
        f"包案责任书-{leader.name}.docx" for leader in case.leaders
    ]


def test_closure_documents_follow_the_closure_block() -> None:
    case = load("XF2020-031").case
    assert jobs("closure_notice", "XF2020-031") == [
        f"信访事项办结告知书-{p.name}.docx" for p in case.petitioners
    ]
    assert jobs("settlement_agreement", "XF2020-031") == ["息诉罢访协议书.docx"]
    assert jobs("closure_approval", "XF2020-031") == ["化解销号审批表.docx"]
    assert jobs("closure_notice", "XF2020-025") == []


def test_closure_defaults_come_from_the_settings_and_the_case() -> None:
    case = load("XF2020-031").case
    (notice,) = KINDS["settlement_agreement"].jobs(case, Settings())
    closure = notice.context["closure"]
    assert closure["review_body"] == (case.closure.review_body or Settings().office.review_body)  # type: ignore[union-attr,index]
    assert notice.context["agreement"]["payer"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("title", "recipient", "expected"),
    [
        ("听证通知书", "王建国", "听证通知书-王建国.docx"),
        ("“一揽子”化解方案", "", "一揽子化解方案.docx"),
        ("送达回证", 'A/B\\C:"D"*?<>|', "送达回证-A_B_C__D______.docx"),
        ("听证通知书", "很" * 100, "听证通知书-" + "很" * 40 + ".docx"),
    ],
)
def test_output_names_are_safe_file_names(title: str, recipient: str, expected: str) -> None:
    assert output_filename(title, recipient) == expected
