"""The hash-chained log of archive actions, and its head kept outside the database (`CHAIN`).

Each entry's hash is the SHA-256 of the previous entry's canonical bytes followed by its own
fields, so changing, removing or inserting an entry breaks every link after it; the head is
also written to `archive/CHAIN`, so a database replaced by an older copy (whose chain is whole,
only shorter) is caught too.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from docgen.docxio import write_atomically

CHAIN_FILE: Final = "CHAIN"
_HEAD: Final = re.compile(r"([1-9][0-9]*) ([0-9a-f]{64})")


def canonical_json(value: object) -> str:
    """`value` as JSON with sorted keys and no spaces: the same data gives the same text."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class LogEntry:
    """One archive action as the log keeps it."""

    seq: int  # 1, 2, ...
    at: str  # 2020-05-06 10:00:00
    action: str  # add, supersede, catalog
    actor: str  # who did it (--by)
    record: str  # canonical JSON of what the action wrote
    prev: str  # hash of the entry before; "" for the first
    hash: str

    def canonical(self) -> bytes:
        """The bytes the next entry's hash covers: every field, this entry's hash included."""
        return _fields(
            self.seq, self.at, self.action, self.actor, self.record, self.prev, self.hash
        )


def _fields(*values: object) -> bytes:
    return canonical_json(list(values)).encode("utf-8")


def entry_hash(
    previous: LogEntry | None, seq: int, at: str, action: str, actor: str, record: str
) -> str:
    """sha256(previous entry's canonical bytes + this entry's own fields)."""
    before = previous.canonical() if previous else b""
    prev = previous.hash if previous else ""
    return hashlib.sha256(before + _fields(seq, at, action, actor, record, prev)).hexdigest()


def next_entry(
    previous: LogEntry | None, at: str, action: str, actor: str, record: str
) -> LogEntry:
    """The entry after `previous` (None: the first), its hash computed."""
    seq = previous.seq + 1 if previous else 1
    digest = entry_hash(previous, seq, at, action, actor, record)
    return LogEntry(seq, at, action, actor, record, previous.hash if previous else "", digest)


def broken_link(entries: Sequence[LogEntry]) -> tuple[int, str] | None:
    """(seq, what is wrong) of the first entry whose hash or link does not hold; None if whole.

    Why only the first:
        Every entry's hash covers the one before it, so after a changed entry no later link
        can hold, and which of them were changed too cannot be told.
    """
    previous: LogEntry | None = None
    for position, entry in enumerate(entries, start=1):
        if entry.seq != position:
            problem = f"序号不连续（应为第 {position} 条）：有日志条目被删除或插入"
        elif entry.prev != (previous.hash if previous else ""):
            problem = "与上一条的链接断开：有日志条目被删除、插入或改动"
        elif entry.hash != entry_hash(
            previous, entry.seq, entry.at, entry.action, entry.actor, entry.record
        ):
            problem = "内容与其哈希值不符：该日志条目被改动过"
        else:
            previous = entry
            continue
        after = len(entries) - position
        return entry.seq, problem + (f"（其后 {after} 条因此无法核验）" if after else "")
    return None


@dataclass(frozen=True)
class Head:
    """The last entry of the log as `archive/CHAIN` records it."""

    seq: int
    hash: str


def read_head(archive_dir: Path) -> Head | str | None:
    """The head recorded in `archive/CHAIN`; None if the file is absent; a message if unreadable."""
    path = archive_dir / CHAIN_FILE
    try:
        text = path.read_text("ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        return f"无法读取：{err}"
    found = _HEAD.fullmatch(text)
    if not found:
        return "内容格式不对（应为“条目序号 哈希值”），该文件被改动过"
    return Head(int(found.group(1)), found.group(2))


def write_head(archive_dir: Path, entry: LogEntry) -> None:
    """Record `entry` as the head in `archive/CHAIN`, atomically and durably.

    Raises:
        WorkspaceError: the file cannot be written.
    """
    write_atomically(f"{entry.seq} {entry.hash}\n".encode("ascii"), archive_dir / CHAIN_FILE)
