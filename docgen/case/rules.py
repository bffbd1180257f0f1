"""Checks of single values clerks write: ID numbers, phones, dates, times, amounts.

Each check takes the text or number as written and returns the normalised value, or raises
`RuleViolation` with a Chinese message and a hint. They know nothing of YAML or pydantic, so the
case model, the settings and any later tool can share them.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal
from typing import Final, Literal

ID_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS: Final = "10X98765432"  # indexed by (Σ digit × weight) mod 11, GB 11643-1999

_MOBILE: Final = re.compile(r"1[3-9]\d{9}")
_LANDLINE: Final = re.compile(r"0\d{2,3}-\d{7,8}")
_DATE: Final = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME: Final = re.compile(r"(\d{1,2}):(\d{2})")
_CASE_ID: Final = re.compile(r"[A-Za-z0-9-]+")

DATE_HINT: Final = "请按 YYYY-MM-DD 填写，如 2020-06-12。"


class RuleViolation(ValueError):
    """Raised when a value breaks one of the rules; `code` names the rule, as pydantic types do."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


def id_check_char(first17: str) -> str:
    """The GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def check_id_number(text: str) -> str:
    """Return the 18-character 公民身份号码 `text` with a capital X, or raise `RuleViolation`.

    Checks the length, the digits, the birth date (a real day) and the check
    character. Why not the area code: GB/T 2260 codes change every year and old codes stay valid
    on issued cards, so a table would reject real people.
    """
    number = text.strip().upper()
    if len(number) == 15 and number.isdigit():
        raise RuleViolation(
            "id_number_length",
            "这是旧的 15 位身份证号码",
            "请填写 18 位号码（可在户籍信息或新身份证上查到）。",
        )
    if len(number) != 18:
        raise RuleViolation(
            "id_number_length",
            f"身份证号码应为 18 位，这里是 {len(number)} 位（{number}）",
            "请核对是否多写或漏写了数字。",
        )
    if not (number[:17].isascii() and number[:17].isdigit()) or not (
        number[17].isascii() and (number[17].isdigit() or number[17] == "X")
    ):
        raise RuleViolation(
            "id_number_chars",
            f"身份证号码只能是数字，最后一位可以是 X（{number}）",
            "请检查是否混入了汉字、空格或全角字符。",
        )
    birth = number[6:14]
    try:
        born = date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
    except ValueError:
        born = None
    if born is None:
        raise RuleViolation(
            "id_number_birth_date",
            f"身份证号码中的出生日期（第 7–14 位 {birth}）不是有效日期",
            "请核对身份证原件。",
        )
    expected = id_check_char(number[:17])
    if number[17] != expected:
        raise RuleViolation(
            "id_number_check",
            f"身份证号码校验位不正确（应为 {expected}）",
            "多半是抄错了某一位数字，请核对身份证原件。",
        )
    return number


def id_birth_date(number: str) -> date:
    """The birth date in a valid ID number."""
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def id_gender(number: str) -> Literal["男", "女"]:
    """The gender a valid ID number records: an odd 17th digit is 男, an even one 女."""
    return "男" if int(number[16]) % 2 else "女"


def check_phone(text: str) -> str:
    """Return a mobile (13803710001) or landline (0371-6000000) number, or raise `RuleViolation`."""
    phone = text.strip()
    if _MOBILE.fullmatch(phone) or _LANDLINE.fullmatch(phone):
        return phone
    raise RuleViolation(
        "phone_format",
        f"电话号码格式不对（{phone}）",
        "手机号写 11 位数字，如 13803710001；固定电话写区号-号码，如 0371-6000000。",
    )


def parse_date(text: str) -> date:
    """The real date `text` names (`2020-06-12`, also `2020-6-12`); else `RuleViolation`."""
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise RuleViolation("date_format", f"日期格式不对（{text}）", DATE_HINT)
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        if year < 1:
            hint = "年份不对，请核对。"
        elif not 1 <= month <= 12:
            hint = "月份应为 1–12，请核对。"
        else:
            hint = f"{year} 年 {month} 月只有 {calendar.monthrange(year, month)[1]} 天，请核对。"
        raise RuleViolation("date_invalid", f"不是有效日期（{text}）", hint) from None


def check_time(text: str) -> str:
    """The time of day `text` names, as `HH:MM` (`9:30` → `09:30`); else `RuleViolation`."""
    match = _TIME.fullmatch(text.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise RuleViolation(
            "time_format",
            f"时间格式不对（{text}）",
            '请写 24 小时制的“时:分”，冒号用英文半角，如 "09:30"、"14:30"。',
        )
    return f"{int(match[1]):02d}:{match[2]}"


def check_amount(amount: Decimal) -> Decimal:
    """Return `amount` if it is a finite sum of money ≥ 0 with at most 2 decimals."""
    if not amount.is_finite():
        raise RuleViolation("amount_invalid", "金额不是有效数字", "请写数字，如 12000 或 3500.50。")
    if amount < 0:
        raise RuleViolation("amount_negative", f"金额不能为负数（{amount}）")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        raise RuleViolation(
            "amount_decimals", f"金额最多保留两位小数（{amount}）", "金额以元为单位，精确到分。"
        )
    return amount


def check_case_id(text: str) -> str:
    """Return the 案件编号 `text` if it only has letters, digits and '-' (it names folders)."""
    if _CASE_ID.fullmatch(text):
        return text
    raise RuleViolation(
        "case_id_chars",
        f"案件编号只能由英文字母、数字和“-”组成（{text}）",
        "编号用作输出文件夹名，如 XF2020-018。",
    )
