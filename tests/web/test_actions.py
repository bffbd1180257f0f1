"""The editor (check as you type, save, a refused stale save), the CSRF token."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient
from web.webclient import TOKEN, opened_hash

CASE = "XF2020-018"
HEADERS = {"X-CSRF-Token": TOKEN}


def case_text(workspace: Path) -> str:
    return (workspace / "cases" / f"{CASE}.yaml").read_text(encoding="utf-8")


def test_the_editor_shows_the_file_with_its_hash(client: TestClient, workspace: Path) -> None:
    page = client.get(f"/case/{CASE}/edit")
    assert page.status_code == 200
    assert "王建国" in page.text and 'id="gutter"' in page.text
    assert len(opened_hash(page.text)) == 64


def test_the_check_endpoint_locates_a_broken_field(client: TestClient, workspace: Path) -> None:
    broken = case_text(workspace).replace("2020-06-12", "2020-13-12")
    answer = client.post("/api/check", json={"case": CASE, "text": broken}, headers=HEADERS)
    assert answer.status_code == 200
    (problem,) = answer.json()["problems"]
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "2020-13-12" in text)
    assert problem["line"] == line and problem["field"] == "hearing.date"
    assert problem["level"] == "错误" and problem["message"]
    fixed = client.post(
        "/api/check", json={"case": CASE, "text": case_text(workspace)}, headers=HEADERS
    )
    assert fixed.json() == {"problems": []}


def test_the_check_endpoint_needs_the_token(client: TestClient, workspace: Path) -> None:
    answer = client.post("/api/check", json={"case": CASE, "text": case_text(workspace)})
    assert answer.status_code == 403
    assert "令牌" in answer.text


def test_a_save_writes_the_file_and_reports_its_check(client: TestClient, workspace: Path) -> None:
    opened = opened_hash(client.get(f"/case/{CASE}/edit").text)
    changed = case_text(workspace).replace("县自然资源局", "县自然资源和规划局")
    done = client.post(
        f"/case/{CASE}/save", data={"csrf": TOKEN, "opened": opened, "text": changed}
    )
    assert done.status_code == 200
    assert "已保存，检查通过" in done.text
    assert case_text(workspace) == changed
    assert not list((workspace / "cases").glob("*.tmp*"))


def test_a_stale_save_is_refused_with_the_reason(client: TestClient, workspace: Path) -> None:
    opened = opened_hash(client.get(f"/case/{CASE}/edit").text)
    path = workspace / "cases" / f"{CASE}.yaml"
    by_someone_else = case_text(workspace).replace("王建军", "王建民")
    path.write_text(by_someone_else, encoding="utf-8")
    mine = case_text(workspace).replace("县自然资源局", "县自然资源和规划局")
    refused = client.post(
        f"/case/{CASE}/save", data={"csrf": TOKEN, "opened": opened, "text": mine}
    )
    assert refused.status_code == 409
    assert "没有保存" in refused.text and "已被修改" in refused.text
    assert case_text(workspace) == by_someone_else  # the other edit is kept
    assert "县自然资源和规划局" in refused.text  # and mine is still in the editor


def test_a_save_without_the_token_changes_nothing(client: TestClient, workspace: Path) -> None:
    before = case_text(workspace)
    opened = opened_hash(client.get(f"/case/{CASE}/edit").text)
    for form in ({"opened": opened, "text": "x"}, {"csrf": "wrong", "opened": opened, "text": "x"}):
        assert client.post(f"/case/{CASE}/save", data=form).status_code == 403
    other_site = client.post(
        f"/case/{CASE}/save",
        data={"csrf": TOKEN, "opened": opened, "text": "x"},
        headers={"Origin": "http://evil.example"},
    )
    assert other_site.status_code == 403
    assert client.get(f"/case/{CASE}/save").status_code == 405
    assert case_text(workspace) == before
