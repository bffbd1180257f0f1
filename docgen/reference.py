"""The field reference (docs/case-file.md) as docgen ships it, cut into what each topic shows.

Why:
    A clerk works in a workspace, not in a clone of the repository; `docgen help case` must
    print the same reference the repository keeps, so the wheel carries docs/case-file.md as
    `docgen/docs/case-file.md` and this module reads whichever copy is there: one source.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final

from docgen.errors import WorkspaceError, describe_os_error

REFERENCE_FILE: Final = "case-file.md"
TOPICS: Final[Mapping[str, str]] = {"case": "案件文件的字段", "settings": "docgen.yaml 的设置"}
"""Each topic of `docgen help` with what it explains."""
RULES_HEADING: Final = "## 填写通则"
CASE_HEADING: Final = "## 案件文件"
SETTINGS_HEADING: Final = "## 办公设置"
DEVELOPERS_HEADING: Final = "## 给开发者"
"""The headings `field_reference` cuts at; the last section is for developers and not shown."""


def reference_path() -> Path:
    """The field reference: shipped inside the package, or the repository's docs/."""
    package = Path(__file__).resolve().parent
    shipped = package / "docs" / REFERENCE_FILE
    return shipped if shipped.is_file() else package.parent / "docs" / REFERENCE_FILE


def field_reference(topic: str) -> str:
    """The part of the reference about `topic` (a key of TOPICS), as Markdown text.

    `case`: the title, the general rules and the case file's fields; `settings`: the
    office settings. The closing section for developers is in neither: clerks read these.

    Raises:
        WorkspaceError: the reference cannot be read (a damaged installation).
    """
    path = reference_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        why = describe_os_error(err) if isinstance(err, OSError) else "不是 UTF-8 文本"
        raise WorkspaceError(
            f"无法读取字段说明“{path}”：{why}", hint="docgen 的安装可能不完整，请重新安装。"
        ) from err
    title = text.splitlines()[0] if text else ""
    marks = (RULES_HEADING, CASE_HEADING, SETTINGS_HEADING, DEVELOPERS_HEADING)
    rules, case, settings, developers = (_find(text, mark) for mark in marks)
    if not rules < case < settings < developers:
        raise LookupError(f"{REFERENCE_FILE}: its sections are not in the expected order")
    if topic == "settings":
        return text[settings:developers].rstrip() + "\n"
    return f"{title}\n\n{text[rules:settings].rstrip()}\n"


def _find(text: str, mark: str) -> int:
    """Where the line that is exactly `mark` begins; the reference is docgen's own, so a
    missing section is a bug, not a clerk's problem."""
    at = text.find(f"\n{mark}\n")
    if at < 0:
        raise LookupError(f"{REFERENCE_FILE} has no line {mark!r}")
    return at + 1
