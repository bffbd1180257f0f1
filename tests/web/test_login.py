"""LAN mode: with users every page needs login, each session has its CSRF token, changes name
their user, guessing is slowed, and nothing sent leaves the workspace."""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from archive.signed import pdf_bytes
from starlette.applications import Starlette
from starlette.testclient import TestClient
from web.test_office import FIRST, PDF, numbered  # noqa: F401  (the fixture)
from web.webclient import TODAY, TOKEN, finished, opened_hash

from docgen.users import CHANGES_FILE, add_user, remove_user
from docgen.web import create_app
from docgen.web.login import COOKIE, FAILURE_WINDOW, MAX_FAILURES, Limiter

PASSWORD = "正确的密码123"
CASE = "XF2020-018"
PAGES = ("/", f"/case/{CASE}", f"/case/{CASE}/edit", "/new", "/hearings", "/archive", "/due")


@pytest.fixture
def app(workspace: Path) -> Starlette:
    """The example workspace with two clerks, 刘洋 and 王芳."""
    for name in ("刘洋", "王芳"):
        add_user(workspace, name, PASSWORD)
    return create_app(workspace, today=lambda: TODAY, token=TOKEN)


def client_at(app: Starlette, address: str = "192.168.1.20") -> TestClient:
    return TestClient(app, client=(address, 50000), follow_redirects=False)


def log_in(client: TestClient, name: str, password: str = PASSWORD) -> int:
    answer = client.post("/login", data={"csrf": TOKEN, "name": name, "password": password})
    return answer.status_code


def session_token(client: TestClient) -> str:
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', client.get("/").text)
    assert found
    return found.group(1)


@pytest.mark.parametrize("url", PAGES)
def test_an_unauthenticated_request_goes_to_the_login_page(app: Starlette, url: str) -> None:
    answer = client_at(app).get(url)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=")
    assert "Content-Security-Policy" in answer.headers


def test_an_unauthenticated_post_changes_nothing(app: Starlette, workspace: Path) -> None:
    before = (workspace / "cases" / f"{CASE}.yaml").read_bytes()
    answer = client_at(app).post(f"/case/{CASE}/save", data={"csrf": TOKEN, "text": "x"})
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert (workspace / "cases" / f"{CASE}.yaml").read_bytes() == before


