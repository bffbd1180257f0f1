"""A Starlette TestClient over the example workspace, with a fixed day and CSRF token."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from web.webclient import TODAY, TOKEN, ClientFor

from docgen.web import create_app


@pytest.fixture
def client_for(workspace: Path) -> ClientFor:
    """A client of the example workspace as it stands on a given day."""

    def make(today: date) -> TestClient:
        return TestClient(create_app(workspace, today=lambda: today, token=TOKEN))

    return make


@pytest.fixture
def client(client_for: ClientFor) -> TestClient:
    return client_for(TODAY)
