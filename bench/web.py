"""Server time of the web page's case list (`GET /`) as cases grow.

Run from the repository root: `python3 bench/web.py` (100 and 1,000 cases), or
`python3 bench/web.py --sizes 100` for a quick look. The application is called in-process
through Starlette's TestClient (no network), with the day fixed, on workspaces of fictional
cases generated in a temporary folder. Printed per size: the first request (cold), then the
median and the slowest of the next ones, in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from common import add_scratch_option, load_average  # noqa: E402
from generated import make_workspace  # noqa: E402  (tests/ holds the case generator)
from starlette.testclient import TestClient  # noqa: E402

from docgen.web import create_app  # noqa: E402

TODAY = date(2020, 6, 10)


def measure(root: Path, repeats: int) -> tuple[float, float, float]:
    client = TestClient(create_app(root, today=lambda: TODAY))
    times = []
    for _ in range(repeats + 1):
        started = time.perf_counter()
        answer = client.get("/")
        times.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200
    return times[0], statistics.median(times[1:]), max(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--repeats", type=int, default=5)
    add_scratch_option(parser)
    args = parser.parse_args()
    print(f"load average: {load_average()}")
    print(f"{'cases':>6}  {'cold ms':>8}  {'median ms':>9}  {'max ms':>7}")
    with tempfile.TemporaryDirectory(dir=args.scratch) as scratch:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            root = make_workspace(Path(scratch) / f"ws{size}", size)
            cold, median, slowest = measure(root, args.repeats)
            print(f"{size:>6}  {cold:>8.0f}  {median:>9.0f}  {slowest:>7.0f}")


if __name__ == "__main__":
    main()
