"""The one real-browser test: `docgen serve` in a subprocess, read by headless Chromium.

Without Chromium the test is skipped on a developer's machine but fails in CI (`CI` set), as
the LibreOffice tests do; scripts/install-system-deps.sh installs Debian's `chromium`.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from web.served import chromium, serving

QUIET = (  # Chromium's own traffic (updates, accounts, autofill) is not the page's
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter",
)


@pytest.fixture
def served(workspace: Path) -> Iterator[str]:
    """`docgen -C WORKSPACE serve --port N`, until the test ends; its base URL."""
    with serving(workspace) as url:
        yield url


def load(url: str, scratch: Path) -> tuple[str, list[str]]:
    """The DOM of `url` after its scripts ran, and the URLs of every request the page made."""
    net_log = scratch / "net.json"
    done = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            *QUIET,
            f"--user-data-dir={scratch / 'profile'}",
            f"--log-net-log={net_log}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return done.stdout.decode("utf-8"), page_requests(net_log, url)


def page_requests(net_log: Path, url: str) -> list[str]:
    """The URLs the page itself asked for: the navigation and what the page initiated."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    origin = re.match(r"https?://[^/]+", url)
    assert origin
    found = [event.get("params", {}) for event in log["events"] if event["type"] == start]
    return [
        params["url"]
        for params in found
        if params.get("initiator") == origin[0] or params.get("url") == url
    ]


def test_the_case_list_renders_in_chromium_from_this_machine_only(
    served: str, tmp_path: Path
) -> None:
    dom, requests = load(f"{served}/", tmp_path / "list")
    rows = re.findall(r'<tr[^>]*>\s*<td><a href="/case/([^"]+)">', dom)
    assert rows == ["XF2020-007", "XF2020-018", "XF2020-025", "XF2020-031"]
    assert "案件台账" in dom and "王建国、王建军反映土地征收补偿问题" in dom
    assert f"{served}/static/style.css" in requests and f"{served}/static/app.js" in requests
    outside = [u for u in requests if not u.startswith("http://127.0.0.1:")]
    assert not outside, outside

    progress, requests = load(f"{served}/progress", tmp_path / "progress")
    assert progress.count("<svg") == 3 and 'class="actual"' in progress
    assert all(u.startswith("http://127.0.0.1:") for u in requests), requests
