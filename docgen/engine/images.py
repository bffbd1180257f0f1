"""Pictures as values: an `Image` (PNG or JPEG, sized in mm) printed by a tag as an inline picture.

The few documents that need one (a QR code, a map of the land in dispute) give the context an
`Image`; any tag that prints it (`{{ map }}`, `{{r map }}`, `{{p map }}`) writes an inline
drawing in its run, and the rendered package gets the picture as a new media part with its
relationship and content type. The bytes are checked first: a real PNG or JPEG header with its
pixel size, and limits on file size, pixels and printed size.
"""

from __future__ import annotations

import hashlib
import posixpath
import struct
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Final

from lxml import etree
from markupsafe import escape

from docgen.engine.filters import FilterError

MAX_BYTES: Final = 10 * 1024 * 1024
MAX_PIXELS: Final = 12_000  # per side
MAX_WIDTH_MM: Final = 210.0
MAX_HEIGHT_MM: Final = 297.0
_EMU_PER_MM: Final = 36_000
_PNG: Final = b"\x89PNG\r\n\x1a\n"
_RELS_NS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS: Final = "http://schemas.openxmlformats.org/package/2006/content-types"
_IMAGE_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_CONTENT_TYPES: Final = {"png": "image/png", "jpeg": "image/jpeg"}
_FIRST_ID: Final = 880_000  # wp:docPr ids above those Word gives the template's own shapes


@dataclass(frozen=True)
class Image:
    """A PNG or JPEG picture, printed `width_mm` wide (and `height_mm` high, or in proportion)."""

    data: bytes = field(repr=False)
    width_mm: float
    height_mm: float | None = None
    description: str = ""  # alternative text, read aloud by screen readers

    def __str__(self) -> str:
        return self.description


@dataclass
class _Placed:
    member: str  # "word/media/docgen-image1.png"
    data: bytes
    kind: str


@dataclass
class ImageSink:
    """The pictures one rendering placed, by part, to be added to the package afterwards."""

    part: str = ""  # the member being rendered, "word/document.xml"
    media: dict[str, _Placed] = field(default_factory=dict)  # sha256 -> media member
    relations: dict[str, dict[str, str]] = field(default_factory=dict)  # part -> rId -> member
    count: int = 0

    def place(self, image: Image) -> str:
        """The `w:drawing` of `image` in the current part (checked, sized, related)."""
        kind, pixels_wide, pixels_high = image_kind(image.data)
        width, height = _size(image, pixels_wide, pixels_high)
        digest = hashlib.sha256(image.data).hexdigest()
        if digest not in self.media:
            name = f"word/media/docgen-image{len(self.media) + 1}.{kind}"
            self.media[digest] = _Placed(name, image.data, kind)
        member = self.media[digest].member
        relations = self.relations.setdefault(self.part, {})
        rid = next((r for r, m in relations.items() if m == member), None)
        if rid is None:
            rid = f"rIdDocgenImage{len(relations) + 1}"
            relations[rid] = member
        self.count += 1
        return _drawing(rid, width, height, _FIRST_ID + self.count, image.description)

    def additions(
        self, content: Callable[[str], bytes | None]
    ) -> tuple[dict[str, bytes], list[tuple[str, bytes]]]:
        """(members replaced, members added) that carry the placed pictures into the package:
        the media, each part's relationships, and the content types."""
        replaced: dict[str, bytes] = {}
        added = [(placed.member, placed.data) for placed in self.media.values()]
        for part, relations in self.relations.items():
            folder, base = posixpath.split(part)
            rels = f"{folder}/_rels/{base}.rels"
            old = content(rels)
            new = _with_relationships(old, relations, folder)
            if old is None:
                added.append((rels, new))
            else:
                replaced[rels] = new
        kinds = sorted({placed.kind for placed in self.media.values()})
        types = content("[Content_Types].xml")
        if types is not None:
            replaced["[Content_Types].xml"] = _with_defaults(types, kinds)
        return replaced, added


_SINK: ContextVar[ImageSink | None] = ContextVar("docgen_image_sink", default=None)


