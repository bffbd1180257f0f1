"""CPU time of compiling the 12 built-in templates, as every `check`, `render` and `notices` does
once per process: each run in a fresh process, best and median of the runs.

usage: PYTHONPATH=. python3 bench/compile.py [--runs N]

Why fresh processes: the first compile in a process is what a command pays (imports done,
interpreter not yet warmed up); the CPU time (user + system) is measured, not the wall clock,
so that other work on the machine counts less. Compare two checkouts run by run, interleaved.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_ONE_RUN = "--one-run"


def one_run() -> float:
    """CPU seconds `_build` takes for every built-in template, in this process."""
    from docgen.engine import compiled

    blobs = [(p.name, p.read_bytes()) for p in sorted((REPO / "templates").glob("*.docx"))]
    start = time.process_time()
    for name, blob in blobs:
        compiled._build(name, blob, False)
    return time.process_time() - start


def fresh_run() -> float:
    """CPU seconds of `one_run` in a new process."""
    path = os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    command = [sys.executable, str(Path(__file__).resolve()), _ONE_RUN]
    env = {**os.environ, "PYTHONPATH": path}
    return float(subprocess.run(command, env=env, check=True, capture_output=True).stdout)


if __name__ == "__main__":
    if _ONE_RUN in sys.argv:
        print(one_run())
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = sorted(fresh_run() for _ in range(parser.parse_args().runs))
    print(
        f"compile 12 templates: best {runs[0] * 1000:.0f} ms CPU, "
        f"median {statistics.median(runs) * 1000:.0f} ms, of {len(runs)} fresh processes "
        f"(load {', '.join(f'{x:.2f}' for x in os.getloadavg())})"
    )
