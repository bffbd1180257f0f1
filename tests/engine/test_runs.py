"""Tests of docgen/engine/runs.py: tags split across runs are merged on the element tree."""

from __future__ import annotations

import pytest
from lxml import etree

from docgen.engine.runs import merge_paragraph, merge_split_tags

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'


def merged(xml: str) -> str:
    """The paragraph `xml` (without namespace declaration) after merging, without namespaces."""
    paragraph = etree.fromstring(xml.replace("<w:p>", f"<w:p {NS}>", 1))
    merge_paragraph(paragraph)
    return etree.tostring(paragraph, encoding="unicode").replace(f" {NS}", "")


def r(text: str, props: str = "") -> str:
    """A run with `text` and optional run properties XML."""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}<w:t>{text}</w:t></w:r>"


def t(text: str) -> str:
    """What a merged run's text element looks like."""
    return f'<w:t xml:space="preserve">{text}</w:t>'


def test_it_leaves_a_paragraph_without_split_tags_as_it_is() -> None:
    xml = f"<w:p>{r('hello')}{r('{ not a tag }')}</w:p>"
    assert merged(xml) == xml


def test_it_marks_a_whole_tag_preserved_but_moves_nothing() -> None:
    assert (
        merged(f"<w:p>{r('致 {{ name }}：')}</w:p>")
        == f"<w:p><w:r>{t('致 {{ name }}：')}</w:r></w:p>"
    )


def test_it_moves_a_split_tag_into_the_run_where_it_starts() -> None:
    xml = f"<w:p>{r('致 {{ peti')}{r('tioner.na')}{r('me }}：')}</w:p>"
    assert (
        merged(xml) == f"<w:p><w:r>{t('致 {{ petitioner.name }}')}</w:r><w:r>{t('：')}</w:r></w:p>"
    )


def test_it_keeps_the_formatting_of_the_run_where_the_tag_starts() -> None:
    xml = f"<w:p>{r('{{ hearing.', '<w:b/>')}{r('place', '<w:i/>')}{r(' }}')}</w:p>"
    assert merged(xml) == f"<w:p><w:r><w:rPr><w:b/></w:rPr>{t('{{ hearing.place }}')}</w:r></w:p>"


def test_it_joins_braces_split_between_runs() -> None:
    xml = f"<w:p>{r('{')}{r('{ name }')}{r('}')}</w:p>"
    assert merged(xml) == f"<w:p><w:r>{t('{{ name }}')}</w:r></w:p>"


def test_it_drops_proof_marks_inside_the_tag() -> None:
    xml = (
        f'<w:p>{r("{{ recipient.")}<w:proofErr w:type="spellStart"/>{r("nmae")}'
        f'<w:proofErr w:type="spellEnd"/>{r(" }}")}</w:p>'
    )
    assert merged(xml) == f"<w:p><w:r>{t('{{ recipient.nmae }}')}</w:r></w:p>"


def test_it_keeps_bookmarks_between_the_pieces_of_a_tag() -> None:
    xml = (
        f'<w:p>{r("{{ na")}<w:bookmarkStart w:id="0" w:name="_GoBack"/>{r("me }} 先生")}'
        '<w:bookmarkEnd w:id="0"/></w:p>'
    )
    assert merged(xml) == (
        f'<w:p><w:r>{t("{{ name }}")}</w:r><w:bookmarkStart w:id="0" w:name="_GoBack"/>'
        f'<w:r>{t(" 先生")}</w:r><w:bookmarkEnd w:id="0"/></w:p>'
    )


def test_it_empties_a_tracked_insertion_inside_the_tag_and_removes_it() -> None:
    xml = f'<w:p>{r("{{ na")}<w:ins w:id="1" w:author="x">{r("m")}</w:ins>{r("e }}")}</w:p>'
    assert merged(xml) == f"<w:p><w:r>{t('{{ name }}')}</w:r></w:p>"