@contextmanager
def collecting() -> Iterator[ImageSink]:
    """Collect the pictures placed while rendering one document."""
    sink = ImageSink()
    token = _SINK.set(sink)
    try:
        yield sink
    finally:
        _SINK.reset(token)


def place(image: Image) -> str:
    """`image` as a `w:drawing`, recorded for the document being rendered.

    Raises:
        FilterError: not a PNG or JPEG, or past a limit, or not rendered by a compiled template.
    """
    sink = _SINK.get()
    if sink is None:
        raise FilterError("图片只能在生成文书时输出")
    return sink.place(image)


def image_kind(data: bytes) -> tuple[str, int, int]:
    """("png" | "jpeg", width, height) in pixels, read from the file's header.

    Raises:
        FilterError: not a PNG or JPEG, damaged, too large.
    """
    if not isinstance(data, bytes) or len(data) > MAX_BYTES:
        raise FilterError(f"图片不能超过 {MAX_BYTES // 1024 // 1024} MB")
    if data.startswith(_PNG) and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return _checked("png", width, height)
    if data.startswith(b"\xff\xd8"):
        size = _jpeg_size(data)
        if size is not None:
            return _checked("jpeg", *size)
    raise FilterError("图片不是有效的 PNG 或 JPEG 文件")


def _checked(kind: str, width: int, height: int) -> tuple[str, int, int]:
    if not (0 < width <= MAX_PIXELS and 0 < height <= MAX_PIXELS):
        raise FilterError(f"图片尺寸 {width}×{height} 像素超出范围（每边至多 {MAX_PIXELS}）")
    return kind, width, height


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the first start-of-frame marker of a JPEG."""
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            index += 2
            continue
        (length,) = struct.unpack(">H", data[index + 2 : index + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return width, height
        index += 2 + length
    return None


def _size(image: Image, pixels_wide: int, pixels_high: int) -> tuple[int, int]:
    """The printed size in EMU; the height in proportion when not given."""
    width = _millimetres(image.width_mm, MAX_WIDTH_MM, "宽度")
    if image.height_mm is None:
        height = width * pixels_high / pixels_wide
        if height > MAX_HEIGHT_MM:
            raise FilterError(f"图片按比例高 {height:.0f} 毫米，超过 {MAX_HEIGHT_MM:g} 毫米")
    else:
        height = _millimetres(image.height_mm, MAX_HEIGHT_MM, "高度")
    return round(width * _EMU_PER_MM), round(height * _EMU_PER_MM)


def _millimetres(value: object, limit: float, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= limit:
        raise FilterError(f"图片{what}应为 0 到 {limit:g} 毫米（“{value}”）")
    return float(value)


def _drawing(rid: str, cx: int, cy: int, shape_id: int, description: str) -> str:
    descr = str(escape(description)).replace("\n", " ")
    return (
        '<w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
        'wordprocessingDrawing" distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:docPr id="{shape_id}" name="图片 {shape_id}" descr="{descr}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/'
        'drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:nvPicPr><pic:cNvPr id="{shape_id}" name="docgen-image"/><pic:cNvPicPr/>'
        "</pic:nvPicPr><pic:blipFill>"
        '<a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
        f' r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )


def _with_relationships(old: bytes | None, relations: Mapping[str, str], folder: str) -> bytes:
    root = (
        etree.fromstring(old)
        if old is not None
        else etree.Element(f"{{{_RELS_NS}}}Relationships", nsmap={None: _RELS_NS})
    )
    for rid, member in relations.items():
        element = etree.SubElement(root, f"{{{_RELS_NS}}}Relationship")
        element.set("Id", rid)
        element.set("Type", _IMAGE_REL)
        element.set("Target", posixpath.relpath(member, folder))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _with_defaults(types: bytes, kinds: list[str]) -> bytes:
    root = etree.fromstring(types)
    present = {
        (element.get("Extension") or "").lower() for element in root.iter(f"{{{_TYPES_NS}}}Default")
    }
    for kind in kinds:
        if kind not in present:
            element = etree.Element(f"{{{_TYPES_NS}}}Default")
            element.set("Extension", kind)
            element.set("ContentType", _CONTENT_TYPES[kind])
            root.insert(0, element)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
