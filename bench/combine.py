"""How long combining the print file takes: 100 and 1,000 rendered notices and receipts.

usage: PYTHONPATH=. python3 bench/combine.py
"""

from __future__ import annotations

import copy
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from sample_context import sample_context  # noqa: E402

from docgen.engine import compile_template  # noqa: E402
from docgen.layout.combine import combine_documents  # noqa: E402


def parts(count: int) -> list[tuple[str, bytes]]:
    """`count` documents: a notice and a receipt for each of count / 2 recipients."""
    found = []
    for kind in ("hearing_notice", "service_receipt"):
        template = compile_template(kind, (REPO / "templates" / f"{kind}.docx").read_bytes())
        for i in range(count // 2):
            context = copy.deepcopy(sample_context(kind, role="petitioner"))
            context["recipient"]["name"] = f"收件人{i}"
            found.append((f"{kind}-{i}.docx", template.render(context)))
    return found


if __name__ == "__main__":
    for count in (100, 1000):
        documents = parts(count)

        times = []
        for _ in range(3):
            start = time.perf_counter()
            combined = combine_documents(documents, "打印文件")
            times.append(time.perf_counter() - start)
        print(f"{count:5d} parts: best {min(times):.3f} s of 3, {len(combined):,} bytes")
