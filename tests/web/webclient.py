"""What the web tests share besides fixtures: the fixed day, the token, reading a form."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from starlette.testclient import TestClient

TODAY = date(2020, 6, 10)  # XF2020-031 closes that day: no example case is dated ahead of it
TOKEN = "test-token"

ClientFor = Callable[[date], TestClient]


def opened_hash(html: str) -> str:
    """The hash of the file as the edit page opened it."""
    found = re.search(r'name="opened" value="([0-9a-f]+)"', html)
    assert found, html
    return found.group(1)
