"""Tests of docgen/case/validate.py against input YAML accepts but a clerk did not mean.

Issue 13: numbers in YAML 1.1 forms, amounts render would refuse, digits of other scripts,
invisible or broken text, names listed twice, and files made to be slow. Every test runs with
both YAML parsers, which must give the same messages.
"""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from case.test_validate import BASE, parse, problems

from docgen.errors import Problems
from docgen.located import MAX_PROBLEMS
from docgen.settings import parse_settings

pytestmark = pytest.mark.usefixtures("parser")  # every message alike with both YAML parsers
AGREEMENT = """\
closure:
  date: 2020-06-28
  result: 息诉罢访
  summary: 经听证评议，双方达成协议。
  opinion: 予以办结。
  agreement:
    amount: {amount}
    terms: [不再上访]
"""  # amount on line 20
HEARING = """\
hearing:
  date: 2020-06-12
  time: "09:30"
  place: 县信访局听证室
  host: {name: 孙丽, title: 县信访局副局长}
  panel:
    - {name: 周敏, role: 县人大代表}
    - {name: 吴军, role: 律师}
    - {name: 周敏, role: 县政协委员}
  units: [县自然资源局, 城关镇人民政府, 县自然资源局]
"""  # lines 14-23


def with_amount(amount: str) -> str:
    return BASE + AGREEMENT.replace("{amount}", amount)


class TestNumbers:
    @pytest.mark.parametrize(
        "amount", ["1:30", "0x10", "0b1010", "012000", "3_000", "+3000", "1.0e+30", "0o17"]
    )
    def test_an_amount_in_another_yaml_number_form_is_refused_with_how_to_write_it(
        self, amount: str
    ) -> None:
        assert problems(with_amount(amount)) == [
            f"cases/t.yaml:20:5: closure.agreement.amount: 金额的写法无法识别（{amount}）\n"
            "  如 12000 或 3500.50，不加引号、单位“元”和千位逗号。"
        ]

    def test_an_amount_render_would_refuse_is_refused_by_check(self) -> None:
        assert problems(with_amount("10000000000000000")) == [
            "cases/t.yaml:20:5: closure.agreement.amount: 金额过大（10000000000000000）\n"
            "  金额应小于 1 亿亿元（10¹⁶），请核对。"
        ]

    def test_an_amount_is_read_exactly_as_written(self) -> None:
        case = parse(with_amount("1234567890123456.78")).case
        assert case.closure is not None and case.closure.agreement is not None
        assert case.closure.agreement.amount == Decimal("1234567890123456.78")

    @pytest.mark.parametrize("lead", ["010", "0x7", "7_0", "+7", "1:10"])
    def test_a_notice_lead_in_another_number_form_is_refused(self, lead: str) -> None:
        with pytest.raises(Problems) as caught:
            parse_settings(f"hearing:\n  notice_lead: {lead}\n".encode(), Path("docgen.yaml"))
        assert [str(p) for p in caught.value.problems] == [
            f"docgen.yaml:2:3: hearing.notice_lead: 数字的写法无法识别（{lead}）\n"
            "  只写阿拉伯数字，如 7；不加引号、正号或下划线，开头不加 0。"
        ]


class TestDigitsOfOtherScripts:
    def test_full_width_digits_are_read_as_ascii_with_a_located_warning(self) -> None:
        text = BASE.replace("2019-03-02", "２０１９-０３-０２").replace(
            '    id_number: "11010519491231002X"\n',
            '    id_number: "11010519491231002X"\n    phone: "１３８０３７１０００１"\n',
        )
        loaded = parse(text)
        assert loaded.case.received == date(2019, 3, 2)
        assert loaded.case.petitioners[0].phone == "13803710001"
        assert [str(w) for w in loaded.warnings] == [
            "cases/t.yaml:3:1: received: 全角数字已按半角数字读取（２０１９-０３-０２）\n"
            "  请改用半角数字（在英文输入法下输入）。",
            "cases/t.yaml:9:5: petitioners[0].phone: "
            "全角数字已按半角数字读取（１３８０３７１０００１）\n"
            "  请改用半角数字（在英文输入法下输入）。",
        ]

    def test_a_title_keeps_its_full_width_digits_without_a_warning(self) -> None:
        loaded = parse(BASE.replace("title: 王建国", "title: 第２次王建国"))
        assert loaded.case.title.startswith("第２次") and loaded.warnings == ()

    def test_digits_of_other_scripts_are_refused(self) -> None:
        assert problems(BASE.replace("2019-03-02", "२०१९-०३-०२")) == [
            "cases/t.yaml:3:1: received: 日期格式不对（२०१९-०३-०२）\n"
            "  请按 YYYY-MM-DD 填写，如 2020-06-12。"
        ]


