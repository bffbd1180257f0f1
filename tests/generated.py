"""Workspaces of many fictional, valid cases, made from the example cases (tests and bench/)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_ID_NUMBER = re.compile(r'"(\d{6})(\d{8})(\d{3})[\dX]"')
_NAME = re.compile(r"name: ([\u4e00-\u9fff]{2,3})\b")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_GIVEN = "晓明立华建平秀兰志刚玉梅海燕国强春生桂芳永红德胜淑珍文静金凤学军"


def id_number(first17: str) -> str:
    """`first17` completed with its GB 11643 check character."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def vary(text: str, n: int) -> str:
    """Example case `text` as the n-th fictional case: its own id, people and ID numbers."""
    case_id = re.search(r"^id: (\S+)$", text, re.M)
    assert case_id is not None
    text = text.replace(case_id.group(1), f"XF2020-{n:05d}")
    for i, name in enumerate(dict.fromkeys(_NAME.findall(text))):
        k = (n * 7 + i * 3) % (len(_GIVEN) - 1)
        text = text.replace(name, name[0] + _GIVEN[k : k + 2])
    return _ID_NUMBER.sub(
        lambda m: f'"{id_number(m[1] + m[2] + f"{(int(m[3]) + 10 * n) % 1000:03d}")}"', text
    )


def make_workspace(root: Path, count: int) -> Path:
    """A workspace at `root` with the example settings and templates and `count` cases."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "docgen.yaml", root / "docgen.yaml")
    shutil.copytree(REPO / "templates", root / "templates", ignore=shutil.ignore_patterns("source"))
    examples = [p.read_text(encoding="utf-8") for p in sorted((REPO / "cases").glob("*.yaml"))]
    cases = root / "cases"
    cases.mkdir()
    for n in range(count):
        text = vary(examples[n % len(examples)], n + 1)
        (cases / f"XF2020-{n + 1:05d}.yaml").write_text(text, encoding="utf-8")
    return root


HEARINGS_FROM = "2020-06-08"  # hearings of `make_hearing_workspace`: ten days from this one
HEARINGS_TO = "2020-06-17"


def make_hearing_workspace(root: Path, count: int) -> Path:
    """A workspace of `count` cases, each with a hearing and five recipients to notify.

    The hearings fall on the ten days from HEARINGS_FROM; every notice is dated 2020-06-01,
    in time for all of them (2 petitioners and 3 panel members; no unit is summoned).
    """
    root = make_workspace(root, 0)
    example = (REPO / "cases" / "XF2020-018.yaml").read_text(encoding="utf-8")
    assert "  date: 2020-06-12\n" in example and "  units: [" in example
    example = re.sub(r"\n  units: \[.*\]", "\n  units: []", example)
    for n in range(count):
        day = f"  date: 2020-06-{8 + n % 10:02d}\n"
        text = vary(example.replace("  date: 2020-06-12\n", day), n + 1)
        (root / "cases" / f"XF2020-{n + 1:05d}.yaml").write_text(text, encoding="utf-8")
    return root
