"""Tests of docgen/case/validate.py: each problem located and worded; cross-field rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from case_text import FILE, TODAY, parse, problems, warnings

from docgen.case import parse_case
from docgen.errors import Location, Problems
from docgen.located import TYPE_MESSAGES
from docgen.settings import Settings, parse_settings

REPO = Path(__file__).resolve().parents[2]
TESTDATA = Path(__file__).parent / "testdata" / "test_validate"
pytestmark = pytest.mark.usefixtures("parser")  # every message alike with both YAML parsers

BASE = """\
id: XF2020-001
title: 王建国反映土地征收补偿问题
received: 2019-03-02
source: 县信访局登记
category: 征地拆迁
petitioners:
  - name: 王建国
    id_number: "11010519491231002X"
requests:
  - {text: 要求补足土地补偿款, assessment: reasonable}
responsible_unit: 县自然资源局
leaders:
  - {name: 李明, title: 副县长, level: county}
"""
HEARING = """\
hearing:
  date: 2020-06-12
  time: "09:30"
  place: 县信访局听证室
  host: {name: 孙丽, title: 县信访局副局长}
  panel:
    - {name: 周敏, role: 县人大代表}
    - {name: 吴军, role: 律师}
    - {name: 郑华, role: 县政协委员}
"""  # lines 14-22
PLAN = """\
plan:
  goal: 息诉罢访
  measures:
    - {action: 复核土地面积, unit: 县自然资源局, owner: 张华, due: 2020-06-20}
  deadline: 2020-06-30
"""  # lines 23-27 after BASE + HEARING
CLOSURE = """\
closure:
  date: 2020-06-28
  result: 息诉罢访
  summary: 经听证评议，双方达成协议。
  opinion: 予以办结。
