"""Rules of the values only case files hold: 公民身份号码 and 案件编号.

Each check takes the text as written and returns the normalised value, or raises
`RuleViolation` with a Chinese message and a hint. They know nothing of YAML or pydantic, so the
case model, the command line and any later tool can share them. Dates, times, amounts and phone
numbers, which docgen.yaml and the templates also use, are read by `docgen.values`.
"""

from __future__ import annotations

import operator
import re
from datetime import date
from typing import Final, Literal

from docgen.values import ValueProblem, ascii_digits

ID_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS: Final = "10X98765432"  # indexed by (Σ digit × weight) mod 11, GB 11643-1999
_WEIGHT_SUM: Final = sum(ID_WEIGHTS)

_CASE_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
MAX_CASE_ID_LENGTH: Final = 64
"""Longer ids are typing mistakes, and paths built from them could pass the OS's name limit."""
_RESERVED_NAMES: Final = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{n}" for n in range(1, 10)]
    + [f"LPT{n}" for n in range(1, 10)]
)
"""Names Windows keeps for devices: a folder called `con` cannot be created or opened."""


class RuleViolation(ValueProblem):
    """Raised when a value breaks one of the rules; `code` names the rule, as pydantic types do."""


def id_check_char(first17: str) -> str:
    """The GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits."""
    if len(first17) != len(ID_WEIGHTS):
        raise ValueError(f"17 digits expected, not {first17!r}")
    if first17.isascii() and first17.isdigit():  # bytes less 48 are digits: no Python loop
        total = sum(map(operator.mul, first17.encode(), ID_WEIGHTS)) - 48 * _WEIGHT_SUM
    else:
        total = sum(map(operator.mul, map(int, first17), ID_WEIGHTS))
    return ID_CHECK_CHARS[total % 11]


def check_id_number(text: str) -> str:
    """Return the 18-character 公民身份号码 `text` with a capital X, or raise `RuleViolation`.

    Checks the length, the digits, the birth date (a real day) and the check
    character. Why not the area code: GB/T 2260 codes change every year and old codes stay valid
    on issued cards, so a table would reject real people.
    """
    number = ascii_digits(text).strip().upper()
    if len(number) == 15 and number.isascii() and number.isdigit():
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


def check_case_id(text: str) -> str:
    """Return the 案件编号 `text` if it can name a folder and a file on every office PC.

    Letters, digits and '-' only, not starting with '-', at most `MAX_CASE_ID_LENGTH`
    characters, and not a Windows device name.

    Why: the id names the case's output folder and files, on the office's Windows PCs too; and
    `docgen new -x` must not create `-x.yaml`, which commands would then read as an option.

    Raises:
        RuleViolation: `case_id_length`, `case_id_dash`, `case_id_chars` or `case_id_reserved`.
    """
    if len(text) > MAX_CASE_ID_LENGTH:
        raise RuleViolation(
            "case_id_length",
            f"案件编号太长（{len(text)} 个字符，最多 {MAX_CASE_ID_LENGTH} 个）",
            "编号用作输出文件夹名，如 XF2020-018。",
        )
    if text.startswith("-"):
        raise RuleViolation(
            "case_id_dash",
            f"案件编号不能以“-”开头（{text}）",
            "以“-”开头会被命令当作选项；编号应以字母或数字开头，如 XF2020-018。",
        )
    if not _CASE_ID.fullmatch(text):
        raise RuleViolation(
            "case_id_chars",
            f"案件编号只能由英文字母、数字和“-”组成（{text}）",
            "编号用作输出文件夹名，如 XF2020-018。",
        )
    if text.upper() in _RESERVED_NAMES:
        raise RuleViolation(
            "case_id_reserved",
            f"“{text}”是 Windows 的保留名称，不能用作案件编号",
            "编号用作输出文件夹名，请换一个编号，如 XF2020-018。",
        )
    return text
