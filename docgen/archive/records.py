"""The archive's records: an item (one 件), its ordered parts, and how the database holds them."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Final

from docgen.archive.chain import canonical_json

ITEM_COLUMNS: Final = (
    "id",
    "year",
    "piece",
    "case_id",
    "kind",
    "recipient_key",
    "doc_number",
    "title",
    "issued",
    "pages",
    "archived_at",
    "archived_by",
    "note",
    "supersedes",
    "reason",
)
PART_COLUMNS: Final = ("item_id", "position", "path", "sha256", "size", "pages", "media_type")


@dataclass(frozen=True)
class Part:
    """One file of an item: page 1 and page 2 of a scan are two parts of one item."""

    position: int  # 1, 2, ...
    path: str  # inside archive/, with "/": 2020/XF2020-018/0001-听证通知书-王建国.pdf
    sha256: str
    size: int
    pages: int | None
    media_type: str


@dataclass(frozen=True)
class Item:
    """One archived document (件): a signed notice, agreement or receipt, with its files."""

    id: int
    year: int  # 年度
    piece: int  # 件号 within the year
    case_id: str
    kind: str  # "hearing_notice"
    recipient_key: str  # "petitioner:王建国", a name given for an unnumbered one, or ""
    doc_number: str | None  # 文号
    title: str  # 题名
    issued: str | None  # 成文日期 YYYY-MM-DD
    pages: int | None
    archived_at: str  # 2020-05-06 10:00:00
    archived_by: str
    note: str
    supersedes: int | None  # the id of the item this one replaces
    reason: str  # why it replaces it
    parts: tuple[Part, ...] = ()

    @property
    def recipient(self) -> str:
        """The recipient's name: `王建国` of `petitioner:王建国`."""
        return self.recipient_key.rpartition(":")[2].split("#")[0]

    def record(self) -> str:
        """The item and its parts as canonical JSON: what the log entry of its action holds."""
        return canonical_json(
            {
                "item": {name: getattr(self, name) for name in ITEM_COLUMNS},
                "parts": [{"item_id": self.id, **asdict(part)} for part in self.parts],
            }
        )


def item_row(item: Item) -> tuple[object, ...]:
    return tuple(getattr(item, name) for name in ITEM_COLUMNS)


def part_rows(item: Item) -> list[tuple[object, ...]]:
    return [(item.id, *asdict(part).values()) for part in item.parts]


def item_from(row: Sequence[object], parts: Sequence[Part]) -> Item:
    """The item of a database row (in ITEM_COLUMNS order) with its parts."""
    values = dict(zip(ITEM_COLUMNS, row, strict=True))
    return Item(**values, parts=tuple(parts))  # type: ignore[arg-type]


def part_from(row: Sequence[object]) -> Part:
    """The part of a database row (in PART_COLUMNS order)."""
    return Part(*row[1:])  # type: ignore[arg-type]


def item_of_record(record: str) -> Item | None:
    """The item a log entry's record holds; None when the record is not an item's."""
    data = json.loads(record)
    if not isinstance(data, Mapping) or "item" not in data:
        return None
    parts = [Part(**{k: v for k, v in p.items() if k != "item_id"}) for p in data["parts"]]
    return Item(**data["item"], parts=tuple(parts))