def test_login_sets_a_signed_strict_http_only_cookie(app: Starlette) -> None:
    client = client_at(app)
    assert client.get("/login").status_code == 200
    answer = client.post(
        "/login", data={"csrf": TOKEN, "name": "刘洋", "password": PASSWORD, "next": "/due"}
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/due"
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    page = client.get("/")
    assert page.status_code == 200 and "刘洋" in page.text and "退出" in page.text


def test_login_never_sends_the_clerk_to_another_site(app: Starlette) -> None:
    form = client_at(app).get("/login?next=%2F%2Fevil.example%2F").text
    assert 'name="next" value="/"' in form
    for target in ("//evil.example/", "https://evil.example/", "\\\\evil"):
        answer = client_at(app).post(
            "/login", data={"csrf": TOKEN, "name": "刘洋", "password": PASSWORD, "next": target}
        )
        assert answer.headers["location"] == "/"


def test_a_wrong_password_or_user_is_refused_alike(app: Starlette) -> None:
    client = client_at(app)
    assert log_in(client, "刘洋", "不对的密码") == 401
    assert log_in(client, "没有这人", PASSWORD) == 401
    assert COOKIE not in client.cookies
    assert client.get("/").status_code == 303


def test_a_forged_or_stale_cookie_is_refused(app: Starlette, workspace: Path) -> None:
    client = client_at(app)
    assert log_in(client, "刘洋") == 303
    cookie = client.cookies[COOKIE]
    forged = client_at(app)
    forged.cookies.set(COOKIE, cookie[:-2] + ("00" if cookie[-2:] != "00" else "11"))
    assert forged.get("/").status_code == 303
    remove_user(workspace, "刘洋")
    assert client.get("/").status_code == 303  # a removed user is logged out at once


def test_failed_logins_are_limited_per_user(app: Starlette) -> None:
    for n in range(MAX_FAILURES):
        assert log_in(client_at(app, f"10.0.0.{n + 1}"), "刘洋", "猜一猜") == 401
    blocked = client_at(app, "10.0.0.99")
    assert log_in(blocked, "刘洋") == 429  # even the right password waits
    assert log_in(blocked, "王芳") == 303  # another user is not blocked


def test_failures_are_forgotten_after_the_window() -> None:
    now = [1000.0]
    limiter = Limiter(clock=lambda: now[0])
    for _ in range(MAX_FAILURES):
        limiter.failed("user:刘洋", "addr:10.0.0.7")
    assert limiter.blocked("user:刘洋") and limiter.blocked("addr:10.0.0.7")
    now[0] += FAILURE_WINDOW + 1
    assert not limiter.blocked("user:刘洋", "addr:10.0.0.7")
    assert limiter.failures == {}


def test_failed_logins_are_limited_per_address(app: Starlette) -> None:
    guesser = client_at(app, "10.0.0.7")
    for n in range(MAX_FAILURES):
        assert log_in(guesser, f"用户{n}", "猜一猜") == 401
    assert log_in(guesser, "王芳") == 429
    assert log_in(client_at(app, "10.0.0.8"), "王芳") == 303


def test_a_post_needs_the_token_of_its_own_session(app: Starlette, workspace: Path) -> None:
    liu, wang = client_at(app), client_at(app)
    log_in(liu, "刘洋")
    log_in(wang, "王芳")
    before = (workspace / "cases" / f"{CASE}.yaml").read_bytes()
    opened = opened_hash(liu.get(f"/case/{CASE}/edit").text)
    for token in ("", TOKEN, session_token(wang)):  # none, the login form's, another session's
        data = {"csrf": token, "text": "id: XF2020-018\n", "opened": opened}
        assert liu.post(f"/case/{CASE}/save", data=data).status_code == 403
    assert (workspace / "cases" / f"{CASE}.yaml").read_bytes() == before
    check = liu.post("/api/check", json={"case": CASE, "text": ""}, headers={"X-CSRF-Token": TOKEN})
    assert check.status_code == 403


def test_a_stale_save_names_who_saved(app: Starlette, workspace: Path) -> None:
    liu, wang = client_at(app), client_at(app)
    log_in(liu, "刘洋")
    log_in(wang, "王芳")
    path = workspace / "cases" / f"{CASE}.yaml"
    text = path.read_text(encoding="utf-8")
    liu_opened = opened_hash(liu.get(f"/case/{CASE}/edit").text)
    wang_opened = opened_hash(wang.get(f"/case/{CASE}/edit").text)
    saved = liu.post(
        f"/case/{CASE}/save",
        data={"csrf": session_token(liu), "text": text + "# 刘洋补充\n", "opened": liu_opened},
    )
    assert saved.status_code == 303
    stale = wang.post(
        f"/case/{CASE}/save",
        data={"csrf": session_token(wang), "text": text + "# 王芳补充\n", "opened": wang_opened},
    )
    assert stale.status_code == 409
    assert "没有保存" in stale.text and "刘洋 于" in stale.text
    assert "王芳补充" not in path.read_text(encoding="utf-8")
    changes = (workspace / CHANGES_FILE).read_text(encoding="utf-8").splitlines()
    assert [(e["user"], e["action"]) for e in map(json.loads, changes)] == [("刘洋", "save")]


def test_render_and_a_hearing_week_record_their_user(app: Starlette, workspace: Path) -> None:
    wang = client_at(app)
    log_in(wang, "王芳")
    token = session_token(wang)
    assert wang.post(f"/case/{CASE}/render", data={"csrf": token}).status_code == 303
    week = {"csrf": token, "from": "2020-05-15", "to": "2020-06-12"}
    assert finished(wang, wang.post("/hearings", data=week)).status_code == 200
    changes = [json.loads(line) for line in (workspace / CHANGES_FILE).read_text().splitlines()]
    assert [(e["user"], e["action"]) for e in changes] == [("王芳", "render"), ("王芳", "notices")]
    assert changes[1]["target"] == "2020-05-15至2020-06-12-听证通知"


def test_an_archived_scan_records_the_logged_in_user(app: Starlette, numbered: Path) -> None:  # noqa: F811
    liu = client_at(app)
    log_in(liu, "刘洋")
    done = liu.post(
        "/archive/add",
        data={"csrf": session_token(liu), "number": FIRST, "by": "冒名"},
        files=[("files", ("回证.pdf", pdf_bytes(1), PDF))],
    )
    assert done.status_code == 200, done.text
    with closing(sqlite3.connect(numbered / ".docgen" / "register.db")) as db:
        actors = db.execute("SELECT actor FROM archive_log").fetchall()
    assert actors == [("刘洋",)]


@pytest.mark.parametrize(
    "url",
    [
        "/case/..%2F..%2Fdocgen.yaml",
        "/case/%2Fetc%2Fpasswd/edit",
        "/batch/..%2Fcases/file/XF2020-018.yaml",
        "/batch/..%2F..%2F/zip",
        "/hearings?from=..%2F..%2Fetc&to=%2Fetc%2Fpasswd",
    ],
)
def test_no_parameter_leaves_the_workspace(app: Starlette, url: str) -> None:
    liu = client_at(app)
    log_in(liu, "刘洋")
    answer = liu.get(url)
    assert answer.status_code in {303, 400, 404}
    assert "attachment" not in answer.headers.get("content-disposition", "")
    assert "root:" not in answer.text and "office:" not in answer.text


def test_a_wrong_type_or_oversized_upload_is_refused_when_logged_in(
    app: Starlette,
    numbered: Path,  # noqa: F811
) -> None:
    liu = client_at(app)
    log_in(liu, "刘洋")
    token = session_token(liu)
    wrong = liu.post(
        "/archive/add",
        data={"csrf": token, "number": FIRST},
        files=[("files", ("../../回证.sh", b"#!/bin/sh\n", "text/plain"))],
    )
    assert wrong.status_code == 400 and "不是可归档的文件类型" in wrong.text
    big = liu.post(
        "/archive/add",
        data={"csrf": token, "number": FIRST},
        files=[("files", ("回证.pdf", b"%PDF" + b"\0" * (21 * 2**20), PDF))],
    )
    assert big.status_code == 413
    assert not (numbered / "archive").exists()
    assert not list(numbered.parent.glob("*.sh"))
