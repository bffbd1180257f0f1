"""The 台账 cache: warmed at startup, read again only when a file it depends on changed."""

from __future__ import annotations

from pathlib import Path

from web.webclient import TODAY

from docgen.web.cache import LedgerCache
from docgen.workspace import Workspace


def test_the_warm_up_leaves_the_rows_for_the_first_request(workspace: Path) -> None:
    cache = LedgerCache()
    ws = Workspace(workspace)
    cache.warm(ws, TODAY).join(timeout=60)
    files = ws.list_cases().files
    rows, errors = cache.rows(ws, files, TODAY)
    assert [row.id for row in rows] and not errors
    assert cache.rows(ws, files, TODAY)[0] is rows  # nothing changed: not read again


def test_a_changed_case_file_is_read_again(workspace: Path) -> None:
    cache = LedgerCache()
    ws = Workspace(workspace)
    files = ws.list_cases().files
    first = cache.rows(ws, files, TODAY)[0]
    path = workspace / "cases" / "XF2020-018.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: 改名", 1))
    again = cache.rows(ws, files, TODAY)[0]
    assert again is not first
    assert any(row.title.startswith("改名") for row in again)
