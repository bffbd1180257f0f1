"""Parts of .docx packages: read a document's parts once, assemble a new package from several.

A `Source` is one rendered document: its members, content types and relationships. An
`Assembly` is the package being built: every part it takes from a source gets a name no other
part has, relationships are written anew (`rId1`, `rId2` … in the order they are made), and the
content types follow the parts. The zip is written as the engine writes rendered documents.
"""

from __future__ import annotations

import posixpath
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from lxml import etree

from docgen.engine.package import (
    COMPRESSION_LEVEL,
    DOS_DATE,
    DOS_TIME,
    MAX_MEMBER,
    MAX_TOTAL,
    XML_PARSER,
    Member,
    Package,
    read_package,
)
from docgen.errors import Location, TemplateError

R_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS_NS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS: Final = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL: Final = f"{{{_PACKAGE_RELS_NS}}}Relationship"
_R_PREFIX: Final = f"{{{R_NS}}}"
_VML_RELID: Final = "{urn:schemas-microsoft-com:office:office}relid"
REFERENCING: Final = etree.XPath(  # a predicate on every element would be four times slower
    "descendant-or-self::*/@r:*/.. | descendant-or-self::*/@o:relid/..",
    namespaces={"r": R_NS, "o": "urn:schemas-microsoft-com:office:office"},
)
CONTENT_TYPES: Final = "[Content_Types].xml"
_SHAREABLE: Final = (".header+xml", ".footer+xml")
_RELS_TYPE: Final = "application/vnd.openxmlformats-package.relationships+xml"
_LOCAL: Final = struct.Struct("<IHHHHHIIIHH")
_CENTRAL: Final = struct.Struct("<IHHHHHHIIIHHHHHI")  # as docgen.engine.package writes them
_DEFLATED_MEMBER: Final = (20, 8, 0o600 << 16)  # version 2.0, deflate, `rw-------`
_HINT: Final = (
    "请重新生成该文书；若是手工放入的文件，请在 Word/WPS 中另存为“Word 文档（*.docx）”后再试。"
)


INFLATED_KEPT: Final = 64
"""Inflated members a `ReadCache` keeps: a dozen documents' worth, enough for the repeats."""


@dataclass
class ReadCache:
    """What documents of one template share, read once: inflated members, parsed lists.

    Why:
        Rendered documents keep their template's unchanged members byte for byte, so in a
        batch of notices the styles, footers, relationships and content types repeat. Only
        the last `INFLATED_KEPT` members inflated are kept: each document's own (its body)
        would otherwise stay in memory to the end of a batch, never to be met again.
    """

    inflated: dict[bytes, bytes] = field(default_factory=dict)  # deflated → inflated
    relationships: dict[tuple[str, bytes], dict[str, Relationship]] = field(default_factory=dict)
    content_types: dict[bytes, tuple[dict[str, str], dict[str, str]]] = field(default_factory=dict)


class Deflating:
    """A member deflated as its content arrives, for the zip `Assembly.write` makes.

    Why:
        The print file's main document is about 20 MB of XML; deflated piece by piece while
        the worker processes render the next documents, it no longer takes a quarter of a
        second at the end. zlib gives the bytes one call on the whole content would.
    """

    def __init__(self) -> None:
        self._deflate = zlib.compressobj(COMPRESSION_LEVEL, zlib.DEFLATED, -15)
        self._raw: list[bytes] = []
        self._crc = 0
        self._size = 0

    def add(self, content: bytes) -> None:
        self._crc = zlib.crc32(content, self._crc)
        self._size += len(content)
        self._raw.append(self._deflate.compress(content))

    def member(self, name: str) -> Member:
        """The finished member `name`, written as docgen.engine.package writes a deflated one."""
        self._raw.append(self._deflate.flush())
        raw = b"".join(self._raw)
        self._raw = [raw]
        name_bytes = name.encode("utf-8")
        version, method, permissions = _DEFLATED_MEMBER
        flags = 0 if name.isascii() else 0x800
        fields = (DOS_TIME, DOS_DATE, self._crc, len(raw), self._size, len(name_bytes), 0)
        local = _LOCAL.pack(0x04034B50, version, flags, method, *fields) + name_bytes + raw
        central = _CENTRAL.pack(
            0x02014B50, version, version, flags, method, *fields, 0, 0, 0, permissions
        )
        return Member(name, b"", local, central, name_bytes)


