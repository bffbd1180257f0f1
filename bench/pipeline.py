"""End-to-end speed and memory of `docgen check`, `render`, `status` and `due` as cases grow.

Run from the repository root: `python3 bench/pipeline.py` (100, 500 and 1,000 cases, and
10,000 for `check`), or `python3 bench/pipeline.py --sizes 100,500 --check-sizes ""` for a quick
look. Each command runs as a clerk runs it, `python3 -m docgen …` in a fresh process (start-up
included) with `--today` fixed, on workspaces of fictional cases generated in a temporary folder.
Printed per run: wall seconds, CPU seconds (user + system, workers included: on a shared
machine they vary less than wall time), files or documents per second, and the peak RSS of the
largest process of the run (the parent, or one of its workers), so growth shows row to row.
`check` runs twice per size: first on a fresh workspace, then `recheck` with nothing changed
(what the memo in .docgen/ answers, see docgen/pipeline/memo.py). `render` runs three times
per size: first into an empty output/, then `again` with nothing changed, then `1 edit` after
one case file was edited (a clerk's usual second render).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from common import add_scratch_option, load_average, timed_docgen  # noqa: E402
from generated import make_workspace  # noqa: E402  (tests/ holds the case generator)

TODAY = "2020-06-10"  # XF2020-031 closes that day: every generated case is valid


@dataclass(frozen=True)
class Run:
    command: str
    cases: int
    seconds: float
    items: int  # case files checked, documents written, cases listed
    peak_mb: float
    status: int
    cpu_seconds: float


CHECKS: Final = ("check", "recheck")  # the two checks of each size
RENDERS: Final = ("render", "again", "1 edit")  # the three renders of each size


def run(root: Path, command: str, cases: int, *extra: str) -> Run:
    """`python3 -m docgen -C ROOT COMMAND --today …`, timed, its peak RSS taken from wait4."""
    if command == "1 edit":
        first = sorted((root / "cases").glob("*.yaml"))[0]
        first.write_text(first.read_text("utf-8") + "\n# 补充材料已收\n", "utf-8")
    name = "render" if command in RENDERS else "check" if command in CHECKS else command
    timed = timed_docgen(root, name, "--today", TODAY, *extra)
    items = sum(1 for _ in (root / "output").rglob("*.docx")) if name == "render" else cases
    return Run(command, cases, timed.seconds, items, timed.peak_mb, timed.status, timed.cpu_seconds)


def measure(size: int, commands: list[str], jobs: list[str], scratch: Path) -> list[Run]:
    root = make_workspace(scratch / f"ws{size}", size)
    runs = []
    for command in commands:
        extra = (
            [*jobs, "--date", TODAY] if command in RENDERS else jobs if command in CHECKS else []
        )
        runs.append(run(root, command, size, *extra))
        print(row(runs[-1]), flush=True)
    return runs


def row(r: Run) -> str:
    unit = "docs" if r.command in RENDERS else "files" if r.command in CHECKS else "cases"
    flag = "" if r.status in (0, 1) else f"  (exit {r.status})"
    return (
        f"{r.command:<7}{r.cases:>7}{r.seconds:>9.2f}{r.cpu_seconds:>8.2f}"
        f"{r.items / r.seconds:>10.0f} {unit:<6}{r.peak_mb:>9.1f}{flag}"
    )


def growth(runs: list[Run]) -> None:
    """Each command's time and peak RSS at its largest size, relative to its smallest."""
    print("\ngrowth, largest size vs smallest (time ×, cases ×, peak RSS ×)")
    for command in (*CHECKS, *RENDERS, "status", "due"):
        mine = sorted((r for r in runs if r.command == command), key=lambda r: r.cases)
        if len(mine) >= 2:
            first, last = mine[0], mine[-1]
            times, cases = last.seconds / first.seconds, last.cases / first.cases
            rss = last.peak_mb / first.peak_mb
            print(f"{command:<7}{times:>7.1f} ×  for {cases:>5.0f} × cases;  RSS {rss:.2f} ×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,500,1000", help="case counts for every command")
    parser.add_argument("--check-sizes", default="10000", help="further case counts, check only")
    parser.add_argument("--jobs", default=None, help="passed to check and render (default: all)")
    add_scratch_option(parser)
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",") if s]
    check_sizes = [int(s) for s in options.check_sizes.split(",") if s]
    jobs = ["--jobs", options.jobs] if options.jobs else []
    print(f"docgen pipeline bench; {os.cpu_count()} cores; load average {load_average()}")
    print(f"{'command':<7}{'cases':>7}{'wall s':>9}{'cpu s':>8}{'per s':>10} {'':<6}{'peak MB':>9}")
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="docgen-bench-", dir=options.scratch) as scratch:
        for size in sizes:
            runs += measure(size, [*CHECKS, *RENDERS, "status", "due"], jobs, Path(scratch))
        for size in check_sizes:
            runs += measure(size, [*CHECKS], jobs, Path(scratch))
    growth(runs)


if __name__ == "__main__":
    main()
