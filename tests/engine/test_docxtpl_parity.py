"""docxtpl parity: table extras and `{%-`/`-%}` give docxtpl 0.20.2's paragraphs and tables.

Every template is rendered by docxtpl and by docgen from the same bytes, and the two outputs
are compared by paragraph text and by table shape (grid spans, vertical merges, shading, text).
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from docgen.engine import compile_template
from tests.engine.conftest import DocxBuilder
from tests.engine.docxtpl_reference import body_shape, docxtpl_render

NAME = "templates/parity.docx"


def p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def cell(*paragraphs: str, properties: str = '<w:tcW w:w="1000" w:type="dxa"/>') -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{''.join(p(t) for t in paragraphs)}</w:tc>"


def row(*cells: str) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


def table(*rows: str, columns: int = 3) -> str:
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(columns))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def assert_same_as_docxtpl(blob: bytes, context: Mapping[str, object]) -> list[object]:
    expected = body_shape(docxtpl_render(blob, context))
    assert body_shape(compile_template(NAME, blob).render(context)) == expected
    return expected


# --- table extras ----------------------------------------------------------------------------

DISHES = {
    "dishes": [
        {"name": "比萨", "ingredients": ["面饼", "番茄", "奶酪"]},
        {"name": "汉堡", "ingredients": ["面包", "牛肉"]},
    ]
}


def test_vm_merges_a_cell_down_its_copies_in_nested_row_loops(docx: DocxBuilder) -> None:
    blob = docx(
        table(
            row(cell("菜名"), cell("配料")),
            row(cell("{%tr for dish in dishes %}"), cell("")),
            row(cell("{%tr for item in dish.ingredients %}"), cell("")),
            row(cell("{{ dish.name }}{% vm %}"), cell("{{ item }}")),
            row(cell("{%tr endfor %}"), cell("")),
            row(cell("{%tr endfor %}"), cell("")),
            columns=2,
        )
    )
    shape = assert_same_as_docxtpl(blob, DISHES)
    assert shape[0][1:] == [  # type: ignore[index]
        [(1, "restart", "", "比萨"), (1, "", "", "面饼")],
        [(1, "continue", "", ""), (1, "", "", "番茄")],
        [(1, "continue", "", ""), (1, "", "", "奶酪")],
        [(1, "restart", "", "汉堡"), (1, "", "", "面包")],
        [(1, "continue", "", ""), (1, "", "", "牛肉")],
    ]


def test_vm_keeps_only_the_text_up_to_the_tag_once(docx: DocxBuilder) -> None:
    blob = docx(
        table(
            row(cell("{%tr for item in items %}")),
            row(cell("组{% vm %}别", "{{ item }}")),
            row(cell("{%tr endfor %}")),
            columns=1,
        )
    )
    assert_same_as_docxtpl(blob, {"items": ["一", "二"]})


def test_hm_makes_the_first_cell_of_a_cell_loop_span_them_all(docx: DocxBuilder) -> None:
    blob = docx(
        table(
            row(
                cell("标题"),
                cell("{%tc for x in columns %}"),
                cell("{% hm %}合并"),
                cell("{%tc endfor %}"),
            ),
            row(
                cell("行"),
                cell("{%tc for x in columns %}"),
                cell("{{ x }}"),
                cell("{%tc endfor %}"),
            ),
            columns=4,
        )
    )
    shape = assert_same_as_docxtpl(blob, {"columns": ["甲", "乙", "丙"]})
    assert shape[0][0] == [(1, "", "", "标题"), (3, "", "", "合并")]  # type: ignore[index]


def test_hm_multiplies_an_existing_span(docx: DocxBuilder) -> None:
    spanned = '<w:tcW w:w="2000" w:type="dxa"/><w:gridSpan w:val="2"/>'
    blob = docx(
        table(
            row(
                cell("{%tc for x in columns %}"),
                cell("{% hm %}{{ x }}", properties=spanned),
                cell("{%tc endfor %}"),
            ),
            columns=4,
        )
    )
    assert_same_as_docxtpl(blob, {"columns": ["甲", "乙"]})


def test_colspan_spans_the_columns_a_cell_loop_makes(docx: DocxBuilder) -> None:
    blob = docx(
        table(
            row(cell("{% colspan columns|length %}诉求汇总")),
            row(cell("{%tc for x in columns %}"), cell("{{ x }}"), cell("{%tc endfor %}")),
            columns=3,
        )
    )
    shape = assert_same_as_docxtpl(blob, {"columns": ["补偿", "安置", "就业"]})
    assert shape[0][0] == [(3, "", "", "诉求汇总")]  # type: ignore[index]


def test_cellbg_shades_each_row_from_the_data(docx: DocxBuilder) -> None:
    blob = docx(
        table(
            row(cell("{%tr for a in alerts %}"), cell("")),
            row(cell("{% cellbg a.bg %}{{ a.type }}"), cell("{{ a.desc }}")),
            row(cell("{%tr endfor %}"), cell("")),
            columns=2,
        )
    )
    alerts = [
        {"type": "紧急", "desc": "当日处理", "bg": "FF0000"},
        {"type": "一般", "desc": "五日内处理", "bg": "FFDD00"},
    ]
    shape = assert_same_as_docxtpl(blob, {"alerts": alerts})
    assert [r[0][2] for r in shape[0]] == ["FF0000", "FFDD00"]  # type: ignore[index]


def test_cellbg_and_colspan_together_in_a_cell_loop(docx: DocxBuilder) -> None:
    blob = docx(
        table(
            row(
                cell("{%tc for c in cells %}"),
                cell("{% cellbg c.bg %}{% colspan c.span %}{{ c.t }}"),
                cell("{%tc endfor %}"),
            ),
            columns=4,
        )
    )
    cells = [{"t": "甲", "bg": "00FF00", "span": 3}, {"t": "乙", "bg": "0000FF", "span": 1}]
    assert_same_as_docxtpl(blob, {"cells": cells})


def test_a_cell_loop_that_leaves_fewer_cells_after_it(docx: DocxBuilder) -> None:
    blob = docx(
        table(
            row(
                cell("{%tc for i in range(2) %}"),
                cell("{{ i }}"),
                cell("{%tc endfor %}"),
                cell("尾"),
            ),
            row(cell("甲"), cell("乙"), cell("丙"), cell("丁")),
            columns=4,
        )
    )
    assert_same_as_docxtpl(blob, {})


# --- {%- and -%} -----------------------------------------------------------------------------


@pytest.mark.parametrize("living_in_town", [True, False])
def test_minus_tags_join_paragraphs_as_docxtpl(docx: DocxBuilder, living_in_town: bool) -> None:
    blob = docx(
        p("我家住在")
        + p("{%- if living_in_town -%}")
        + p("城区")
        + p("{%- else -%}")
        + p("乡村")
        + p("{%- endif -%}")
        + p("，我很喜欢。")
        + p("另起一段")
    )
    shape = assert_same_as_docxtpl(blob, {"living_in_town": living_in_town})
    assert shape[0] == (
        "我家住在城区，我很喜欢。" if living_in_town else "我家住在乡村，我很喜欢。"
    )


def test_minus_tags_drop_line_breaks_and_the_text_they_cross(docx: DocxBuilder) -> None:
    blob = docx(
        "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>丢掉{%- if x %}保留</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>{%- endif -%}也丢掉</w:t><w:br/></w:r><w:r><w:t>接上</w:t></w:r></w:p>"
    )
    shape = assert_same_as_docxtpl(blob, {"x": True})
    assert shape == ["第一行保留接上"]


def test_a_minus_tag_without_text_before_it_strips_like_jinja(docx: DocxBuilder) -> None:
    blob = docx(p("{%- if x %}甲 {%- endif %}") + p("乙"))
    assert_same_as_docxtpl(blob, {"x": True})


def test_minus_tags_across_the_cells_of_a_row(docx: DocxBuilder) -> None:
    blob = docx(table(row(cell("甲"), cell("{%- if x %}乙{% endif %}"), cell("丙")), columns=3))
    assert_same_as_docxtpl(blob, {"x": True})


# --- what docxtpl would break is refused, located ---------------------------------------------


def messages(blob: bytes) -> list[str]:
    from docgen.engine import check_template

    return [str(problem).splitlines()[0] for problem in check_template(NAME, blob)]


def test_a_table_extra_outside_a_cell_is_named_at_its_paragraph(docx: DocxBuilder) -> None:
    blob = docx(p("正文") + p("{% vm %}") + p("{% colspan 2 %}"))
    assert messages(blob) == [
        f"{NAME}:2: document: 标签 {{% vm %}} 不在表格单元格中",
        f"{NAME}:3: document: 标签 {{% colspan 2 %}} 不在表格单元格中",
    ]


def test_a_join_from_a_table_to_the_body_is_refused(docx: DocxBuilder) -> None:
    blob = docx(table(row(cell("甲")), columns=1) + p("{%- if x %}乙{% endif %}"))
    (message,) = messages(blob)
    assert message.startswith(f"{NAME}:2: document: {{%- 或 -%}} 要连接的两段文字不在同一层级")


def test_a_join_over_a_table_is_refused(docx: DocxBuilder) -> None:
    blob = docx(p("{% if x -%}") + table(row(cell("甲")), columns=1) + p("{% endif %}"))
    (message,) = messages(blob)
    assert "-%}之后到下一段文字之间有 w:tbl" in message


@pytest.mark.parametrize(
    ("context", "words"),
    [
        ({"n": "两"}, "colspan：列数应为 1 到 63 的整数（“两”）"),
        ({"n": 2, "c": "red"}, "cellbg：颜色应为六位十六进制数，如 FF0000（“red”）"),
    ],
)
def test_a_bad_span_or_colour_is_a_located_error(
    docx: DocxBuilder, context: Mapping[str, object], words: str
) -> None:
    from docgen.errors import TemplateError

    blob = docx(table(row(cell("{% colspan n %}{% cellbg c|default('FFFFFF') %}甲")), columns=2))
    with pytest.raises(TemplateError) as raised:
        compile_template(NAME, blob).render(context)
    assert words in str(raised.value)
    assert str(raised.value).startswith(f"{NAME}:1: document:")


def test_three_unknown_tags_in_one_part_are_all_reported(docx: DocxBuilder) -> None:
    blob = docx(p("{% foo %}甲") + p("乙{% bar x %}") + p("{% if x %}{% baz %}{% endif %}"))
    assert messages(blob) == [
        f"{NAME}:1: document: 不认识的标签“foo”（{{% foo %}}）",
        f"{NAME}:2: document: 不认识的标签“bar”（{{% bar x %}}）",
        f"{NAME}:3: document: 不认识的标签“baz”（{{% baz %}}）",
    ]


def test_every_unbalanced_tag_is_reported(docx: DocxBuilder) -> None:
    blob = docx(
        p("{% if a %}甲") + p("{% endfor %}") + p("{% for x in xs %}{% if x %}乙{% endfor %}"),
        footer=p("{% else %}") + p("{% if b %}丙"),
    )
    assert messages(blob) == [
        f"{NAME}:1: document: 标签 {{% if a %}} 没有对应的结束标签 {{% endif %}}",
        f"{NAME}:2: document: 标签 {{% endfor %}} 前面没有对应的 {{% for %}}",
        f"{NAME}:3: document: 标签 {{% if x %}} 没有对应的结束标签 {{% endif %}}",
        f"{NAME}:1: footer1: 标签 {{% else %}} 不在 {{% for %}}、{{% if %}} 块中",
        f"{NAME}:2: footer1: 标签 {{% if b %}} 没有对应的结束标签 {{% endif %}}",
    ]


def test_a_docxtpl_extension_statement_gets_its_own_message(docx: DocxBuilder) -> None:
    blob = docx(p("{% for x in xs %}{% if x %}{% break %}{% endif %}{% endfor %}"))
    (message,) = messages(blob)
    assert (
        "docxtpl 的 {% break %} 标签 docgen 暂不支持，可改写为 {% for x in 列表 if 条件 %}"
        in message
    )


def test_after_joins_errors_still_name_the_template_paragraph(docx: DocxBuilder) -> None:
    from docgen.errors import TemplateError

    blob = docx(
        p("甲")
        + p("{%- if x -%}")
        + p("乙")
        + p("{%- endif -%}")
        + p("{%p if y -%}")
        + p("丙")
        + p("{%p endif %}")
        + p("{{ missing }}")
    )
    with pytest.raises(TemplateError) as raised:
        compile_template(NAME, blob).render({"x": True, "y": True})
    assert str(raised.value).startswith(f"{NAME}:8: document: 模板变量未定义：missing")


def test_a_structural_tag_with_a_closing_minus_joins_as_docxtpl(docx: DocxBuilder) -> None:
    blob = docx(p("甲") + p("{%p if y -%}") + p("乙") + p("丙") + p("{%p endif %}") + p("丁"))
    assert_same_as_docxtpl(blob, {"y": True})


def test_a_nesting_mistake_is_reported_once(docx: DocxBuilder) -> None:
    blob = docx(p("{% for x in xs %}") + p("{% if x %}甲") + p("{% endfor %}"))
    assert messages(blob) == [
        f"{NAME}:2: document: 标签 {{% if x %}} 没有对应的结束标签 {{% endif %}}",
    ]
