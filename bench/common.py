"""What the benchmarks share: running docgen as a clerk does, timed, and where to run it."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Timed:
    seconds: float
    peak_mb: float  # the largest process of the run: the parent or one of its workers
    status: int
    cpu_seconds: float = 0.0  # user + system time of the run, its workers included


def timed_docgen(root: Path, *args: str) -> Timed:
    """`python3 -m docgen -C ROOT ARGS…` in a fresh process (start-up included), timed."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-m", "docgen", "-C", str(root), *args]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    return Timed(seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), cpu)


def add_scratch_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scratch",
        default=None,
        help="folder for the generated workspaces (default: the system's temporary folder;"
        " choose one on the disk clerks' workspaces live on)",
    )


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())