def test_it_ignores_deleted_text_and_keeps_the_deletion() -> None:
    deleted = '<w:del w:id="2" w:author="x"><w:r><w:delText>xx</w:delText></w:r></w:del>'
    xml = f"<w:p>{r('{{ na')}{deleted}{r('me }}')}</w:p>"
    assert merged(xml) == f"<w:p><w:r>{t('{{ name }}')}</w:r>{deleted}</w:p>"


def test_it_ignores_text_moved_away() -> None:
    moved = '<w:moveFrom w:id="3" w:author="x"><w:r><w:t>old</w:t></w:r></w:moveFrom>'
    xml = f"<w:p>{r('{{ na')}{moved}{r('me }}')}</w:p>"
    assert merged(xml) == f"<w:p><w:r>{t('{{ name }}')}</w:r>{moved}</w:p>"


def test_it_removes_a_run_left_with_only_a_soft_hyphen() -> None:
    xml = f"<w:p>{r('{{ peti')}<w:r><w:softHyphen/><w:t>tio</w:t></w:r>{r('ner }}')}</w:p>"
    assert merged(xml) == f"<w:p><w:r>{t('{{ petitioner }}')}</w:r></w:p>"


def test_it_keeps_a_run_that_still_holds_a_tab() -> None:
    xml = "<w:p>" + r("{{ na") + "<w:r><w:t>me }}</w:t><w:tab/></w:r></w:p>"
    assert merged(xml) == f"<w:p><w:r>{t('{{ name }}')}</w:r><w:r><w:tab/></w:r></w:p>"


def test_it_merges_statements_and_comments_too() -> None:
    xml = f"<w:p>{r('{%p if sho')}{r('wn %}')}{r('{# no')}{r('te #}')}</w:p>"
    assert (
        merged(xml) == f"<w:p><w:r>{t('{%p if shown %}')}</w:r><w:r>{t('{# note #}')}</w:r></w:p>"
    )


def test_it_merges_several_tags_of_one_paragraph_independently() -> None:
    xml = f"<w:p>{r('{{ a')}{r(' }}和{{ b')}{r(' }}。')}</w:p>"
    assert merged(xml) == (
        f"<w:p><w:r>{t('{{ a }}')}</w:r><w:r>{t('和{{ b }}')}</w:r><w:r>{t('。')}</w:r></w:p>"
    )


def test_it_moves_text_across_hyperlinks_and_removes_the_emptied_link() -> None:
    xml = f'<w:p>{r("{{ na")}<w:hyperlink w:anchor="x">{r("me }}")}</w:hyperlink></w:p>'
    assert merged(xml) == f"<w:p><w:r>{t('{{ name }}')}</w:r></w:p>"


def test_it_leaves_an_unclosed_tag_for_jinja_to_report() -> None:
    xml = f"<w:p>{r('{{ name')}{r(' and more')}</w:p>"
    assert merged(xml) == xml


def test_it_never_merges_across_paragraphs_of_a_textbox() -> None:
    textbox = f"<w:txbxContent><w:p>{r('me }}')}</w:p></w:txbxContent>"
    root = etree.fromstring(
        f"<w:body {NS}><w:p>{r('{{ na')}<w:r><w:pict>{textbox}</w:pict></w:r></w:p></w:body>"
    )
    merge_split_tags(root)
    texts = [e.text for e in root.iter(f"{{{W_NS}}}t")]
    assert texts == ["{{ na", "me }}"]


@pytest.mark.parametrize(
    "pieces",
    [
        ["{{ petitioner.name }}"],
        ["{{", " petitioner.name }}"],
        ["{{ petitioner", ".", "name }", "}"],
        ["{", "{ petitioner.name }}"],
        ["前文{{ petit", "ioner.name }}后文"],
    ],
)
def test_it_gives_the_same_text_however_the_tag_was_split(pieces: list[str]) -> None:
    paragraph = etree.fromstring(f"<w:p {NS}>{''.join(r(p) for p in pieces)}</w:p>")
    merge_paragraph(paragraph)
    texts = [e.text for e in paragraph.iter(f"{{{W_NS}}}t")]
    assert sum("{{ petitioner.name }}" in text for text in texts) == 1
    assert "".join(texts) == "".join(pieces)
