"""Choice values of a case file and docgen.yaml are written in Chinese; the English stay aliases.

Why: clerks type Chinese. The model keeps one canonical value per choice (the English identifier
templates and kinds compare with), so `合理` and `reasonable` must give the same `Case`.
"""

from __future__ import annotations

import typing
from datetime import date
from pathlib import Path

import pytest

from docgen.case import ASSESSMENT_LABELS, LEVEL_LABELS, Case, parse_case
from docgen.case.model import Assessment, LeaderLevel
from docgen.deadlines import DAY_UNIT_LABELS, DayUnit
from docgen.errors import Problems
from docgen.settings import parse_settings

REPO = Path(__file__).resolve().parents[2]
FILE = Path("cases/t.yaml")
TODAY = date(2026, 1, 1)

CASE = """\
id: XF2020-001
title: 王建国反映土地征收补偿问题
received: 2019-03-02
source: 县信访局登记
category: 征地拆迁
petitioners:
  - {name: 王建国, id_number: "11010519491231002X"}
requests:
  - {text: 要求补足土地补偿款, assessment: ASSESSMENT}
responsible_unit: 县自然资源局
leaders:
  - {name: 李明, title: 副县长, level: LEVEL}
"""


def case(assessment: str = "合理", level: str = "县级") -> Case:
    text = CASE.replace("ASSESSMENT", assessment).replace("LEVEL", level)
    return parse_case(text.encode(), FILE, parse_settings(b"", Path("docgen.yaml")), TODAY).case


def problems(assessment: str = "合理", level: str = "县级") -> list[str]:
    with pytest.raises(Problems) as caught:
        case(assessment, level)
    return [str(p) for p in caught.value.problems]


def spellings(labels: typing.Mapping[str, str]) -> list[tuple[str, str]]:
    """(written, canonical) for each choice: its Chinese name and its English identifier."""
    return [(zh, en) for en, zh in labels.items()] + [(en, en) for en in labels]


@pytest.mark.parametrize(("written", "canonical"), spellings(ASSESSMENT_LABELS))
def test_assessment_is_read_in_chinese_or_english(written: str, canonical: str) -> None:
    assert case(assessment=written).requests[0].assessment == canonical


@pytest.mark.parametrize(("written", "canonical"), spellings(LEVEL_LABELS))
def test_leader_level_is_read_in_chinese_or_english(written: str, canonical: str) -> None:
    assert case(level=written).leaders[0].level == canonical


@pytest.mark.parametrize(("written", "canonical"), spellings(DAY_UNIT_LABELS))
def test_notice_lead_unit_is_read_in_chinese_or_english(written: str, canonical: str) -> None:
    text = f"hearing: {{notice_lead_unit: {written}}}\n".encode()
    assert parse_settings(text, Path("docgen.yaml")).hearing.notice_lead_unit == canonical


def test_chinese_and_english_give_the_same_case() -> None:
    assert case("部分合理", "乡镇级") == case("partly", "township")


def test_every_choice_has_a_chinese_name() -> None:
    assert set(ASSESSMENT_LABELS) == set(typing.get_args(Assessment))
    assert set(LEVEL_LABELS) == set(typing.get_args(LeaderLevel))
    assert set(DAY_UNIT_LABELS) == set(typing.get_args(DayUnit))


def test_an_unknown_assessment_lists_the_chinese_choices_at_its_line() -> None:
    assert problems(assessment="合情") == [
        "cases/t.yaml:9:23: requests[0].assessment: “合情”不是可选的值，"
        "应为以下之一：合理、部分合理、不合理\n"
        "  请从中选一个，原样填写。"
    ]


def test_an_unknown_level_lists_the_chinese_choices_at_its_line() -> None:
    assert problems(level="省级") == [
        "cases/t.yaml:12:28: leaders[0].level: “省级”不是可选的值，应为以下之一：县级、乡镇级\n"
        "  请从中选一个，原样填写。"
    ]


def test_an_empty_choice_asks_for_one_of_the_chinese_values() -> None:
    assert problems(assessment='""') == [
        "cases/t.yaml:9:23: requests[0].assessment: 没有填写内容，"
        "应为以下之一：合理、部分合理、不合理\n"
        "  请从中选一个填写。"
    ]


def test_a_chinese_only_choice_lists_its_values_the_same_way() -> None:
    text = CASE.replace("ASSESSMENT", "合理").replace("LEVEL", "县级")
    text = text.replace("王建国, id_number", "王建国, gender: 男性, id_number")
    with pytest.raises(Problems) as caught:
        parse_case(text.encode(), FILE, parse_settings(b"", Path("docgen.yaml")), TODAY)
    assert [str(p) for p in caught.value.problems] == [
        "cases/t.yaml:7:17: petitioners[0].gender: “男性”不是可选的值，应为以下之一：男、女\n"
        "  请从中选一个，原样填写。"
    ]


@pytest.mark.parametrize(
    "path",
    [
        *sorted((REPO / "cases").glob("*.yaml")),
        *sorted((REPO / "docgen" / "skeletons").glob("*.yaml")),
        REPO / "docs" / "case-file.md",
    ],
    ids=lambda p: p.name,
)
def test_examples_show_the_chinese_values(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for english in ("assessment: reasonable", "assessment: partly", "assessment: unreasonable"):
        assert english not in text
    for english in ("level: county", "level: township", "notice_lead_unit: calendar"):
        assert english not in text