class TestText:
    def test_a_name_of_only_a_zero_width_space_is_refused(self) -> None:
        assert problems(BASE.replace("name: 王建国", 'name: "\\u200b"')) == [
            "cases/t.yaml:7:5: petitioners[0].name: 只有看不见的字符（如零宽空格），等于没有填写\n"
            "  请删除这些字符后填写内容；它们常随网页或聊天软件里复制的文字带进来。"
        ]

    def test_a_line_break_in_a_name_is_refused(self) -> None:
        assert problems(BASE.replace("name: 王建国", 'name: "王\\n建国"')) == [
            "cases/t.yaml:7:5: petitioners[0].name: 这一项只能写一行，这里有换行\n"
            "  请把内容写在同一行（不用“|”，引号里也不写 \\n）。"
        ]

    def test_a_single_line_break_in_prose_joins_the_lines_a_blank_line_starts_a_paragraph(
        self,
    ) -> None:
        text = "analysis: |\n  第一段前半句，\n  后半句。\n\n  第二段 Word\n  text。\n"
        case = parse(BASE + text).case
        assert case.analysis == "第一段前半句，后半句。\n第二段 Word text。"

    def test_an_explicit_tag_is_refused(self) -> None:
        assert problems(BASE.replace("title: 王建国", "title: !!binary 5L2g5aW9")) == [
            "cases/t.yaml:2:8: YAML 格式错误："
            "不支持以“!”开头的类型标记（请删除，或给整个值加引号）\n"
            "  每项写成“字段: 值”，冒号用英文半角且后面空一格；缩进只用空格，同一层左对齐。"
        ]


class TestCaseId:
    @pytest.mark.parametrize(
        ("case_id", "message"),
        [
            ("-x", "案件编号不能以“-”开头（-x）"),
            ("X" * 65, "案件编号太长（65 个字符，最多 64 个）"),
        ],
    )
    def test_an_id_no_command_or_file_system_can_take_is_refused(
        self, case_id: str, message: str
    ) -> None:
        (found,) = problems(BASE.replace("XF2020-001", case_id))
        assert found.startswith(f"cases/t.yaml:1:1: id: {message}")

    def test_an_id_of_64_characters_is_accepted(self) -> None:
        assert parse(BASE.replace("XF2020-001", "X" * 64)).case.id == "X" * 64


class TestDuplicates:
    def test_a_unit_panel_member_or_leader_listed_twice_is_refused(self) -> None:
        text = BASE.replace(
            "  - {name: 李明, title: 副县长, level: county}\n",
            "  - {name: 李明, title: 副县长, level: county}\n"
            "  - {name: 李明, title: 镇长, level: township}\n",
        )
        assert problems(text + HEARING) == [
            "cases/t.yaml:14:6: leaders[1].name: 包案领导“李明”重复（与 leaders[0] 相同）\n"
            "  同一包案领导只写一次，否则会生成两份文书；请删除重复的一项。",
            "cases/t.yaml:23:8: hearing.panel[2].name: "
            "听证员“周敏”重复（与 hearing.panel[0] 相同）\n"
            "  同一听证员只写一次，否则会生成两份文书；请删除重复的一项。",
            "cases/t.yaml:24:28: hearing.units[2]: "
            "单位“县自然资源局”重复（与 hearing.units[0] 相同）\n"
            "  同一单位只写一次，否则会生成两份文书；请删除重复的一项。",
        ]


class TestHugeFiles:
    def test_errors_are_capped_per_file_with_a_count_of_the_rest(self) -> None:
        found = problems(BASE + "".join(f"unknown{n}: x\n" for n in range(MAX_PROBLEMS + 30)))
        assert len(found) == MAX_PROBLEMS + 1
        assert found[0].startswith("cases/t.yaml:14:1: unknown0: 不认识的字段“unknown0”")
        assert found[-1] == (
            f"cases/t.yaml: 还有 30 个问题未列出（每个文件只列出前 {MAX_PROBLEMS} 个）\n"
            "  请先改正上面列出的问题，再运行 docgen check。"
        )

    def test_many_unknown_keys_is_reported_in_linear_time(self) -> None:
        keys = "".join(f"k{n}: 1\n" for n in range(20_000))  # about 200 KB
        started = time.perf_counter()
        found = problems(BASE + keys)
        elapsed = time.perf_counter() - started
        assert len(found) == MAX_PROBLEMS + 1 and "还有 19950 个问题未列出" in found[-1]
        assert elapsed < 30, f"{elapsed:.1f} s"  # a few seconds; it was minutes before the cap
