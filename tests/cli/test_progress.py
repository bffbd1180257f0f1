"""Progress bars: on a terminal for every command that reads many cases, never into a pipe.

Why a real terminal: Click draws its bar only on one, so the commands run in a subprocess whose
stderr is a pseudo-terminal, as a clerk's console is; stdout stays a pipe, as when redirected.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from generated import make_workspace

TODAY = "2020-06-10"  # XF2020-031 and its copies close that day
COMMANDS = [
    ("check", "正在检查"),
    ("status", "正在读取"),
    ("due", "正在读取"),
    ("render", "正在生成"),
]


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("progress") / "ws", 12)


def docgen(root: Path, args: tuple[str, ...], terminal: bool) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of `docgen -C root ARGS…`, stderr on a terminal or not."""
    command = [sys.executable, "-m", "docgen", "-C", str(root), *args]
    if not terminal:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout, done.stderr
    master, slave = pty.openpty()
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave
    )
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    out, _ = process.communicate(timeout=120)
    return process.returncode, out.decode(), seen.decode(errors="replace")


@pytest.mark.parametrize(("command", "label"), COMMANDS)
def test_a_terminal_shows_a_bar(many: Path, command: str, label: str) -> None:
    status, out, terminal = docgen(many, (command, "--today", TODAY), terminal=True)
    assert status == 0, terminal
    assert label in terminal and "100%" in terminal
    assert label not in out


@pytest.mark.parametrize(("command", "label"), COMMANDS[:3])
def test_a_pipe_gets_no_progress_from_a_command_that_only_reads(
    many: Path, command: str, label: str
) -> None:
    status, out, err = docgen(many, (command, "--today", TODAY), terminal=False)
    assert status == 0, err
    assert (label not in err) and (label not in out) and err == ""


def test_a_few_cases_show_no_bar(tmp_path: Path) -> None:
    few = make_workspace(tmp_path / "ws", 3)
    status, _, terminal = docgen(few, ("check", "--today", TODAY), terminal=True)
    assert status == 0
    assert "正在检查" not in terminal
