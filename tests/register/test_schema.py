"""docgen/register/schema.py: versions, migration, and every kind of bad register file."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from docgen.errors import RegisterError
from docgen.register.schema import CURRENT_VERSION, V1, V2, expected_columns, expected_schema
from docgen.register.store import open_register

TESTDATA = Path(__file__).parent / "testdata" / "test_schema"
NOTICE = "某信听〔{year}〕{n}号"


def user_version(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def sqlite_file(path: Path, script: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.executescript(script)
    return path


def refused(path: Path, **options: float) -> RegisterError:
    """The error opening `path` and allocating a number gives; the file must be left as it was."""
    before = path.read_bytes() if path.is_file() else None
    shown = Path(".docgen/register.db")
    with pytest.raises(RegisterError) as caught, open_register(path, shown=shown, **options) as r:
        r.number_for("A", "hearing_notice", "", 2020, NOTICE)
    assert str(caught.value).startswith(".docgen/register.db: ")
    if before is not None:
        assert path.read_bytes() == before, "a bad register file must never be rewritten"
    return caught.value


def test_a_new_register_has_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "register.db"
    with open_register(path):
        pass
    assert (user_version(path), CURRENT_VERSION) == (3, 3)


def test_version_two_adds_void_note_and_times_to_version_one() -> None:
    assert expected_columns(2) - expected_columns(1) == {
        "issued",
        "recorded_at",
        "voided_at",
        "void_reason",
        "note",
    }


def test_a_version_one_register_is_migrated_with_its_rows(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path / "register.db", (TESTDATA / "v1.sql").read_text("utf-8"))
    assert user_version(path) == 1
    with open_register(path) as register:
        numbers = register.list()
        assert [(n.text, n.case_id, n.recipient_key, n.recorded_at, n.void) for n in numbers] == [
            ("某信听〔2020〕1号", "XF2020-018", "petitioner:王建国", None, False),
            ("某信听〔2020〕2号", "XF2020-018", "panel:李明", None, False),
            ("某信案〔2020〕1号", "XF2020-018", "", None, False),
        ]
        kept = register.number_for("XF2020-018", "hearing_notice", "panel:李明", 2020, NOTICE)
        assert (kept.fresh, kept.number.text) == (False, "某信听〔2020〕2号")
        register.void("某信听〔2020〕2号", "送达地址错误")  # v2's partial index allows a new one
        again = register.number_for("XF2020-018", "hearing_notice", "panel:李明", 2020, NOTICE)
        assert again.number.text == "某信听〔2020〕3号"
    assert user_version(path) == CURRENT_VERSION


def test_a_text_file_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / ".docgen" / "register.db"
    path.parent.mkdir()
    path.write_text("某信听〔2020〕1号 王建国\n", encoding="utf-8")
    error = refused(path)
    assert error.message == "文件已损坏，或不是文号登记簿（不是 SQLite 数据库）"
    assert "请勿删除该文件" in error.hint


def test_a_damaged_register_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "register.db"
    with open_register(path) as register:
        for n in range(200):
            register.number_for(f"C{n}", "hearing_notice", "", 2020, NOTICE)
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # the second page: the table's b-tree
    path.write_bytes(bytes(data))
    assert refused(path).message in {
        "文号登记簿已损坏",
        "文件已损坏，或不是文号登记簿（不是 SQLite 数据库）",
    }


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path / "register.db", "CREATE TABLE contacts (name TEXT);")
    error = refused(path)
    assert "不是 docgen 的文号登记簿（其中有数据表：contacts）" in error.message
    assert "请从备份恢复" in error.hint


def test_a_register_of_a_newer_docgen_is_refused(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path / "register.db", "PRAGMA user_version = 4;")
    error = refused(path)
    assert "格式版本 4，本程序只认识到版本 3" in error.message
    assert "请把 docgen 升级到最新版本" in error.hint


def test_a_register_without_its_table_is_refused(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path / "register.db", "PRAGMA user_version = 2;")
    assert "数据表 doc_number 缺失或与该版本不符" in refused(path).message


def test_a_register_locked_by_another_writer_is_refused_after_the_timeout(tmp_path: Path) -> None:
    path = tmp_path / "register.db"
    with open_register(path), contextlib.closing(sqlite3.connect(path)) as other:
        other.execute("BEGIN IMMEDIATE")
        error = refused(path, timeout=0.2)
        other.rollback()
    assert error.message == "文号登记簿正被另一个 docgen 使用，等了 0.2 秒仍未释放"


def test_a_folder_in_place_of_the_register_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".docgen" / "register.db").mkdir(parents=True)
    assert refused(tmp_path / ".docgen" / "register.db").message == "这是文件夹，不是文号登记簿"


def test_a_file_in_place_of_the_register_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".docgen").write_text("", encoding="utf-8")
    assert "无法建立文件夹“.docgen”" in refused(tmp_path / ".docgen" / "register.db").message


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder any user can enter (a test run as root checks permissions as `nobody`)."""
    folder = Path(tempfile.mkdtemp(prefix="docgen-register-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def as_ordinary_user(attempt: Callable[[], str]) -> str:
    """The result of `attempt`, run as an unprivileged user (root ignores file permissions)."""
    if os.geteuid() != 0:
        return attempt()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root, try, report, leave without pytest's cleanup
        os.close(read_end)
        os.setgid(65534)
        os.setuid(65534)
        with os.fdopen(write_end, "w", encoding="utf-8") as out:
            out.write(attempt())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as result:
        answer = result.read()
    os.waitpid(pid, 0)
    return answer


@pytest.mark.skipif(not hasattr(os, "fork"), reason="permissions are checked on POSIX")
@pytest.mark.parametrize("read_only", ["file", "folder"])
def test_a_read_only_register_is_refused_not_recreated(shared_folder: Path, read_only: str) -> None:
    path = shared_folder / ".docgen" / "register.db"
    with open_register(path) as register:
        register.number_for("A", "hearing_notice", "", 2020, NOTICE)
    (path if read_only == "file" else path.parent).chmod(0o444 if read_only == "file" else 0o555)

    def attempt() -> str:
        try:
            with open_register(path) as register:
                register.number_for("B", "hearing_notice", "", 2020, NOTICE)
        except RegisterError as err:
            return str(err)
        return "no error"

    message = as_ordinary_user(attempt)
    assert message.startswith(f"{path}: 文号登记簿"), message
    assert "权限" in message
    with open_register(path) as register:
        assert [n.text for n in register.list()] == ["某信听〔2020〕1号"]


def test_version_three_adds_the_archive_tables() -> None:
    added = set(expected_schema(3)) - set(expected_schema(2))
    assert added == {"archive_item", "archive_part", "archive_log"}
    assert expected_columns(3) == expected_columns(2)


def test_a_version_two_register_is_migrated_and_keeps_its_numbers(tmp_path: Path) -> None:
    row = (
        "INSERT INTO doc_number (series, year, serial, text, case_id, recipient_key, recorded_at)"
        " VALUES ('hearing_notice', 2020, 1, '某信听〔2020〕1号', 'XF2020-018', '', "
        "'2020-05-01 09:00:00')"
    )
    path = sqlite_file(
        tmp_path / "register.db", ";\n".join([*V1, *V2, row, "PRAGMA user_version = 2"])
    )
    with open_register(path) as register:
        assert [n.text for n in register.list()] == ["某信听〔2020〕1号"]
        again = register.number_for("XF2020-018", "hearing_notice", "", 2020, NOTICE)
        assert (again.fresh, again.number.text) == (False, "某信听〔2020〕1号")
    assert user_version(path) == CURRENT_VERSION == 3
    with contextlib.closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT COUNT(*) FROM archive_item").fetchone()
    assert rows == (0,)


def test_a_version_three_register_without_its_archive_tables_is_refused(tmp_path: Path) -> None:
    script = ";\n".join([*V1, *V2, "PRAGMA user_version = 3"])
    path = sqlite_file(tmp_path / "register.db", script)
    assert "数据表 archive_item 缺失或与该版本不符" in refused(path).message
