"""Images: PNG and JPEG values printed as inline pictures, with their media part, checked first."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import docx as python_docx
import pytest
from docx.shared import Mm

from docgen.engine import Image, compile_template
from docgen.errors import TemplateError
from tests.engine.conftest import DocxBuilder

NAME = "templates/with_map.docx"


def png(width: int, height: int) -> bytes:
    """A real grey PNG of `width` × `height` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def jpeg(width: int, height: int) -> bytes:
    """The start of a baseline JPEG: enough for its size to be read."""
    frame = struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + b"\xff\xc0" + struct.pack(">H", len(frame) + 2) + frame + b"\xff\xd9"


def p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def test_images_print_as_inline_pictures_sized_in_mm(docx: DocxBuilder) -> None:
    blob = docx(p("二维码：{{ qr }}。") + p("{{p map }}") + p("{{ qr }}"), footer=p("{{ qr }}"))
    context = {
        "qr": Image(png(40, 40), width_mm=20, description="扫码查询"),
        "map": Image(jpeg(400, 300), width_mm=120),
    }
    out = compile_template(NAME, blob).render(context)
    document = python_docx.Document(io.BytesIO(out))
    shapes = document.inline_shapes
    assert [(round(s.width.mm), round(s.height.mm)) for s in shapes] == [
        (20, 20),
        (120, 90),
        (20, 20),
    ]
    assert document.paragraphs[0].text == "二维码：。"
    with zipfile.ZipFile(io.BytesIO(out)) as archive:
        names = archive.namelist()
        assert archive.read("word/media/docgen-image1.png") == context["qr"].data  # type: ignore[union-attr]
        assert "word/media/docgen-image2.jpeg" in names
        assert b'Extension="jpeg"' in archive.read("[Content_Types].xml")
        assert b"docgen-image1.png" in archive.read("word/_rels/footer1.xml.rels")
    assert compile_template(NAME, blob).render(context) == out  # deterministic


@pytest.mark.parametrize(
    ("image", "words"),
    [
        (Image(b"<svg/>", width_mm=20), "图片不是有效的 PNG 或 JPEG 文件"),
        (Image(png(4, 4), width_mm=0), "图片宽度应为 0 到 210 毫米"),
        (Image(png(4, 400), width_mm=100), "图片按比例高 10000 毫米"),
        (Image(png(20_000, 2), width_mm=10), "图片尺寸 20000×2 像素超出范围"),
    ],
)
def test_a_bad_image_is_a_located_error(docx: DocxBuilder, image: Image, words: str) -> None:
    compiled = compile_template(NAME, docx(p("正文") + p("{{ picture }}")))
    with pytest.raises(TemplateError) as raised:
        compiled.render({"picture": image})
    assert words in str(raised.value)
    assert str(raised.value).startswith(f"{NAME}:2: document:")


def test_python_docx_reads_the_picture_back(docx: DocxBuilder) -> None:
    out = compile_template(NAME, docx(p("{{r map }}"))).render(
        {"map": Image(png(30, 10), width_mm=60, height_mm=15)}
    )
    shape = python_docx.Document(io.BytesIO(out)).inline_shapes[0]
    assert (shape.width, shape.height) == (Mm(60), Mm(15))
    rid = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    part = python_docx.Document(io.BytesIO(out)).part.related_parts[rid]
    assert part.blob.startswith(b"\x89PNG")


def test_libreoffice_reads_pictures_rich_text_and_merged_cells(
    docx: DocxBuilder, tmp_path: Path
) -> None:
    from docgen.engine import RichText, Span
    from tests.libreoffice import convert

    cells = (
        '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>'
        "<w:tr><w:tc><w:tcPr/>"
        + p("{%tc for x in xs %}")
        + "</w:tc><w:tc><w:tcPr/>"
        + p("{% hm %}合并")
        + "</w:tc><w:tc><w:tcPr/>"
        + p("{%tc endfor %}")
        + "</w:tc></w:tr>"
        "</w:tbl>"
    )
    blob = docx(p("{{r verdict }}") + p("{{ map }}") + cells)
    context = {
        "verdict": RichText.of("经核查，", Span("不予受理", bold=True, colour="C00000")),
        "map": Image(png(40, 20), width_mm=80),
        "xs": [1, 2],
    }
    source = tmp_path / "rendered.docx"
    source.write_bytes(compile_template(NAME, blob).render(context))
    resaved = python_docx.Document(str(convert(source, tmp_path / "out", "docx:MS Word 2007 XML")))
    assert resaved.paragraphs[0].text == "经核查，不予受理"
    assert [r.bold for r in resaved.paragraphs[0].runs if r.text == "不予受理"] == [True]
    assert [round(s.width.mm) for s in resaved.inline_shapes] == [80]
    assert resaved.tables[0].rows[0].cells[0].text == "合并"
