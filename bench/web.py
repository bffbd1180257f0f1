"""Server time of the web page's case list (`GET /`) as cases grow.

Run from the repository root: `python3 bench/web.py` (100 and 1,000 cases), or
`python3 bench/web.py --sizes 100` for a quick look. The application is called in-process
through Starlette's TestClient (no network), with the day fixed, on workspaces of fictional
cases generated in a temporary folder. Printed per size and start (cold: nothing read yet;
during: the startup warm-up `docgen serve` runs has just begun; warm: after it, its time not
counted; edited: warm, then one case file saved, as a clerk does before looking at the list
again): the first request, the median and the slowest of the next ones, in milliseconds; the
CPU time of the first request and the median one (this process, its threads and worker
processes included; for `during`, the warm-up's work too); how many case files were read
until the first request was answered (for `during`, the warm-up's reads included).
"""

from __future__ import annotations

import argparse
import resource
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
STARTS = ("cold", "during", "warm", "edited")


def cpu_seconds() -> float:
    """CPU time of this process and of its ended children (the worker processes that read
    case files when there are many)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(root: Path, repeats: int, start: str) -> tuple[float, ...]:
    """First, median and slowest `GET /` in ms, the CPU ms of the first and the median one
    and the case files read until the first request was answered.

    `cold`: nothing read yet; `during`: the startup warm-up `docgen serve` runs has just
    begun; `warm`: once it ended; `edited`: warm, one case list answered, then one case
    file saved with a new title."""
    app = create_app(root, today=lambda: TODAY)
    here = app.state.office
    client = TestClient(app)
    if start != "cold":
        warming = here.ledger.warm(here.workspace(), TODAY)
        if start != "during":
            warming.join()
    if start == "edited":
        assert client.get("/").status_code == 200
        cases = sorted((root / "cases").glob("*.yaml"))
        case = cases[len(cases) // 2]
        text = case.read_text(encoding="utf-8")
        case.write_text(text.replace("title: ", "title: （已修改）", 1), encoding="utf-8")
    times, cpu = [], []
    reads = 0 if start == "during" else here.ledger.reads
    for _ in range(repeats + 1):
        started, started_cpu = time.perf_counter(), cpu_seconds()
        answer = client.get("/")
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((cpu_seconds() - started_cpu) * 1000)
        assert answer.status_code == 200
        if len(times) == 1:
            reads = here.ledger.reads - reads
    if start == "edited":
        assert "（已修改）" in answer.text
    return (
        *(times[0], statistics.median(times[1:]), max(times[1:])),
        *(cpu[0], statistics.median(cpu[1:]), reads),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--repeats", type=int, default=5)
    add_scratch_option(parser)
    args = parser.parse_args()
    print(f"load average: {load_average()}")
    print(
        f"{'cases':>6}  {'start':>6}  {'first ms':>8}  {'median ms':>9}  {'max ms':>7}"
        f"  {'cpu first':>9}  {'cpu median':>10}  {'files read':>10}"
    )
    with tempfile.TemporaryDirectory(dir=args.scratch) as scratch:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            root = make_workspace(Path(scratch) / f"ws{size}", size)
            for start in STARTS:
                first, median, slowest, cpu_first, cpu, reads = measure(root, args.repeats, start)
                print(
                    f"{size:>6}  {start:>6}  {first:>8.0f}  {median:>9.0f}  {slowest:>7.0f}"
                    f"  {cpu_first:>9.0f}  {cpu:>10.0f}  {reads:>10.0f}"
                )


if __name__ == "__main__":
    main()
