"""What the web tests share besides fixtures: the fixed day, the token, reading a form, waiting
for a background job."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import date

from httpx2 import Response  # what starlette's TestClient answers with
from starlette.testclient import TestClient

TODAY = date(2020, 6, 10)  # XF2020-031 closes that day: no example case is dated ahead of it
TOKEN = "test-token"

ClientFor = Callable[[date], TestClient]


def opened_hash(html: str) -> str:
    """The hash of the file as the edit page opened it."""
    found = re.search(r'name="opened" value="([0-9a-f]+)"', html)
    assert found, html
    return found.group(1)


def finished(client: TestClient, answer: Response, seconds: float = 60) -> Response:
    """The page of the job `answer` started (its redirect or progress page), once it is done."""
    location = answer.headers.get("location") or answer.url.path
    found = re.fullmatch(r"/job/([\w-]+)", str(location))
    assert found, (answer.status_code, location)
    ends = time.monotonic() + seconds
    while not client.get(f"/api/job/{found.group(1)}").json()["finished"]:
        assert time.monotonic() < ends, "the job did not finish"
        time.sleep(0.05)
    return client.get(f"/job/{found.group(1)}")
