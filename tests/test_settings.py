"""Tests of docgen/settings.py: defaults, the example docgen.yaml, located errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from docgen.errors import Problems, SettingsError
from docgen.settings import DEFAULT_NUMBERING, Settings, parse_settings
from docgen.skeletons import settings_skeleton

REPO = Path(__file__).resolve().parent.parent
FILE = Path("docgen.yaml")


def parse(text: str) -> Settings:
    return parse_settings(text.encode(), FILE)


def problems(text: str) -> list[str]:
    with pytest.raises(Problems) as caught:
        parse(text)
    assert all(type(p) is SettingsError for p in caught.value.problems)
    return [str(p) for p in caught.value.problems]


class TestDefaults:
    def test_every_field_has_a_default(self) -> None:
        settings = Settings()
        assert settings.office.name == "某某县信访局"
        assert settings.office.county_party == "某某县信访局"
        assert settings.office.review_body == "某某县人民政府"
        assert (settings.campaign.start, settings.campaign.end) == (
            date(2020, 3, 20),
            date(2020, 6, 30),
        )
        assert dict(settings.numbering) == {
            "hearing_notice": "某信听〔{year}〕{n}号",
            "closure_notice": "某信结〔{year}〕{n}号",
            "resolution_plan": "某信案〔{year}〕{n}号",
            "transfer_letter": "某信转〔{year}〕{n}号",
        }
        assert (settings.hearing.notice_lead, settings.hearing.notice_lead_unit) == (7, "calendar")

    @pytest.mark.parametrize("text", ["", "# 暂无设置\n"])
    def test_an_empty_file_gives_the_defaults(self, text: str) -> None:
        assert parse(text) == Settings()


class TestExampleFile:
    def test_reads_the_repository_docgen_yaml(self) -> None:
        settings = parse_settings((REPO / "docgen.yaml").read_bytes(), FILE)
        assert settings.office.contact is not None
        assert settings.office.contact.phone == "0371-6000000"
        assert settings.office.county_party == "中共某某县委 某某县人民政府"
        assert settings.campaign.name == "信访积案化解百日攻坚行动"
        assert dict(settings.numbering) == dict(DEFAULT_NUMBERING)

    def test_a_new_workspace_has_the_example_office_and_the_campaign_of_its_year(self) -> None:
        example = parse_settings((REPO / "docgen.yaml").read_bytes(), FILE)
        for year in (2026, 2027):
            settings = parse(settings_skeleton(year, holidays_built_in=year <= 2026))
            assert settings.office == example.office
            assert dict(settings.numbering) == dict(DEFAULT_NUMBERING)  # {year}: the 成文日期's
            assert (settings.campaign.start, settings.campaign.end) == (
                date(year, 1, 1),
                date(year, 12, 31),
            )
            assert settings.campaign.name == f"{year}年信访积案化解攻坚行动"


class TestValues:
    def test_county_party_defaults_to_the_office_name(self) -> None:
        assert parse("office: {name: 某县信访局}\n").office.county_party == "某县信访局"

    def test_numbering_overrides_one_kind_and_keeps_the_others(self) -> None:
        numbering = parse("numbering:\n  hearing_notice: 甲信听〔{year}〕{n}号\n").numbering
        assert numbering["hearing_notice"] == "甲信听〔{year}〕{n}号"
        assert numbering["closure_notice"] == "某信结〔{year}〕{n}号"

    def test_builds_a_work_calendar_with_the_overrides(self) -> None:
        settings = parse("holidays:\n  days_off: [2027-01-01]\n  workdays: [2027-02-07]\n")
        calendar = settings.work_calendar()
        assert not calendar.is_workday(date(2027, 1, 1))
        assert calendar.is_workday(date(2027, 2, 7))
        assert not calendar.is_assumed(date(2027, 5, 3))

    def test_reads_dates_without_padding(self) -> None:
        assert parse("campaign: {start: 2020-3-20, end: 2020-6-30}\n").campaign.end == date(
            2020, 6, 30
        )

    def test_reads_workday_notice_rules(self) -> None:
        settings = parse("hearing: {notice_lead: 10, notice_lead_unit: workday}\n")
        assert (settings.hearing.notice_lead, settings.hearing.notice_lead_unit) == (10, "workday")


class TestProblems:
    def test_number_pattern_needs_year_and_serial(self) -> None:
        assert problems("numbering:\n  hearing_notice: 某信听〔2020〕号\n") == [
            "docgen.yaml:2:3: numbering.hearing_notice: "
            "文号格式“某信听〔2020〕号”应各含一次 {year}（年份）和 {n}（序号）\n"
            "  如 某信听〔{year}〕{n}号；花括号用英文半角。"
        ]

    @pytest.mark.parametrize(
        "pattern", ["某信〔{year}〕{n}{n}号", "某信〔{yaer}〕{n}号", "某信〔｛year｝〕{n}号"]
    )
    def test_number_pattern_refuses_other_placeholders(self, pattern: str) -> None:
        (only,) = problems(f"numbering: {{closure_notice: '{pattern}'}}\n")
        assert only.startswith(f"docgen.yaml:1:13: numbering.closure_notice: 文号格式“{pattern}”")

    def test_unknown_key_suggests_the_closest(self) -> None:
        assert problems("hearing:\n  notice_leed: 7\n") == [
            "docgen.yaml:2:3: hearing.notice_leed: "
            "不认识的字段“notice_leed”（是否要写 notice_lead？）\n"
            "  请改正字段名的拼写。"
        ]

    def test_lead_unit_lists_its_chinese_choices(self) -> None:
        assert problems("hearing: {notice_lead_unit: 周}\n") == [
            "docgen.yaml:1:11: hearing.notice_lead_unit: “周”不是可选的值，"
            "应为以下之一：日、工作日\n"
            "  请从中选一个，原样填写。"
        ]

    @pytest.mark.parametrize(
        ("written", "unit"),
        [
            ("日", "calendar"),
            ("工作日", "workday"),
            ("日历日", "calendar"),
            ("calendar", "calendar"),
            ("workday", "workday"),
        ],
    )
    def test_lead_unit_is_read_in_chinese_or_english(self, written: str, unit: str) -> None:
        assert parse(f"hearing: {{notice_lead_unit: {written}}}\n").hearing.notice_lead_unit == unit

    @pytest.mark.parametrize(
        ("value", "message"),
        [("-1", "不能小于 0"), ('"7"', "应填写整数"), ("7.5", "应填写整数")],
    )
    def test_lead_must_be_a_whole_number_of_days(self, value: str, message: str) -> None:
        (only,) = problems(f"hearing:\n  notice_lead: {value}\n")
        assert only.startswith(f"docgen.yaml:2:3: hearing.notice_lead: {message}")

    def test_campaign_must_start_before_it_ends(self) -> None:
        assert problems("campaign:\n  start: 2020-07-01\n  end: 2020-06-30\n") == [
            "docgen.yaml:1:1: campaign: 活动开始日期（2020-07-01）晚于结束日期（2020-06-30）\n"
            "  请核对 start 和 end。"
        ]

    def test_a_day_cannot_be_off_and_worked(self) -> None:
        assert problems("holidays: {days_off: [2027-02-07], workdays: [2027-02-07]}\n") == [
            "docgen.yaml:1:1: holidays: 2027-02-07 同时写在放假日 days_off 和上班日 workdays 中\n"
            "  每一天只能写在其中一处。"
        ]

    def test_contact_phone_must_be_quoted(self) -> None:
        assert problems("office:\n  contact: {name: 刘洋, phone: 13803710001}\n") == [
            "docgen.yaml:2:23: office.contact.phone: 联系电话要加英文引号\n"
            '  请写成 phone: "13803710001"。不加引号时，电话号码会被当成数字。'
        ]

    def test_reports_every_problem_including_yaml_ones(self) -> None:
        found = problems("office: {name: a}\noffice: {name: b}\ncampaign: {end: 2020-02-30}\n")
        assert found == [
            "docgen.yaml:2:1: office: 字段“office”重复出现（第一次在第 1 行）\n"
            "  同一层里每个字段只能写一次，请删除或合并多余的一项。",
            "docgen.yaml:3:12: campaign.end: 不是有效日期（2020-02-30）\n"
            "  2020 年 2 月只有 29 天，请核对。",
        ]

    def test_a_syntax_error_is_a_settings_error(self) -> None:
        assert problems("hearing:\n\tnotice_lead: 7\n")[0].startswith(
            "docgen.yaml:2:1: YAML 格式错误："
        )

    def test_top_level_list_is_refused(self) -> None:
        assert problems("- office\n")[0].startswith("docgen.yaml:1:1: 文件最外层应是若干“字段: 值”")

    def test_deadlines_unit_is_gone(self) -> None:
        """Nothing read `deadlines.unit`; a setting that does nothing is refused, not ignored."""
        (only,) = problems("deadlines:\n  unit: calendar\n")
        assert only.startswith("docgen.yaml:1:1: deadlines: 不认识的字段“deadlines”")

    def test_lead_has_an_upper_bound(self) -> None:
        assert problems("hearing: {notice_lead: 100000000, notice_lead_unit: workday}\n") == [
            "docgen.yaml:1:11: hearing.notice_lead: 不能大于 365"
        ]

    @pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31"])
    def test_dates_outside_a_plausible_range_are_refused(self, day: str) -> None:
        assert problems(f"holidays:\n  days_off: [{day}]\n") == [
            f"docgen.yaml:2:14: holidays.days_off[0]: 日期超出合理范围（{day}）\n"
            "  年份应在 1900–2100 之间，请核对。"
        ]

    def test_a_number_too_long_for_python_is_a_located_problem(self) -> None:
        huge = "9" * 5000
        assert problems(f"office:\n  name: 某县信访局\nhearing:\n  notice_lead: {huge}\n") == [
            "docgen.yaml:4:16: YAML 格式错误：数字的位数太多\n"
            "  这一项如果不是数字，请给整个值加引号。"
        ]

    def test_nesting_too_deep_for_the_reader_is_a_problem(self) -> None:
        (only,) = problems("office: " + "[" * 5000 + "]" * 5000 + "\n")
        assert only.startswith("docgen.yaml:1:58: YAML 格式错误：括号或缩进嵌套的层次太多")


def test_the_offices_responsibilities_default_to_the_five_and_can_be_replaced() -> None:
    assert [r.name for r in Settings().office.responsibilities] == [
        "包调查核实",
        "包思想疏导",
        "包稳控",
        "包问题解决",
        "包息诉罢访",
    ]
    text = "office:\n  responsibilities:\n    - 包稳控\n    - {name: 包化解, text: 限期化解。}\n"
    settings = parse_settings(text.encode(), Path("docgen.yaml"))
    assert [(r.name, r.text) for r in settings.office.responsibilities] == [
        ("包稳控", ""),
        ("包化解", "限期化解。"),
    ]


def test_an_empty_list_of_responsibilities_is_refused() -> None:
    with pytest.raises(Problems) as caught:
        parse_settings(b"office:\n  responsibilities: []\n", Path("docgen.yaml"))
    assert [str(p) for p in caught.value.problems] == [
        "docgen.yaml:2:3: office.responsibilities: 至少要填写一项\n"
        "  不写 responsibilities 时使用默认的五项包案职责。"
    ]
