"""`verify`: every archived file against its hash, the log's chain, the records against the log."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docgen.archive.chain import CHAIN_FILE, LogEntry, broken_link, read_head
from docgen.archive.files import TEMP_PREFIX, sha256_of
from docgen.archive.records import ITEM_COLUMNS, Item, item_of_record
from docgen.archive.store import Archive
from docgen.errors import ArchiveError, Location, describe_os_error


@dataclass
class Verification:
    """What `verify_archive` checked and what it found wrong."""

    items: int = 0
    files: int = 0
    bytes: int = 0
    entries: int = 0
    problems: list[ArchiveError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


FileProgress = Callable[[int, int], None]  # files hashed so far, files to hash


def verify_archive(
    archive: Archive, year: int | None = None, progress: FileProgress | None = None
) -> Verification:
    """Walk the chain, compare the records with the log, and hash every file of `year` (or all).

    Each file is read once, in fixed-size chunks: an archive of any size verifies in
    constant memory. The chain and the records are always checked whole (they are small).
    `progress` hears of each file hashed, for a page showing how far a long verify got.
    """
    found = Verification()
    entries = archive.log()
    found.entries = len(entries)
    log_where = Location(archive.register_shown)
    broken = broken_link(entries)
    if broken:
        found.problems.append(ArchiveError(f"日志第 {broken[0]} 条{broken[1]}", log_where))
    found.problems += _head_problems(archive, entries)
    logged = _logged_items(entries)
    recorded = {item.id: item for item in archive.items()}
    found.problems += _record_problems(logged, recorded, log_where)
    truth = {**recorded, **logged}  # the log's word where it has one: it is hash-protected
    chosen = [item for item in truth.values() if year is None or item.year == year]
    found.items = len(chosen)
    _check_files(archive, chosen, found, progress or (lambda done, total: None))
    known = {part.path for item in truth.values() for part in item.parts}
    found.problems += _unrecorded(archive, known, year)
    return found


def _head_problems(archive: Archive, entries: Sequence[LogEntry]) -> list[ArchiveError]:
    """Whether the log's last entry is the one archive/CHAIN names."""
    where = Location(archive.shown / CHAIN_FILE)
    head = read_head(archive.root)
    last = entries[-1] if entries else None
    if isinstance(head, str):
        return [ArchiveError(head, where)]
    if head is None:
        if last is None:
            return []
        return [ArchiveError(f"文件缺失（日志已有 {last.seq} 条）：该文件被删除了", where)]
    if last is None or head.seq > last.seq:
        held = f"只有 {last.seq} 条" if last else "是空的"
        return [
            ArchiveError(
                f"CHAIN 记载日志已有 {head.seq} 条，数据库中的日志却{held}："
                "数据库被换成了旧的副本，或其中的日志被删除",
                where,
                "请勿再归档，请从最近的备份恢复数据库 .docgen/register.db。",
            )
        ]
    named = next((e for e in entries if e.seq == head.seq), None)
    if named is None or named.hash != head.hash:
        return [ArchiveError(f"日志第 {head.seq} 条的哈希值与 CHAIN 记载的不符", where)]
    if head.seq < last.seq:
        return [
            ArchiveError(
                f"CHAIN 只记到日志第 {head.seq} 条，数据库中的日志有 {last.seq} 条："
                "上次归档可能在最后一步中断，或日志被人追加了条目",
                where,
                "如确认最近的归档都是本单位所做，再归档一件时 CHAIN 会被更新。",
            )
        ]
    return []


def _logged_items(entries: Sequence[LogEntry]) -> dict[int, Item]:
    """The items as the log's entries recorded them, by id."""
    items: dict[int, Item] = {}
    for entry in entries:
        try:
            item = item_of_record(entry.record)
        except (ValueError, TypeError, KeyError):
            continue  # a damaged record: its link is already reported broken
        if item is not None:
            items[item.id] = item
    return items


def _record_problems(
    logged: Mapping[int, Item], recorded: Mapping[int, Item], where: Location
) -> list[ArchiveError]:
    """Rows of the database that the log does not hold as they are."""
    problems = []
    for key in sorted(set(logged) | set(recorded)):
        item = recorded.get(key) or logged[key]
        name = f"{item.year} 年第 {item.piece:04d} 件（{item.title}）"
        if key not in logged:
            problems.append(
                ArchiveError(f"数据库中的{name}没有对应的日志条目：记录被添加或改动", where)
            )
        elif key not in recorded:
            problems.append(ArchiveError(f"日志记载的{name}在数据库中不见了：记录被删除", where))
        elif logged[key] != recorded[key]:
            fields = _differing(logged[key], recorded[key])
            problems.append(
                ArchiveError(f"数据库中{name}的记录与日志不符（{fields}）：记录被改动", where)
            )
    return problems


def _differing(logged: Item, recorded: Item) -> str:
    names = [n for n in ITEM_COLUMNS if getattr(logged, n) != getattr(recorded, n)]
    if logged.parts != recorded.parts:
        names.append("文件（路径、哈希值、大小或页数）")
    return "、".join(names)


def _check_files(
    archive: Archive, items: Sequence[Item], found: Verification, progress: FileProgress
) -> None:
    """Hash each part's file once, in chunks."""
    total = sum(len(item.parts) for item in items)
    done = 0
    progress(done, total)
    for item in items:
        for part in item.parts:
            done += 1
            progress(done, total)
            path = archive.root / part.path
            where = Location(archive.shown / part.path)
            try:
                digest = sha256_of(path)
                found.bytes += path.stat().st_size
            except FileNotFoundError:
                found.problems.append(ArchiveError("文件缺失：已登记归档，但文件不见了", where))
                continue
            except OSError as err:
                found.problems.append(ArchiveError(f"无法读取：{describe_os_error(err)}", where))
                continue
            found.files += 1
            if digest != part.sha256:
                found.problems.append(
                    ArchiveError("文件内容已被改动：SHA-256 与归档时登记的不符", where)
                )


def _unrecorded(archive: Archive, known: set[str], year: int | None) -> list[ArchiveError]:
    """Files in the archive folder that no record names, and temporaries left by an add."""
    start = archive.root / str(year) if year is not None else archive.root
    problems = []
    for path in sorted(_files_under(start)):
        relative = path.relative_to(archive.root).as_posix()
        if relative == CHAIN_FILE or relative in known:
            continue
        where = Location(archive.shown / relative)
        if path.name.startswith(TEMP_PREFIX):
            message = "残留的临时文件：有一次归档中断了；确认无人在归档后可删除"
        else:
            message = "未登记的文件：归档记录中没有它（被放入或改名，或某次归档中断）"
        problems.append(ArchiveError(message, where))
    return problems


def _files_under(folder: Path) -> Iterator[Path]:
    for directory, _, names in os.walk(folder):
        for name in names:
            yield Path(directory) / name
