"""`docgen notices` as a real process, killed mid-batch: whole files, every number once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from conftest import REPO
from docxread import open_docx
from generated import HEARINGS_FROM, HEARINGS_TO, make_hearing_workspace

from docgen.register.store import open_register

CASES = 120  # 600 notices and 600 receipts: a batch that lasts a few seconds


def notices(root: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    window = ["--from", HEARINGS_FROM, "--to", HEARINGS_TO, "--today", "2020-06-01"]
    return subprocess.Popen(
        [sys.executable, "-m", "docgen", "-C", str(root), "notices", *window, "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )


def test_a_batch_killed_midway_leaves_whole_files_and_a_rerun_completes_it(
    tmp_path: Path,
) -> None:
    root = make_hearing_workspace(tmp_path / "ws", CASES)
    batch = notices(root)
    deadline = time.monotonic() + 120
    while not any((root / "output").rglob("*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.02)  # the documents are being written
    os.killpg(batch.pid, signal.SIGKILL)  # the parent and its workers, as the OOM killer might
    batch.communicate()
    for path in (root / "output").rglob("*.docx"):
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None, path
    an_hour_ago = time.time() - 3700
    for tmp in (root / "output").rglob("*.tmp"):
        os.utime(tmp, (an_hour_ago, an_hour_ago))
    rerun = notices(root)
    _, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr
    assert not list((root / "output").rglob("*.tmp"))
    with open_register(root / ".docgen" / "register.db") as register:
        serials = sorted(number.serial for number in register.list(2020, "hearing_notice"))
    assert serials == list(range(1, CASES * 5 + 1))  # no gap, no duplicate
    folder = root / "output" / "批次" / f"{HEARINGS_FROM}至{HEARINGS_TO}-听证通知"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["documents"]) == CASES * 10
    assert {d["doc_number"] for d in manifest["documents"]} == {
        f"某信听〔2020〕{n}号" for n in serials
    }
    documents = sorted((root / "output").rglob("*.docx"))
    for path in documents[:: max(1, len(documents) // 20)]:
        assert open_docx(path).paragraphs, path
