"""The archive of signed outputs: add an item durably and record it, list items, log actions.

The files live under `archive/<year>/<case-id>/`, read-only; the records (items, parts, the
hash-chained log) live in the register database, beside the 文号 they belong to.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Final

from docgen.archive.chain import Head, LogEntry, next_entry, read_head, write_head
from docgen.archive.files import TEMP_PREFIX, copy_durably, make_read_only, sha256_of
from docgen.archive.media import Inspected
from docgen.archive.records import (
    ITEM_COLUMNS,
    PART_COLUMNS,
    Item,
    Part,
    item_from,
    item_row,
    part_from,
    part_rows,
)
from docgen.docxio import sync_folder
from docgen.errors import ArchiveError, Location
from docgen.register.schema import connect, immediate, translated
from docgen.register.store import IssuedNumber, Register

Clock = Callable[[], datetime]
DEFAULT_TIMEOUT: Final = 10.0
_LOG_COLUMNS: Final = "seq, at, action, actor, record, prev, hash"
_VERIFY_HINT: Final = "请运行 docgen archive verify 查看详情，并请管理员从备份恢复。"


@dataclass(frozen=True)
class AddRequest:
    """What `Archive.add` files: which document, under which names, by whom."""

    case_id: str
    kind: str
    recipient_key: str
    title: str  # 题名
    stem: str  # file name after the 件号: 听证通知书-王建国
    year: int  # 年度
    doc_number: str | None = None
    issued: date | None = None
    by: str = ""
    note: str = ""
    supersede_reason: str | None = None  # None: not a replacement


class Archive:
    """An open archive: its folder and the database; use `open_archive`, then close it."""

    def __init__(
        self, conn: sqlite3.Connection, db_shown: Path, root: Path, shown: Path, clock: Clock
    ) -> None:
        self._conn = conn
        self._db_shown = db_shown
        self.root = root  # the archive/ folder
        self.shown = shown  # how messages name it
        self._clock = clock
        self.register = Register(conn, db_shown, DEFAULT_TIMEOUT, clock)

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    @property
    def register_shown(self) -> Path:
        """How messages name the database holding the records."""
        return self._db_shown

    def add(self, request: AddRequest, files: Sequence[Inspected]) -> Item:
        """Copy `files` into the archive as the parts of one item and record it with a log entry.

        Order of work: each file is copied to a temporary inside archive/, synced, its hash
        checked against the original's, renamed to its name and the folder synced; then the
        records and the log entry are committed in one transaction; then archive/CHAIN.

        Why:
            A crash at any point leaves either the old state (at worst an unrecorded copy,
            which `verify` names) or the complete new one.

        Raises:
            ArchiveError: a file lies inside the archive, the number is unknown or void, the
                document is already archived (and this is no replacement) or was not (and it
                is), the database was rolled back, or a copy fails.
        """
        for inspected in files:
            self._refuse_inside(inspected.path)
        placed: list[Path] = []
        with self._writing():
            last = self._last_entry()
            self._refuse_rolled_back(last)
            issued = self._checked_number(request)
            replaced = self._checked_current(request)
            piece = self._next_piece(request.year)
            parts = self._place(request, piece, files, placed)
            item = self._new_item(request, piece, issued, replaced, parts)
            try:
                entry = self._insert(item, last)
            except BaseException:
                _remove(placed)
                raise
        write_head(self.root, entry)
        return item

    def _refuse_inside(self, path: Path) -> None:
        if path.resolve().is_relative_to(self.root.resolve()):
            raise ArchiveError(
                "这个文件已在归档文件夹中，不能再次归档",
                Location(path),
                "请归档扫描或导出的原文件，不要选归档文件夹里的文件。",
            )

    def _checked_number(self, request: AddRequest) -> date | None:
        """The 成文日期 of the request's 文号 (or its own), after checking the number is live."""
        if request.doc_number is None:
            return request.issued
        number = self.register.find(request.doc_number)
        if number is None:
            raise ArchiveError(
                f"登记簿中没有文号“{request.doc_number}”",
                Location(self._db_shown),
                "请用 docgen register list 查看已登记的文号，照抄其中的写法（含〔〕和“号”）。",
            )
        if number.void:
            raise ArchiveError(
                f"文号“{number.text}”已作废（{number.void_reason}），不能归档",
                Location(self._db_shown),
                "作废文号的文书不应送达；请归档重新生成后送达的文书（新文号）。",
            )
        return number.issued

    def _checked_current(self, request: AddRequest) -> Item | None:
        """The item the request replaces; an error if it would be a second copy, or none."""
        current = self.current(request.case_id, request.kind, request.recipient_key)
        if current is not None and request.supersede_reason is None:
            raise ArchiveError(
                f"该文书已于 {current.archived_at} 归档"
                f"（{current.year} 年第 {current.piece:04d} 件，"
                f"{self.shown / current.parts[0].path}）",
                Location(self._db_shown),
                "同一文书不能归档两次；如需替换，请加 --supersede --reason 说明原因（原件保留）。",
            )
        if current is None and request.supersede_reason is not None:
            raise ArchiveError(
                "该文书尚未归档，无可替换",
                Location(self._db_shown),
                "请去掉 --supersede 和 --reason，直接归档。",
            )
        return current

    def _next_piece(self, year: int) -> int:
        (last,) = self._conn.execute(
            "SELECT COALESCE(MAX(piece), 0) FROM archive_item WHERE year = ?", (year,)
        ).fetchone()
        return int(last) + 1

    def _place(
        self, request: AddRequest, piece: int, files: Sequence[Inspected], placed: list[Path]
    ) -> list[Part]:
        """Copy each file to its place in the archive; `placed` collects them for undoing."""
        folder = self.root / str(request.year) / request.case_id
        parts = []
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for position, inspected in enumerate(files, start=1):
                suffix = f"-{position}" if len(files) > 1 else ""
                name = f"{piece:04d}-{request.stem}{suffix}{inspected.extension}"
                self._copy_in(inspected, folder / name)
                placed.append(folder / name)
                parts.append(_part(position, folder / name, self.root, inspected))
            sync_folder(folder)
        except BaseException as err:
            _remove(placed)
            if isinstance(err, OSError):
                raise ArchiveError(
                    f"复制到归档文件夹时出错：{err.strerror or err}",
                    Location(self.shown / str(request.year) / request.case_id),
                    "请检查磁盘空间和文件夹权限后重试；归档未做任何改动。",
                ) from err
            raise
        return parts

    def _copy_in(self, inspected: Inspected, target: Path) -> None:
        """Copy via a temporary, check the copy's hash, rename; refuse a different file there."""
        if target.exists() and not _same_file(target, inspected.sha256):
            raise ArchiveError(
                "归档文件夹中已有同名但未登记的文件（上次归档可能中断）",
                Location(self.shown / target.relative_to(self.root)),
                _VERIFY_HINT,
            )
        temporary = target.with_name(f"{TEMP_PREFIX}{os.getpid()}-{target.name}")
        temporary.unlink(missing_ok=True)  # of an earlier run of this process id
        try:
            read = copy_durably(inspected.path, temporary)
            copied = sha256_of(temporary)
            if read != inspected.sha256 or copied != inspected.sha256:
                raise ArchiveError(
                    "复制后的文件与原文件不一致（原文件在归档时被改动，或磁盘有错）",
                    Location(inspected.path),
                    "请确认没有程序正在写这个文件，然后重试。",
                )
            make_read_only(temporary)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)

    def _new_item(
        self,
        request: AddRequest,
        piece: int,
        issued: date | None,
        replaced: Item | None,
        parts: Sequence[Part],
    ) -> Item:
        (last_id,) = self._conn.execute("SELECT COALESCE(MAX(id), 0) FROM archive_item").fetchone()
        pages = [part.pages for part in parts]
        return Item(
            id=int(last_id) + 1,
            year=request.year,
            piece=piece,
            case_id=request.case_id,
            kind=request.kind,
            recipient_key=request.recipient_key,
            doc_number=request.doc_number,
            title=request.title,
            issued=issued.isoformat() if issued else None,
            pages=sum(p for p in pages if p) if None not in pages else None,
            archived_at=self._now(),
            archived_by=request.by.strip(),
            note=request.note.strip(),
            supersedes=replaced.id if replaced else None,
            reason=(request.supersede_reason or "").strip(),
            parts=tuple(parts),
        )

    def _insert(self, item: Item, last: LogEntry | None) -> LogEntry:
        """Insert the item, its parts and its log entry (inside the caller's transaction)."""
        marks = ", ".join("?" * len(ITEM_COLUMNS))
        self._conn.execute(
            f"INSERT INTO archive_item ({', '.join(ITEM_COLUMNS)}) VALUES ({marks})", item_row(item)
        )
        self._conn.executemany(
            f"INSERT INTO archive_part ({', '.join(PART_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            part_rows(item),
        )
        action = "supersede" if item.supersedes else "add"
        return self._append(last, action, item.archived_by, item.record())

    def log_action(self, action: str, actor: str, record: str) -> LogEntry:
        """Append an entry for an action that writes no item (a catalog export).

        Raises:
            ArchiveError: the database was rolled back.
        """
        with self._writing():
            last = self._last_entry()
            self._refuse_rolled_back(last)
            entry = self._append(last, action, actor, record)
        write_head(self.root, entry)
        return entry

    def _append(self, last: LogEntry | None, action: str, actor: str, record: str) -> LogEntry:
        entry = next_entry(last, self._now(), action, actor, record)
        self._conn.execute(
            f"INSERT INTO archive_log ({_LOG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (entry.seq, entry.at, entry.action, entry.actor, entry.record, entry.prev, entry.hash),
        )
        return entry

    def _refuse_rolled_back(self, last: LogEntry | None) -> None:
        """Refuse to write when archive/CHAIN records more than the database holds."""
        head = read_head(self.root)
        if isinstance(head, str):
            raise ArchiveError(f"{head}", Location(self.shown / "CHAIN"), _VERIFY_HINT)
        if head is None or (last is not None and self._holds(last, head)):
            return
        raise ArchiveError(
            "归档数据库与 archive/CHAIN 记载的不符：数据库可能被换成了旧的副本",
            Location(self._db_shown),
            "在查明原因之前不能再归档。" + _VERIFY_HINT,
        )

    def current(self, case_id: str, kind: str, recipient_key: str) -> Item | None:
        """The item of this document that no later one replaces; None if never archived."""
        found = self.items(
            "case_id = ? AND kind = ? AND recipient_key = ?", (case_id, kind, recipient_key)
        )
        replaced = {item.supersedes for item in found}
        live = [item for item in found if item.id not in replaced]
        return live[-1] if live else None

    def items(self, where: str = "1", arguments: Sequence[object] = ()) -> list[Item]:
        """The items matching `where`, with their parts, by year and 件号."""
        with translated(self._db_shown, DEFAULT_TIMEOUT):
            rows = self._conn.execute(
                f"SELECT {', '.join(ITEM_COLUMNS)} FROM archive_item WHERE {where} "
                "ORDER BY year, piece",
                arguments,
            ).fetchall()
            parts: dict[int, list[Part]] = {}
            for row in self._conn.execute(
                f"SELECT {', '.join(PART_COLUMNS)} FROM archive_part WHERE item_id IN "
                f"(SELECT id FROM archive_item WHERE {where}) ORDER BY item_id, position",
                arguments,
            ):
                parts.setdefault(int(row[0]), []).append(part_from(row))
        return [item_from(row, parts.get(int(row[0]), [])) for row in rows]

    def log(self) -> list[LogEntry]:
        """Every entry of the log, in order."""
        with translated(self._db_shown, DEFAULT_TIMEOUT):
            rows = self._conn.execute(
                f"SELECT {_LOG_COLUMNS} FROM archive_log ORDER BY seq"
            ).fetchall()
        return [LogEntry(*row) for row in rows]

    def unarchived(self) -> list[IssuedNumber]:
        """The live 文号 no archived item carries yet: documents still lacking a signed copy."""
        with translated(self._db_shown, DEFAULT_TIMEOUT):
            archived = {
                str(text)
                for (text,) in self._conn.execute(
                    "SELECT doc_number FROM archive_item WHERE doc_number IS NOT NULL"
                )
            }
        return [n for n in self.register.list() if not n.void and n.text not in archived]

    def _holds(self, last: LogEntry, head: Head) -> bool:
        """Whether the log (ending with `last`) holds the entry archive/CHAIN names."""
        if head.seq > last.seq:
            return False
        row = self._conn.execute("SELECT hash FROM archive_log WHERE seq = ?", (head.seq,))
        return bool(row.fetchone() == (head.hash,))

    def _last_entry(self) -> LogEntry | None:
        row = self._conn.execute(
            f"SELECT {_LOG_COLUMNS} FROM archive_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return LogEntry(*row) if row else None

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        with translated(self._db_shown, DEFAULT_TIMEOUT), immediate(self._conn):
            yield

    def _now(self) -> str:
        return self._clock().replace(microsecond=0).isoformat(sep=" ")


def _part(position: int, path: Path, root: Path, inspected: Inspected) -> Part:
    return Part(
        position=position,
        path=path.relative_to(root).as_posix(),
        sha256=inspected.sha256,
        size=inspected.size,
        pages=inspected.pages,
        media_type=inspected.media_type,
    )


def _same_file(path: Path, sha256: str) -> bool:
    try:
        return sha256_of(path) == sha256
    except OSError:
        return False


def _remove(paths: Sequence[Path]) -> None:
    """Take back the copies of an add that is not recorded."""
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def open_archive(
    db_path: Path,
    root: Path,
    *,
    db_shown: Path | None = None,
    shown: Path | None = None,
    create: bool = True,
    clock: Clock = datetime.now,
) -> Archive:
    """Open the archive in `root` with its records in the register database `db_path`.

    Raises:
        RegisterError: the database is damaged, foreign, newer, read-only or locked.
    """
    where = db_shown or db_path
    conn = connect(db_path, where, DEFAULT_TIMEOUT, create)
    return Archive(conn, where, root, shown or root, clock)
