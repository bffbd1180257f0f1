"""Tests of docgen/engine/environment.py: values become escaped `w:t` content."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import jinja2
import pytest
from jinja2 import meta, nodes
from lxml import etree
from markupsafe import Markup

from docgen.engine.environment import (
    LENIENT_WORD,
    TEXT,
    WORD,
    WordXml,
    compile_tree,
    descendants,
    paragraph_lines,
    plain_text,
    word_text,
)
from docgen.engine.limits import MAX_SIZE, LimitError
from docgen.engine.package import XML_PARSER, read_package, templated_members
from docgen.engine.source import prepare_text, prepare_word
from tests.conftest import REPO

REOPEN = '</w:t>{}<w:t xml:space="preserve">'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("王建国", "王建国"),
        ("A & B <c> \"d\" 'e'", "A &amp; B &lt;c&gt; &#34;d&#34; &#39;e&#39;"),
        ("{{ x }}", "{{ x }}"),
        ("一\n二", "一" + REOPEN.format("<w:br/>") + "二"),
        ("一\r\n二\r三", "一" + REOPEN.format("<w:br/>") + "二" + REOPEN.format("<w:br/>") + "三"),
        ("甲\t乙", "甲" + REOPEN.format("<w:tab/>") + "乙"),
        ("前\f后", "前" + REOPEN.format('<w:br w:type="page"/>') + "后"),
        ("a\x00b\x08c\x0bd\x1fe\ufffef\ud800g", "abcdefg"),
        ("𠮷", "𠮷"),
        (None, ""),
        (12000, "12000"),
        (Decimal("0.50"), "0.50"),
        (dt.date(2020, 6, 12), "2020-06-12"),
        (WordXml("<w:br/>"), "<w:br/>"),
        (Markup("A &amp; B\n&lt;c&gt;"), "A &amp; B" + REOPEN.format("<w:br/>") + "&lt;c&gt;"),
    ],
)
def test_word_text_escapes_values_and_breaks_lines(value: object, expected: str) -> None:
    assert word_text(value) == Markup(expected)


def test_only_word_xml_is_written_as_xml() -> None:
    assert word_text(Markup("<w:br/>")) == Markup("<w:br/>")  # escaped text as it is
    assert WORD.from_string("{{ x|e }}").render(x="a & b") == "a &amp; b"
    assert WORD.from_string("{{ x is word_xml }}").render(x=WordXml("<w:br/>")) == "True"
    assert WORD.from_string("{{ x is word_xml }}").render(x=Markup("<w:br/>")) == "False"


def test_plain_text_keeps_newlines_and_drops_page_breaks() -> None:
    assert plain_text("标题\n<副>\f") == Markup("标题\n&lt;副&gt;")
    assert plain_text(Markup("A &amp; B\f")) == Markup("A &amp; B")
    assert plain_text(WordXml("<w:r><w:t>甲 &amp; 乙</w:t></w:r>")) == Markup("甲 &amp; 乙")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("一\n二\r\n三\r四", ["一", "二", "三", "四"]),
        ("一\n", ["一"]),
        ("一\n\n", ["一", ""]),
        ("", [""]),
        (None, [""]),
        (12, ["12"]),
        ("甲\t乙\f丙", ["甲\t乙\f丙"]),
        (Markup("&lt;一&gt;\n二"), [Markup("&lt;一&gt;"), Markup("二")]),
        (
            Markup("一</w:t></w:r></w:p>\n<w:p><w:r><w:t>二"),
            [Markup("一</w:t></w:r></w:p>\n<w:p><w:r><w:t>二")],
        ),
    ],
)
def test_paragraph_lines(value: object, expected: list[object]) -> None:
    lines = paragraph_lines(value)
    assert lines == expected
    assert [type(line) for line in lines] == [type(line) for line in expected]


@pytest.mark.parametrize("value", ["A & <b>\n", "A & <b>\n" * 100])
def test_printed_text_is_escaped_every_time_even_without_autoescape(value: str) -> None:
    expected = str(word_text(value))
    template = WORD.from_string("{{ v }}|{% autoescape false %}{{ v }}{% endautoescape %}|{{ v }}")
    assert template.render(v=value) == "|".join([expected] * 3)


def test_a_printed_text_past_the_size_limit_is_refused_every_time() -> None:
    template = WORD.from_string("{{ v }}")
    for _ in range(2):
        with pytest.raises(LimitError, match="生成的文字或列表过长"):
            template.render(v="x" * (MAX_SIZE + 1))


def test_a_loop_offers_its_values() -> None:
    tag = "{{ loop.index }}{{ loop.revindex }}{{ loop.first }}{{ loop.last }}{{ loop.depth0 }}"
    template = WORD.from_string("{% for c in 'ab' %}" + tag + "{{ loop.length }},{% endfor %}")
    assert template.render() == "12TrueFalse02,21FalseTrue02,"
    with pytest.raises(jinja2.UndefinedError):  # the item after the last one
        WORD.from_string("{% for c in 'ab' %}{{ loop.nextitem }}{% endfor %}").render()


def test_undefined_values_raise() -> None:
    with pytest.raises(jinja2.UndefinedError, match="'nmae' is undefined"):
        WORD.from_string("{{ nmae }}").render()


def test_filters_report_an_undefined_argument_as_undefined() -> None:
    with pytest.raises(jinja2.UndefinedError, match="'time' is undefined"):
        WORD.from_string("{{ day|cn_datetime(time) }}").render(day="2020-06-12")


@pytest.mark.parametrize("name", ["safe", "urlize", "xmlattr"])
def test_filters_that_write_html_are_not_offered(name: str) -> None:
    assert name not in WORD.filters
    assert name not in TEXT.filters


def test_both_environments_have_the_docgen_filters() -> None:
    assert WORD.from_string("{{ 12000|cn_amount }}").render() == "人民币壹万贰仟元整"
    assert TEXT.from_string("{{ '2020-06-12'|cn_date }}").render() == "2020年6月12日"


NAMED = [
    "{{ case.id }} {{ x|default(y) }} {{ range(3)|join }} {{ dict(a=b) }}",
    "{% set total = a + 1 %}{{ total }}{% set box = namespace(n=0) %}{{ box.n }}",
    "{% for item in items %}{{ loop.index }}{{ item.name }}{{ outer }}{% else %}{{ none_left }}"
    "{% endfor %}{{ item }}",
    "{% for k, v in pairs if v > limit %}{{ k }}{% endfor %}",
    "{% with v = (value) %}{% if v is word_xml %}{{ v }}{% elif w %}{{ w }}{% endif %}"
    "{% endwith %}{{ v }}",
    "{% macro row(cell, width=default_width) %}{{ cell }}{{ width }}{{ caller() }}{% endmacro %}"
    "{% call row(first) %}{{ inside }}{% endcall %}",
    "{% filter upper %}{{ shouted }}{% endfilter %}"
    "{% set block %}{{ kept }}{% endset %}{{ block }}",
    "{% if a %}{% set b = 1 %}{% endif %}{{ b }}",
    "{{ _docgen_lines(x) }}{{ cycler }}",
]


@pytest.mark.parametrize("source", NAMED)
def test_compile_tree_names_what_find_undeclared_variables_finds(source: str) -> None:
    assert compile_tree(WORD, WORD.parse(source), "t", "t") == (
        WORD.compile(WORD.parse(source), "t", "t"),
        meta.find_undeclared_variables(WORD.parse(source)),
    )


@pytest.mark.parametrize("source", NAMED)
def test_descendants_are_the_nodes_find_all_finds_in_its_order(source: str) -> None:
    tree = WORD.parse(source)
    assert descendants(tree) == list(tree.find_all(nodes.Node))


def test_compile_tree_refuses_an_unknown_filter_as_compile_does() -> None:
    with pytest.raises(jinja2.TemplateSyntaxError, match="No filter named 'nope'") as raised:
        compile_tree(LENIENT_WORD, LENIENT_WORD.parse("\n{{ x|nope }}"), "t", "t")
    assert raised.value.lineno == 2


def test_compile_tree_gives_the_code_and_names_of_every_built_in_template_part() -> None:
    """Each part's code and names equal what Jinja's own compile and meta give."""
    compared = 0
    for path in sorted((REPO / "templates").glob("*.docx")):
        package = read_package(path.name, path.read_bytes())
        for member, word in templated_members(package):
            root = etree.fromstring(package.content(member) or b"<empty/>", XML_PARSER)
            source = (prepare_word(root) if word else prepare_text(root)).source
            environment = WORD if word else TEXT
            got = compile_tree(environment, environment.parse(source), member, path.name)
            code = environment.compile(environment.parse(source), member, path.name)
            assert got == (code, meta.find_undeclared_variables(environment.parse(source)))
            compared += 1
    assert compared >= 24
