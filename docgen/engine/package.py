"""The .docx zip: read a template's members once, write rendered documents deterministically.

A rendered document is the template's zip with a few members replaced. Unchanged members
(styles, fonts, images …) are copied as their original compressed bytes, never inflated or
deflated again; every member gets the same timestamp, flags and permissions, in template order,
so the same inputs always give the same bytes.
"""

from __future__ import annotations

import functools
import io
import lzma
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, NoReturn

from lxml import etree

from docgen.errors import Location, TemplateError

DOS_DATE: Final = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the zip format's first day
DOS_TIME: Final = 0  # 00:00:00
COMPRESSION_LEVEL: Final = 6
_STORED, _DEFLATED = 0, 8
_VERSION: Final = 20  # 2.0: deflate
_UTF8_NAME: Final = 0x800
_PERMISSIONS: Final = 0o600 << 16
"""External attributes of every member: `rw-------`, what Python's zipfile writes for 0.

Why:
    docgen's own templates (templates/*.docx) were first zipped by zipfile, which silently
    writes this for an attribute of 0; keeping it leaves them byte for byte as committed.
"""
_LOCAL: Final = struct.Struct("<IHHHHHIIIHH")
_CENTRAL: Final = struct.Struct("<IHHHHHHIIIHHHHHI")  # without the trailing local header offset
_OFFSET: Final = struct.Struct("<I")
_END: Final = struct.Struct("<IHHHHIIH")
_LIMIT: Final = 0xFFFF_FFFF  # no zip64: a Word template is far smaller
MAX_MEMBER: Final = 100 * 2**20
"""Inflated bytes one member may have: 100 MB.

Why:
    A template's largest members are images (a scanned seal or letterhead, a few MB); a zip
    bomb of 2 MB that inflates to gigabytes must be refused before it fills memory.
"""
MAX_TOTAL: Final = 200 * 2**20
"""Inflated bytes of all members together: 200 MB, ten times a template rich in images."""
_CHUNK: Final = 2**20
_SMALL_MEMBER: Final = 4096
"""Bytes of a rendered member whose deflated form is remembered (core properties, a footer)."""
_TOO_LARGE_HINT: Final = (
    "Word 模板通常不超过几 MB；请压缩模板中的图片后另存，来历不明的模板请勿使用。"
)
RESAVE_HINT: Final = "请在 Word/WPS 中打开模板并另存为“Word 文档（*.docx）”。"
"""The one hint for a template whose zip or XML is damaged or unusual: Word writes it anew."""
XML_PARSER: Final = etree.XMLParser(resolve_entities=False, no_network=True)
"""The one parser of template XML: no entity expansion, no network, lxml's size limits kept."""
# What zipfile, zlib, bz2 and lzma raise for damaged data (lzma.LZMAError, bz2's OSError …)
_DAMAGED: Final = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    struct.error,
    EOFError,
    ValueError,
    OSError,
)

_RELS: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN_TYPES: Final = ("/officeDocument",)
_CORE_TYPES: Final = ("/metadata/core-properties",)
_WORD_TYPES: Final = ("/header", "/footer", "/footnotes", "/endnotes")
_CLICKED_TYPES: Final = ("/hyperlink",)  # followed only when clicked, never on opening


@dataclass(frozen=True)
class Member:
    """One zip member, ready to be written: its local header and data, and its directory entry."""

    name: str
    content: bytes  # uncompressed
    local: bytes  # local file header + compressed data
    central: bytes  # central directory entry up to, not including, the local header offset
    name_bytes: bytes


@dataclass(frozen=True)
class Package:
    """A template's zip members in order, each prepared for copying into rendered documents."""

    members: tuple[Member, ...]

    def content(self, name: str) -> bytes | None:
        """The uncompressed bytes of member `name`, or None when there is no such member."""
        return next((m.content for m in self.members if m.name == name), None)

    def write(
        self, replaced: Mapping[str, bytes], added: Sequence[tuple[str, bytes]] = ()
    ) -> bytes:
        """The zip file with the members named in `replaced` given new content, and the
        `added` members (name, content) after the others."""
        chunks: list[bytes] = []
        directory: list[bytes] = []
        offset = 0
        extra = tuple(_member(name, data, _deflate(data), _DEFLATED) for name, data in added)
        for member in (*self.members, *extra):
            content = replaced.get(member.name)
            if content is not None:
                member = _replacement(member.name, content)
            directory += (member.central, _OFFSET.pack(offset), member.name_bytes)
            chunks.append(member.local)
            offset += len(member.local)
        central = b"".join(directory)
        count = len(self.members) + len(extra)
        end = _END.pack(0x06054B50, 0, 0, count, count, len(central), offset, 0)
        return b"".join([*chunks, central, end])


