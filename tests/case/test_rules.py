"""Tests of docgen/case/rules.py: ID numbers and case ids (other values: tests/test_values.py)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.case.rules import (
    ID_CHECK_CHARS,
    RuleViolation,
    check_case_id,
    check_id_number,
    id_birth_date,
    id_check_char,
    id_gender,
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
        "number", ["11010519491231002Y", "1101051949123100२X", "X10105194912310021"]
    )
    def test_refuses_other_characters_even_digits_of_other_scripts(self, number: str) -> None:
        assert violation(check_id_number, number).code == "id_number_chars"

    def test_reads_full_width_digits_as_ascii(self) -> None:
        assert check_id_number("11010519491231002ｘ".replace("ｘ", "X").replace("0", "０")) == (
            "11010519491231002X"
        )

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


class TestCaseId:
    def test_accepts_letters_digits_and_hyphens(self) -> None:
        assert check_case_id("XF2020-018") == "XF2020-018"

    @pytest.mark.parametrize("text", ["XF 2020", "XF2020/018", "信访2020", "XF_1", ""])
    def test_refuses_what_cannot_name_a_folder_safely(self, text: str) -> None:
        assert (
            violation(check_case_id, text).message
            == f"案件编号只能由英文字母、数字和“-”组成（{text}）"
        )

    @pytest.mark.parametrize("text", ["XF1\n", "\nXF1", "XF1 "])
    def test_refuses_a_line_break_or_space_around_the_id(self, text: str) -> None:
        assert violation(check_case_id, text).code == "case_id_chars"

    @pytest.mark.parametrize("text", ["CON", "con", "Prn", "aux", "NUL", "COM1", "com9", "LPT5"])
    def test_refuses_the_names_windows_keeps_for_devices(self, text: str) -> None:
        error = violation(check_case_id, text)
        assert (error.code, error.message) == (
            "case_id_reserved",
            f"“{text}”是 Windows 的保留名称，不能用作案件编号",
        )
        assert error.hint == "编号用作输出文件夹名，请换一个编号，如 XF2020-018。"

    @pytest.mark.parametrize("text", ["CON-1", "CONSOLE", "COM10", "LPT0", "NUL2020", "XCON"])
    def test_accepts_names_that_only_contain_a_device_name(self, text: str) -> None:
        assert check_case_id(text) == text
