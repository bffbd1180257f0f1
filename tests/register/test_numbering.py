"""文号 as written from the office's patterns."""

from __future__ import annotations

from datetime import date

from docgen.register import BLANK_SERIAL, document_number

PATTERNS = {"hearing_notice": "某信听〔{year}〕{n}号"}


def test_the_year_is_filled_in_and_the_serial_left_blank_for_the_clerk() -> None:
    issued = date(2020, 6, 1)
    assert document_number(PATTERNS, "hearing_notice", issued) == f"某信听〔2020〕{BLANK_SERIAL}号"


def test_a_document_without_a_series_or_a_pattern_carries_none() -> None:
    assert document_number(PATTERNS, None, date(2020, 6, 1)) == ""
    assert document_number(PATTERNS, "closure_notice", date(2020, 6, 1)) == ""
