"""Templates run in the sandbox: a tag reaching for Python's internals is named, never run."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.engine import check_template
from docgen.errors import Location
from tests.engine.conftest import DocxBuilder, TextReader
from tests.engine.test_compiled import NAME, compile_error, p, render, render_error

ATTACKS = [
    (
        "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
        "“cycler”、“__init__”、“__globals__”",
    ),
    ("{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}", "“lipsum”、“__globals__”"),
    (
        "{{ ''.__class__.__mro__[1].__subclasses__()[0]('touch MARKER', shell=True) }}",
        "“__class__”、“__mro__”、“__subclasses__”",
    ),
    (
        "{{ joiner.__init__.__globals__.os.system('touch MARKER') }}",
        "“joiner”、“__init__”、“__globals__”",
    ),
    ("{{ namespace|attr('__init__') }}", "“__init__”"),
    ("{{ (1).real['__class__'].mro() }}", "“__class__”、“mro”"),
]


@pytest.mark.parametrize(("tag", "name"), ATTACKS)
def test_a_tag_reaching_for_internals_is_named_and_never_run(
    docx: DocxBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tag: str, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    attack = tag.replace("MARKER", str(tmp_path / "marker"))
    blob = docx(p("正文") + p(attack))
    [problem] = check_template(NAME, blob)
    assert problem.location == Location(Path(NAME), line=2, field="document")
    assert problem.message == f"模板标签使用了不允许的名称{name}（标签 {attack}）"
    assert "不能访问程序内部" in problem.hint
    assert compile_error(blob).message == problem.message
    assert not (tmp_path / "marker").exists()


def test_the_sandbox_refuses_an_internal_reached_through_data(docx: DocxBuilder) -> None:
    error = render_error(docx(p("{{ value[key] }}")), {"value": "", "key": "__class__"})
    assert error.location == Location(Path(NAME), line=1, field="document")
    assert error.message.startswith("模板标签访问了不允许的内容（access to attribute '__class__'")


def test_a_method_that_changes_data_is_refused(docx: DocxBuilder) -> None:
    error = render_error(docx(p("{{ items.append(1) }}")), {"items": []})
    assert error.message.startswith("模板标签访问了不允许的内容（access to attribute 'append'")


def test_a_dict_method_is_refused_before_an_item_of_its_name(docx: DocxBuilder) -> None:
    error = render_error(
        docx(p("{{ data.name }}{{ data.pop }}")), {"data": {"name": "", "pop": ""}}
    )
    assert error.message.startswith(
        "模板标签访问了不允许的内容（access to attribute 'pop' of 'dict'"
    )


def test_range_dict_and_namespace_remain_for_templates(
    docx: DocxBuilder, texts: TextReader
) -> None:
    tag = "{% set ns = namespace(n=0) %}{% for i in range(4) %}{% set ns.n = ns.n + i %}"
    assert texts(render(docx(p(tag + "{% endfor %}{{ ns.n }}-{{ dict(a=1).a }}")), {})) == ["6-1"]
