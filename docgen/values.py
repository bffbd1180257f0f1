"""Single values as clerks write them: dates, times of day, sums of money, phone numbers.

Every part of docgen that reads one of these (the case model, the settings, the Jinja filters,
the command line) calls the function here, so `2020-6-12` is a date everywhere or nowhere.
Each function raises `ValueProblem` with a Chinese message and hint; callers that need their own
kind of error (a located `CaseError`, a filter's `TemplateError`, Click's usage error) catch it.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Final

EARLIEST_YEAR: Final = 1900
LATEST_YEAR: Final = 2100
"""Dates outside these years are typing mistakes in a petition file, and near 0001 or 9999
they would overflow the deadline arithmetic."""

DATE_HINT: Final = "请按 YYYY-MM-DD 填写，如 2020-06-12。"
TIME_HINT: Final = '请写 24 小时制的“时:分”，冒号用英文半角，如 "09:30"、"14:30"。'
AMOUNT_HINT: Final = "如 12000 或 3500.50，不加引号、单位“元”和千位逗号。"
COUNT_HINT: Final = "只写阿拉伯数字，如 7；不加引号、正号或下划线，开头不加 0。"
MAX_AMOUNT: Final = Decimal(10**16)
"""Amounts from this up are refused: 大写金额 has no unit beyond 仟万亿, and none is real."""
PHONE_HINT: Final = "手机号写 11 位数字，如 13803710001；固定电话写区号-号码，如 0371-6000000。"

_AREA_CODE: Final = r"0(?:[12][0-9]|[3-9][0-9]{2})"  # 010, 020–029 have 3 digits, the rest 4
MOBILE: Final = re.compile(r"1[3-9][0-9]{9}")
"""A mainland mobile number as written in a case file: 13803710001 (use `fullmatch`)."""
LANDLINE: Final = re.compile(rf"({_AREA_CODE})-([0-9]{{7,8}})")
"""A landline as written in a case file, area code and local number: 0371-6000000."""

_DATE: Final = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_CLOCK: Final = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_LOOSE_CLOCK: Final = re.compile(r"([0-9]{1,2})[:：]([0-9]{2})(?:[:：][0-9]{2})?")
_PLAIN_NUMBER: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_WRITTEN_AMOUNT: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")  # text, after removing commas
_LINE_BREAK: Final = re.compile("[\n\r\v\f\x85\u2028\u2029]")
_UNSEEN: Final = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})  # controls, zero-width, spaces
_FULL_WIDTH_DIGITS: Final = str.maketrans("０１２３４５６７８９", "0123456789")
_ANY_FULL_WIDTH_DIGIT: Final = re.compile("[０-９]")  # a search is far quicker than translate
_FULL_WIDTH_DIGIT_CHARS: Final = "０１２３４５６７８９"
_DIALLED_MOBILE: Final = re.compile(rf"(?:\+?86)?({MOBILE.pattern})")
_DIALLED_LANDLINE: Final = re.compile(rf"({_AREA_CODE})([0-9]{{7,8}})")
_PHONE_SEPARATORS: Final = re.compile(r"[\s\-()（）]")


class ValueProblem(ValueError):
    """Raised when a value as written cannot be read; `code` names the problem (`date_invalid`)."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


def parse_date(text: str) -> date:
    """The real date `text` names (`2020-06-12`, also `2020-6-12`), in the years 1900–2100.

    Raises:
        ValueProblem: `date_format`, `date_invalid` (no such day) or `date_out_of_range`.
    """
    match = _DATE.fullmatch(ascii_digits(text).strip())
    if match is None:
        raise ValueProblem("date_format", f"日期格式不对（{text}）", DATE_HINT)
    year, month, day = (int(part) for part in match.groups())
    try:
        found = date(year, month, day)
    except ValueError:
        if year < 1:
            hint = "年份不对，请核对。"
        elif not 1 <= month <= 12:
            hint = "月份应为 1–12，请核对。"
        else:
            hint = f"{year} 年 {month} 月只有 {calendar.monthrange(year, month)[1]} 天，请核对。"
        raise ValueProblem("date_invalid", f"不是有效日期（{text}）", hint) from None
    return check_date_range(found, text)


