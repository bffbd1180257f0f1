"""Tests of docgen/engine/filters.py: table-driven, with the bank examples of domain.md §4.2."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.engine import FILTERS
from docgen.engine.filters import (
    FilterError,
    cn_amount,
    cn_date,
    cn_datetime,
    cn_ordinal,
    mask_id,
    mask_name,
    mask_phone,
    yuan,
)

# 《正确填写票据和结算凭证的基本规定》 examples (domain.md §4.2), then zeros, units and edges.
AMOUNTS = [
    ("1409.50", "人民币壹仟肆佰零玖元伍角整"),
    ("6007.14", "人民币陆仟零柒元壹角肆分"),
    ("1680.32", "人民币壹仟陆佰捌拾元零叁角贰分"),
    ("107000.53", "人民币壹拾万柒仟元零伍角叁分"),
    ("16409.02", "人民币壹万陆仟肆佰零玖元零贰分"),
    ("325.04", "人民币叁佰贰拾伍元零肆分"),
    (12000, "人民币壹万贰仟元整"),
    (100000000, "人民币壹亿元整"),
    (10, "人民币壹拾元整"),
    (0.5, "人民币伍角整"),
    (0.05, "人民币伍分"),
    (0, "人民币零元整"),
    (Decimal("1.10"), "人民币壹元壹角整"),
    (110, "人民币壹佰壹拾元整"),
    (10007, "人民币壹万零柒元整"),
    (100700, "人民币壹拾万零柒佰元整"),
    (1007000, "人民币壹佰万柒仟元整"),
    (100000007, "人民币壹亿零柒元整"),
    (101000000, "人民币壹亿零壹佰万元整"),
    (123456789012, "人民币壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元整"),
    (10**12, "人民币壹万亿元整"),
    ("10.05", "人民币壹拾元零伍分"),
    (" 12,000.00 ", "人民币壹万贰仟元整"),
    (Decimal("3.140"), "人民币叁元壹角肆分"),
]


@pytest.mark.parametrize(("value", "expected"), AMOUNTS)
def test_cn_amount_follows_the_bank_rules(value: object, expected: str) -> None:
    assert cn_amount(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-5, "cn_amount：金额不能为负数（-5）"),
        ("1.234", "cn_amount：金额最多两位小数（1.234）"),
        (0.001, "cn_amount：金额最多两位小数（0.001）"),
        ("十二元", "cn_amount：不是金额数字（“十二元”）"),
        (True, "cn_amount：不是金额数字（“True”）"),
        (None, "cn_amount：不是金额数字（“None”）"),
        (float("nan"), "cn_amount：不是金额数字（“nan”）"),
        (10**16, "cn_amount：金额过大（10000000000000000）"),
    ],
)
def test_cn_amount_rejects_what_is_not_an_amount(value: object, message: str) -> None:
    with pytest.raises(FilterError) as raised:
        cn_amount(value)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12000, "¥12,000.00"),
        ("1409.5", "¥1,409.50"),
        (Decimal("107000.53"), "¥107,000.53"),
        (0, "¥0.00"),
        (0.1, "¥0.10"),
        (100000000, "¥100,000,000.00"),
    ],
)
def test_yuan_writes_the_small_form(value: object, expected: str) -> None:
    assert yuan(value) == expected


def test_yuan_rejects_negative_amounts() -> None:
    with pytest.raises(FilterError, match="yuan：金额不能为负数"):
        yuan(-1)


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_cn_amount_never_writes_two_zeros_in_a_row_nor_ends_in_zero(cents: int) -> None:
    text = cn_amount(Decimal(cents) / 100)
    assert "零零" not in text
    assert not text.endswith("零")
    assert text.endswith("分") == (cents % 10 != 0)
    assert text.endswith("整") == (cents % 10 == 0)


@given(st.integers(min_value=1, max_value=10**16 - 1))
def test_cn_amount_uses_only_bank_numerals(cents: int) -> None:
    text = cn_amount(Decimal(cents) / 100)
    assert set(text) <= set("人民币零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2020, 6, 12), "2020年6月12日"),
        (dt.datetime(2020, 12, 1, 9, 30), "2020年12月1日"),
        ("2020-06-12", "2020年6月12日"),
        (" 2024-02-29 ", "2024年2月29日"),
        ("2020-6-1", "2020年6月1日"),  # as a case file may write it (docgen.values)
    ],
)
def test_cn_date_writes_arabic_digits_without_padding(value: object, expected: str) -> None:
    assert cn_date(value) == expected


@pytest.mark.parametrize(
    "value", ["2024-02-30", "6月12日", 20200612, None, "20200612", "2020-06-12T09:30"]
)
def test_cn_date_rejects_what_is_not_a_date(value: object) -> None:
    with pytest.raises(FilterError, match=r"cn_date：不是有效日期"):
        cn_date(value)


@pytest.mark.parametrize(
    ("day", "time", "expected"),
    [
        ("2020-06-12", "09:30", "2020年6月12日上午9时30分"),
        ("2020-06-12", "14:00", "2020年6月12日下午2时"),
        ("2020-06-12", "12:00", "2020年6月12日中午12时"),
        ("2020-06-12", "12:30", "2020年6月12日中午12时30分"),
        ("2020-06-12", "08:05", "2020年6月12日上午8时5分"),
        ("2020-06-12", "19:00", "2020年6月12日晚上7时"),
        ("2020-06-12", "05:00", "2020年6月12日凌晨5时"),
        ("2020-06-12", "9：30", "2020年6月12日上午9时30分"),
        (dt.date(2020, 6, 12), dt.time(15, 0), "2020年6月12日下午3时"),
        (dt.datetime(2020, 6, 12, 9, 30), None, "2020年6月12日上午9时30分"),
    ],
)
def test_cn_datetime_names_the_time_of_day(day: object, time: object, expected: str) -> None:
    assert cn_datetime(day, time) == expected


@pytest.mark.parametrize(
    ("day", "time", "message"),
    [
        ("2020-06-12", "25:00", "cn_datetime：不是有效时间（“25:00”，应为 HH:MM，如 09:30）"),
        ("2020-06-12", "9点半", "cn_datetime：不是有效时间（“9点半”，应为 HH:MM，如 09:30）"),
        ("2020-06-12", None, "cn_datetime：缺少时间（应写作 cn_datetime('09:30')）：“2020-06-12”"),
    ],
)
def test_cn_datetime_rejects_bad_times(day: object, time: object, message: str) -> None:
    with pytest.raises(FilterError) as raised:
        cn_datetime(day, time)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        ("3", "三"),
    ],
)
def test_cn_ordinal_counts_from_one_to_ninety_nine(value: object, expected: str) -> None:
    assert cn_ordinal(value) == expected


@pytest.mark.parametrize("value", [0, 100, -1, True, 1.5, "三"])
def test_cn_ordinal_rejects_other_values(value: object) -> None:
    with pytest.raises(FilterError, match="cn_ordinal：只能是 1 到 99 的整数"):
        cn_ordinal(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("王建国", "王某某"),
        ("王芳", "王某"),
        ("欧阳明月", "欧阳某某"),
        ("司马光", "司马某"),
        ("诸葛孔明", "诸葛某某"),
        ("上官婉儿", "上官某某"),
        ("东方朔", "东方某"),
        ("欧阳", "欧某"),  # two characters: a one-character surname and given name
        (" 李四 ", "李某"),
    ],
)
def test_mask_name_keeps_the_surname(value: str, expected: str) -> None:
    assert mask_name(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("41132619800101203X", "411326********203X"),
        ("41132619800101203x", "411326********203X"),
        ("411326800101203", "411326*****1203"),
    ],
)
def test_mask_id_keeps_six_and_four(value: str, expected: str) -> None:
    assert mask_id(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13803710001", "138****0001"),
        ("138 0371 0001", "138****0001"),
        ("+86 138-0371-0001", "138****0001"),
        ("0371-63211234", "0371-******34"),
        ("(010)12345678", "010-******78"),
        ("037163211234", "0371-******34"),
    ],
)
def test_mask_phone_keeps_three_and_four_of_a_mobile(value: str, expected: str) -> None:
    assert mask_phone(value) == expected


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("mask_name", "", "mask_name：姓名为空或不是文字（“”）"),
        ("mask_name", None, "mask_name：姓名为空或不是文字（“None”）"),
        ("mask_id", "12345", "mask_id：不是 15 位或 18 位身份证号码（“12345”）"),
        (
            "mask_id",
            411326198001012031,
            "mask_id：身份证号码为空或不是文字（“411326198001012031”）",
        ),
        ("mask_phone", "12345", "mask_phone：不是手机号码或带区号的固定电话（“12345”）"),
    ],
)
def test_masks_reject_what_they_cannot_mask(name: str, value: object, message: str) -> None:
    with pytest.raises(FilterError) as raised:
        FILTERS[name](value)
    assert str(raised.value) == message


def test_filters_are_those_the_template_guide_lists() -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "templates.md").read_text("utf-8")
    section = guide.split("## Filters", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `(\w+)", section, flags=re.MULTILINE))
    assert documented == set(FILTERS)
