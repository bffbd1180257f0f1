"""The register as a table a clerk reads: one row of text cells per 文号."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from docgen.kinds import KINDS
from docgen.kinds.base import ROLE_LABELS
from docgen.register.store import IssuedNumber, recipient_of

REGISTER_HEADERS: Final = (
    "文号",
    "文书",
    "案件编号",
    "收件人",
    "成文日期",
    "状态",
    "登记时间",
    "备注",
)
REGISTER_WIDTHS: Final = (22, 12, 14, 18, 12, 26, 18, 26)  # Excel character units
_ROLES: Final[Mapping[str, str]] = {str(role): label for role, label in ROLE_LABELS.items()}


def register_rows(numbers: Iterable[IssuedNumber]) -> list[list[str]]:
    """The cells under REGISTER_HEADERS: the series' document title, the recipient's role, ...

    A number without a 成文日期 shows its year; one without 登记时间 (a version-1 register)
    shows a dash.
    """
    rows = []
    for number in numbers:
        kind = KINDS.get(number.series)
        role, name = recipient_of(number.recipient_key)
        rows.append(
            [
                number.text,
                kind.title if kind else number.series,
                number.case_id,
                f"{_ROLES.get(role, role)} {name}" if name else "—",
                number.issued.isoformat() if number.issued else f"{number.year} 年",
                f"作废（{number.void_reason}）" if number.void else "有效",
                f"{number.recorded_at:%Y-%m-%d %H:%M}" if number.recorded_at else "—",
                number.note,
            ]
        )
    return rows
