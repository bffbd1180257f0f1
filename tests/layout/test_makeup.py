"""Page make-up set by the template build, read from the templates docgen ships."""

from __future__ import annotations

import re

import pytest
from conftest import REPO
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docxread import open_docx

from docgen.kinds import KINDS
from docgen.layout import run_in_heading

LEVELS = {
    "GwHeading1": re.compile(r"^[一二三四五六七八九十]+、"),
    "GwHeading2": re.compile(r"^（[一二三四五六七八九十]+）"),
}


def _keeps_with_next(paragraph: Paragraph) -> bool:
    found = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}")
    return found is not None and found.get(qn("w:val")) in (None, "1", "true")


def _paragraphs(kind: str) -> list[Paragraph]:
    return list(open_docx(REPO / "templates" / f"{kind}.docx").paragraphs)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_heading_level_has_the_same_face_in_every_kind(kind: str) -> None:
    for paragraph in _paragraphs(kind):
        text = paragraph.text
        for level, mark in LEVELS.items():
            if not mark.match(text):
                continue
            style = paragraph.style.style_id
            first = paragraph.runs[0]._r.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
            run_style = None if first is None else first.get(qn("w:val"))
            assert style == level or run_style == f"{level}Char", (kind, text)


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_heading_alone_on_its_line_is_kept_with_what_follows(kind: str) -> None:
    for paragraph in _paragraphs(kind):
        if paragraph.style.style_id in LEVELS:
            assert _keeps_with_next(paragraph), (kind, paragraph.text)


@pytest.mark.parametrize("kind", ["hearing_notice", "closure_notice"])
def test_one_blank_line_parts_the_doc_number_from_the_addressee(kind: str) -> None:
    paragraphs = _paragraphs(kind)
    number = next(i for i, p in enumerate(paragraphs) if p.style.style_id == "GwDocNumber")
    assert paragraphs[number + 1].text == ""
    assert paragraphs[number + 2].style.style_id == "GwFlush"


@pytest.mark.parametrize("kind", ["hearing_notice", "closure_notice", "hearing_announcement"])
def test_the_closing_and_the_paragraph_before_it_stay_with_the_signature(kind: str) -> None:
    paragraphs = [p for p in _paragraphs(kind) if not p.text.startswith("{%p")]
    sign = next(i for i, p in enumerate(paragraphs) if p.style.style_id == "GwSignature")
    body = [p for p in paragraphs[:sign] if p.text.strip()]
    assert re.match(r"^特此\w{2}。$", body[-1].text)
    assert all(_keeps_with_next(p) for p in (body[-2], body[-1]))
    assert all(_keeps_with_next(p) for p in paragraphs[sign - 3 : sign + 1])


def test_every_branch_that_may_precede_the_closing_is_kept_with_it() -> None:
    """The end of each recipient branch, and the optional 联系人 line, may precede 特此通知."""
    paragraphs = _paragraphs("hearing_notice")
    opening = next(i for i, p in enumerate(paragraphs) if p.text.startswith("{%p if recipient"))
    assert not _keeps_with_next(paragraphs[opening + 1])  # the start of a branch moves freely
    ends = [
        paragraphs[i - 1]
        for i in range(opening + 1, len(paragraphs))
        if paragraphs[i].text.startswith(("{%p elif", "{%p else", "{%p endif"))
    ]
    assert len(ends) >= 4  # three recipient branches and the 联系人 line
    assert all(_keeps_with_next(p) for p in ends), [p.text[:12] for p in ends]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("一、听证时间：{{ x }}。", ("GwHeading1Char", "一、听证时间：", "{{ x }}。")),
        ("（二）委托代理人。你可以", ("GwHeading2Char", "（二）委托代理人。", "你可以")),
        ("十一、" + "长" * 30, ("GwHeading1Char", "十一、", "长" * 30)),
        ("1.救助金：", None),
        ("（1）救助金：", None),
        ("根据一、二两项", None),
    ],
)
def test_a_run_in_heading_is_found_at_the_start_of_a_paragraph(
    text: str, found: tuple[str, str, str] | None
) -> None:
    assert run_in_heading(text) == found
