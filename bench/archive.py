"""Speed and memory of the archive: add 1,000 signed files of 200 KB, verify them, verify 1 GB.

usage: python3 bench/archive.py --scratch /work/scratch/archive [--files 1000] [--big-mb 1024]

Three runs, each in a fresh process whose peak RSS is measured:
- add: `archive_signed` called once per file (half PDFs, half JPEG scans, 200 KB each), as
  `docgen archive add` does after start-up; each add copies, fsyncs, re-hashes and commits
  on its own (legal records), so the figure is mostly the disk's sync latency;
- verify: `docgen archive verify` on those files;
- verify 1 GB: `docgen archive verify` on an archive of five files of about 200 MB, which must
  stay under 100 MB RSS (files are streamed in 1 MB chunks).
Also printed: one `docgen archive add` from the command line, start-up included.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from common import add_scratch_option, load_average, timed_docgen  # noqa: E402

from docgen.pipeline.archiving import Signed, archive_signed  # noqa: E402
from docgen.register.store import NumberRequest, open_register, recipient_key  # noqa: E402
from docgen.workspace import Workspace  # noqa: E402

FILE_KB = 200
PATTERN = "某信听〔{year}〕{n}号"
JPEG_HEAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
RSS_LIMIT_MB = 100


def make_workspace(root: Path, count: int) -> None:
    """A workspace whose register holds `count` issued 听证通知书 numbers (one per recipient)."""
    root.mkdir(parents=True)
    (root / "docgen.yaml").write_text("", "utf-8")
    requests = [
        NumberRequest(
            "XF2020-001",
            "hearing_notice",
            recipient_key("petitioner", f"收件人{i:05d}"),
            2020,
            PATTERN,
            date(2020, 6, 1),
        )
        for i in range(count)
    ]
    with open_register(root / ".docgen" / "register.db") as register:
        register.numbers_for(requests)


def pdf_of(size: int) -> bytes:
    """A one-page PDF carrying `size` random bytes, as a scan embedded in a PDF would."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.Root.Scan = pikepdf.Stream(pdf, os.urandom(size))
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    return out.getvalue()


def make_signed(folder: Path, count: int) -> list[Path]:
    """`count` files of FILE_KB KB: PDFs and JPEG scans alternately."""
    folder.mkdir(parents=True)
    paths = []
    for i in range(count):
        if i % 2:
            path, data = folder / f"{i:05d}.jpg", JPEG_HEAD + os.urandom(FILE_KB * 1024)
        else:
            path, data = folder / f"{i:05d}.pdf", pdf_of(FILE_KB * 1024)
        path.write_bytes(data)
        paths.append(path)
    return paths


def make_big(folder: Path, total_mb: int, parts: int = 5) -> list[Path]:
    """`parts` JPEG scans of total_mb / parts MB each, written 1 MB at a time."""
    folder.mkdir(parents=True)
    paths = []
    for i in range(parts):
        path = folder / f"big{i}.jpg"
        with path.open("wb") as fh:
            fh.write(JPEG_HEAD)
            for _ in range(total_mb // parts):
                fh.write(os.urandom(1 << 20))
        paths.append(path)
    return paths


def add_all(root: Path, files: list[Path]) -> None:
    """Archive file i as the signed copy of number i+1 (the phase run in its own process)."""
    workspace = Workspace(root)
    started = time.perf_counter()
    for i, path in enumerate(files, start=1):
        number = PATTERN.format(year=2020, n=i)
        archive_signed(workspace, [path], Signed(number=number), by="bench")
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.3f} {peak:.1f}")


def timed_add(root: Path, folder: Path) -> tuple[float, float, float]:
    """Run `add_all` in a fresh process: seconds (adds only), its peak RSS, wall seconds."""
    command = [sys.executable, __file__, "--add-phase", str(root), str(folder)]
    started = time.perf_counter()
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - started
    seconds, peak = (float(x) for x in output.split())
    return seconds, peak, wall


def report(label: str, count: int, seconds: float, peak: float, status: int = 0) -> None:
    flag = "" if status == 0 else f"  (exit {status})"
    per_file = f"{seconds / count * 1000:.1f} ms" if count else "—"
    print(f"{label:<24}{count:>7}{seconds:>10.2f}{per_file:>12}{peak:>10.1f}{flag}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--big-mb", type=int, default=1024, help="size of the big verify (MB)")
    parser.add_argument("--add-phase", nargs=2, help=argparse.SUPPRESS)
    add_scratch_option(parser)
    options = parser.parse_args()
    if options.add_phase:
        root, folder = (Path(p) for p in options.add_phase)
        add_all(root, sorted(folder.iterdir()))
        return
    print(f"docgen archive bench; {os.cpu_count()} cores; load average {load_average()}")
    print(f"{'run':<24}{'files':>7}{'seconds':>10}{'per file':>12}{'peak MB':>10}")
    if options.scratch:
        Path(options.scratch).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docgen-archive-", dir=options.scratch) as scratch:
        base = Path(scratch)
        make_workspace(base / "ws", options.files + 1)
        make_signed(base / "signed", options.files)
        seconds, peak, _ = timed_add(base / "ws", base / "signed")
        report(f"add ({FILE_KB} KB each)", options.files, seconds, peak)
        one = base / "one" / "x.pdf"
        one.parent.mkdir()
        one.write_bytes(pdf_of(FILE_KB * 1024))
        number = PATTERN.format(year=2020, n=options.files + 1)
        timed = timed_docgen(base / "ws", "archive", "add", str(one), "--number", number)
        report("add, one CLI run", 1, timed.seconds, timed.peak_mb, timed.status)
        timed = timed_docgen(base / "ws", "archive", "verify")
        report("verify", options.files + 1, timed.seconds, timed.peak_mb, timed.status)

        make_workspace(base / "big", 5)
        make_big(base / "bigfiles", options.big_mb)
        timed_add(base / "big", base / "bigfiles")
        timed = timed_docgen(base / "big", "archive", "verify")
        report(f"verify {options.big_mb} MB", 5, timed.seconds, timed.peak_mb, timed.status)
        verdict = "under" if timed.peak_mb < RSS_LIMIT_MB else "OVER"
        print(
            f"verify of {options.big_mb} MB: peak {timed.peak_mb:.1f} MB, {verdict} {RSS_LIMIT_MB}"
        )
        mb_per_s = options.big_mb / timed.seconds
        print(f"verify throughput: {mb_per_s:.0f} MB/s")


if __name__ == "__main__":
    main()
