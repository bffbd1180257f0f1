"""Tests of docgen/case/rules.py: ID numbers, phones, dates, times, amounts, case ids."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.case.rules import (
    ID_CHECK_CHARS,
    RuleViolation,
    check_amount,
    check_case_id,
    check_id_number,
    check_phone,
    check_time,
    id_birth_date,
    id_check_char,
    id_gender,
    parse_date,
)


def violation(check: object, value: object) -> RuleViolation:
    assert callable(check)
    with pytest.raises(RuleViolation) as caught:
        check(value)
    return caught.value


class TestIdNumber:
    @pytest.mark.parametrize(
        "number",
        ["11010519491231002X", "440524188001010014", "370101190102039973", "513101198201130014"],
    )
    def test_accepts_the_gb_11643_test_vectors(self, number: str) -> None:
        assert check_id_number(number) == number

    def test_normalises_a_lowercase_x(self) -> None:
        assert check_id_number("11010519491231002x") == "11010519491231002X"

    def test_names_the_right_check_character(self) -> None:
        error = violation(check_id_number, "110105194912310021")
        assert (error.code, error.message) == (
            "id_number_check",
            "身份证号码校验位不正确（应为 X）",
        )
        assert error.hint == "多半是抄错了某一位数字，请核对身份证原件。"

    def test_refuses_a_birth_date_that_does_not_exist(self) -> None:
        base = "11010519490230002"
        error = violation(check_id_number, base + id_check_char(base))
        assert error.message == "身份证号码中的出生日期（第 7–14 位 19490230）不是有效日期"

    def test_counts_the_characters(self) -> None:
        error = violation(check_id_number, "1101051949123100")
        assert error.message == "身份证号码应为 18 位，这里是 16 位（1101051949123100）"

    def test_explains_an_old_15_digit_number(self) -> None:
        error = violation(check_id_number, "110105491231002")
        assert error.message == "这是旧的 15 位身份证号码"

    @pytest.mark.parametrize(
        "number", ["11010519491231002Y", "1101051949123100２X", "X10105194912310021"]
    )
    def test_refuses_other_characters_even_full_width_digits(self, number: str) -> None:
        assert violation(check_id_number, number).code == "id_number_chars"

    @given(
        born=st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)),
        area=st.integers(min_value=110000, max_value=829999),
        serial=st.integers(min_value=0, max_value=999),
        wrong=st.sampled_from(ID_CHECK_CHARS),
    )
    def test_accepts_exactly_the_computed_check_character(
        self, born: date, area: int, serial: int, wrong: str
    ) -> None:
        first17 = f"{area}{born:%Y%m%d}{serial:03d}"
        right = id_check_char(first17)
        assert check_id_number(first17 + right) == first17 + right
        if wrong != right:
            assert violation(check_id_number, first17 + wrong).message.endswith(f"（应为 {right}）")

    def test_reads_birth_date_and_gender(self) -> None:
        assert id_birth_date("11010519491231002X") == date(1949, 12, 31)
        assert id_gender("11010519491231002X") == "女"  # 17th digit 2: even
        assert id_gender("370101190102039973") == "男"  # 17th digit 7: odd


class TestPhone:
    @pytest.mark.parametrize(
        "phone", ["13803710001", "19912345678", "010-12345678", "0371-6000000"]
    )
    def test_accepts_mobile_and_landline_numbers(self, phone: str) -> None:
        assert check_phone(phone) == phone

    @pytest.mark.parametrize(
        "phone",
        ["12803710001", "1380371000", "138037100012", "0371 6000000", "03716000000", "6000000"],
    )
    def test_refuses_other_shapes(self, phone: str) -> None:
        error = violation(check_phone, phone)
        assert error.message == f"电话号码格式不对（{phone}）"
        assert "13803710001" in error.hint and "0371-6000000" in error.hint


class TestDate:
    def test_reads_iso_dates_with_or_without_padding(self) -> None:
        assert parse_date("2020-02-29") == date(2020, 2, 29)
        assert parse_date("2020-6-1") == date(2020, 6, 1)

    def test_refuses_a_day_that_does_not_exist(self) -> None:
        error = violation(parse_date, "2020-02-30")
        assert (error.code, error.message) == ("date_invalid", "不是有效日期（2020-02-30）")
        assert error.hint == "2020 年 2 月只有 29 天，请核对。"
        assert violation(parse_date, "2021-02-29").hint == "2021 年 2 月只有 28 天，请核对。"
        assert violation(parse_date, "2020-13-01").hint == "月份应为 1–12，请核对。"
        assert violation(parse_date, "0000-01-01").hint == "年份不对，请核对。"

    @pytest.mark.parametrize("text", ["2020/06/01", "2020年6月1日", "20200601", "2020-06"])
    def test_refuses_other_formats_with_the_iso_hint(self, text: str) -> None:
        error = violation(parse_date, text)
        assert (error.message, error.hint) == (
            f"日期格式不对（{text}）",
            "请按 YYYY-MM-DD 填写，如 2020-06-12。",
        )


class TestTime:
    def test_pads_the_hour(self) -> None:
        assert check_time("9:30") == "09:30"
        assert check_time("14:05") == "14:05"

    @pytest.mark.parametrize("text", ["24:00", "9:60", "09：30", "9.30", "上午9时"])
    def test_refuses_what_is_not_a_time_of_day(self, text: str) -> None:
        assert violation(check_time, text).message == f"时间格式不对（{text}）"


class TestAmount:
    @pytest.mark.parametrize("amount", ["0", "12000", "3500.50", "3500.5", "1.100"])
    def test_accepts_money(self, amount: str) -> None:
        assert check_amount(Decimal(amount)) == Decimal(amount)

    def test_refuses_a_negative_amount(self) -> None:
        assert violation(check_amount, Decimal("-1")).message == "金额不能为负数（-1）"

    def test_refuses_fractions_of_a_fen(self) -> None:
        assert violation(check_amount, Decimal("1.005")).message == "金额最多保留两位小数（1.005）"

    @pytest.mark.parametrize("amount", ["NaN", "Infinity"])
    def test_refuses_what_is_not_a_number(self, amount: str) -> None:
        assert violation(check_amount, Decimal(amount)).message == "金额不是有效数字"


class TestCaseId:
    def test_accepts_letters_digits_and_hyphens(self) -> None:
        assert check_case_id("XF2020-018") == "XF2020-018"

    @pytest.mark.parametrize("text", ["XF 2020", "XF2020/018", "信访2020", "XF_1", ""])
    def test_refuses_what_cannot_name_a_folder_safely(self, text: str) -> None:
        assert (
            violation(check_case_id, text).message
            == f"案件编号只能由英文字母、数字和“-”组成（{text}）"
        )
