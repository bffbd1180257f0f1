"""`docgen serve` as a real process, and the Chromium that reads it: for the browser tests.

Without Chromium a browser test is skipped on a developer's machine but fails in CI (`CI` set),
as the LibreOffice tests do; scripts/install-system-deps.sh installs Debian's `chromium`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parents[2]


def needed(reason: str) -> NoReturn:
    """Skip for want of a tool here, but fail in CI, which must have every tool."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        needed("Chromium is not installed: run scripts/install-system-deps.sh")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(workspace: Path, *options: str) -> Iterator[str]:
    """`docgen -C WORKSPACE serve --port N OPTIONS…` while the block runs; its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "docgen", "-C", str(workspace), "serve", "--port", str(port)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen(
        [*command, *options], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert server.poll() is None, server.communicate()[1].decode()
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.communicate(timeout=10)