@dataclass(frozen=True)
class Relationship:
    """One relationship: its type, and the member it points to (or the external target)."""

    type: str
    target: str
    external: bool


def not_a_document(name: str, detail: str) -> TemplateError:
    """The error for a part of the print file that is not a usable .docx."""
    message = f"“{name}”不是有效的 Word 文档（.docx），无法合并到打印文件（{detail}）"
    return TemplateError(message, Location(Path(name)), _HINT)


def rels_name(part: str) -> str:
    """The relationships member of `part` ("" is the package itself)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def serialize(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


class Source:
    """One document to combine, its members read and checked once."""

    def __init__(self, name: str, blob: bytes, cache: ReadCache) -> None:
        self.name = name
        self.members = _read_members(name, blob, cache)
        self._cache = cache
        self.copied: dict[str, str] = {}  # member name here → its name in the assembly
        self._relationships: dict[str, dict[str, Relationship]] = {}
        content_types = self.members.get(CONTENT_TYPES, b"")
        found = cache.content_types.get(content_types)
        if found is None:
            found = cache.content_types[content_types] = self._read_content_types()
        self._defaults, self._overrides = found
        main = self.related("", "/officeDocument")
        if main is None:
            raise not_a_document(name, "缺少正文部件 word/document.xml")
        self.main = main

    def _read_content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        types = self.parse(CONTENT_TYPES)
        defaults = {
            e.get("Extension", "").lower(): e.get("ContentType", "")
            for e in types.iter(f"{{{_TYPES_NS}}}Default")
        }
        overrides = {
            e.get("PartName", "").lstrip("/"): e.get("ContentType", "")
            for e in types.iter(f"{{{_TYPES_NS}}}Override")
        }
        return defaults, overrides

    def parse(self, part: str) -> etree._Element:
        """The root element of member `part`."""
        content = self.members.get(part)
        if content is None:
            raise not_a_document(self.name, f"缺少部件 {part}")
        try:
            return etree.fromstring(content, XML_PARSER)
        except etree.XMLSyntaxError as err:
            raise not_a_document(self.name, f"部件 {part} 已损坏：{err}") from err

    def content_type(self, part: str) -> str:
        extension = part.rpartition(".")[2].lower()
        found = self._overrides.get(part) or self._defaults.get(extension)
        return str(found or "application/xml")

    def default_extension(self, part: str) -> str | None:
        """The extension of `part` if its content type is that extension's default."""
        extension = part.rpartition(".")[2].lower()
        if part in self._overrides or extension not in self._defaults:
            return None
        return extension

    def relationships(self, part: str) -> dict[str, Relationship]:
        """Id → relationship of `part` ("" for the package), internal targets as member names."""
        found = self._relationships.get(part)
        if found is None:
            content = self.members.get(rels_name(part))
            key = (part, content or b"")
            found = self._cache.relationships.get(key)
            if found is None:
                found = self._cache.relationships[key] = self._read_relationships(part)
            self._relationships[part] = found
        return found

    def _read_relationships(self, part: str) -> dict[str, Relationship]:
        found = {}
        if rels_name(part) in self.members:
            folder = posixpath.dirname(part)
            for rel in self.parse(rels_name(part)).iter(_REL):
                target, external = rel.get("Target", ""), rel.get("TargetMode") == "External"
                if not external:
                    joined = posixpath.join(folder, target)
                    target = target.lstrip("/") if target.startswith("/") else joined
                    target = posixpath.normpath(target)
                found[rel.get("Id", "")] = Relationship(rel.get("Type", ""), target, external)
        return found

    def related(self, part: str, type_suffix: str) -> str | None:
        """The member that `part` relates to by the first relationship of this type, if any."""
        for rel in self.relationships(part).values():
            if rel.type.endswith(type_suffix) and not rel.external and rel.target in self.members:
                return rel.target
        return None


