"""Tests of docgen/masking.py: names, ID numbers and phone numbers for public documents."""

from __future__ import annotations

import pytest

from docgen.masking import mask_id, mask_name, mask_phone


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("王建国", "王某某"),
        ("王芳", "王某"),
        ("欧阳明月", "欧阳某某"),
        ("欧阳", "欧某"),
        ("王", "王"),
    ],
)
def test_mask_name_keeps_the_surname(name: str, expected: str) -> None:
    assert mask_name(name) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [("41132619800101203X", "411326********203X"), ("1234567890", "**********")],
)
def test_mask_id_keeps_the_region_and_the_last_four(number: str, expected: str) -> None:
    assert mask_id(number) == expected


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("13803710001", "138****0001"),
        ("0371-63211234", "0371-******34"),
        ("010-12345678", "010-******78"),
        ("0371-6000000", "0371-*****00"),
    ],
)
def test_mask_phone_reads_numbers_as_case_files_write_them(phone: str, expected: str) -> None:
    assert mask_phone(phone) == expected


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("12803710001", "*******0001"),  # no mobile starts 12: not read as one
        ("0371 6000000", "********0000"),
        ("12", "12"),
    ],
)
def test_mask_phone_keeps_only_the_last_four_of_anything_else(phone: str, expected: str) -> None:
    """The same patterns as the case rules (docgen.values): what a case refuses is no mobile."""
    assert mask_phone(phone) == expected
