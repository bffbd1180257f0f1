"""Loopback only, security headers on every page, names never taken as paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CliInvoker
from starlette.testclient import TestClient

from docgen.errors import UsageProblem
from docgen.web.safety import check_host, child_named

PAGES = (
    "/",
    "/case/XF2020-018",
    "/case/XF2020-018/edit",
    "/new",
    "/hearings",
    "/archive",
    "/due",
    "/progress",
)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "office-pc"])
def test_serve_refuses_any_address_but_this_machine(cli: CliInvoker, host: str) -> None:
    result = cli("serve", "--host", host)
    assert result.exit_code == 2
    assert "只能在本机（127.0.0.1）使用" in result.stderr
    assert "docgen users add" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_loopback_addresses_are_allowed(host: str) -> None:
    check_host(host, has_users=False)


def test_check_host_raises_a_usage_problem_without_users_only() -> None:
    with pytest.raises(UsageProblem):
        check_host("10.0.0.1", has_users=False)
    check_host("10.0.0.1", has_users=True)


@pytest.mark.parametrize("url", PAGES)
def test_every_page_answers_in_chinese_with_a_content_security_policy(
    client: TestClient, url: str
) -> None:
    answer = client.get(url)
    assert answer.status_code == 200
    assert '<html lang="zh-CN">' in answer.text
    policy = answer.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "http://" not in answer.text.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in answer.text


def test_a_name_is_served_only_when_listed(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(b"x")
    entries = list(tmp_path.iterdir())
    assert child_named(tmp_path, "a.docx", entries) == tmp_path / "a.docx"
    for name in ("../a.docx", "/etc/passwd", "..", ".", "sub/a.docx", "a.docx\0", "b.docx"):
        assert child_named(tmp_path, name, entries) is None