@dataclass
class RelationshipsOut:
    """The relationships of one part of the assembly, numbered in the order they are made."""

    owner: str
    entries: list[tuple[str, str, str, bool]] = field(default_factory=list)
    _ids: dict[tuple[str, str, bool], str] = field(default_factory=dict)

    def add(self, type_: str, target: str, external: bool = False) -> str:
        """The id of the relationship to `target` (a member name unless external)."""
        key = (type_, target, external)
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = f"rId{len(self.entries) + 1}"
            if not external:
                folder = posixpath.dirname(self.owner)
                inside = target.startswith(f"{folder}/") or not folder
                target = (
                    target[len(folder) + 1 if folder else 0 :]
                    if inside
                    else posixpath.relpath(target, folder)
                )
            self.entries.append((found, type_, target, external))
        return found

    def xml(self) -> bytes:
        root = etree.Element(f"{{{_PACKAGE_RELS_NS}}}Relationships", nsmap={None: _PACKAGE_RELS_NS})
        for id_, type_, target, external in self.entries:
            rel = etree.SubElement(root, _REL, Id=id_, Type=type_, Target=target)
            if external:
                rel.set("TargetMode", "External")
        return serialize(root)


class Assembly:
    """The package being built: members in order, each with a unique name and a content type."""

    def __init__(self) -> None:
        self.members: dict[str, bytes | etree._Element | Deflating] = {CONTENT_TYPES: b""}
        self._types: dict[str, str] = {}
        self._defaults: dict[str, str] = {"rels": _RELS_TYPE}
        self._next_suffix: dict[str, int] = {}
        self._relationships: dict[str, RelationshipsOut] = {}
        self._shared: dict[tuple[str, bytes], str] = {}  # (content type, content) → member

    def reserve(self, wanted: str, content_type: str) -> str:
        """A member name like `wanted` that no other member has, kept in member order."""
        name = wanted
        if name in self.members:
            stem, dot, extension = wanted.rpartition(".")
            if not dot or "/" in extension:
                stem, extension = wanted, ""
            else:
                extension = f".{extension}"
            suffix = self._next_suffix.get(wanted, 2)
            while (name := f"{stem}_{suffix}{extension}") in self.members:
                suffix += 1
            self._next_suffix[wanted] = suffix + 1
        self.members[name] = b""
        self._types[name] = content_type
        return name

    def relationships(self, owner: str) -> RelationshipsOut:
        """The relationships of member `owner` ("" for the package), made on first use."""
        found = self._relationships.get(owner)
        if found is None:
            found = self._relationships[owner] = RelationshipsOut(owner)
            self.members[rels_name(owner)] = b""
        return found

    def copy_part(self, source: Source, part: str) -> str:
        """Copy member `part` of `source`, and every part it relates to, once; its new name.

        Why headers and footers are shared:
            Documents of one template have the same footers byte for byte; a print file of
            2,000 documents held 4,000 copies of two footers. A header or footer relating to
            no other part is taken once per content (each section still refers to it, and
            numbers its own pages); one with pictures is copied, as every other part is.
        """
        found = source.copied.get(part)
        if found is not None:
            return found
        if part not in source.members:
            raise not_a_document(source.name, f"缺少部件 {part}")
        content_type = source.content_type(part)
        shared = None
        if content_type.endswith(_SHAREABLE) and not source.relationships(part):
            shared = (content_type, source.members[part])
            found = self._shared.get(shared)
            if found is not None:
                source.copied[part] = found
                return found
        name = source.copied[part] = self.reserve(part, content_type)
        if shared is not None:
            self._shared[shared] = name
        self._keep_default(source, part, content_type)
        self.members[name] = source.members[part]
        for rel in source.relationships(part).values():
            self.relationships(name).add(
                rel.type,
                rel.target if rel.external else self.copy_part(source, rel.target),
                rel.external,
            )
        return name

    def relink(self, element: etree._Element, source: Source, part: str, owner: str) -> None:
        """Point the relationship ids under `element` (from `part` of `source`) to `owner`'s."""
        known = source.relationships(part)
        for referring in REFERENCING(element):
            for key, value in referring.attrib.items():
                if not key.startswith(_R_PREFIX) and key != _VML_RELID:
                    continue
                rel = known.get(value)
                if rel is None:
                    continue  # a dangling id stays as it was: Word reports it as in the source
                target = rel.target if rel.external else self.copy_part(source, rel.target)
                referring.set(key, self.relationships(owner).add(rel.type, target, rel.external))

    def write(self) -> bytes:
        """The zip: content types first, then every member in the order it was reserved."""
        members: list[Member] = []
        contents: dict[str, bytes] = {}
        for name, content in self.members.items():
            if isinstance(content, Deflating):
                members.append(content.member(name))
                continue
            if isinstance(content, bytes):
                if name.endswith(".rels"):
                    content = self._relationships[_owner(name)].xml()
                elif name == CONTENT_TYPES:
                    content = self._content_types()
            else:
                content = serialize(content)
            contents[name] = content
            members.append(Member(name, b"", b"", b"", name.encode("utf-8")))  # replaced
        return Package(tuple(members)).write(contents)

    def _keep_default(self, source: Source, part: str, content_type: str) -> None:
        if (extension := source.default_extension(part)) is not None:
            self._defaults.setdefault(extension, content_type)

    def _content_types(self) -> bytes:
        root = etree.Element(f"{{{_TYPES_NS}}}Types", nsmap={None: _TYPES_NS})
        for extension, content_type in self._defaults.items():
            default = etree.SubElement(root, f"{{{_TYPES_NS}}}Default", Extension=extension)
            default.set("ContentType", content_type)
        for name, content_type in self._types.items():
            if self._defaults.get(name.rpartition(".")[2].lower()) != content_type:
                etree.SubElement(
                    root, f"{{{_TYPES_NS}}}Override", PartName=f"/{name}", ContentType=content_type
                )
        return serialize(root)


