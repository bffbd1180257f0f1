"""The default Word templates: GB/T 9704 layout, well-formed tags, the context contract, builds.

Opens every template in templates/ with python-docx and checks it with `layout_problems` and
direct assertions; parses each template's tags with Jinja and compares the variables it uses
with docs/templates.md; builds the templates twice and compares the bytes.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import jinja2
import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from jinja2 import meta, nodes

from docgen import layout
from docgen.kinds import KINDS

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "templates"
BUILT = (*KINDS, "archive_catalog")  # every template scripts/build_templates.py builds
CONTRACT = REPO / "docs" / "templates.md"
FILTERS = (
    "cn_date",
    "cn_datetime",
    "cn_amount",
    "yuan",
    "cn_ordinal",
    "mask_name",
    "mask_id",
    "mask_phone",
)
JINJA_GLOBALS = frozenset({"loop", "range", "namespace", "dict", "cycler", "joiner", "lipsum"})
DOCXTPL_TAG = re.compile(r"\{([{%])(p|tr|tc|r) ")


def load_builder() -> ModuleType:
    """scripts/build_templates.py as a module (scripts/ is not a package)."""
    path = REPO / "scripts" / "build_templates.py"
    spec = importlib.util.spec_from_file_location("build_templates", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@cache
def template(kind: str) -> DocumentObject:
    return Document(str(TEMPLATES / f"{kind}.docx"))


def body_paragraphs(document: DocumentObject) -> Iterator[Any]:
    """Every w:p of the body in document order, table cells included."""
    yield from document.element.body.iter(qn("w:p"))


def paragraph_text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def style_of(paragraph: Any) -> str | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else str(style.get(qn("w:val")))


def jinja_source(document: DocumentObject) -> str:
    """The template's text as Jinja: runs joined per paragraph, docxtpl tags made plain Jinja."""
    lines = [paragraph_text(p) for p in body_paragraphs(document)]
    return DOCXTPL_TAG.sub(r"{\1 ", "\n".join(lines))


def jinja_environment() -> jinja2.Environment:
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    environment.filters.update({name: lambda value, *args: value for name in FILTERS})
    return environment


def contract() -> dict[str, set[str]]:
    """The names each kind's template may use, read from docs/templates.md."""
    text = CONTRACT.read_text(encoding="utf-8")
    common_table = text.split("## Names common to every kind", 1)[1].split("##", 1)[0]
    common = set(re.findall(r"^\| `([a-z_]+)` \|", common_table, re.MULTILINE))
    per_kind = text.split("## Per kind", 1)[1]
    names: dict[str, set[str]] = {}
    for row in re.findall(r"^\| `([a-z_]+)` \|(.*)$", per_kind, re.MULTILINE):
        kind, rest = row
        extra_column = rest.rsplit("|", 2)[-2]
        extra = {m for m in re.findall(r"`([a-z_]+)", extra_column)}
        names[kind] = common | extra
    if "`case` is **absent** from `hearing_announcement` and `hearing_result`" in text:
        names["hearing_announcement"].discard("case")
        names["hearing_result"].discard("case")
    return names


# --- layout -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", BUILT)
def test_template_has_no_layout_problems(kind: str) -> None:
    assert layout.layout_problems(template(kind)) == []


@pytest.mark.parametrize("kind", BUILT)
def test_page_is_a4_with_gbt9704_margins_and_a_22_line_grid(kind: str) -> None:
    (section,) = template(kind).sections
    sect_pr = section._sectPr
    size = sect_pr.find(qn("w:pgSz"))
    margins = sect_pr.find(qn("w:pgMar"))
    grid = sect_pr.find(qn("w:docGrid"))
    assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("11906", "16838")
    assert [margins.get(qn(f"w:{side}")) for side in ("top", "bottom", "left", "right")] == [
        "2098",
        "1984",
        "1588",
        "1474",
    ]
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "579")


@pytest.mark.parametrize("kind", KINDS)
def test_odd_and_even_footers_show_the_page_number(kind: str) -> None:
    document = template(kind)
    assert document.settings.odd_and_even_pages_header_footer
    (section,) = document.sections
    for footer, alignment in ((section.footer, "right"), (section.even_page_footer, "left")):
        assert not footer.is_linked_to_previous
        element = footer.part.element
        assert "PAGE" in "".join(t.text for t in element.iter(qn("w:instrText")))
        assert "".join(t.text for t in element.iter(qn("w:t"))) == "— 1 —"
        assert element.find(f".//{qn('w:jc')}").get(qn("w:val")) == alignment
        fonts = {f.get(qn("w:eastAsia")) for f in element.iter(qn("w:rFonts"))}
        sizes = {s.get(qn("w:val")) for s in element.iter(qn("w:sz"))}
        assert (fonts, sizes) == ({"宋体"}, {"28"})


