"""The 文号 a document carries, written from the office's pattern in docgen.yaml."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Final

BLANK_SERIAL: Final = "　　"  # two full-width spaces: the clerk writes the serial by hand


def document_number(patterns: Mapping[str, str], series: str | None, issued: date) -> str:
    """The 文号 of a document of `series` issued on `issued`, from docgen.yaml's `numbering`.

    A pattern reads `某信听〔{year}〕{n}号`; a document without a series or a pattern carries none.

    Why:
        Until the register allocates serials, `{n}` is left blank for the clerk to write by
        hand on the printed document.
    """
    pattern = patterns.get(series) if series else None
    if pattern is None:
        return ""
    return pattern.replace("{year}", str(issued.year)).replace("{n}", BLANK_SERIAL)
