"""The register's SQLite file: opening it safely, its schema versions and their migrations."""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from docgen.errors import Location, RegisterError

V1: Final = (
    """CREATE TABLE doc_number (
        series TEXT NOT NULL,                   -- the kind's number series: "hearing_notice"
        year INTEGER NOT NULL,                  -- serials restart every year
        serial INTEGER NOT NULL CHECK (serial > 0),
        text TEXT NOT NULL UNIQUE,              -- as printed: 某信听〔2020〕3号
        case_id TEXT NOT NULL,
        recipient_key TEXT NOT NULL DEFAULT '', -- "" for a document that is one per case
        PRIMARY KEY (series, year, serial)
    )""",
    "CREATE UNIQUE INDEX doc_number_key ON doc_number (series, year, case_id, recipient_key)",
)
"""Version 1: one number per (series, year, case, recipient), never reused."""

V2: Final = (
    "DROP INDEX doc_number_key",
    "ALTER TABLE doc_number ADD COLUMN issued TEXT",  # 成文日期 YYYY-MM-DD, when known
    "ALTER TABLE doc_number ADD COLUMN recorded_at TEXT",  # 登记时间; unknown for v1 rows
    "ALTER TABLE doc_number ADD COLUMN voided_at TEXT",
    "ALTER TABLE doc_number ADD COLUMN void_reason TEXT",
    "ALTER TABLE doc_number ADD COLUMN note TEXT NOT NULL DEFAULT ''",  # why issued late, ...
    """CREATE UNIQUE INDEX doc_number_live
        ON doc_number (series, year, case_id, recipient_key) WHERE voided_at IS NULL""",
)
"""Version 2: a number can be voided (kept, with reason and time), and carries a note.

Why:
    A voided number stays in the table so it is never handed out again; only the live
    numbers of a key must be unique, so the key's index becomes a partial one.
"""

V3: Final = (
    """CREATE TABLE archive_item (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,                  -- 年度 of the 档号
        piece INTEGER NOT NULL CHECK (piece > 0),  -- 件号, counted per year
        case_id TEXT NOT NULL,
        kind TEXT NOT NULL,                     -- "hearing_notice"
        recipient_key TEXT NOT NULL DEFAULT '', -- as in doc_number, or the name given
        doc_number TEXT REFERENCES doc_number (text),  -- NULL for a document without one
        title TEXT NOT NULL,                    -- 题名
        issued TEXT,                            -- 成文日期 YYYY-MM-DD, when known
        pages INTEGER,                          -- 页数, all parts together; NULL if unknown
        archived_at TEXT NOT NULL,
        archived_by TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        supersedes INTEGER UNIQUE REFERENCES archive_item (id),
        reason TEXT NOT NULL DEFAULT '',        -- why it replaces the item it supersedes
        UNIQUE (year, piece)
    )""",
    """CREATE TABLE archive_part (
        item_id INTEGER NOT NULL REFERENCES archive_item (id),
        position INTEGER NOT NULL CHECK (position > 0),  -- page 1, page 2 of one scan
        path TEXT NOT NULL UNIQUE,              -- inside archive/: 2020/XF-1/0001-….pdf
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        pages INTEGER,
        media_type TEXT NOT NULL,
        PRIMARY KEY (item_id, position)
    )""",
    """CREATE TABLE archive_log (
        seq INTEGER PRIMARY KEY CHECK (seq > 0),
        at TEXT NOT NULL,
        action TEXT NOT NULL,                   -- add, supersede, catalog
        actor TEXT NOT NULL DEFAULT '',
        record TEXT NOT NULL,                   -- canonical JSON of what the action did
        prev TEXT NOT NULL,                     -- hash of the entry before ('' for the first)
        hash TEXT NOT NULL UNIQUE
    )""",
)
"""Version 3: the archive of signed outputs: items, their ordered parts, the hash-chained log.

Why rows are never updated:
    An item replaced by another stays as it was; the newer one names it in `supersedes`.
    So every row is written once, and the log entry of the action that wrote it holds it all.
"""

MIGRATIONS: Final[tuple[tuple[str, ...], ...]] = (V1, V2, V3)
"""Step i turns a register of version i into version i + 1 (version 0 is an empty file)."""
CURRENT_VERSION: Final = len(MIGRATIONS)

KEEP_FILE_HINT: Final = (
    "docgen 不会覆盖或重建它。请勿删除该文件：先备份，再从备份恢复，或请管理员检查。"
)


def connect(path: Path, shown: Path, timeout: float, create: bool) -> sqlite3.Connection:
    """Open the register at `path`, creating it and its folder if absent (when `create`).

    An old register is migrated to the current version.

    Raises:
        RegisterError: the file is damaged, foreign, newer, read-only, locked or unreachable,
            or absent and not to be created.
    """
    if not create and not path.exists():
        raise RegisterError(
            "工作区还没有文号登记簿（文号在生成文书时登记）",
            Location(shown),
            "请确认工作区（-C）是否选对。",
        )
    if path.is_dir():
        raise RegisterError("这是文件夹，不是文号登记簿", Location(shown), KEEP_FILE_HINT)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise RegisterError(
            f"无法建立文件夹“{shown.parent}”：{err.strerror}",
            Location(shown),
            "请检查工作区文件夹的写入权限。",
        ) from err
    with translated(shown, timeout):
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        try:
            _checked_version(conn, shown)  # a foreign or newer file is refused untouched
            conn.execute("PRAGMA journal_mode = WAL")
            migrate(conn, shown)
        except BaseException:
            conn.close()
            raise
    return conn