"""


def workday_settings() -> Settings:
    return Settings.model_validate({"hearing": {"notice_lead": 7, "notice_lead_unit": "workday"}})


class TestValidCases:
    def test_parses_a_minimal_case_without_warnings(self) -> None:
        loaded = parse(BASE)
        assert loaded.case.id == "XF2020-001"
        assert loaded.warnings == ()
        assert loaded.locations[("id",)] == Location(FILE, 1, 1, "id")
        assert loaded.locations[("petitioners", 0, "id_number")] == Location(
            FILE, 8, 5, "petitioners[0].id_number"
        )

    def test_parses_a_case_with_every_stage(self) -> None:
        case = parse(BASE + HEARING + PLAN + CLOSURE).case
        assert case.hearing is not None and case.plan is not None and case.closure is not None
        assert case.closure.conclusion is None  # each request then 作出解释说明
        assert case.stage == "initial"

    @pytest.mark.parametrize("path", sorted((REPO / "cases").glob("*.yaml")), ids=lambda p: p.name)
    def test_every_example_case_is_clean_with_the_example_settings(self, path: Path) -> None:
        settings = parse_settings((REPO / "docgen.yaml").read_bytes(), Path("docgen.yaml"))
        loaded = parse_case(path.read_bytes(), Path("cases") / path.name, settings, TODAY)
        assert loaded.warnings == ()
        assert loaded.case.id == path.stem

    def test_has_the_four_example_stages(self) -> None:
        settings = Settings()
        cases = [
            parse_case(p.read_bytes(), p, settings, TODAY).case
            for p in sorted((REPO / "cases").glob("*.yaml"))
        ]
        assert any(c.hearing and not c.plan and not c.closure for c in cases)
        assert any(c.plan and len(c.plan.measures) >= 3 and not c.closure for c in cases)
        assert any(c.closure and c.closure.agreement for c in cases)
        assert any(c.legal_track and not c.hearing for c in cases)


class TestPlantedProblems:
    """Each problem a clerk is likely to make, with the exact text `docgen check` shows."""

    def test_duplicate_key(self) -> None:
        text = BASE.replace(
            "source: 县信访局登记\n", "source: 县信访局登记\nsource: 市信访局交办\n"
        )
        assert problems(text) == [
            "cases/t.yaml:5:1: source: 字段“source”重复出现（第一次在第 4 行）\n"
            "  同一层里每个字段只能写一次，请删除或合并多余的一项。"
        ]

    def test_date_that_does_not_exist(self) -> None:
        assert problems(BASE.replace("2019-03-02", "2020-02-30")) == [
            "cases/t.yaml:3:1: received: 不是有效日期（2020-02-30）\n"
            "  2020 年 2 月只有 29 天，请核对。"
        ]

    def test_date_in_another_format(self) -> None:
        assert problems(BASE.replace("2019-03-02", "2019年3月2日")) == [
            "cases/t.yaml:3:1: received: 日期格式不对（2019年3月2日）\n"
            "  请按 YYYY-MM-DD 填写，如 2020-06-12。"
        ]

    def test_id_number_with_a_wrong_check_digit(self) -> None:
        assert problems(BASE.replace("11010519491231002X", "110105194912310021")) == [
            "cases/t.yaml:8:5: petitioners[0].id_number: 身份证号码校验位不正确（应为 X）\n"
            "  多半是抄错了某一位数字，请核对身份证原件。"
        ]

    def test_unquoted_id_number(self) -> None:
        text = BASE.replace('"11010519491231002X"', "110105194912310021")
        assert problems(text) == [
            "cases/t.yaml:8:5: petitioners[0].id_number: 身份证号码要加英文引号\n"
            '  请写成 id_number: "110105194912310021"。不加引号时，号码会被当成数字。'
        ]

    def test_unquoted_id_number_ending_in_x(self) -> None:
        text = BASE.replace('"11010519491231002X"', "11010519491231002X")
        assert problems(text) == [
            "cases/t.yaml:8:5: petitioners[0].id_number: 身份证号码要加英文引号\n"
            '  请写成 id_number: "11010519491231002X"。不加引号时，号码会被当成数字。'
        ]

    def test_unquoted_phone_number(self) -> None:
        text = BASE.replace(
            '    id_number: "11010519491231002X"\n',
            '    id_number: "11010519491231002X"\n    phone: 13803710001\n',
        )
        assert problems(text) == [
            "cases/t.yaml:9:5: petitioners[0].phone: 联系电话要加英文引号\n"
            '  请写成 phone: "13803710001"。不加引号时，电话号码会被当成数字。'
        ]

    def test_empty_optional_phone_is_simply_absent(self) -> None:
        text = BASE.replace("    id_number:", "    phone:\n    id_number:")
        assert parse(text).case.petitioners[0].phone is None

    def test_unquoted_time(self) -> None:
        assert problems(BASE + HEARING.replace('"09:30"', "9:30")) == [
            "cases/t.yaml:16:3: hearing.time: 听证时间要加英文引号\n"
            '  请写成 time: "9:30"。不加引号时，YAML 会把 9:30 这样的时间当成数字（570）。'
        ]

    def test_unknown_key_suggests_the_closest_known_one(self) -> None:
        assert problems(BASE.replace("    id_number:", "    id_numbr:")) == [
            "cases/t.yaml:7:5: petitioners[0].id_number: 缺少必填字段“id_number”（身份证号码）\n"
            "  请在这一层补上“id_number: ……”。",
            "cases/t.yaml:8:5: petitioners[0].id_numbr: "
            "不认识的字段“id_numbr”（是否要写 id_number？）\n"
            "  请改正字段名的拼写。",
        ]

    def test_unknown_key_without_a_close_one_lists_the_known_keys(self) -> None:
        text = BASE + HEARING.replace("  place:", "  weather: 晴\n  place:")
        assert problems(text) == [
            "cases/t.yaml:17:3: hearing.weather: 不认识的字段“weather”\n"
            "  这里可以填写的字段有：date、time、place、public"
            "、notice_date、host、clerk、panel、units、closed_reason、result。"
        ]

    def test_tab_indentation(self) -> None:
        assert problems(BASE.replace("  - name: 王建国", "\t- name: 王建国")) == [
            "cases/t.yaml:7:1: YAML 格式错误：这里有制表符（Tab），YAML 只能用空格缩进和分隔\n"
            "  请把 Tab 换成空格（每一级缩进 2 个空格）。"
        ]

    def test_yaml_syntax_error(self) -> None:
        assert problems(BASE.replace("category: 征地拆迁", "category: [征地拆迁")) == [
            "cases/t.yaml:6:12: YAML 格式错误：方括号 [ ] 里的各项应以英文逗号分隔，并以 ] 结束\n"
            "  每项写成“字段: 值”，冒号用英文半角且后面空一格；缩进只用空格，同一层左对齐。"
        ]

    @pytest.mark.parametrize("text", ["", "# 待填写\n", "\n\n"])
    def test_empty_file(self, text: str) -> None:
        assert problems(text) == [
            "cases/t.yaml:1:1: 文件是空的\n  请参照 cases/ 里的示例案件填写。"
        ]

    def test_top_level_list(self) -> None:
        assert problems("- id: XF2020-001\n- title: 王建国\n") == [
            "cases/t.yaml:1:1: 文件最外层应是若干“字段: 值”，这里却是列表\n"
            "  最外层每一项从第一列写起，不要以“- ”开头；可参照示例文件。"
        ]

    def test_file_not_in_utf8(self) -> None:
        assert problems(BASE.encode("gbk")) == [
            "cases/t.yaml:2:8: 文件不是 UTF-8 编码（这里有无法识别的字节 0xCD）\n"
            "  多半是按 GBK/ANSI 保存的。请用记事本或 WPS 打开，“另存为”时把编码选为 UTF-8。"
        ]

    def test_missing_required_field_at_the_top(self) -> None:
        assert problems(BASE.replace("title: 王建国反映土地征收补偿问题\n", "")) == [
            "cases/t.yaml:1:1: title: "
            "缺少必填字段“title”（案件名称）\n  请在这一层补上“title: ……”。"
        ]

    def test_missing_required_field_is_located_at_its_parent(self) -> None:
        text = BASE + HEARING.replace("  host: {name: 孙丽, title: 县信访局副局长}\n", "")
        assert problems(text) == [
            "cases/t.yaml:14:1: hearing.host: 缺少必填字段“host”（听证主持人）\n"
            "  请在这一层补上“host: ……”。"
        ]

    def test_unknown_choice_lists_the_chinese_values(self) -> None:
        assert problems(BASE.replace("assessment: reasonable", "assessment: 合情")) == [
            "cases/t.yaml:10:23: requests[0].assessment: “合情”不是可选的值，"
            "应为以下之一：合理、部分合理、不合理\n"
            "  请从中选一个，原样填写。"
        ]

    def test_empty_required_value_asks_to_fill_it_in(self) -> None:
        assert problems(BASE.replace("responsible_unit: 县自然资源局", "responsible_unit:")) == [
            "cases/t.yaml:11:1: responsible_unit: 没有填写内容\n  这一项必须填写，请补上内容。"
        ]

    def test_blank_required_text_asks_to_fill_it_in(self) -> None:
        assert problems(BASE.replace("category: 征地拆迁", 'category: " "')) == [
            "cases/t.yaml:5:1: category: 不能为空\n  这一项必须填写，请补上内容。"
        ]

    def test_empty_optional_value_may_also_be_deleted(self) -> None:
        assert problems(BASE + "analysis:\n") == [
            "cases/t.yaml:14:1: analysis: 没有填写内容\n  请填写；不需要这一项时，请把这一行删除。"
        ]

    def test_empty_list_item_may_be_deleted(self) -> None:
        text = BASE + HEARING.replace("  panel:", "  units: [县自然资源局, '']\n  panel:")
        assert problems(text) == [
            "cases/t.yaml:19:19: hearing.units[1]: 不能为空\n"
            "  请填写内容；不需要这一项时，请把这一行删除。"
        ]

    def test_date_without_padding(self) -> None:
        assert parse(BASE.replace("2019-03-02", "2019-3-2")).case.received == date(2019, 3, 2)

    @pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])
    def test_date_outside_a_plausible_range(self, day: str) -> None:
        assert problems(BASE.replace("2019-03-02", day)) == [
            f"cases/t.yaml:3:1: received: 日期超出合理范围（{day}）\n"
            "  年份应在 1900–2100 之间，请核对。"
        ]

    def test_number_too_long_to_read(self) -> None:
        text = BASE.replace("category: 征地拆迁", "category: " + "1" * 4301)
        assert problems(text) == [
            "cases/t.yaml:5:11: YAML 格式错误：数字的位数太多\n"
            "  这一项如果不是数字，请给整个值加引号。"
        ]

    def test_every_problem_of_a_file_at_once_in_line_order(self) -> None:
        data = (TESTDATA / "many_problems.yaml").read_bytes()
        with pytest.raises(Problems) as caught:
            parse_case(data, Path("many_problems.yaml"), Settings(), TODAY)
        assert str(caught.value).splitlines() == [
            "发现 14 个问题",
            "many_problems.yaml:2:1: id: 案件编号只能由英文字母、数字和“-”组成（XF2020/001）",
            "  编号用作输出文件夹名，如 XF2020-018。",
            "many_problems.yaml:2:1: category: 缺少必填字段“category”（问题类别）",
            "  请在这一层补上“category: ……”。",
            "many_problems.yaml:4:1: received: 不是有效日期（2020-02-30）",
            "  2020 年 2 月只有 29 天，请核对。",
            "many_problems.yaml:6:1: source: 字段“source”重复出现（第一次在第 5 行）",
            "  同一层里每个字段只能写一次，请删除或合并多余的一项。",
            "many_problems.yaml:8:5: petitioners[0].id_number: "
            "缺少必填字段“id_number”（身份证号码）",
            "  请在这一层补上“id_number: ……”。",
            "many_problems.yaml:9:5: petitioners[0].id_numbr: "
            "不认识的字段“id_numbr”（是否要写 id_number？）",
            "  请改正字段名的拼写。",
            "many_problems.yaml:11:5: petitioners[1].id_number: 身份证号码要加英文引号",
            '  请写成 id_number: "110105194912310021"。不加引号时，号码会被当成数字。',
            "many_problems.yaml:12:5: petitioners[1].phone: 电话号码格式不对（1380371000）",
            "  手机号写 11 位数字，如 13803710001；固定电话写区号-号码，如 0371-6000000。",
            "many_problems.yaml:14:23: requests[0].assessment: “合情”不是可选的值，"
            "应为以下之一：合理、部分合理、不合理",
            "  请从中选一个，原样填写。",
            "many_problems.yaml:16:1: leaders: 至少要填写一项",
            "  请按说明补充，每项以“- ”开头。",
            "many_problems.yaml:17:1: hearing.host: 缺少必填字段“host”（听证主持人）",
            "  请在这一层补上“host: ……”。",
            "many_problems.yaml:19:3: hearing.time: 听证时间要加英文引号",
            '  请写成 time: "9:30"。不加引号时，YAML 会把 9:30 这样的时间当成数字（570）。',
            "many_problems.yaml:25:25: plan.relief[0].amount: 金额最多保留两位小数（12000.005）",
            "  金额以元为单位，精确到分。",
            "many_problems.yaml:26:3: plan.deadline: 不是有效日期（2020-06-31）",
            "  2020 年 6 月只有 30 天，请核对。",
        ]

    def test_wrong_types_everywhere_get_a_chinese_message(self) -> None:
        text = (
            "id: [XF1]\ntitle: {a: 1}\nreceived: 20190302\nsource: 2019\ncategory: true\n"
            "legal_track: 是\npetitioners: 王建国\nrequests: [1]\nhistory: {date: 2019-01-01}\n"
            "responsible_unit: [a]\nleaders: [{name: a, title: b, level: 省级, phone: 123}]\n"
            "hearing: 2020-06-12\nplan: {goal: g, measures: [x], deadline: 2020-06-30,"
            " relief: [{kind: k, amount: 12000元, payer: p}]}\n"
        )
        found = problems(text)
        assert len(found) == 15
        assert not [p for p in found if "填写有误" in p]

    def test_knows_a_message_for_each_pydantic_type_it_relies_on(self) -> None:
        for kind in ("string_type", "bool_type", "tuple_type", "model_type", "missing", "int_type"):
            assert kind in TYPE_MESSAGES


class TestCrossFieldRules:
    def test_hearing_before_the_first_visit(self) -> None:
        assert problems(BASE + HEARING.replace("2020-06-12", "2019-01-05")) == [
            "cases/t.yaml:15:3: hearing.date: "
            "听证日期（2019-01-05）早于首次信访日期 received（2019-03-02）\n"
            "  请核对这两个日期。"
        ]

    def test_closure_before_the_hearing(self) -> None:
        text = BASE + HEARING + CLOSURE.replace("2020-06-28", "2020-06-11")
        assert problems(text) == [
            "cases/t.yaml:24:3: closure.date: "
            "办结日期（2020-06-11）早于听证日期 hearing.date（2020-06-12）\n"
            "  请核对这两个日期。"
        ]

    def test_closure_before_the_first_visit_without_a_hearing(self) -> None:
        assert problems(BASE + CLOSURE.replace("2020-06-28", "2019-03-01")) == [
            "cases/t.yaml:15:3: closure.date: "
            "办结日期（2019-03-01）早于首次信访日期 received（2019-03-02）\n"
            "  请核对这两个日期。"
        ]

    def test_closure_after_today_is_an_error_at_its_date(self) -> None:
        text = BASE + HEARING + CLOSURE
        assert problems(text, today=date(2020, 6, 27)) == [
            "cases/t.yaml:24:3: closure.date: "
            "办结日期（2020-06-28）晚于今天（2020-06-27），办结的事还没有发生\n"
            "  请核对办结日期；尚未办结的案件请先删除 closure 这一部分，办结后再填写。"
        ]
        assert warnings(text, today=date(2020, 6, 28)) == []

    def test_an_agreement_is_signed_on_the_closure_date_so_a_future_one_is_an_error(
        self,
    ) -> None:
        agreement = "  agreement: {amount: 12000, terms: [一次性支付救助金], pay_by: 2020-07-30}\n"
        text = BASE + HEARING + CLOSURE + agreement
        assert [p.split(": ")[1] for p in problems(text, today=date(2020, 6, 27))] == [
            "closure.date"
        ]
        assert warnings(text, today=date(2020, 6, 28)) == []  # a payment date may lie ahead

    def test_measure_due_after_the_plan_deadline(self) -> None:
        assert problems(BASE + HEARING + PLAN.replace("due: 2020-06-20", "due: 2020-07-02")) == [
            "cases/t.yaml:26:49: plan.measures[0].due: "
            "完成时限（2020-07-02）晚于化解时限 plan.deadline（2020-06-30）\n"
            "  各项措施须在化解时限前完成：请提前完成时限，或调整化解时限。"
        ]

    def test_plan_deadline_after_the_campaign_is_a_warning(self) -> None:
        assert warnings(
            BASE + HEARING + PLAN.replace("deadline: 2020-06-30", "deadline: 2020-07-10")
        ) == [
            "cases/t.yaml:27:3: plan.deadline: "
            "化解时限（2020-07-10）晚于信访积案化解百日攻坚行动结束日期（2020-06-30）\n"
            "  请确认是否需要报批延期。"
        ]

    def test_even_panel_is_a_warning(self) -> None:
        assert warnings(BASE + HEARING.replace("    - {name: 郑华, role: 县政协委员}\n", "")) == [
            "cases/t.yaml:19:3: hearing.panel: 听证员为 2 人；听证员应为不少于 3 人的单数\n"
            "  单数便于形成多数意见，请增减听证员（panel）。"
        ]

    def test_hearing_without_panel_is_a_warning_at_the_hearing(self) -> None:
        text = BASE + HEARING.split("  panel:")[0]
        assert warnings(text) == [
            "cases/t.yaml:14:1: hearing: 听证员为 0 人；听证员应为不少于 3 人的单数\n"
            "  单数便于形成多数意见，请增减听证员（panel）。"
        ]

    def test_legal_track_case_cannot_have_a_hearing_or_closure(self) -> None:
        text = BASE.replace("category: 征地拆迁\n", "category: 涉法涉诉\nlegal_track: true\n")
        hint = (
            "  此类案件分流至政法机关依法处理。请删除这一部分，或核实 legal_track 是否应为 false。"
        )
        assert problems(text + HEARING + CLOSURE) == [
            "cases/t.yaml:15:1: hearing: "
            f"涉法涉诉案件（legal_track: true）不在本局组织听证\n{hint}",
            f"cases/t.yaml:24:1: closure: 涉法涉诉案件（legal_track: true）不在本局办结\n{hint}",
        ]
        assert parse(text).case.legal_track

    def test_same_id_number_twice(self) -> None:
        second = '  - name: 王建军\n    id_number: "11010519491231002x"\n'
        assert problems(BASE.replace("requests:\n", second + "requests:\n")) == [
            "cases/t.yaml:10:5: petitioners[1].id_number: 与 petitioners[0] 的身份证号码相同\n"
            "  同一位信访人只写一次；不同的人请核对号码。"
        ]

    def test_birth_date_after_today(self) -> None:
        assert problems(BASE, today=date(1949, 12, 30)) == [
            "cases/t.yaml:8:5: petitioners[0].id_number: "
            "身份证号码中的出生日期（1949-12-31）晚于今天\n"
            "  请核对身份证原件。"
        ]

    def test_gender_that_contradicts_the_id_number_is_a_warning(self) -> None:
        text = BASE.replace("  - name: 王建国\n", "  - name: 王建国\n    gender: 男\n")
        assert warnings(text) == [
            "cases/t.yaml:8:5: petitioners[0].gender: 性别填写为“男”，但身份证号码显示为“女”\n"
            "  身份证号码第 17 位单数为男、双数为女；请核对性别或号码。"
        ]


class TestExtremeDates:
    """Dates at the edge of the calendar are refused, never a traceback (review A4)."""

    def test_hearing_in_year_one_with_a_notice_date(self) -> None:
        text = BASE + HEARING.replace("2020-06-12", "0001-01-01").replace(
            "  host:", "  notice_date: 0001-01-01\n  host:"
        )
        assert problems(text) == [
            "cases/t.yaml:15:3: hearing.date: 日期超出合理范围（0001-01-01）\n"
            "  年份应在 1900–2100 之间，请核对。",
            "cases/t.yaml:18:3: hearing.notice_date: 日期超出合理范围（0001-01-01）\n"
            "  年份应在 1900–2100 之间，请核对。",
        ]

    def test_hearing_on_the_last_day_python_knows_counted_in_working_days(self) -> None:
        text = BASE + HEARING.replace("2020-06-12", "9999-12-31")
        assert problems(text, workday_settings(), today=date(2020, 1, 1)) == [
            "cases/t.yaml:15:3: hearing.date: 日期超出合理范围（9999-12-31）\n"
            "  年份应在 1900–2100 之间，请核对。"
        ]

    @pytest.mark.parametrize("day", ["1900-01-01", "2100-12-31"])
    def test_the_edges_of_the_range_are_counted(self, day: str) -> None:
        text = BASE.replace("2019-03-02", "1900-01-01") + HEARING.replace("2020-06-12", day)
        for settings in (Settings(), workday_settings()):
            assert parse(text, settings, today=date(2100, 12, 31)).case.hearing is not None


class TestNoticeLeadTime:
    def test_warns_when_a_future_hearing_can_no_longer_get_its_notice(self) -> None:
        assert warnings(BASE + HEARING, today=date(2020, 6, 8)) == [
            "cases/t.yaml:15:3: hearing.date: 听证日期为2020-06-12（星期五），按提前7日送达的要求，"
            "通知书最迟应于2020-06-05（星期五）送达，现已来不及\n"
            "  请将听证改期，或确认通知书已按时送达。"
        ]

    @pytest.mark.parametrize("today", [date(2020, 6, 5), date(2020, 6, 12), date(2020, 6, 13)])
    def test_is_quiet_while_there_is_time_or_once_the_hearing_is_not_ahead(
        self, today: date
    ) -> None:
        assert warnings(BASE + HEARING, today=today) == []

    def test_counts_working_days_when_the_office_does(self) -> None:
        # 7 working days back from Tue 30 June 2020: 30, 29, 28 (调休), 24, 23, 22, 19 -> 18 June.
        text = BASE + HEARING.replace("2020-06-12", "2020-06-30")
        assert warnings(text, workday_settings(), today=date(2020, 6, 18)) == []
        assert warnings(text, workday_settings(), today=date(2020, 6, 19)) == [
            "cases/t.yaml:15:3: hearing.date: "
            "听证日期为2020-06-30（星期二），按提前7个工作日送达的要求，"
            "通知书最迟应于2020-06-18（星期四）送达，现已来不及\n"
            "  请将听证改期，或确认通知书已按时送达。"
        ]

    def test_warns_about_a_notice_date_that_is_too_late(self) -> None:
        text = BASE + HEARING.replace("  host:", "  notice_date: 2020-06-08\n  host:")
        assert warnings(text) == [
            "cases/t.yaml:18:3: hearing.notice_date: "
            "听证日期为2020-06-12（星期五），按提前7日送达的要求，"
            "通知书最迟应于2020-06-05（星期五）送达，成文日期2020-06-08（星期一）已经晚了\n"
            "  请提前通知书成文日期，或将听证改期。"
        ]

    def test_a_timely_notice_date_silences_the_future_hearing_warning(self) -> None:
        text = BASE + HEARING.replace("  host:", "  notice_date: 2020-06-05\n  host:")
        assert warnings(text, today=date(2020, 6, 8)) == []

    def test_warns_when_the_calendar_year_had_to_be_assumed(self) -> None:
        text = BASE + HEARING.replace("2020-06-12", "2027-03-10")
        assert warnings(text, workday_settings(), today=date(2027, 3, 1)) == [
            "cases/t.yaml:15:3: hearing.date: "
            "内置日历没有 2027 年的放假安排，已按周一至周五上班推算通知期限\n"
            "  如该年有节假日或调休，请在 docgen.yaml 的 holidays 下填写 days_off 和 workdays。"
        ]

    def test_is_quiet_about_a_year_the_office_has_entered(self) -> None:
        settings = Settings.model_validate(
            {
                "hearing": {"notice_lead_unit": "workday"},
                "holidays": {"days_off": ["2027-01-01"], "workdays": ["2027-02-07"]},
            }
        )
        text = BASE + HEARING.replace("2020-06-12", "2027-03-10")
        assert warnings(text, settings, today=date(2027, 3, 1)) == []
