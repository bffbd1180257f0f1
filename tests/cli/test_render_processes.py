"""`docgen render` as real processes: stopped, killed or run twice at once, files stay whole."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO
from docxread import open_docx
from generated import make_workspace

CASES = 200  # enough for a render to last a few seconds


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("generated") / "ws", CASES)


@pytest.fixture
def big(generated: Path, tmp_path: Path) -> Path:
    """A copy of the generated workspace, the first five cases already rendered."""
    root = tmp_path / "ws"
    shutil.copytree(generated, root)
    names = [f"XF2020-{n:05d}" for n in range(1, 6)]
    assert finish(docgen(root, "render", "--date", "2020-06-01", "--jobs", "1", *names)) == 0
    return root


def docgen(root: Path, *args: str) -> subprocess.Popen[str]:
    """`python -m docgen -C ROOT ARGS…` started in a session of its own (workers included)."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "docgen", "-C", str(root), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )


def finish(process: subprocess.Popen[str]) -> int:
    """Wait for `process`, reading the rest of its stderr so it never blocks writing it."""
    _, stderr = process.communicate(timeout=120)
    assert process.returncode in (0, 1, 128 + signal.SIGTERM), stderr
    return process.returncode


def wait_for(process: subprocess.Popen[str], text: str) -> list[str]:
    """stderr lines of `process` up to the first that contains `text`."""
    assert process.stderr is not None
    lines: list[str] = []
    for line in process.stderr:
        lines.append(line)
        if text in line:
            return lines
    pytest.fail(f"“{text}” never came: {''.join(lines)}")


def documents(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((root / "output").rglob("*.docx"))}


def assert_whole(paths: Iterator[Path] | list[Path]) -> None:
    """Every file a complete .docx: the zip intact, and a sample opened by python-docx."""
    paths = list(paths)
    for path in paths:
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None, path
    for path in paths[:: max(1, len(paths) // 20)]:
        assert open_docx(path).paragraphs, path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_removes_the_runs_temporaries_and_keeps_the_old_files(big: Path, jobs: str) -> None:
    before = documents(big)
    render = docgen(big, "render", "--date", "2021-03-01", "--jobs", jobs)
    wait_for(render, "正在生成 XF2020-00010")
    render.send_signal(signal.SIGTERM)
    _, stderr = render.communicate(timeout=60)
    assert render.returncode == 128 + signal.SIGTERM
    assert "已中断" in stderr
    assert not list((big / "output").rglob("*.tmp"))
    assert documents(big) == before  # stopped before the swap: old files, whole
    assert_whole(before)


def test_sigkill_leaves_whole_files_and_a_rerun_completes(big: Path) -> None:
    render = docgen(big, "render", "--date", "2021-03-01", "--jobs", "2")
    wait_for(render, "正在生成 XF2020-00020")
    os.killpg(render.pid, signal.SIGKILL)  # the parent and its workers, as the OOM killer might
    render.communicate()
    assert_whole(documents(big))
    left = list((big / "output").rglob("*.tmp"))
    an_hour_ago = time.time() - 3700
    for tmp in left:
        os.utime(tmp, (an_hour_ago, an_hour_ago))
    assert finish(docgen(big, "render", "--date", "2021-03-01", "--jobs", "2")) == 0
    assert not list((big / "output").rglob("*.tmp"))
    written = documents(big)
    assert len({p.parent for p in written}) == CASES  # a legal-track case writes its 转送函
    assert_whole(written)


LOCK_HOLDER = """
import sys
from pathlib import Path
from docgen.lock import workspace_lock
with workspace_lock(Path(sys.argv[1]), "render"):
    print("locked", flush=True)
    sys.stdin.readline()  # held until the test has seen the render wait
"""


def test_a_render_waits_for_the_process_writing_the_workspace(workspace: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(workspace)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    holder.stdout.close()
    render = docgen(workspace, "render", "--date", "2020-06-01")
    waiting = wait_for(render, "另一个 docgen 进程正在写入本工作区")
    assert f"进程 {holder.pid}，命令 render，开始于 " in waiting[-1]
    assert holder.stdin is not None
    holder.stdin.close()  # the holder lets go; the render, still waiting, goes on
    assert holder.wait() == 0
    assert finish(render) == 0
    assert len(documents(workspace)) == 59
