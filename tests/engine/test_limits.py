"""A template past a resource limit fails fast with a located error; it never hangs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from docgen.engine import limits
from docgen.errors import Location
from tests.engine.conftest import DocxBuilder
from tests.engine.test_compiled import NAME, p, render, render_error

BOUND = 10.0  # seconds: a regression fails the test instead of hanging CI; the target is < 2 s


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("{{ 'x' * 10**10 }}", "生成的文字或列表过长（10,000,000,000 个，最多 1,000,000 个）"),
        ("{{ [0] * 10**9 }}", "生成的文字或列表过长（1,000,000,000 个，最多 1,000,000 个）"),
        ("{{ 7 ** 10000000000 }}", "乘方的结果过大（7 ** 10000000000）"),
        (
            "{% for i in range(10**8) %}{% endfor %}",
            "range() 的范围过大（100,000,000 项，最多 100,000 项）",
        ),
        (
            "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}",
            "模板中的循环次数超过 100,000 次，已停止",
        ),
        (
            "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
            "{% endfor %}",
            "生成的文字或列表过长（1,048,576 个，最多 1,000,000 个）",
        ),
        (
            "{{ 'x'|center(10**10) }}",
            "生成的文字或列表过长（10,000,000,000 个，最多 1,000,000 个）",
        ),
        ("{{ 'x'.ljust(10**10) }}", "生成的文字或列表过长（10,000,000,000 个，最多 1,000,000 个）"),
    ],
)
def test_a_tag_past_a_limit_fails_fast_at_its_paragraph(
    docx: DocxBuilder, tag: str, message: str
) -> None:
    started = time.monotonic()
    error = render_error(docx(p("正文") + p(tag)), {})
    assert time.monotonic() - started < BOUND
    assert error.location == Location(Path(NAME), line=2, field="document")
    assert error.message == f"{message}（标签 {tag.replace('%}{', '%} {')}）"
    assert error.hint == limits.HINT


def test_a_document_that_renders_too_long_is_stopped(
    docx: DocxBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "SECONDS", 0.0)
    error = render_error(docx(p("{{ name }}")), {"name": "王"})
    assert error.message == "模板渲染超过 0 秒，已停止（标签 {{ name }}）"


def test_the_budget_is_per_document(docx: DocxBuilder) -> None:
    loop = "{% for i in range(10000) %}{% endfor %}"
    compiled = docx(p(loop * 6))  # 60,000 iterations: within one document's budget
    for _ in range(2):
        render(compiled, {})