def _read_members(name: str, blob: bytes, cache: ReadCache) -> dict[str, bytes]:
    """Every member of the zip `blob`, inflated and checked like `read_package` does.

    Why:
        `read_package` spends about 1.3 ms on a 13-member document, most of it in zipfile's
        per-member bookkeeping: two thirds of the time for 1,000 documents. This fast path
        reads the plain zips Word and docgen write (stored or deflated, no encryption, no
        zip64) from the central directory; anything else, or any check failing, goes to
        `read_package`, which reads it or says what is wrong with it.
    """
    members = _read_plain_zip(blob, cache.inflated)
    if members is None:
        try:
            package = read_package(name, blob)
        except TemplateError as err:
            raise not_a_document(name, str(err.__cause__ or err.message)) from err
        members = {m.name: m.content for m in package.members}
    return members


def _read_plain_zip(blob: bytes, inflated: dict[bytes, bytes]) -> dict[str, bytes] | None:
    """The members of a plain zip, or None when `blob` is anything else."""
    end = blob.rfind(b"PK\x05\x06", max(0, len(blob) - 22 - 0xFFFF))
    if end < 0 or len(blob) < end + 22:
        return None
    count, size, offset = struct.unpack_from("<HII", blob, end + 10)
    if offset + size > end:
        return None
    members: dict[str, bytes] = {}
    total = 0
    position = offset
    for _ in range(count):
        if blob[position : position + 4] != b"PK\x01\x02":
            return None
        flags, method, _, _, crc, packed, length, name_length, extra, comment = struct.unpack_from(
            "<HHHHIIIHHH", blob, position + 8
        )
        header = struct.unpack_from("<I", blob, position + 42)[0]
        name = blob[position + 46 : position + 46 + name_length].decode("utf-8", "replace")
        position += 46 + name_length + extra + comment
        total += length
        if flags & 0x1 or method not in (0, 8) or length > MAX_MEMBER or total > MAX_TOTAL:
            return None
        if blob[header : header + 4] != b"PK\x03\x04" or name in members:
            return None
        start = header + 30 + sum(struct.unpack_from("<HH", blob, header + 26))
        raw = blob[start : start + packed]
        content = inflated.get(raw) if method else raw
        if content is None:
            try:
                content = zlib.decompressobj(-15).decompress(raw, length + 1)
            except zlib.error:
                return None
            if len(content) != length or zlib.crc32(content) != crc:
                return None
            if len(inflated) >= INFLATED_KEPT:
                del inflated[next(iter(inflated))]  # the oldest
            inflated[raw] = content
        elif len(content) != length or (not method and zlib.crc32(content) != crc):
            return None
        members[name] = content
    return members


def _owner(rels: str) -> str:
    folder, base = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), base.removesuffix(".rels"))