def write_members(members: Sequence[tuple[str, bytes]]) -> bytes:
    """The zip of new `members` (name, content), written as rendered documents are.

    Why:
        A document assembled from parts (the print file) has no template zip to copy from,
        yet must be as deterministic as a rendered one: same members, same bytes.
    """
    empty = Package(tuple(_member(name, b"", b"", _STORED) for name, _ in members))
    return empty.write(dict(members))


def read_package(file: str, blob: bytes) -> Package:
    """Read every member of the template zip, checking each one's CRC once.

    Raises:
        TemplateError: not a zip file; a member encrypted, damaged, too large or compressed in
            a way zipfile cannot read.
    """
    where = Location(Path(file))
    try:
        archive = zipfile.ZipFile(io.BytesIO(blob))
    except (zipfile.BadZipFile, struct.error, EOFError, ValueError, OSError) as err:
        message = _sentence("模板不是有效的 .docx 文件，无法打开", err)
        raise TemplateError(message, where, RESAVE_HINT) from err
    with archive:
        _check_sizes(where, archive.infolist())
        budget = [MAX_TOTAL]  # bytes still allowed, spent as members inflate
        members = tuple(
            _read_member(where, archive, blob, info, budget) for info in archive.infolist()
        )
    if not any(m.name == "[Content_Types].xml" for m in members):
        raise TemplateError("模板不是 Word 文档：缺少 [Content_Types].xml", where, RESAVE_HINT)
    return Package(members)


def templated_members(package: Package) -> list[tuple[str, bool]]:
    """The members that may hold tags, each with whether it is WordprocessingML.

    The main document comes first, then its headers, footers and notes in zip order, then the
    core properties, so that problems are reported in the order a clerk reads the document.

    Why:
        The main document is found through the package relationships, not by its usual name,
        and its headers, footers, footnotes and endnotes through the document's relationships.
    """
    rank: dict[str, int] = {}
    for target, type_ in _relationships(package, "_rels/.rels", ""):
        if type_.endswith(_CORE_TYPES):
            rank[target] = 2
        elif type_.endswith(_MAIN_TYPES):
            rank[target] = 0
            rels = posixpath.join(posixpath.dirname(target), "_rels", posixpath.basename(target))
            for part, part_type in _relationships(package, rels + ".rels", target):
                if part_type.endswith(_WORD_TYPES):
                    rank.setdefault(part, 1)
    found = [m.name for m in package.members if m.name in rank]
    return [(name, rank[name] < 2) for name in sorted(found, key=rank.__getitem__)]


def external_relationships(package: Package) -> list[tuple[str, str, str]]:
    """(relationships member, type, target) of every link Word or WPS would follow when the
    document is opened: linked images, OLE objects, attached templates, frames, subdocuments.

    Why:
        A template exchanged between offices could make every rendered document fetch a URL
        or a local file when opened; a hyperlink is followed only when clicked, so is not listed.
    """
    found = []
    for member in package.members:
        if not member.name.endswith(".rels"):
            continue
        try:
            root = etree.fromstring(member.content, XML_PARSER)
        except etree.XMLSyntaxError:
            continue
        for rel in root.iter(_RELS):
            type_ = rel.get("Type", "")
            if rel.get("TargetMode") == "External" and not type_.endswith(_CLICKED_TYPES):
                found.append((member.name, type_, rel.get("Target", "")))
    return found