def check_date_range(day: date, written: str | None = None) -> date:
    """Return `day` if its year is 1900–2100 (`written` is the text shown in the message).

    Raises:
        ValueProblem: `date_out_of_range`.
    """
    if EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        return day
    raise ValueProblem(
        "date_out_of_range",
        f"日期超出合理范围（{written or day.isoformat()}）",
        f"年份应在 {EARLIEST_YEAR}–{LATEST_YEAR} 之间，请核对。",
    )


def parse_clock(text: str, *, loose: bool = False) -> tuple[int, int]:
    """Hour and minute of the time of day `text` names (`9:30`, `14:05`), 24-hour clock.

    `loose` also reads a full-width colon and seconds (`9：30`, `09:30:00`), as templates may
    pass times that never went through a case file.

    Raises:
        ValueProblem: `time_format`.
    """
    pattern = _LOOSE_CLOCK if loose else _CLOCK
    match = pattern.fullmatch(ascii_digits(text).strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueProblem("time_format", f"时间格式不对（{text}）", TIME_HINT)
    return int(match[1]), int(match[2])


def check_visible(text: str) -> str:
    """Return `text` unless it is made only of characters nobody sees (a zero-width space).

    Raises:
        ValueProblem: `text_invisible`.
    """
    if not text or unicodedata.category(text[0]) not in _UNSEEN:  # the usual text, quickly
        return text
    if all(unicodedata.category(char) in _UNSEEN for char in text):
        raise ValueProblem(
            "text_invisible",
            "只有看不见的字符（如零宽空格），等于没有填写",
            "请删除这些字符后填写内容；它们常随网页或聊天软件里复制的文字带进来。",
        )
    return text


def join_prose(text: str) -> str:
    """`text` as paragraphs: lines joined, a blank line between paragraphs kept as one `\\n`.

    Lines are joined as Markdown joins them, but in Chinese: nothing between two lines when
    either side is a CJK (wide) character, one space between Latin words. `\\r\\n` and `\\r`
    end lines too; spaces at either end of a line are dropped.

    Why:
        Clerks wrap long prose in YAML `|` blocks wherever the editor line ends; a document that
        started a paragraph at each of those breaks would cut sentences mid-clause.
    """
    if text.isprintable():  # no line break (all are unprintable): the usual one-line text
        return text.strip()
    paragraphs: list[str] = []
    current = ""
    for line in text.splitlines():
        line = line.strip()
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
        elif not current:
            current = line
        else:
            narrow = not (_is_wide(current[-1]) or _is_wide(line[0]))
            current += (" " if narrow else "") + line
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def check_line(text: str) -> str:
    """Return `text`, which must be visible and on one line (a name, a title, a unit).

    Raises:
        ValueProblem: `text_invisible` or `text_line_break`.
    """
    # The usual text, in one call: `isprintable` refuses every control, format and separator
    # character but the ASCII space, so such a text has no line break, and its first
    # character is seen unless it is a space.
    if text.isprintable() and text[:1] != " ":
        return text
    if text and unicodedata.category(text[0]) in _UNSEEN:  # else visible: no call needed
        check_visible(text)
    if _LINE_BREAK.search(text):
        raise ValueProblem(
            "text_line_break",
            "这一项只能写一行，这里有换行",
            "请把内容写在同一行（不用“|”，引号里也不写 \\n）。",
        )
    return text


def ascii_digits(text: str) -> str:
    """`text` with full-width digits (０–９) as ASCII ones; digits of other scripts stay."""
    if _ANY_FULL_WIDTH_DIGIT.search(text) is None:
        return text
    return text.translate(_FULL_WIDTH_DIGITS)


def has_full_width_digits(text: str) -> bool:
    """Whether `text` holds a full-width digit (０–９), which `ascii_digits` would change."""
    return any(digit in text for digit in _FULL_WIDTH_DIGIT_CHARS)  # ten scans beat a search


def check_number_text(source: str, *, decimals: bool) -> str:
    """Return the unquoted YAML number `source` if written plainly: `12000`, `3500.50`, `-5`.

    `decimals` says whether an amount (else a count) is meant, for the wording.

    Why: YAML 1.1 reads `1:30` as 90, `0x10` as 16, `012000` as 5120 and `3_000` as 3000; a
    clerk who wrote them meant something else.

    Raises:
        ValueProblem: `amount_format` (with `decimals`) or `count_format`.
    """
    if _PLAIN_NUMBER.fullmatch(source):  # `7.5` for a count is pydantic's to call not whole
        return source
    if decimals:
        raise ValueProblem("amount_format", f"金额的写法无法识别（{source}）", AMOUNT_HINT)
    raise ValueProblem("count_format", f"数字的写法无法识别（{source}）", COUNT_HINT)


def parse_amount(value: object, *, text: bool = False) -> Decimal:
    """A sum of money in yuan: an exact Decimal ≥ 0 with at most 2 decimals.

    An int, a float (read as written: 3500.5, not 3500.4999…) or a Decimal; with `text`, also
    text such as `12,000.50` (no exponent: `1e5` is refused). A bool is not a number here.
    Always below `MAX_AMOUNT`, which `cn_amount` cannot write in words, so that `check`
    refuses every amount `render` would.

    Raises:
        ValueProblem: `amount_type`, `amount_invalid` (NaN, infinite), `amount_negative`,
        `amount_too_large` or `amount_decimals`.
    """
    amount = _to_decimal(value, text)
    if amount is None:
        raise ValueProblem("amount_type", "金额应写成数字", AMOUNT_HINT)
    if not amount.is_finite():
        raise ValueProblem("amount_invalid", "金额不是有效数字", "请写数字，如 12000 或 3500.50。")
    if amount < 0:
        raise ValueProblem("amount_negative", f"金额不能为负数（{amount}）")
    _, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)  # finite
    beyond_fen = digits[max(len(digits) + exponent + 2, 0) :] if exponent < -2 else ()
    if any(beyond_fen):
        raise ValueProblem(
            "amount_decimals", f"金额最多保留两位小数（{amount}）", "金额以元为单位，精确到分。"
        )
    if amount >= MAX_AMOUNT:
        raise ValueProblem(
            "amount_too_large", f"金额过大（{value}）", "金额应小于 1 亿亿元（10¹⁶），请核对。"
        )
    return amount


