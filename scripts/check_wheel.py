"""Build the wheel and check it carries every module and data file docgen needs at run time.

Why:
    Tests run from the source tree, where the default templates are found in templates/;
    only a built wheel shows whether `docgen init` elsewhere will find them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LEFT_OUT = (".git", "build", "dist", "*.egg-info", "output", ".venv", "__pycache__", ".*_cache")
REQUIRED = [
    *(str(p.relative_to(REPO)) for p in sorted((REPO / "docgen").rglob("*.py"))),
    "docgen/py.typed",
    "docgen/skeletons/docgen.yaml",
    "docgen/skeletons/new_case.yaml",
    "docgen/skeletons/example_case.yaml",
    "docgen/fonts/gongwen-aliases.conf",
    "docgen/docs/case-file.md",  # `docgen help case` and `help settings`
    *(f"docgen/default_templates/{p.name}" for p in sorted((REPO / "templates").glob("*.docx"))),
]


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        # build from a copy: a stale build/ folder in the checkout would hide a missing package
        source, out = Path(scratch) / "src", Path(scratch) / "dist"
        shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(*LEFT_OUT))
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", out, source],
            check=True,
        )
        (wheel,) = out.glob("docgen-*.whl")
        names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        print(f"the wheel lacks: {', '.join(missing)}", file=sys.stderr)
        return 1
    print(f"wheel ok: all {len(REQUIRED)} modules and data files present")
    return 0


if __name__ == "__main__":
    sys.exit(main())