def _relationships(package: Package, rels: str, source: str) -> list[tuple[str, str]]:
    """(target member, relationship type) of the internal relationships in `rels`."""
    content = package.content(rels)
    if content is None:
        return []
    try:
        root = etree.fromstring(content, XML_PARSER)
    except etree.XMLSyntaxError:
        return []
    found = []
    for rel in root.iter(_RELS):
        target, type_ = rel.get("Target", ""), rel.get("Type", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        if target.startswith("/"):
            name = target.lstrip("/")
        else:
            name = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
        found.append((name, type_))
    return found


def _check_sizes(where: Location, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a template whose zip directory announces members past the size limits."""
    for info in infos:
        if info.file_size > MAX_MEMBER:
            _refuse_size(where, info.filename, MAX_MEMBER)
    if sum(info.file_size for info in infos) > MAX_TOTAL:
        _refuse_size(where, None, MAX_TOTAL)


def _refuse_size(where: Location, name: str | None, limit: int) -> NoReturn:
    what = f"模板中的部件 {name} " if name else "模板的全部部件"
    message = f"{what}解压后超过 {limit // 2**20} MB，不予读取（可能是恶意构造的压缩包）"
    raise TemplateError(message, where, _TOO_LARGE_HINT)


def _inflate(
    where: Location, archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]
) -> bytes:
    """The member's bytes, inflated a chunk at a time and stopped at the size limits.

    Why:
        The directory can lie about sizes; counting what actually comes out of the
        decompressor keeps a forged member from filling memory whatever it claims.
    """
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as stream:  # checks the CRC at the end
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            budget[0] -= len(chunk)
            if size > MAX_MEMBER:
                _refuse_size(where, info.filename, MAX_MEMBER)
            if budget[0] < 0:
                _refuse_size(where, None, MAX_TOTAL)
            chunks.append(chunk)
    return b"".join(chunks)


def _read_member(
    where: Location,
    archive: zipfile.ZipFile,
    blob: bytes,
    info: zipfile.ZipInfo,
    budget: list[int],
) -> Member:
    """One member, its data as stored and inflated; a member zipfile cannot read is refused."""
    name = info.filename
    if info.flag_bits & 0x1:
        raise TemplateError(f"模板中的部件 {name} 已加密，无法读取。", where, RESAVE_HINT)
    if info.file_size > _LIMIT or info.compress_size > _LIMIT:
        message = f"模板中的部件 {name} 过大（超过 4 GB），无法读取。"
        raise TemplateError(message, where, RESAVE_HINT)
    try:
        content = _inflate(where, archive, info, budget)
        if info.compress_type not in (_STORED, _DEFLATED):
            return _member(name, content, _deflate(content), _DEFLATED)
        start = info.header_offset
        name_length, extra_length = struct.unpack_from("<HH", blob, start + 26)
    except NotImplementedError as err:  # deflate64, PPMd …: methods zipfile does not have
        message = f"模板中的部件 {name} 使用了不支持的压缩方式（方式 {info.compress_type}）"
        raise TemplateError(_sentence(message + "，无法读取", err), where, RESAVE_HINT) from err
    except RuntimeError as err:  # zipfile: encrypted, or a decompressor missing from Python
        message = _sentence(f"模板中的部件 {name} 无法读取，可能已加密或压缩方式不受支持", err)
        raise TemplateError(message, where, RESAVE_HINT) from err
    except _DAMAGED as err:
        message = _sentence(f"模板中的部件 {name} 已损坏，无法读取", err)
        raise TemplateError(message, where, RESAVE_HINT) from err
    data_start = start + 30 + name_length + extra_length
    raw = blob[data_start : data_start + info.compress_size]
    return _member(name, content, raw, info.compress_type, info.CRC)


def _sentence(message: str, err: BaseException) -> str:
    """`message` as a sentence, then zipfile's own words in parentheses for whoever helps."""
    detail = str(err) or type(err).__name__
    return f"{message}。（{detail}）"


def _member(name: str, content: bytes, raw: bytes, method: int, crc: int | None = None) -> Member:
    """A member written with fixed time, flags and permissions."""
    name_bytes = name.encode("utf-8")
    flags = 0 if name.isascii() else _UTF8_NAME
    crc = zlib.crc32(content) if crc is None else crc
    fields = (DOS_TIME, DOS_DATE, crc, len(raw), len(content), len(name_bytes), 0)
    local = _LOCAL.pack(0x04034B50, _VERSION, flags, method, *fields) + name_bytes + raw
    central = _CENTRAL.pack(
        0x02014B50, _VERSION, _VERSION, flags, method, *fields, 0, 0, 0, _PERMISSIONS
    )
    return Member(name, content, local, central, name_bytes)


def _replacement(name: str, content: bytes) -> Member:
    """Member `name` with the rendered `content`, deflated; a small one made once per content.

    Why:
        A small part, such as the core properties (a title, a date), is often the same in
        document after document; deflating its 1 KB costs as much as a thousand lookups.
    """
    if len(content) <= _SMALL_MEMBER:
        return _small_replacement(name, content)
    return _member(name, content, _deflate(content), _DEFLATED)


@functools.lru_cache(maxsize=256)
def _small_replacement(name: str, content: bytes) -> Member:
    return _member(name, content, _deflate(content), _DEFLATED)


def _deflate(content: bytes) -> bytes:
    return zlib.compress(content, COMPRESSION_LEVEL, -15)  # raw deflate: no zlib header
