"""End-to-end speed and memory of `docgen notices`: a hearing week, at 1× and 5× size.

Run from the repository root: `python3 bench/batch.py` (200 and 1,000 cases, five recipients
each: 1,000 and 5,000 notices, each with its receipt), or `--scales 1` for a quick look. Each
run is `python3 -m docgen notices …` in a fresh process, as a clerk runs it: reading and
checking every case, numbering in the register, rendering, the print file, the 送达登记表 and
the manifest. Printed per run: wall and CPU seconds (user + system, workers included),
documents (notices + receipts) per second, and the peak RSS of the largest process of the
run. Bar: 1,000 notices + receipts ≤ 5 s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from common import Timed, add_scratch_option, load_average, timed_docgen  # noqa: E402
from generated import HEARINGS_FROM, HEARINGS_TO, make_hearing_workspace  # noqa: E402

CASES = 200  # at 1×: 200 cases × 5 recipients = 1,000 notices and 1,000 receipts
RECIPIENTS = 5


def run(root: Path, *extra: str) -> Timed:
    """`python3 -m docgen -C ROOT notices …`: wall and CPU seconds, peak RSS, exit status."""
    window = ["--from", HEARINGS_FROM, "--to", HEARINGS_TO, "--today", "2020-06-01"]
    return timed_docgen(root, "notices", *window, *extra)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,5", help="multiples of 200 cases")
    parser.add_argument("--jobs", default=None, help="passed to notices (default: all cores)")
    add_scratch_option(parser)
    options = parser.parse_args()
    jobs = ["--jobs", options.jobs] if options.jobs else []
    print(f"docgen notices bench; {os.cpu_count()} cores; load average {load_average()}")
    print(f"{'run':<8}{'cases':>7}{'docs':>7}{'wall s':>9}{'cpu s':>8}{'docs/s':>9}{'peak MB':>9}")
    with tempfile.TemporaryDirectory(prefix="docgen-batch-", dir=options.scratch) as scratch:
        for scale in (int(s) for s in options.scales.split(",") if s):
            cases = CASES * scale
            root = make_hearing_workspace(Path(scratch) / f"ws{scale}", cases)
            documents = 2 * cases * RECIPIENTS
            for label in ("first", "rerun"):  # a rerun: numbers known, files rewritten
                timed = run(root, *jobs)
                flag = "" if timed.status == 0 else f"  (exit {timed.status})"
                print(
                    f"{label:<8}{cases:>7}{documents:>7}{timed.seconds:>9.2f}"
                    f"{timed.cpu_seconds:>8.2f}{documents / timed.seconds:>9.0f}"
                    f"{timed.peak_mb:>9.1f}{flag}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
