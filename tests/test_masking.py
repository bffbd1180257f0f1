"""Tests of docgen/masking.py: names, ID numbers and phone numbers for public documents."""

from __future__ import annotations

import pytest

from docgen.masking import distinct_masks, mask_id, mask_in_text, mask_name, mask_phone


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


def test_masks_that_would_read_the_same_are_told_apart_in_the_order_given() -> None:
    masks = distinct_masks(["王建国", "李四", "王建军", "王芳", "王明"])
    assert masks == {
        "王建国": "王某甲",
        "李四": "李某",
        "王建军": "王某乙",
        "王芳": "王某丙",
        "王明": "王某丁",
    }
    assert distinct_masks(["王建军", "王建国"])["王建军"] == "王某甲"  # order, not the name


def test_compound_surnames_and_many_namesakes_stay_distinct() -> None:
    compound = distinct_masks(["欧阳明月", "欧阳明日"])
    assert compound == {"欧阳明月": "欧阳某甲", "欧阳明日": "欧阳某乙"}
    assert distinct_masks(["王芳", "王建国"]) == {"王芳": "王某", "王建国": "王某某"}
    many = distinct_masks([f"张{chr(0x4E00 + i)}{chr(0x4E00 + i)}" for i in range(12)])
    assert len(set(many.values())) == 12
    assert list(many.values())[-2:] == ["张某11", "张某12"]


def test_a_name_is_masked_in_text_with_its_own_mask() -> None:
    masks = distinct_masks(["王建国", "王建军"])
    assert mask_in_text("王建国、王建军反映问题", masks) == "王某甲、王某乙反映问题"
