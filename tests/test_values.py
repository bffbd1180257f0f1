"""Tests of docgen/values.py: dates, times of day, sums of money and phone numbers as written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import click
import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.cli.options import IsoDate
from docgen.values import (
    LANDLINE,
    MAX_AMOUNT,
    MOBILE,
    ValueProblem,
    check_date_range,
    check_line,
    check_number_text,
    check_phone,
    check_visible,
    normalise_phone,
    parse_amount,
    parse_clock,
    parse_date,
)


def problem(read: Callable[..., object], value: object, **options: object) -> ValueProblem:
    with pytest.raises(ValueProblem) as caught:
        read(value, **options)
    return caught.value


class TestDate:
    def test_reads_iso_dates_with_or_without_padding(self) -> None:
        assert parse_date("2020-02-29") == date(2020, 2, 29)
        assert parse_date("2020-6-1") == date(2020, 6, 1)
        assert parse_date(" 2020-6-12 ") == date(2020, 6, 12)

    def test_refuses_a_day_that_does_not_exist(self) -> None:
        error = problem(parse_date, "2020-02-30")
        assert (error.code, error.message) == ("date_invalid", "不是有效日期（2020-02-30）")
        assert error.hint == "2020 年 2 月只有 29 天，请核对。"
        assert problem(parse_date, "2021-02-29").hint == "2021 年 2 月只有 28 天，请核对。"
        assert problem(parse_date, "2020-13-01").hint == "月份应为 1–12，请核对。"
        assert problem(parse_date, "0000-01-01").hint == "年份不对，请核对。"

    @pytest.mark.parametrize("text", ["2020/06/01", "2020年6月1日", "20200601", "2020-06"])
    def test_refuses_other_formats_with_the_iso_hint(self, text: str) -> None:
        error = problem(parse_date, text)
        assert (error.code, error.message, error.hint) == (
            "date_format",
            f"日期格式不对（{text}）",
            "请按 YYYY-MM-DD 填写，如 2020-06-12。",
        )

    @pytest.mark.parametrize("text", ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"])
    def test_refuses_a_year_no_petition_file_can_mean(self, text: str) -> None:
        error = problem(parse_date, text)
        assert (error.code, error.message, error.hint) == (
            "date_out_of_range",
            f"日期超出合理范围（{text}）",
            "年份应在 1900–2100 之间，请核对。",
        )

    def test_accepts_the_first_and_last_plausible_day(self) -> None:
        assert parse_date("1900-01-01") == date(1900, 1, 1)
        assert parse_date("2100-12-31") == date(2100, 12, 31)

    def test_checks_the_range_of_a_date_given_as_a_date(self) -> None:
        assert check_date_range(date(2020, 6, 12)) == date(2020, 6, 12)
        assert problem(check_date_range, date(1, 1, 1)).message == "日期超出合理范围（0001-01-01）"


class TestClock:
    def test_reads_hour_and_minute(self) -> None:
        assert parse_clock("9:30") == (9, 30)
        assert parse_clock("14:05") == (14, 5)
        assert parse_clock("00:00") == (0, 0)

    @pytest.mark.parametrize("text", ["24:00", "9:60", "09：30", "9.30", "上午9时", "09:30:00"])
    def test_refuses_what_is_not_a_time_of_day(self, text: str) -> None:
        error = problem(parse_clock, text)
        assert (error.code, error.message) == ("time_format", f"时间格式不对（{text}）")
        assert error.hint == '请写 24 小时制的“时:分”，冒号用英文半角，如 "09:30"、"14:30"。'

    def test_loosely_also_reads_a_full_width_colon_and_seconds(self) -> None:
        assert parse_clock("9：30", loose=True) == (9, 30)
        assert parse_clock(" 09:30:00 ", loose=True) == (9, 30)
        assert problem(parse_clock, "25:00", loose=True).code == "time_format"


class TestAmount:
    @pytest.mark.parametrize("amount", ["0", "12000", "3500.50", "3500.5", "1.100"])
    def test_accepts_money(self, amount: str) -> None:
        assert parse_amount(Decimal(amount)) == Decimal(amount)

    def test_reads_ints_and_floats_as_written(self) -> None:
        assert parse_amount(12000) == Decimal(12000)
        assert str(parse_amount(3500.5)) == "3500.5"  # not 3500.4999999…
        assert str(parse_amount(0.1)) == "0.1"

    def test_refuses_a_negative_amount(self) -> None:
        assert problem(parse_amount, Decimal("-1")).message == "金额不能为负数（-1）"

    @pytest.mark.parametrize("amount", ["1.005", "0.001", "0.000120", "1E-30"])
    def test_refuses_fractions_of_a_fen(self, amount: str) -> None:
        error = problem(parse_amount, Decimal(amount))
        assert (error.code, error.message) == (
            "amount_decimals",
            f"金额最多保留两位小数（{amount}）",
        )
        assert error.hint == "金额以元为单位，精确到分。"

    def test_refuses_fractions_of_a_fen_even_in_a_huge_amount(self) -> None:
        assert problem(parse_amount, Decimal("1" * 40 + ".001")).code == "amount_decimals"

    @pytest.mark.parametrize("amount", ["NaN", "Infinity"])
    def test_refuses_what_is_not_a_number(self, amount: str) -> None:
        assert problem(parse_amount, Decimal(amount)).message == "金额不是有效数字"
        assert problem(parse_amount, float(amount)).code == "amount_invalid"

    @pytest.mark.parametrize("value", [True, False, None, "12000", [1]])
    def test_refuses_what_is_not_written_as_a_number(self, value: object) -> None:
        error = problem(parse_amount, value)
        assert (error.code, error.message) == ("amount_type", "金额应写成数字")
        assert error.hint == "如 12000 或 3500.50，不加引号、单位“元”和千位逗号。"

    def test_reads_text_when_asked(self) -> None:
        assert parse_amount(" 12,000.50 ", text=True) == Decimal("12000.50")
        assert problem(parse_amount, "十二元", text=True).code == "amount_type"

    @given(st.integers(min_value=0, max_value=10**18 - 1))
    def test_accepts_every_whole_number_of_fen_below_the_limit(self, cents: int) -> None:
        assert parse_amount(Decimal(cents) / 100) == Decimal(cents) / 100

    @pytest.mark.parametrize("value", [MAX_AMOUNT, Decimal("1.0e+30"), 10**16, "1e30"])
    def test_refuses_what_the_capital_amount_filter_cannot_write(self, value: object) -> None:
        found = problem(parse_amount, value, text=True)
        assert found.code in {"amount_too_large", "amount_type"}
        largest = Decimal("9999999999999999.99")
        assert parse_amount(largest) == largest
        assert problem(parse_amount, largest + Decimal("0.01")).code == ("amount_too_large")

    @pytest.mark.parametrize("text", ["1e5", "1E+3", "0x10", "1_000"])
    def test_refuses_other_notations_in_text(self, text: str) -> None:
        assert problem(parse_amount, text, text=True).code == "amount_type"


class TestNumberText:
    @pytest.mark.parametrize("source", ["0", "12000", "3500.50", "-5", "0.5"])
    def test_accepts_plain_decimal_notation(self, source: str) -> None:
        assert check_number_text(source, decimals=True) == source

    @pytest.mark.parametrize(
        "source", ["1:30", "0x10", "0b1010", "012000", "3_000", "+3000", "0o17", "1.0e+30", ".5"]
    )
    def test_refuses_every_other_yaml_number_form(self, source: str) -> None:
        assert problem(check_number_text, source, decimals=True).code == "amount_format"
        assert problem(check_number_text, source, decimals=False).code == "count_format"


class TestDigitsAndText:
    def test_reads_full_width_digits_as_ascii_in_dates_times_and_phones(self) -> None:
        assert parse_date("２０１７-０５-２２") == date(2017, 5, 22)
        assert parse_clock("０９:３０") == (9, 30)
        assert check_phone("１３８０３７１０００１") == "13803710001"

    @pytest.mark.parametrize("text", ["२०१७-०५-२२", "٢٠١٧-٠٥-٢٢"])
    def test_refuses_digits_of_other_scripts(self, text: str) -> None:
        assert problem(parse_date, text).code == "date_format"
        assert problem(check_phone, "१३८०३७१०००१").code == "phone_format"

    @pytest.mark.parametrize("text", ["\u200b", "\u200b\u200d", "\ufeff\u2060"])
    def test_refuses_text_nobody_can_see(self, text: str) -> None:
        assert problem(check_line, text).code == "text_invisible"
        assert problem(check_visible, text).code == "text_invisible"

    @pytest.mark.parametrize("text", ["王\n建国", "王\r建国", "王\u2028建国"])
    def test_refuses_a_line_break_in_one_line_text_only(self, text: str) -> None:
        assert problem(check_line, text).code == "text_line_break"
        assert check_visible(text) == text


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
        error = problem(check_phone, phone)
        assert (error.code, error.message) == ("phone_format", f"电话号码格式不对（{phone}）")
        assert "13803710001" in error.hint and "0371-6000000" in error.hint

    def test_splits_a_landline_into_area_code_and_number(self) -> None:
        found = LANDLINE.fullmatch("0371-63211234")
        assert found is not None and found.groups() == ("0371", "63211234")
        assert MOBILE.fullmatch("13803710001")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("13803710001", "13803710001"),
            ("138 0371 0001", "13803710001"),
            ("+86 138-0371-0001", "13803710001"),
            ("8613803710001", "13803710001"),
            ("0371-63211234", "0371-63211234"),
            ("(010)12345678", "010-12345678"),
            ("037163211234", "0371-63211234"),
            ("（0371）6000000", "0371-6000000"),
        ],
    )
    def test_normalises_loosely_written_numbers(self, text: str, expected: str) -> None:
        assert normalise_phone(text) == expected

    @pytest.mark.parametrize("text", ["12345", "+13803710001", "6000000", "12803710001"])
    def test_normalises_nothing_that_is_not_a_phone_number(self, text: str) -> None:
        assert normalise_phone(text) is None


class TestCommandLineDates:
    """`--date` and `--today` read dates as case files do (review B9)."""

    @pytest.mark.parametrize("text", ["2020-06-12", "2020-6-12", " 2020-6-12"])
    def test_accepts_what_a_case_file_accepts(self, text: str) -> None:
        assert IsoDate().convert(text, None, None) == date(2020, 6, 12)

    def test_refuses_a_day_that_does_not_exist_in_chinese(self) -> None:
        with pytest.raises(click.BadParameter) as caught:
            IsoDate().convert("2020-02-30", None, None)
        assert (
            caught.value.message
            == "“2020-02-30”不是有效日期，请按 YYYY-MM-DD 填写，如 2020-06-12。"
        )

    def test_refuses_a_year_outside_the_plausible_range(self) -> None:
        with pytest.raises(click.BadParameter) as caught:
            IsoDate().convert("0001-01-01", None, None)
        assert caught.value.message == "“0001-01-01”超出合理范围，年份应在 1900–2100 之间，请核对。"