EXPECTED_FONTS = {
    layout.STYLE_TITLE: "方正小标宋简体",
    layout.STYLE_BODY: "仿宋_GB2312",
    layout.STYLE_FLUSH: "仿宋_GB2312",
    layout.STYLE_HEADING1: "黑体",
    layout.STYLE_HEADING2: "楷体_GB2312",
}


@pytest.mark.parametrize("kind", KINDS)
def test_runs_carry_the_official_font_in_all_four_slots(kind: str) -> None:
    seen: set[str] = set()
    for paragraph in body_paragraphs(template(kind)):
        style = style_of(paragraph)
        for run in paragraph.iter(qn("w:r")):
            if not "".join(t.text or "" for t in run.iter(qn("w:t"))):
                continue
            fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            slots = {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")}
            assert len(slots) == 1 and slots <= layout.OFFICIAL_FONTS, (kind, style, slots)
            assert fonts.get(qn("w:hint")) == "eastAsia"
            char_style = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
            if style in EXPECTED_FONTS and char_style is None:
                assert slots == {EXPECTED_FONTS[style]}, (kind, style, paragraph_text(paragraph))
                seen.add(style)
    assert layout.STYLE_TITLE in seen


def test_heading_styles_use_heiti_and_kaiti_and_the_title_xiaobiaosong() -> None:
    styles = template("resolution_plan").styles
    assert styles[layout.STYLE_SPECS[layout.STYLE_TITLE].name].font.size.pt == 22
    for style_id, font in EXPECTED_FONTS.items():
        element = styles[layout.STYLE_SPECS[style_id].name].element
        assert element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:eastAsia")) == font
        assert element.find(f"{qn('w:pPr')}/{qn('w:keepNext')}").get(qn("w:val")) == "0"


@pytest.mark.parametrize("kind", KINDS)
def test_no_theme_fonts_heading_styles_or_text_boxes(kind: str) -> None:
    document = template(kind)
    for part in (document.styles.element, document.element):
        for fonts in part.iter(qn("w:rFonts")):
            assert not [a for a in fonts.attrib if a.endswith(("Theme", "theme"))], kind
    assert not list(document.element.iter(qn("w:txbxContent")))
    assert not [p for p in body_paragraphs(document) if (style_of(p) or "").startswith("Heading")]
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:eastAsia")) == "zh-CN"


def test_normal_style_is_fangsong_16pt_on_exact_579_twip_lines_without_widow_control() -> None:
    normal = template("hearing_notice").styles["Normal"].element
    ppr, rpr = normal.find(qn("w:pPr")), normal.find(qn("w:rPr"))
    assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "32"
    assert rpr.find(qn("w:spacing")).get(qn("w:val")) == "-5"
    spacing = ppr.find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")
    assert ppr.find(qn("w:widowControl")).get(qn("w:val")) == "0"


@pytest.mark.parametrize("kind", KINDS)
def test_tables_have_fixed_widths_filling_the_type_area(kind: str) -> None:
    for table in template(kind).element.body.iter(qn("w:tbl")):
        widths = [int(c.get(qn("w:w"))) for c in table.iter(qn("w:gridCol"))]
        assert sum(widths) == layout.TYPE_AREA_WIDTH == 8844
        assert table.find(f"{qn('w:tblPr')}/{qn('w:tblLayout')}").get(qn("w:type")) == "fixed"


@pytest.mark.parametrize(
    "kind",
    ["hearing_notice", "resolution_plan", "closure_notice", "hearing_announcement"],
)
def test_signature_has_seal_room_and_stays_with_the_last_body_line(kind: str) -> None:
    paragraphs = list(body_paragraphs(template(kind)))
    styles = [style_of(p) for p in paragraphs]
    at = styles.index(layout.STYLE_SIGNATURE)
    assert styles[at + 1] == layout.STYLE_DATE
    assert "cn_date" in paragraph_text(paragraphs[at + 1])
    blanks = paragraphs[at - layout.SEAL_ROOM_LINES : at]
    assert [paragraph_text(p) for p in blanks] == [""] * 3
    last_text = paragraphs[at - layout.SEAL_ROOM_LINES - 1]
    assert paragraph_text(last_text) and style_of(last_text) == layout.STYLE_BODY
    for paragraph in [last_text, *blanks, paragraphs[at]]:
        keep = paragraph.find(f"{qn('w:pPr')}/{qn('w:keepNext')}")
        assert keep is not None and keep.get(qn("w:val")) == "1"


# --- tags and the context contract -----------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_tags_are_well_formed_jinja_using_known_filters(kind: str) -> None:
    jinja_environment().from_string(jinja_source(template(kind)))  # raises on a bad tag


@pytest.mark.parametrize("kind", KINDS)
def test_template_uses_only_the_names_docs_templates_md_gives_its_kind(kind: str) -> None:
    parsed = jinja_environment().parse(jinja_source(template(kind)))
    used = meta.find_undeclared_variables(parsed) - JINJA_GLOBALS
    assert used <= contract()[kind], sorted(used - contract()[kind])


def test_contract_is_read_for_every_kind() -> None:
    names = contract()
    assert set(names) == set(KINDS)
    assert {"office", "doc_number", "issued", "case"} <= names["hearing_notice"]
    assert "case" not in names["hearing_announcement"]
    assert {"public", "hearing"} <= names["hearing_announcement"]


def test_public_announcement_reads_only_public_fields_of_the_hearing() -> None:
    allowed = {
        "hearing": {"basis", "date", "time", "place", "host", "panel"},
        "public": {"title", "petitioners", "category", "requests"},
        "result": {"opinion", "conclusion", "until"},
    }
    for kind in ("hearing_announcement", "hearing_result"):
        parsed = jinja_environment().parse(jinja_source(template(kind)))
        for node in parsed.find_all(nodes.Getattr):
            if isinstance(node.node, nodes.Name) and node.node.name in allowed:
                assert node.attr in allowed[node.node.name], (kind, node.attr)


@pytest.mark.parametrize("kind", KINDS)
def test_docxtpl_structural_tags_stand_alone(kind: str) -> None:
    """A `{%p %}` paragraph or `{%tr %}` row is replaced whole: it must hold nothing else."""
    document = template(kind)
    for paragraph in body_paragraphs(document):
        text = paragraph_text(paragraph)
        if "{%p " in text:
            assert re.fullmatch(r"\{%p [^%]*%\}", text), text
    for row in document.element.body.iter(qn("w:tr")):
        text = "".join(t.text or "" for t in row.iter(qn("w:t")))
        if "{%tr " in text:
            assert re.fullmatch(r"\{%tr [^%]*%\}", text), text


def test_hearing_notice_words_each_recipient_role() -> None:
    source = jinja_source(template("hearing_notice"))
    for role in ("petitioner", "panel"):
        assert f'recipient.role == "{role}"' in source
    for words in (
        "申请回避",
        "1至2名代理人",
        "授权委托书",
        "视为放弃听证",
        "特邀请您担任",
        "保守秘密",
        "请你单位派负责同志准时参加",
        "{{ office.contact.phone }}",
        "{{ doc_number }}",
        "{{ issued|cn_date }}",
    ):
        assert words in source, words


def test_closure_notice_states_the_review_remedy() -> None:
    source = jinja_source(template("closure_notice"))
    assert (
        "如不服本处理意见，可以自收到本告知书之日起30日内向{{ closure.review_body }}请求复查"
        in source
    )


# --- the builder -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    builder = load_builder()
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    for out in (first, second):
        assert builder.main(["--out", str(out)]) == 0
    return first, second


@pytest.mark.parametrize("kind", BUILT)
def test_building_twice_gives_identical_bytes(two_builds: tuple[Path, Path], kind: str) -> None:
    first, second = two_builds
    assert (first / f"{kind}.docx").read_bytes() == (second / f"{kind}.docx").read_bytes()


@pytest.mark.parametrize("kind", BUILT)
def test_committed_template_is_built_from_its_source(
    two_builds: tuple[Path, Path], kind: str
) -> None:
    assert (two_builds[0] / f"{kind}.docx").read_bytes() == (
        TEMPLATES / f"{kind}.docx"
    ).read_bytes(), (
        f"templates/{kind}.docx differs from templates/source/{kind}.txt: "
        "run python scripts/build_templates.py"
    )


def test_layout_problems_names_what_is_wrong_with_a_plain_python_docx_document() -> None:
    problems = "\n".join(layout.layout_problems(Document()))
    for words in (
        "document：第 1 节纸张为 216×279 毫米，应为 A4（210×297 毫米）",
        "文档网格不是“只指定行网格”",
        "未设置“奇偶页不同”",
        "没有带页码的奇数页页脚",
        "使用了主题字体",
        "默认段落样式（Normal）的字号为 11 磅",
        "没有使用标题样式",
    ):
        assert words in problems