def _to_decimal(value: object, text: bool) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # 0.1 stays 0.1, not 0.1000000000000000055…
    if text and isinstance(value, str):
        written = value.strip().replace(",", "")
        return Decimal(written) if _WRITTEN_AMOUNT.fullmatch(written) else None
    return None


def check_phone(text: str) -> str:
    """Return a mobile (13803710001) or landline (0371-6000000) number as written.

    Raises:
        ValueProblem: `phone_format`.
    """
    phone = ascii_digits(text).strip()
    if MOBILE.fullmatch(phone) or LANDLINE.fullmatch(phone):
        return phone
    raise ValueProblem("phone_format", f"电话号码格式不对（{phone}）", PHONE_HINT)


def normalise_phone(text: str) -> str | None:
    """The phone number in loosely written `text` as a case file writes it, or None.

    Reads spaces, dashes and brackets anywhere and a `+86` before a mobile:
    `+86 138-0371-0001` → `13803710001`, `(0371)63211234` → `0371-63211234`.
    """
    digits = _PHONE_SEPARATORS.sub("", text)
    if mobile := _DIALLED_MOBILE.fullmatch(digits):
        return mobile[1]
    landline = _DIALLED_LANDLINE.fullmatch(digits)
    return f"{landline[1]}-{landline[2]}" if landline else None
