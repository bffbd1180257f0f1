"""What keeps the page safe: loopback unless there are users, CSRF, confined paths.

Why:
    A page served on 127.0.0.1 can still be driven by any other site open in the same browser
    (a cross-site POST). Every change therefore needs a per-process token that only our own
    pages carry, and nothing the browser sends is taken as a path.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from docgen.errors import UsageProblem

MAX_UPLOAD_BYTES: Final = 20 * 1024 * 1024  # one request of signed scans
UPLOAD_SUFFIXES: Final = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".ofd"})
CSP: Final = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'"
)
_NAME: Final = re.compile(r"[^/\\\x00]+")


def new_token() -> str:
    """The CSRF token of this server process; a restart invalidates open forms."""
    return secrets.token_urlsafe(32)


def token_matches(sent: str | None, token: str) -> bool:
    return sent is not None and secrets.compare_digest(sent.encode(), token.encode())


def check_host(host: str, has_users: bool) -> None:
    """Refuse any address but the machine's own while the workspace has no users.

    Raises:
        UsageProblem: `host` is not a loopback address and nobody could log in.
    """
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not has_users:
        raise UsageProblem(
            f"不能在 {host} 上提供网页：工作区还没有网页用户，只能在本机（127.0.0.1）使用",
            hint="要在局域网使用，请先用 docgen users add 姓名 添加用户；否则请去掉 --host。",
        )


def child_named(folder: Path, name: str, entries: Iterable[Path]) -> Path | None:
    """The entry of `folder` called `name`, chosen from `entries`, never built from `name`.

    Why:
        A name such as `../docgen.yaml` or `/etc/passwd` must not reach the file system; only
        a name equal to one that is listed in the folder is served.
    """
    if not _NAME.fullmatch(name) or name in {".", ".."}:
        return None
    for entry in entries:
        if entry.name == name and entry.parent == folder and entry.is_file():
            return entry
    return None
