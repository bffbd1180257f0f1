"""How fast rendered documents become checked PDF/A-2b files: 50 and 500 documents, per strategy.

usage: PYTHONPATH=. python3 bench/pdf.py [--scratch DIR] [--counts 50 500] [--listener]

Strategies, each through docgen.pdf.convert_documents (staging, LibreOffice, pikepdf checks
and metadata: what `--pdf` does):
  one process   all files through ONE soffice process at a time (one call for up to 100
                files; a longer batch is cut in calls of 100, as docgen does)
  two parallel  two soffice processes at once, each with its own profile, half the files
                each (what `--pdf` does on two cores)
  per document  one soffice process per file (first 5 files only: the start-up cost)
  listener      (--listener) one LibreOffice kept running, driven over UNO by Debian's
                /usr/bin/python3 with python3-uno; conversion only, no checks
The bar is 0.15 s per document on 2 cores in batch. The machine may be shared: the load
average before and after each run is printed beside it.
"""

from __future__ import annotations

import argparse
import copy
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench"))

from common import add_scratch_option, load_average  # noqa: E402
from sample_context import sample_context  # noqa: E402

from docgen.engine import compile_template  # noqa: E402
from docgen.pdf import convert_documents  # noqa: E402

KINDS = ("hearing_notice", "service_receipt", "closure_notice", "resolution_plan")


def make_documents(folder: Path, count: int) -> list[Path]:
    """`count` rendered documents, the kinds in turn (notices, receipts, 告知书, 方案)."""
    folder.mkdir(parents=True, exist_ok=True)
    templates = {
        kind: compile_template(kind, (REPO / "templates" / f"{kind}.docx").read_bytes())
        for kind in KINDS
    }
    paths = []
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        context = copy.deepcopy(sample_context(kind, role="petitioner"))
        if "recipient" in context:
            context["recipient"]["name"] = f"收件人{i}"
        path = folder / f"{i:04d}-{kind}.docx"
        path.write_bytes(templates[kind].render(context))
        paths.append(path)
    return paths


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (soffice, fc-match)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(label: str, count: int, run: Callable[[], int]) -> None:
    """Wall time per document, and CPU time per document (what a busy machine cannot hide)."""
    before, cpu = load_average(), cpu_seconds()
    started = time.perf_counter()
    done = run()
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu
    print(
        f"{label:<14} {count:>4} docs  {seconds:7.1f} s  {seconds / count:6.3f} s/doc"
        f"  cpu {cpu / count:6.3f} s/doc  ({done} ok)  load {before} → {load_average()}",
        flush=True,
    )


def converted(documents: list[Path], processes: int) -> int:
    result = convert_documents(documents, processes=processes)
    assert not result.failures, result.failures
    return len(result.pdfs)


def per_document(documents: list[Path]) -> int:
    return sum(converted([document], 1) for document in documents)


LISTENER_DRIVER = r"""
import sys, time, uno
from com.sun.star.beans import PropertyValue
def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p
pipe, out_dir, *files = sys.argv[1:]
local = uno.getComponentContext()
manager = local.ServiceManager
resolver = manager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(200):
    try:
        context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"); break
    except Exception:
        time.sleep(0.1)
desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
filter_data = uno.Any("[]com.sun.star.beans.PropertyValue", (prop("SelectPdfVersion", 2),))
for f in files:
    hidden = (prop("Hidden", True),)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(f), "_blank", 0, hidden)
    target = uno.systemPathToFileUrl(out_dir + "/" + f.rsplit("/", 1)[-1][:-5] + ".pdf")
    export = (prop("FilterName", "writer_pdf_Export"), prop("FilterData", filter_data))
    doc.storeToURL(target, export)
    doc.close(True)
"""


def listener(documents: list[Path], scratch: Path) -> int:
    """Convert over UNO through one resident LibreOffice (start-up not counted)."""
    from docgen.pdf import find_soffice, write_fonts_conf

    work = Path(tempfile.mkdtemp(dir=scratch, prefix="listener-"))
    env = {
        "FONTCONFIG_FILE": str(write_fonts_conf(work)),
        "PATH": "/usr/bin:/bin",
        "HOME": str(work),
    }
    office = subprocess.Popen(
        [
            str(find_soffice()),
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--accept=pipe,name=docgenbench;urp;",
        ],
        env=env,
    )
    try:
        subprocess.run(  # warm up: the listener is up and has converted one file
            [
                "/usr/bin/python3",
                "-c",
                LISTENER_DRIVER,
                "docgenbench",
                str(work),
                str(documents[0]),
            ],
            check=True,
        )
        started = time.perf_counter()
        subprocess.run(
            [
                "/usr/bin/python3",
                "-c",
                LISTENER_DRIVER,
                "docgenbench",
                str(work),
                *map(str, documents),
            ],
            check=True,
        )
        seconds = time.perf_counter() - started
        print(
            f"{'listener':<14} {len(documents):>4} docs  {seconds:7.1f} s"
            f"  {seconds / len(documents):6.3f} s/doc  (start-up excluded)  load {load_average()}",
            flush=True,
        )
    finally:
        office.terminate()
        office.wait(timeout=60)
    return len(documents)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    add_scratch_option(parser)
    parser.add_argument("--counts", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--listener", action="store_true", help="also a resident LibreOffice")
    args = parser.parse_args()
    scratch = Path(args.scratch or tempfile.gettempdir())
    scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=scratch, prefix="bench-pdf-") as tmp:
        for count in args.counts:
            documents = make_documents(Path(tmp) / f"docs{count}", count)
            timed("one process", count, lambda d=documents: converted(d, 1))
            timed("two parallel", count, lambda d=documents: converted(d, 2))
            if count == min(args.counts):
                timed("per document", 5, lambda d=documents: per_document(d[:5]))
            if args.listener:
                listener(documents, Path(tmp))


if __name__ == "__main__":
    main()