@contextlib.contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception.

    Why:
        The write lock comes before anything is read, so two processes never see the same
        last serial.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def migrate(conn: sqlite3.Connection, shown: Path) -> None:
    """Bring the register to CURRENT_VERSION, in one transaction; refuse what is not ours.

    Raises:
        RegisterError: the file is newer, foreign, or lacks its table.
    """
    if _checked_version(conn, shown) == CURRENT_VERSION:
        return
    with immediate(conn):
        version = _checked_version(conn, shown)  # another process may have migrated it
        for step in MIGRATIONS[version:]:
            for statement in step:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {CURRENT_VERSION}")


def _checked_version(conn: sqlite3.Connection, shown: Path) -> int:
    """The schema version of the register, after checking its table has that version's columns.

    Why one read transaction:
        Another process may create or migrate the register between two reads; read apart,
        its version could be seen before that commit and its table after it, and a register
        being created would look like another program's database.
    """
    with _snapshot(conn):
        return _version_of(conn, shown)


@contextlib.contextmanager
def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """A read transaction around the block, unless one is already open."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")  # nothing was written


def _version_of(conn: sqlite3.Connection, shown: Path) -> int:
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if version > CURRENT_VERSION:
        raise RegisterError(
            f"文号登记簿由更新版本的 docgen 建立（格式版本 {version}，"
            f"本程序只认识到版本 {CURRENT_VERSION}）",
            Location(shown),
            "请把 docgen 升级到最新版本后再用；切勿删除该文件。",
        )
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    if version == 0 and tables:
        raise RegisterError(
            "这是一个 SQLite 数据库，但不是 docgen 的文号登记簿"
            f"（其中有数据表：{'、'.join(tables)}）",
            Location(shown),
            "docgen 不会改动它。如果原来的登记簿被覆盖了，请从备份恢复；"
            "确认不需要这个文件后，才可把它移走。",
        )
    if version > 0:
        for table, columns in expected_schema(version).items():
            if _columns(conn, table) != columns:
                raise RegisterError(
                    f"文号登记簿不完整（格式版本 {version}，但数据表 {table} 缺失或与该版本不符）",
                    Location(shown),
                    KEEP_FILE_HINT,
                )
    return int(version)


def _columns(conn: sqlite3.Connection, table: str) -> frozenset[str]:
    return frozenset(row[1] for row in conn.execute(f"PRAGMA table_info({table})"))


@functools.cache
def expected_schema(version: int) -> dict[str, frozenset[str]]:
    """The tables and their columns at `version`, found by running the migrations in memory."""
    with contextlib.closing(sqlite3.connect(":memory:")) as conn:
        for step in MIGRATIONS[:version]:
            for statement in step:
                conn.execute(statement)
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {table: _columns(conn, table) for table in sorted(tables)}


def expected_columns(version: int) -> frozenset[str]:
    """The columns of doc_number at `version`."""
    return expected_schema(version)["doc_number"]


_IN_USE: Final = (
    "文号登记簿正被另一个 docgen 使用，等了 {timeout:g} 秒仍未释放",
    "请等别人的生成或作废完成后再试；如没有别人在用，请关闭所有 docgen 窗口后重试。",
)
# SQLite result-code prefixes -> (what happened, what to do)
_SQLITE_PROBLEMS: Final = {
    "SQLITE_BUSY": _IN_USE,
    "SQLITE_LOCKED": _IN_USE,
    "SQLITE_READONLY": (
        "文号登记簿是只读的，无法登记文号",
        "请检查该文件和所在文件夹“.docgen”的写入权限（共享文件夹需有修改权限）；切勿删除该文件。",
    ),
    "SQLITE_CANTOPEN": (
        "无法打开文号登记簿",
        "请检查该文件和所在文件夹是否存在、有无读写权限（共享文件夹需有修改权限）。",
    ),
    "SQLITE_PERM": (
        "没有权限读写文号登记簿",
        "请检查该文件和所在文件夹“.docgen”的读写权限。",
    ),
    "SQLITE_NOTADB": ("文件已损坏，或不是文号登记簿（不是 SQLite 数据库）", KEEP_FILE_HINT),
    "SQLITE_CORRUPT": ("文号登记簿已损坏", KEEP_FILE_HINT),
    "SQLITE_FULL": ("磁盘已满，无法登记文号", "请清理磁盘空间后重试。"),
    "SQLITE_IOERR": ("读写文号登记簿时出错", "请检查磁盘或网络共享是否正常后重试。"),
}


@contextlib.contextmanager
def translated(shown: Path, timeout: float) -> Iterator[None]:
    """Turn SQLite's errors about the file into a RegisterError naming it; bugs pass through."""
    try:
        yield
    except sqlite3.Error as err:
        name = getattr(err, "sqlite_errorname", "") or ""
        found = next((v for k, v in _SQLITE_PROBLEMS.items() if name.startswith(k)), None)
        if found is None:
            raise
        message, hint = found
        raise RegisterError(message.format(timeout=timeout), Location(shown), hint) from err
