"""Build the wheel and check it carries every module and data file docgen needs at run time.

Why:
    Tests run from the source tree, where the default templates are found in templates/;
    only a built wheel shows whether `docgen init` elsewhere will find them.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REQUIRED = [
    *(str(p.relative_to(REPO)) for p in sorted((REPO / "docgen").rglob("*.py"))),
    "docgen/py.typed",
    "docgen/skeletons/docgen.yaml",
    "docgen/skeletons/new_case.yaml",
    "docgen/skeletons/XF2020-018.yaml",
    "docgen/fonts/gongwen-aliases.conf",
    *(f"docgen/default_templates/{p.name}" for p in sorted((REPO / "templates").glob("*.docx"))),
]


def main() -> int:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", out, str(REPO)],
            check=True,
        )
        (wheel,) = Path(out).glob("docgen-*.whl")
        names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        print(f"the wheel lacks: {', '.join(missing)}", file=sys.stderr)
        return 1
    print(f"wheel ok: all {len(REQUIRED)} modules and data files present")
    return 0


if __name__ == "__main__":
    sys.exit(main())
