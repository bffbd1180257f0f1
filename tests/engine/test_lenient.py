"""Lenient mode: undefined names print as nothing, as in docxtpl; strict stays the default."""

from __future__ import annotations

import pytest

from docgen.engine import compile_template
from docgen.errors import TemplateError
from tests.engine.conftest import DocxBuilder, TextReader

NAME = "templates/imported.docx"


def p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


BODY = p("致{{ recipient.name }}{{ missing }}：") + p("{% for x in nothing %}{{ x }}{% endfor %}尾")


def test_undefined_names_are_an_error_by_default(docx: DocxBuilder) -> None:
    with pytest.raises(TemplateError, match="模板变量未定义：missing"):
        compile_template(NAME, docx(BODY)).render({"recipient": {"name": "王建国"}})


def test_lenient_mode_prints_undefined_names_as_nothing(
    docx: DocxBuilder, texts: TextReader
) -> None:
    compiled = compile_template(NAME, docx(BODY), lenient=True)
    assert compiled.lenient
    assert texts(compiled.render({"recipient": {}})) == ["致：", "尾"]


def test_a_template_asks_for_lenient_mode_with_a_comment_tag(
    docx: DocxBuilder, texts: TextReader
) -> None:
    marked = "<w:p><w:r><w:t>{# docgen: </w:t></w:r><w:r><w:t>lenient #}</w:t></w:r></w:p>"
    compiled = compile_template(NAME, docx(marked + BODY))
    assert compiled.lenient
    assert texts(compiled.render({"recipient": {}})) == ["", "致：", "尾"]


def test_lenient_mode_still_refuses_what_the_sandbox_refuses(docx: DocxBuilder) -> None:
    blob = docx(p("{{ x.__class__ }}"))
    with pytest.raises(TemplateError, match="不允许的名称"):
        compile_template(NAME, blob, lenient=True)


def test_a_lenient_template_pickles_as_lenient(docx: DocxBuilder) -> None:
    import pickle

    compiled = compile_template(NAME, docx(BODY), lenient=True)
    assert pickle.loads(pickle.dumps(compiled)).lenient
