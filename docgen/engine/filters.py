"""Jinja filters for Chinese official writing: dates, times, amounts, ordinals and masking."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final

import docgen.masking as masking
import docgen.values as values


class FilterError(ValueError):
    """Raised when a filter is given a value it cannot format; the engine adds the location."""


_DIGITS: Final = "零壹贰叁肆伍陆柒捌玖"
_ORDINAL_DIGITS: Final = "零一二三四五六七八九"
_CENT: Final = Decimal("0.01")
_ID_NUMBER: Final = re.compile(r"^(\d{15}|\d{17}[\dX])$")
_DAY_PERIODS: Final = (  # (first hour, last hour, 时段, hour shift) for 12-hour clock readings
    (0, 5, "凌晨", 0),
    (6, 11, "上午", 0),
    (12, 12, "中午", 0),
    (13, 17, "下午", -12),
    (18, 23, "晚上", -12),
)


def cn_date(value: object) -> str:
    """`2020年6月12日` from a date, a datetime or ISO text (GB/T 9704: Arabic digits, no padding).

    Raises:
        FilterError: the value is not a date.
    """
    day = _to_date(value, "cn_date")
    return f"{day.year}年{day.month}月{day.day}日"


def cn_datetime(value: object, time: object = None) -> str:
    """`2020年6月12日上午9时30分` from a date and `HH:MM` (or a datetime); minutes 00 are left out.

    Why:
        Notices name the hour the way people say it: 上午9时, 中午12时, 下午2时30分.

    Raises:
        FilterError: the date or the time is not valid, or no time is given.
    """
    day = _to_date(value, "cn_datetime")
    if time is None:
        if not isinstance(value, dt.datetime):
            raise FilterError(f"cn_datetime：缺少时间（应写作 cn_datetime('09:30')）：“{value}”")
        hour, minute = value.hour, value.minute
    else:
        hour, minute = _to_time(time)
    for first, last, period, shift in _DAY_PERIODS:
        if first <= hour <= last:
            clock = f"{hour + shift}时" + (f"{minute}分" if minute else "")
            return f"{cn_date(day)}{period}{clock}"
    raise AssertionError(hour)  # pragma: no cover - _to_time keeps hours in 0..23


def cn_amount(value: object, prefix: str = "人民币") -> str:
    """`人民币壹万贰仟元整`: an amount in capital numerals by the bank rules (中国人民银行).

    Why:
        《正确填写票据和结算凭证的基本规定》: 壹拾 for a leading ten, one 零 for a run of zeros,
        整 after 元 or 角, none after 分; settlement agreements state amounts this way.

    Raises:
        FilterError: not a number, negative, more than two decimals, or too large.
    """
    cents = int(_to_amount(value, "cn_amount") * 100)
    return prefix + _capital(cents)


def yuan(value: object) -> str:
    """`¥12,000.00`: the small form of an amount, with thousands separators.

    Raises:
        FilterError: not a number, negative, more than two decimals, or too large.
    """
    return f"¥{_to_amount(value, 'yuan'):,.2f}"


def cn_ordinal(value: object) -> str:
    """`一`, `十一`, `二十`: Chinese numerals 1..99 for 序次语 (write `{{ i|cn_ordinal }}、`).

    Raises:
        FilterError: not a whole number from 1 to 99.
    """
    number = _to_int(value)
    if number is None or not 1 <= number <= 99:
        raise FilterError(f"cn_ordinal：只能是 1 到 99 的整数（“{value}”）")
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _ORDINAL_DIGITS[tens] + "十")
    return head + (_ORDINAL_DIGITS[ones] if ones else "")


def mask_name(value: object) -> str:
    """`王某某`: the surname kept, the given name replaced (法释〔2016〕19号 第九条).

    Raises:
        FilterError: the name is empty or not text.
    """
    name = _to_text(value, "mask_name", "姓名")
    return masking.mask_name(name)


def mask_id(value: object) -> str:
    """`411326********203X`: a 公民身份号码 with the region code and the last four kept.

    Raises:
        FilterError: not a 15- or 18-digit ID number.
    """
    number = _to_text(value, "mask_id", "身份证号码").upper()
    if not _ID_NUMBER.match(number):
        raise FilterError(f"mask_id：不是 15 位或 18 位身份证号码（“{number}”）")
    return masking.mask_id(number)


def mask_phone(value: object) -> str:
    """`138****0001` for a mobile; a landline keeps its area code and the last digits.

    Raises:
        FilterError: neither a mobile nor a landline number.
    """
    text = _to_text(value, "mask_phone", "电话号码")
    phone = values.normalise_phone(text)
    if phone is None:
        raise FilterError(f"mask_phone：不是手机号码或带区号的固定电话（“{text}”）")
    return masking.mask_phone(phone)


def _to_date(value: object, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return values.parse_date(value)
        except values.ValueProblem:
            pass
    raise FilterError(f"{name}：不是有效日期（“{value}”，应为 YYYY-MM-DD）")


def _to_time(value: object) -> tuple[int, int]:
    if isinstance(value, dt.time):
        return value.hour, value.minute
    if isinstance(value, str):
        try:
            return values.parse_clock(value, loose=True)
        except values.ValueProblem:
            pass
    raise FilterError(f"cn_datetime：不是有效时间（“{value}”，应为 HH:MM，如 09:30）")


def _to_amount(value: object, name: str) -> Decimal:
    """`value` as a non-negative Decimal with exactly two decimals (text is read too)."""
    try:
        amount = values.parse_amount(value, text=True)
    except values.ValueProblem as problem:
        if problem.code == "amount_negative":
            raise FilterError(f"{name}：金额不能为负数（{value}）") from None
        if problem.code == "amount_decimals":
            raise FilterError(f"{name}：金额最多两位小数（{value}）") from None
        if problem.code == "amount_too_large":
            raise FilterError(f"{name}：金额过大（{value}）") from None
        raise FilterError(f"{name}：不是金额数字（“{value}”）") from None
    return amount.quantize(_CENT)


def _capital(cents: int) -> str:
    """`壹万贰仟元整` for 1200000 cents, following the bank rules for 零 and 整."""
    whole, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if cents == 0:
        return "零元整"
    text = _capital_integer(whole) + "元" if whole else ""
    if jiao:
        text += ("零" if whole and whole % 10 == 0 else "") + _DIGITS[jiao] + "角"
    elif fen and whole:
        text += "零"  # 元位 then 角位 zero: 壹万陆仟肆佰零玖元零贰分
    return text + (_DIGITS[fen] + "分" if fen else "整")


def _capital_integer(number: int) -> str:
    """Capital numerals of 0 < number < 10**16, by groups of 亿 and 万."""
    for size, unit in ((10**8, "亿"), (10**4, "万")):
        if number >= size:
            high, low = divmod(number, size)
            text = _capital_integer(high) + unit
            if low == 0:
                return text
            # A missing leading digit in the lower group is read as 零: 壹万零柒, 壹拾万柒仟
            return text + ("零" if low < size // 10 else "") + _capital_integer(low)
    text, zero = "", False
    for power, unit in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        digit = number // power % 10
        if digit == 0:
            zero = zero or bool(text)
            continue
        text += ("零" if zero else "") + _DIGITS[digit] + unit
        zero = False
    return text


def _to_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _to_text(value: object, name: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FilterError(f"{name}：{what}为空或不是文字（“{value}”）")
    return value.strip()


FILTERS: Final[Mapping[str, Callable[..., str]]] = MappingProxyType(
    {
        "cn_date": cn_date,
        "cn_datetime": cn_datetime,
        "cn_amount": cn_amount,
        "yuan": yuan,
        "cn_ordinal": cn_ordinal,
        "mask_name": mask_name,
        "mask_id": mask_id,
        "mask_phone": mask_phone,
    }
)
