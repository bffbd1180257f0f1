"""Fixtures of the engine tests: small .docx packages built from XML one-liners, and their text."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TESTDATA = Path(__file__).parent / "testdata"

DocxBuilder = Callable[..., bytes]
TextReader = Callable[..., list[str]]

_PART_TYPES = {
    "header": ("header", "wordprocessingml.header+xml", "hdr"),
    "footer": ("footer", "wordprocessingml.footer+xml", "ftr"),
    "footnotes": ("footnotes", "wordprocessingml.footnotes+xml", "footnotes"),
    "endnotes": ("endnotes", "wordprocessingml.endnotes+xml", "endnotes"),
}


def build_docx(
    body: str,
    *,
    header: str | None = None,
    footer: str | None = None,
    footnotes: str | None = None,
    endnotes: str | None = None,
    title: str = "",
    subject: str = "",
) -> bytes:
    """A minimal .docx whose body (and optional parts) hold the given WordprocessingML.

    `footnotes`/`endnotes` are the content of one `w:footnote`/`w:endnote` with id 1.
    """
    extra = {"header": header, "footer": footer, "footnotes": footnotes, "endnotes": endnotes}
    overrides, rels, references = [], [], []
    parts: dict[str, str] = {}
    for kind, content in extra.items():
        if content is None:
            continue
        rel_type, content_type, root = _PART_TYPES[kind]
        name = f"{kind}1.xml" if kind in ("header", "footer") else f"{kind}.xml"
        overrides.append(
            f'<Override PartName="/word/{name}" ContentType="application/vnd.openxmlformats-'
            f'officedocument.{content_type}"/>'
        )
        rels.append(f'<Relationship Id="rId{kind}" Type="{REL}/{rel_type}" Target="{name}"/>')
        if kind in ("header", "footer"):
            references.append(f'<w:{kind}Reference w:type="default" r:id="rId{kind}"/>')
            parts[name] = f"<w:{root} {NAMESPACES}>{content}</w:{root}>"
        else:
            note = kind[:-1]  # footnote, endnote
            parts[name] = (
                f'<w:{root} {NAMESPACES}><w:{note} w:id="1">{content}</w:{note}></w:{root}>'
            )
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    files = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.'
            'openxmlformats-package.core-properties+xml"/>' + "".join(overrides) + "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
            'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            "</Relationships>"
        ),
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject>"
            "</cp:coreProperties>"
        ),
        "word/document.xml": (
            f"<w:document {NAMESPACES}><w:body>{body}"
            f"<w:sectPr>{''.join(references)}</w:sectPr></w:body></w:document>"
        ),
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels)
            + "</Relationships>"
        ),
        **{f"word/{name}": xml for name, xml in parts.items()},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in files.items():
            archive.writestr(name, declaration + xml)
    return out.getvalue()


def paragraph_texts(docx: bytes, member: str = "word/document.xml") -> list[str]:
    """The text of every paragraph of `member`: w:t text, w:br as "\\n", w:tab as "\\t"."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = etree.fromstring(archive.read(member))
    shown = {W + "br": "\n", W + "tab": "\t"}
    return [
        "".join(shown.get(e.tag, e.text or "") for e in p.iter(W + "t", W + "br", W + "tab"))
        for p in root.iter(W + "p")
    ]


@pytest.fixture
def docx() -> DocxBuilder:
    """`docx(body_xml, header=…, footer=…, footnotes=…, endnotes=…, title=…)` → .docx bytes."""
    return build_docx


@pytest.fixture
def texts() -> TextReader:
    """`texts(docx_bytes, member="word/document.xml")` → the text of each paragraph."""
    return paragraph_texts
