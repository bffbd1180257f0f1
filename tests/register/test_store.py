"""docgen/register/store.py: one number per document, never reused, voided numbers kept."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from docgen.errors import RegisterError
from docgen.register.store import (
    NumberRequest,
    Register,
    format_number,
    open_register,
    recipient_key,
)

NOTICE = "某信听〔{year}〕{n}号"
PLAN = "某信案〔{year}〕{n}号"
WANG = recipient_key("petitioner", "王建国")


@pytest.fixture
def register(tmp_path: Path) -> Iterator[Register]:
    """A fresh register file in a fresh workspace, its clock stopped at 2020-06-01 09:30."""
    with open_register(
        tmp_path / ".docgen" / "register.db", clock=lambda: datetime(2020, 6, 1, 9, 30, 5, 77)
    ) as opened:
        yield opened


def test_it_creates_the_file_and_its_folder(tmp_path: Path) -> None:
    with open_register(tmp_path / ".docgen" / "register.db"):
        pass
    assert (tmp_path / ".docgen" / "register.db").is_file()


def test_a_number_is_formatted_without_zero_padding() -> None:
    assert format_number(NOTICE, 2020, 3) == "某信听〔2020〕3号"
    assert format_number(NOTICE, 2021, 12) == "某信听〔2021〕12号"


def test_the_same_document_keeps_its_number(register: Register) -> None:
    first = register.number_for("XF2020-018", "hearing_notice", WANG, 2020, NOTICE)
    again = register.number_for("XF2020-018", "hearing_notice", WANG, 2020, NOTICE)
    assert (first.fresh, again.fresh) == (True, False)
    assert again.number == first.number
    assert first.number.text == "某信听〔2020〕1号"
    assert first.number.recorded_at == datetime(2020, 6, 1, 9, 30, 5)


def test_each_recipient_and_case_gets_the_next_serial(register: Register) -> None:
    texts = [
        register.number_for(case, "hearing_notice", key, 2020, NOTICE).number.text
        for case, key in [("A", WANG), ("A", recipient_key("panel", "李四")), ("B", WANG)]
    ]
    assert texts == ["某信听〔2020〕1号", "某信听〔2020〕2号", "某信听〔2020〕3号"]


def test_serials_are_counted_per_series_and_restart_each_year(register: Register) -> None:
    assert register.number_for("A", "hearing_notice", "", 2020, NOTICE).number.serial == 1
    assert register.number_for("A", "resolution_plan", "", 2020, PLAN).number.serial == 1
    assert register.number_for("B", "hearing_notice", "", 2020, NOTICE).number.serial == 2
    assert register.number_for("B", "hearing_notice", "", 2021, NOTICE).number.text == (
        "某信听〔2021〕1号"
    )


def test_a_number_is_recorded_with_its_issue_date(register: Register) -> None:
    register.number_for("A", "resolution_plan", "", 2020, PLAN, issued=date(2020, 6, 3))
    assert [n.issued for n in register.list()] == [date(2020, 6, 3)]


def test_a_changed_pattern_never_changes_an_issued_number(register: Register) -> None:
    register.number_for("A", "hearing_notice", "", 2020, NOTICE)
    again = register.number_for("A", "hearing_notice", "", 2020, "新信听〔{year}〕{n}号")
    assert again.number.text == "某信听〔2020〕1号"


def test_a_voided_number_is_kept_and_never_issued_again(register: Register) -> None:
    first = register.number_for("A", "hearing_notice", WANG, 2020, NOTICE).number
    voided = register.void("某信听〔2020〕1号", "打印有误，已收回销毁")
    assert (voided.void, voided.void_reason) == (True, "打印有误，已收回销毁")
    after = register.number_for("A", "hearing_notice", WANG, 2020, NOTICE)
    assert (after.fresh, after.number.text) == (True, "某信听〔2020〕2号")
    assert after.voided == (voided,)
    assert [(n.text, n.void) for n in register.list()] == [
        (first.text, True),
        (after.number.text, False),
    ]


def test_voiding_the_highest_serial_does_not_free_it(register: Register) -> None:
    register.number_for("A", "hearing_notice", "", 2020, NOTICE)
    register.void("某信听〔2020〕1号", "作废")
    assert register.number_for("B", "hearing_notice", "", 2020, NOTICE).number.serial == 2


def test_voiding_needs_a_reason_and_a_known_live_number(register: Register) -> None:
    register.number_for("A", "hearing_notice", "", 2020, NOTICE)
    with pytest.raises(RegisterError, match="作废文号必须写明原因"):
        register.void("某信听〔2020〕1号", "  ")
    with pytest.raises(RegisterError, match="登记簿中没有文号“某信听〔2020〕9号”"):
        register.void("某信听〔2020〕9号", "错号")
    register.void("某信听〔2020〕1号", "错号")
    with pytest.raises(RegisterError, match=r"已于 2020-06-01 09:30 作废（原因：错号）"):
        register.void("某信听〔2020〕1号", "再次")


def test_a_late_reason_is_noted_on_the_number(register: Register) -> None:
    register.number_for("A", "hearing_notice", WANG, 2020, NOTICE)
    noted = register.record_late("某信听〔2020〕1号", "信访人临时要求提前听证")
    assert noted.note == "逾期仍发出：信访人临时要求提前听证"
    assert register.list()[0].note == noted.note


def test_two_series_with_the_same_pattern_are_refused(register: Register) -> None:
    register.number_for("A", "hearing_notice", "", 2020, NOTICE)
    with pytest.raises(RegisterError, match="不同文书的文号格式不能相同"):
        register.number_for("A", "closure_notice", "", 2020, NOTICE)
    assert len(register.list()) == 1


def test_the_list_is_filtered_and_ordered_by_series_year_serial(register: Register) -> None:
    for case, series, year, pattern in [
        ("A", "resolution_plan", 2021, PLAN),
        ("A", "hearing_notice", 2021, NOTICE),
        ("B", "hearing_notice", 2020, NOTICE),
        ("C", "hearing_notice", 2020, NOTICE),
    ]:
        register.number_for(case, series, "", year, pattern)
    assert [n.text for n in register.list()] == [
        "某信听〔2020〕1号",
        "某信听〔2020〕2号",
        "某信听〔2021〕1号",
        "某信案〔2021〕1号",
    ]
    assert [n.text for n in register.list(year=2021)] == ["某信听〔2021〕1号", "某信案〔2021〕1号"]
    assert [n.case_id for n in register.list(year=2020, series="hearing_notice")] == ["B", "C"]
    assert register.list(series="closure_notice") == []


def test_a_batch_numbers_new_documents_in_request_order_and_keeps_known_ones(
    register: Register,
) -> None:
    known = register.number_for("A", "hearing_notice", WANG, 2020, NOTICE).number
    li = recipient_key("panel", "李四")
    requests = [
        NumberRequest("B", "hearing_notice", li, 2020, NOTICE),
        NumberRequest("A", "hearing_notice", WANG, 2020, NOTICE),
        NumberRequest("B", "hearing_notice", WANG, 2020, NOTICE),
        NumberRequest("B", "hearing_notice", li, 2020, NOTICE),  # its receipt: the same number
        NumberRequest("B", "resolution_plan", "", 2021, PLAN),
    ]
    found = register.numbers_for(requests)
    assert [a.number.text for a in found] == [
        "某信听〔2020〕2号",
        known.text,
        "某信听〔2020〕3号",
        "某信听〔2020〕2号",
        "某信案〔2021〕1号",
    ]
    assert [a.fresh for a in found] == [True, False, True, False, True]


def test_a_failing_batch_records_none_of_its_numbers(register: Register) -> None:
    register.number_for("A", "resolution_plan", "", 2020, NOTICE)  # 某信听〔2020〕1号 taken
    with pytest.raises(RegisterError, match="已登记给"):
        register.numbers_for(
            [
                NumberRequest("B", "closure_notice", WANG, 2020, "某信结〔{year}〕{n}号"),
                NumberRequest("B", "hearing_notice", WANG, 2020, NOTICE),
            ]
        )
    assert [n.text for n in register.list()] == ["某信听〔2020〕1号"]


def test_a_late_reason_is_noted_against_the_number_in_the_same_batch(
    register: Register,
) -> None:
    late = NumberRequest("A", "hearing_notice", WANG, 2020, NOTICE, late_reason="当事人同意 ")
    (allocation,) = register.numbers_for([late])
    assert allocation.number.note == "逾期仍发出：当事人同意"
    assert register.list()[0].note == "逾期仍发出：当事人同意"
