"""Server time of the web page's case list (`GET /`) as cases grow.

Run from the repository root: `python3 bench/web.py` (100 and 1,000 cases), or
`python3 bench/web.py --sizes 100` for a quick look. The application is called in-process
through Starlette's TestClient (no network), with the day fixed, on workspaces of fictional
cases generated in a temporary folder. Printed per size: the first request (cold: nothing
read yet; warm: after the startup warm-up `docgen serve` runs, whose time is not counted),
then the median and the slowest of the next ones, in milliseconds.
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


def measure(root: Path, repeats: int, warm: bool) -> tuple[float, float, float]:
    """First, median and slowest `GET /` in ms; with `warm`, once the startup warm-up ended,
    as `docgen serve` does it."""
    app = create_app(root, today=lambda: TODAY)
    if warm:
        here = app.state.office
        here.ledger.warm(here.workspace(), TODAY).join()
    client = TestClient(app)
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
    print(f"{'cases':>6}  {'start':>6}  {'first ms':>8}  {'median ms':>9}  {'max ms':>7}")
    with tempfile.TemporaryDirectory(dir=args.scratch) as scratch:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            root = make_workspace(Path(scratch) / f"ws{size}", size)
            for warm in (False, True):
                first, median, slowest = measure(root, args.repeats, warm)
                start = "warm" if warm else "cold"
                print(f"{size:>6}  {start:>6}  {first:>8.0f}  {median:>9.0f}  {slowest:>7.0f}")


if __name__ == "__main__":
    main()
