"""Fixtures shared by the whole suite: the example workspace and the command line."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from docgen.cli import main
from docgen.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent

CliInvoker = Callable[..., Result]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the repository's example workspace (settings, cases, templates)."""
    root = tmp_path / "ws"
    root.mkdir()
    shutil.copy(REPO / "docgen.yaml", root / "docgen.yaml")
    shutil.copytree(REPO / "cases", root / "cases")
    shutil.copytree(REPO / "templates", root / "templates", ignore=shutil.ignore_patterns("source"))
    return root


@pytest.fixture
def example(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """The example workspace as a `Workspace`, the current folder (messages name files in it)."""
    monkeypatch.chdir(workspace)
    return Workspace(workspace)


@pytest.fixture
def cli(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> CliInvoker:
    """Run `docgen ARGS…` in-process inside the workspace, as a clerk would.

    stdout and stderr are kept apart (`result.stdout`, `result.stderr`).
    """
    monkeypatch.chdir(workspace)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke
