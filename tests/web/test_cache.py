"""The 台账 cache: warmed at startup, each case's row read again only when its inputs changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import CliInvoker
from starlette.testclient import TestClient
from web.webclient import TODAY

from docgen.status import CaseStatus, workspace_status
from docgen.web.cache import LedgerCache
from docgen.workspace import Workspace

LONG_AGO = 1_500_000_000  # 2017, in seconds: files saved long before the page was opened


def aged(root: Path) -> Path:
    """`root` with every file and folder dated long ago, as a workspace in use for months is:
    the cache trusts their stamps at once (a file changed a moment ago is read every time)."""
    for path in [root, *root.rglob("*")]:
        os.utime(path, (LONG_AGO, LONG_AGO))
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def ledger(cache: LedgerCache, root: Path) -> tuple[list[CaseStatus], list[str]]:
    """The cached 台账 of the workspace at `root`, after checking it equals `docgen status`."""
    workspace = Workspace(root)
    files = workspace.list_cases().files
    rows, errors = cache.rows(workspace, files, TODAY)
    expected, report = workspace_status(Workspace(root), files, TODAY)
    assert rows == expected
    assert [str(e) for e in errors] == [str(e) for e in report.errors]
    return rows, [str(e) for e in errors]


def by_id(rows: list[CaseStatus]) -> dict[str, CaseStatus]:
    return {row.id: row for row in rows}


def test_the_warm_up_leaves_the_rows_for_the_first_request(workspace: Path) -> None:
    cache = LedgerCache()
    ws = Workspace(workspace)
    cache.warm(ws, TODAY).join(timeout=60)
    files = ws.list_cases().files
    rows, errors = cache.rows(ws, files, TODAY)
    assert [row.id for row in rows] and not errors
    assert cache.rows(ws, files, TODAY)[0] is rows  # nothing changed: not read again


def test_a_request_during_the_warm_up_waits_for_it_instead_of_reading_again(
    workspace: Path,
) -> None:
    cache = LedgerCache()
    ws = Workspace(aged(workspace))
    warming = cache.warm(ws, TODAY)
    rows, _ = cache.rows(ws, ws.list_cases().files, TODAY)
    warming.join(timeout=60)
    assert len(rows) == 4
    assert cache.reads == 4  # each file once, whichever of the two came first


def test_an_edited_case_shows_its_new_value_and_only_its_file_is_read(workspace: Path) -> None:
    cache = LedgerCache()
    before, _ = ledger(cache, aged(workspace))
    reads = cache.reads
    edit(workspace / "cases" / "XF2020-018.yaml", "title: ", "title: 改名")
    after, _ = ledger(cache, workspace)
    assert cache.reads == reads + 1
    assert by_id(after)["XF2020-018"].title.startswith("改名")
    assert by_id(after)["XF2020-018"].ledger[1] == by_id(after)["XF2020-018"].title
    unchanged = [row for row in after if row.id != "XF2020-018"]
    assert unchanged == [row for row in before if row.id != "XF2020-018"]


def test_a_second_edit_within_the_same_tick_of_the_clock_is_seen(workspace: Path) -> None:
    cache = LedgerCache()
    path = aged(workspace) / "cases" / "XF2020-018.yaml"
    ledger(cache, workspace)
    edit(path, "title: ", "title: 甲")
    ledger(cache, workspace)
    reads = cache.reads
    ledger(cache, workspace)
    assert cache.reads == reads  # unchanged: its content was compared, not read again
    before = path.stat()
    edit(path, "title: 甲", "title: 乙")  # as long, and the file's clock has not moved on
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == (before.st_mtime_ns, before.st_ino)
    rows, _ = ledger(cache, workspace)
    assert by_id(rows)["XF2020-018"].title.startswith("乙")


def test_a_new_file_appears_and_a_deleted_one_disappears(workspace: Path) -> None:
    cache = LedgerCache()
    cases = aged(workspace) / "cases"
    assert sorted(by_id(ledger(cache, workspace)[0])) == [
        *("XF2020-007", "XF2020-018", "XF2020-025", "XF2020-031")
    ]
    (cases / "XF2020-025.yaml").unlink()
    assert sorted(by_id(ledger(cache, workspace)[0])) == ["XF2020-007", "XF2020-018", "XF2020-031"]
    shutil.copy(cases / "XF2020-018.yaml", cases / "XF2020-099.yaml")
    edit(cases / "XF2020-099.yaml", "id: XF2020-018", "id: XF2020-099")
    rows, errors = ledger(cache, workspace)
    assert sorted(by_id(rows)) == ["XF2020-007", "XF2020-018", "XF2020-031", "XF2020-099"]
    assert not errors


def test_an_id_made_duplicate_by_an_edit_is_reported_on_the_file_that_comes_later(
    workspace: Path,
) -> None:
    cache = LedgerCache()
    cases = aged(workspace) / "cases"
    ledger(cache, workspace)
    edit(cases / "XF2020-007.yaml", "id: XF2020-007", "id: XF2020-018")
    rows, errors = ledger(cache, workspace)  # XF2020-018.yaml, unchanged, now comes second
    assert [row.id for row in rows] == ["XF2020-018", "XF2020-025", "XF2020-031"]
    assert by_id(rows)["XF2020-018"].title.startswith("刘淑芬")  # the row of XF2020-007.yaml
    assert len(errors) == 1
    assert "XF2020-018.yaml:2:1: id: 案件编号“XF2020-018”与“" in errors[0]
    assert "XF2020-007.yaml”中的“XF2020-018”重复" in errors[0]
    edit(cases / "XF2020-007.yaml", "id: XF2020-018", "id: XF2020-007")
    assert ledger(cache, workspace)[1] == []


def test_a_document_written_to_a_case_folder_is_counted(workspace: Path) -> None:
    folder = workspace / "output" / "XF2020-018"
    folder.mkdir(parents=True)
    cache = LedgerCache()
    rows, _ = ledger(cache, aged(workspace))
    assert by_id(rows)["XF2020-018"].ledger[13] == 0
    reads = cache.reads
    (folder / "听证通知书-王建国.docx").write_bytes(b"PK")
    rows, _ = ledger(cache, workspace)
    assert by_id(rows)["XF2020-018"].ledger[13] == 1
    assert cache.reads == reads  # counted again, the case file not read


def test_a_workspace_copied_a_moment_ago_is_read_once(workspace: Path) -> None:
    (workspace / "output" / "XF2020-018").mkdir(parents=True)
    cache = LedgerCache()
    first, _ = ledger(cache, workspace)
    again, _ = ledger(cache, workspace)
    assert cache.reads == 4
    assert again == first


def test_an_edited_docgen_yaml_reads_every_case_again(workspace: Path) -> None:
    cache = LedgerCache()
    before, _ = ledger(cache, aged(workspace))
    reads = cache.reads
    edit(workspace / "docgen.yaml", "end: 2020-06-30", "end: 2020-07-31")
    after, _ = ledger(cache, workspace)
    assert cache.reads == reads + 4
    assert after != before


def test_the_register_changes_the_unsigned_counts_without_reading_a_case(
    cli: CliInvoker, workspace: Path
) -> None:
    assert cli("render", "XF2020-018", "--date", "2020-06-01").exit_code == 0
    cache = LedgerCache()
    rows, _ = ledger(cache, aged(workspace))
    unsigned = by_id(rows)["XF2020-018"].unsigned
    assert unsigned
    reads = cache.reads
    assert cli("register", "void", "某信听〔2020〕1号", "--reason", "送达地址错误").exit_code == 0
    rows, _ = ledger(cache, workspace)
    assert by_id(rows)["XF2020-018"].unsigned == unsigned - 1
    assert cache.reads == reads


@pytest.mark.parametrize("change", ["edit", "add"])
def test_the_case_list_after_a_change_shows_it_and_keeps_the_others(
    client: TestClient, workspace: Path, change: str
) -> None:
    cases = aged(workspace) / "cases"
    assert "刘淑芬反映房屋买卖合同纠纷" in client.get("/").text
    if change == "edit":
        edit(cases / "XF2020-007.yaml", "title: 刘淑芬", "title: 刘淑芬再次")
        expected = "刘淑芬再次反映房屋买卖合同纠纷"
    else:
        shutil.copy(cases / "XF2020-007.yaml", cases / "XF2020-099.yaml")
        edit(cases / "XF2020-099.yaml", "id: XF2020-007", "id: XF2020-099")
        expected = ">XF2020-099</a>"
    page = client.get("/").text
    assert expected in page
    assert all(f">XF2020-{n}</a>" in page for n in ("007", "018", "025", "031"))
