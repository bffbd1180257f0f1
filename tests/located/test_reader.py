"""Tests of docgen/located/reader.py: keys located, duplicates, dates as text, errors."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from docgen.errors import CaseError, DocgenError, Location, Problems, SettingsError
from docgen.located import composer, quick, reader, syntax, tree
from docgen.located.reader import (
    MAX_FILE_BYTES,
    LocatedYaml,
    field_path,
    load_located,
    root_mapping,
)

FILE = Path("cases/a.yaml")
REPO = Path(__file__).resolve().parents[2]


def load(text: str | bytes) -> LocatedYaml:
    return load_located(text.encode() if isinstance(text, str) else text, FILE)


def only_problem(text: str | bytes, error: type[DocgenError] = CaseError) -> str:
    with pytest.raises(Problems) as caught:
        load_located(text.encode() if isinstance(text, str) else text, FILE, error)
    (problem,) = caught.value.problems
    assert type(problem) is error
    return str(problem)


class TestLocations:
    def test_locates_every_key_one_based_with_its_field_path(self) -> None:
        loaded = load("id: XF1\npetitioners:\n  - name: 王建国\n    phone: '1'\n")
        assert loaded.locations[("id",)] == Location(FILE, 1, 1, "id")
        assert loaded.locations[("petitioners", 0)] == Location(FILE, 3, 5, "petitioners[0]")
        assert loaded.locations[("petitioners", 0, "phone")] == Location(
            FILE, 4, 5, "petitioners[0].phone"
        )
        assert loaded.locations[()] == Location(FILE, 1, 1)

    def test_locates_keys_inside_flow_mappings(self) -> None:
        loaded = load("host: {name: 孙丽, title: 副局长}\n")
        assert loaded.locations[("host", "title")] == Location(FILE, 1, 18, "host.title")

    def test_keeps_dates_as_the_text_written(self) -> None:
        assert load("a: 2020-02-30\nb: 2020-06-12\n").data == {"a": "2020-02-30", "b": "2020-06-12"}

    def test_keeps_keys_as_the_text_written(self) -> None:
        assert load("yes: 1\n2020: 2\n").data == {"yes": 1, "2020": 2}

    def test_records_the_source_of_unquoted_values_only(self) -> None:
        loaded = load('time: 9:30\nphone: "13803710001"\nid_number: 110105194912310021\n')
        assert loaded.data == {"time": 570, "phone": "13803710001", "id_number": 110105194912310021}
        assert loaded.plain_scalars == {("time",): "9:30", ("id_number",): "110105194912310021"}

    def test_does_not_count_an_empty_value_as_unquoted(self) -> None:
        assert load("phone:\nfax: ~\n").plain_scalars == {}

    def test_merges_anchored_mappings(self) -> None:
        assert load("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n").data == {
            "base": {"x": 1},
            "item": {"x": 1, "y": 2},
        }

    def test_gives_none_for_an_empty_file(self) -> None:
        assert load("# 只有注释\n\n").data is None
        assert load("").data is None

    def test_accepts_a_utf8_byte_order_mark(self) -> None:
        assert load(b"\xef\xbb\xbfid: XF1\n").data == {"id": "XF1"}

    def test_writes_field_paths_as_clerks_read_them(self) -> None:
        assert field_path(("petitioners", 1, "id_number")) == "petitioners[1].id_number"
        assert field_path(("plan", "measures", 0)) == "plan.measures[0]"
        assert field_path(()) == ""


class TestDuplicateKeys:
    def test_reports_each_repeat_with_the_first_line_and_reads_on(self) -> None:
        loaded = load("id: A\ntitle: t\nid: B\nhost:\n  name: a\n  name: b\n")
        assert [str(p) for p in loaded.problems] == [
            "cases/a.yaml:3:1: id: 字段“id”重复出现（第一次在第 1 行）\n"
            "  同一层里每个字段只能写一次，请删除或合并多余的一项。",
            "cases/a.yaml:6:3: host.name: 字段“name”重复出现（第一次在第 5 行）\n"
            "  同一层里每个字段只能写一次，请删除或合并多余的一项。",
        ]
        assert loaded.data == {"id": "B", "title": "t", "host": {"name": "b"}}
        assert loaded.locations[("id",)].line == 3  # the value in use is the last one

    def test_uses_the_error_type_it_is_given(self) -> None:
        loaded = load_located(b"a: 1\na: 2\n", FILE, SettingsError)
        assert [type(p) for p in loaded.problems] == [SettingsError]


class TestUnreadableFiles:
    def test_reports_a_tab_in_the_indentation(self) -> None:
        assert only_problem("hearing:\n\tdate: 2020-06-12\n") == (
            "cases/a.yaml:2:1: YAML 格式错误：这里有制表符（Tab），YAML 只能用空格缩进和分隔\n"
            "  请把 Tab 换成空格（每一级缩进 2 个空格）。"
        )

    def test_reports_a_syntax_error_where_yaml_stopped(self) -> None:
        assert only_problem("id: XF1\ntitle: 王建国: 土地\n") == (
            "cases/a.yaml:2:11: YAML 格式错误：这里不能出现“: ”（值里有冒号时，请给整个值加引号）\n"
            "  每项写成“字段: 值”，冒号用英文半角且后面空一格；缩进只用空格，同一层左对齐。"
        )

    def test_points_an_unclosed_quote_to_where_it_opens(self) -> None:
        assert only_problem('id: XF1\ntitle: "王建国\nsource: x\n').startswith(
            "cases/a.yaml:2:8: YAML 格式错误：引号没有配对（缺少结尾的引号）"
        )

    def test_names_a_full_width_colon(self) -> None:
        assert only_problem("id: XF1\ntitle： 王建国\nsource: x\n").endswith(
            "\n  第 2 行字段名后用了中文冒号“：”，应改为英文冒号“:”并空一格。"
        )

    def test_names_a_colon_without_a_space(self) -> None:
        assert only_problem("id: XF1\ntitle:王建国\nsource: x\n").endswith(
            "\n  第 2 行字段名的冒号后面要空一格。"
        )

    def test_reports_an_unclosed_bracket(self) -> None:
        assert only_problem("units: [县自然资源局, 城关镇人民政府\n").startswith(
            "cases/a.yaml:2:1: YAML 格式错误：方括号 [ ] 里的各项应以英文逗号分隔，并以 ] 结束"
        )

    def test_refuses_python_tags(self) -> None:
        assert only_problem('a: !!python/object/apply:os.system ["echo hi"]\n').startswith(
            "cases/a.yaml:1:4: YAML 格式错误：不支持以“!”开头的类型标记"
        )

    def test_reports_a_second_document(self) -> None:
        assert only_problem("a: 1\n---\nb: 2\n").startswith(
            "cases/a.yaml:2:1: YAML 格式错误：一个文件只能有一份内容（发现了第二个“---”）"
        )

    def test_reports_the_line_and_column_of_the_first_byte_that_is_not_utf8(self) -> None:
        gbk = "id: XF1\ntitle: 王建国\n".encode("gbk")
        assert only_problem(b"# \xe6\xa1\x88\xe4\xbb\xb6\n" + gbk) == (
            "cases/a.yaml:3:8: 文件不是 UTF-8 编码（这里有无法识别的字节 0xCD）\n"
            "  多半是按 GBK/ANSI 保存的。请用记事本或 WPS 打开，“另存为”时把编码选为 UTF-8。"
        )

    def test_recognises_utf16(self) -> None:
        assert only_problem("id: XF1\n".encode("utf-16")).startswith(
            "cases/a.yaml:1:1: 文件是 UTF-16（Unicode）编码，不是 UTF-8 编码"
        )

    def test_reports_an_invisible_control_character(self) -> None:
        assert only_problem("id: XF1\ntitle: 王\x07建国\n") == (
            "cases/a.yaml:2:9: 文件中有不可见的特殊字符（#x0007）\n"
            "  请删除该字符；它常随网页或聊天软件里复制的文字带进来。"
        )

    @pytest.mark.parametrize("char", ["\x00", "\x1f", "\x7f", "\x80", "\x9f", "\ufffe", "\uffff"])
    def test_reports_every_kind_of_character_yaml_refuses(self, char: str) -> None:
        assert only_problem(f"id: XF1\ntitle: 王{char}\n").startswith(
            f"cases/a.yaml:2:9: 文件中有不可见的特殊字符（#x{ord(char):04X}）"
        )

    def test_a_look_at_the_bytes_suspects_every_character_yaml_refuses(self) -> None:
        """The bytes are looked at before the characters: no refused one may slip past them."""
        for code in range(0x10000):  # YAML allows every character above U+FFFF
            char = chr(code)
            if reader._INVISIBLE.match(char):
                suspect = char.encode("utf-8", "surrogatepass").translate(None, reader._OTHER_BYTES)
                assert suspect or char in "\ufeff\ufffe\uffff", hex(code)

    def test_reports_with_the_error_type_it_is_given(self) -> None:
        only_problem("a: [\n", SettingsError)


class TestRootMapping:
    def test_returns_the_mapping_or_none(self) -> None:
        assert root_mapping(load("a: 1\n"), FILE, CaseError) == {"a": 1}
        assert root_mapping(load(""), FILE, CaseError) is None

    @pytest.mark.parametrize(
        ("text", "what"), [("- a\n- b\n", "列表"), ("just text\n", "一段文字")]
    )
    def test_refuses_a_top_level_list_or_value(self, text: str, what: str) -> None:
        with pytest.raises(Problems) as caught:
            root_mapping(load(text), FILE, CaseError)
        assert [str(p) for p in caught.value.problems] == [
            f"cases/a.yaml:1:1: 文件最外层应是若干“字段: 值”，这里却是{what}\n"
            "  最外层每一项从第一列写起，不要以“- ”开头；可参照示例文件。"
        ]


class TestProblemsPyYamlRaisesWithoutAPlace:
    """A bare `ValueError` or `RecursionError` from PyYAML is a located problem, not a traceback."""

    def test_places_a_number_too_long_for_python_at_its_value(self) -> None:
        assert only_problem("id: XF1\nnotice_lead: " + "7" * 4301 + "\n") == (
            "cases/a.yaml:2:14: YAML 格式错误：数字的位数太多\n"
            "  这一项如果不是数字，请给整个值加引号。"
        )

    def test_places_it_inside_a_list_too(self) -> None:
        assert only_problem("a:\n  - 1\n  - " + "1" * 5000 + "\n").startswith(
            "cases/a.yaml:3:5: YAML 格式错误：数字的位数太多"
        )

    def test_reports_nesting_too_deep_at_the_first_level_too_many(self) -> None:
        assert only_problem("a: " + "[" * 5000 + "]" * 5000 + "\n", SettingsError) == (
            "cases/a.yaml:1:53: YAML 格式错误：括号或缩进嵌套的层次太多\n"
            "  请检查是否多写了 [ 或 {，或缩进是否一层比一层多。"
        )


class TestTranslatedSyntaxProblems:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("a: & x\n", "cases/a.yaml:1:5: YAML 格式错误：“&”或“*”后面应紧跟锚点名称"),
            ("a: *\n", "cases/a.yaml:1:5: YAML 格式错误：“&”或“*”后面应紧跟锚点名称"),
            ("a: |x\n  b\n", "cases/a.yaml:1:5: YAML 格式错误：“|”或“>”后面只能写 +、- 或一位数字"),
            ("a: >0\n  b\n", "cases/a.yaml:1:5: YAML 格式错误：“|”或“>”后面的缩进数字只能是 1–9"),
            ("a: !x!y z\n", "cases/a.yaml:1:4: YAML 格式错误：以“!”开头的值会被当作类型标记"),
            (
                "a: &x 1\nb: &x 2\n",
                "cases/a.yaml:2:4: YAML 格式错误：同一个锚点名称（&名称）定义了两次",
            ),
            ("a: *nowhere\n", "cases/a.yaml:1:4: YAML 格式错误：引用了没有定义的锚点（*名称）"),
            (
                "a: 1\n...\nb: 2\n",
                "cases/a.yaml:3:1: YAML 格式错误：“...”或以“%”开头的行之后不能再写内容",
            ),
            (
                "a: {<<: 1}\n",
                "cases/a.yaml:1:9: YAML 格式错误：“<<”后面只能是锚点引用的若干“字段: 值”",
            ),
            (
                'a: "\\x4"\n',
                "cases/a.yaml:1:7: YAML 格式错误：双引号里的“\\x”“\\u”后面应是十六进制数字",
            ),
        ],
    )
    def test_explains_the_problem_in_chinese(self, text: str, expected: str) -> None:
        found = only_problem(text)
        assert found.startswith(expected), found
        assert "expected" not in found and "found" not in found

    def test_keeps_an_unknown_problem_in_parentheses_after_a_chinese_sentence(self) -> None:
        assert syntax.described("found something new") == (
            "YAML 格式错误：这里的写法无法识别（found something new）",
            None,
        )

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
                "cases/a.yaml:2:1: YAML 格式错误：“%YAML”这一行写了两次",
            ),
            ("%YAML 2.0\n---\na: 1\n", "cases/a.yaml:1:1: YAML 格式错误：只能读 YAML 1.x 的文件"),
            ("- a\nb: 1\n", "cases/a.yaml:2:1: YAML 格式错误：缩进没有对齐"),
            ("a: `x\n", "cases/a.yaml:1:4: YAML 格式错误：这个字符不能出现在值的开头"),
            ("a: [b, c]]\n", "cases/a.yaml:1:10: YAML 格式错误：缩进没有对齐"),
        ],
    )
    def test_words_both_parsers_problems_alike(self, text: str, expected: str) -> None:
        assert only_problem(text).startswith(expected)


def alias_bomb(levels: int) -> str:
    """`a0: &a0 [x, x, …]`, `a1: &a1 [*a0, *a0, …]`, …: nine items a level, 9**levels values."""
    lines = ["a0: &a0 [" + ", ".join(["x"] * 9) + "]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


class TestDenialOfService:
    """A hostile or broken file is refused quickly, with its place; it never hangs `check`."""

    def test_refuses_an_alias_bomb_at_the_alias_that_expands_too_far_in_time(self) -> None:
        started = time.perf_counter()
        found = only_problem(alias_bomb(9))
        elapsed = time.perf_counter() - started
        assert found == (
            "cases/a.yaml:5:10: YAML 格式错误：引用（*名称）展开后的内容太多\n"
            "  锚点（&名称）和引用只用于少量重复的内容；请直接写出内容，或减少引用。"
        )
        assert elapsed < 10, f"{elapsed:.1f} s"

    def test_refuses_merges_that_double_each_level(self) -> None:
        lines = ["m0: &m0 {k: v}"]
        lines += [f"m{n}: &m{n} {{<<: [*m{n - 1}, *m{n - 1}], k{n}: v}}" for n in range(1, 30)]
        assert "展开后的内容太多" in only_problem("\n".join(lines) + "\n")

    def test_accepts_a_few_aliases_and_locates_their_keys(self) -> None:
        loaded = load("u: &u [县自然资源局, 城关镇人民政府]\nhearing:\n  units: *u\n")
        assert loaded.data == {
            "u": ["县自然资源局", "城关镇人民政府"],
            "hearing": {"units": ["县自然资源局", "城关镇人民政府"]},
        }
        assert loaded.locations[("hearing", "units", 1)] == Location(
            FILE, 1, 16, "hearing.units[1]"
        )

    def test_refuses_an_alias_inside_its_own_anchor_at_the_alias(self) -> None:
        assert only_problem("a: &x [*x]\n") == (
            "cases/a.yaml:1:8: YAML 格式错误：引用（*名称）指向了它自己所在的内容\n"
            "  请删除这个引用，或直接写出内容。"
        )

    def test_refuses_aliases_nesting_deeper_than_the_limit(self) -> None:
        lines = ["a0: &a0 [[[[[[[[[[x]]]]]]]]]]"]
        lines += [f"a{n}: &a{n} [[[[[[[[[[*a{n - 1}]]]]]]]]]]" for n in range(1, 8)]
        assert "嵌套的层次太多" in only_problem("\n".join(lines) + "\n")

    def test_refuses_a_file_over_five_megabytes_before_reading_it(self) -> None:
        assert only_problem(b"a: 1\n" + b"#" * MAX_FILE_BYTES) == (
            "cases/a.yaml: 文件太大（5.0 MB），超过 5 MB 的上限\n"
            "  案件文件通常只有几 KB；请检查是否选错了文件，或把内容拆成多个案件文件。"
        )

    def test_reads_a_deep_flow_nesting_without_crashing_the_process(self) -> None:
        assert "嵌套的层次太多" in only_problem("a: " + "[" * 200_000 + "\n")

    def test_refuses_block_nesting_deeper_than_the_limit_at_the_first_level_too_many(
        self,
    ) -> None:
        text = "".join(f"{'  ' * level}k{level}:\n" for level in range(60)) + "  " * 60 + "x\n"
        assert only_problem(text).startswith("cases/a.yaml:51:")
        assert "嵌套的层次太多" in only_problem(text)


class TestTags:
    @pytest.mark.parametrize(
        ("text", "column"),
        [("a: !!str 12\n", 4), ("a: !!binary aGk=\n", 4), ("a: !foo x\n", 4), ("a: !!map {}\n", 4)],
    )
    def test_refuses_every_explicit_tag_at_its_place(self, text: str, column: int) -> None:
        assert only_problem(text).startswith(
            f"cases/a.yaml:1:{column}: YAML 格式错误：不支持以“!”开头的类型标记"
        )


class TestValues:
    def test_reads_decimals_exactly_as_written(self) -> None:
        assert load("a: 1234567890123456.78\n").data == {"a": Decimal("1234567890123456.78")}

    def test_refuses_a_byte_order_mark_inside_the_file_as_both_parsers_do(self) -> None:
        assert only_problem("a: x\ufeffy\n").startswith(
            "cases/a.yaml:1:5: 文件中有不可见的特殊字符（#xFEFF）"
        )


def test_both_parsers_compose_the_example_cases_alike() -> None:
    for case in sorted((REPO / "cases").glob("*.yaml")):
        data = case.read_bytes()
        composer_results = []
        for parser in ("libyaml", "pure"):
            composer.PARSER = parser
            loaded = load_located(data, FILE)
            composer_results.append((loaded.data, loaded.locations, loaded.plain_scalars))
        assert composer_results[0] == composer_results[1], case


@pytest.mark.skipif(composer.PARSER != "libyaml", reason="PyYAML was built without libyaml")
def test_libyaml_composes_the_example_cases_itself() -> None:
    """The fast path is taken for ordinary case files (the test above shows it reads alike)."""
    for case in sorted((REPO / "cases").glob("*.yaml")):
        text = case.read_text(encoding="utf-8")
        assert composer._compose_natively(text) is not composer._NOT_NATIVELY, case


@pytest.mark.parametrize(
    ("broken", "text"),
    [
        ((quick._Reader, "_scalar"), "id: XF1\n"),  # the line reader of usual files
        ((tree._Builder, "value"), "id: 'it''s'\n"),  # the one-pass builder of composed ones
        ((reader._Constructor, "construct_document"), "a: &x {b: 1}\nc:\n  <<: *x\n"),
    ],
)
def test_a_bug_in_docgen_is_not_reported_as_a_clerks_mistake(
    monkeypatch: pytest.MonkeyPatch, broken: tuple[type, str], text: str
) -> None:
    def bug(*_: object) -> object:
        raise KeyError("a bug")

    monkeypatch.setattr(*broken, bug)
    with pytest.raises(KeyError):
        load(text)
