"""Tests of docgen/engine/blocks.py: the tags of a Jinja block stay at one level of the tree."""

from __future__ import annotations

import pytest

from docgen.engine.blocks import innermost_unclosed, keyword, level_problems
from docgen.engine.source import Site

BODY = ((1, "document"), (2, "body"))


def inline(text: str, line: int, paragraph: int) -> Site:
    """A tag in the text of paragraph number `paragraph` (a serial number) in the body."""
    return Site(text, line, (*BODY, (paragraph, "p"), (paragraph + 1, "r"), (paragraph + 2, "t")))


def in_cell(text: str, line: int, table: int) -> Site:
    path = (*BODY, (table, "tbl"), (table + 1, "tr"), (table + 2, "tc"), (table + 3, "p"))
    return Site(text, line, (*path, (table + 4, "r"), (table + 5, "t")))


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("{% if x %}", "if"),
        ("{%- endfor -%}", "endfor"),
        ("{%p if x %}", "if"),
        ("{%tr endfor %}", "endfor"),
        ("{% raw %}", "raw"),
        ("{% set x = 1 %}", None),
        ("{% set x %}", "set"),
        ("{{ x }}", None),
        ("{# if #}", None),
    ],
)
def test_keyword_names_the_statement(tag: str, expected: str | None) -> None:
    assert keyword(tag) == expected


def test_blocks_in_the_text_of_two_paragraphs_are_fine() -> None:
    sites = [inline("{% if a %}", 2, 10), inline("{% else %}", 3, 20), inline("{% endif %}", 4, 30)]
    assert level_problems(sites) == []


def test_a_block_from_the_body_into_a_table_cell_is_a_problem() -> None:
    sites = [inline("{% if a %}", 2, 10), in_cell("{% endif %}", 5, 20)]
    (problem,) = level_problems(sites)
    assert (problem.line, problem.tag) == (5, "{% endif %}")
    assert problem.message == (
        "标签 {% endif %} 与第 1 段的 {% if a %} 不在同一层级"
        "（前者在段落文字里，后者在表格单元格里），生成的文档会损坏"
    )


def test_every_boundary_of_a_block_is_compared_with_the_previous_one() -> None:
    sites = [
        inline("{% if a %}", 2, 10),
        in_cell("{% elif b %}", 3, 20),
        in_cell("{% else %}", 4, 20),
        inline("{% endif %}", 5, 40),
    ]
    assert [p.line for p in level_problems(sites)] == [3, 5]


def test_paragraph_tags_pair_at_the_body_level() -> None:
    sites = [Site("{%p for x in y %}", 2, BODY), Site("{%p endfor %}", 4, BODY)]
    assert level_problems(sites) == []


def test_the_innermost_unclosed_block_is_found() -> None:
    sites = [
        inline("{% for x in y %}", 2, 10),
        inline("{% if x %}", 3, 20),
        inline("{% endif %}", 3, 20),
        inline("{% with a = 1 %}", 4, 30),
    ]
    unclosed = innermost_unclosed(sites)
    assert unclosed is not None and unclosed.text == "{% with a = 1 %}"
    assert innermost_unclosed(sites[1:3]) is None


def test_tags_inside_raw_are_text() -> None:
    sites = [inline("{% raw %}", 2, 10), inline("{% if %}", 2, 10), inline("{% endraw %}", 2, 10)]
    assert innermost_unclosed(sites) is None
