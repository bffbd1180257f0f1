"""The archive of signed outputs as the clerk uses it: add, list, missing, verify.

Each function raises RegisterError when the register database cannot be used, and
ArchiveError when the archive refuses the action (docgen.archive).
"""

from __future__ import annotations

import getpass
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Final

from docgen.archive import (
    AddRequest,
    Archive,
    FileProgress,
    Inspected,
    Item,
    Verification,
    inspect_signed,
    open_archive,
    verify_archive,
)
from docgen.errors import ArchiveError, DocgenError, Location, Problems, UsageProblem
from docgen.kinds import KINDS, DocumentKind
from docgen.kinds.base import output_filename
from docgen.lock import workspace_lock
from docgen.pipeline.numbers import REGISTER_FILE
from docgen.register.store import IssuedNumber, recipient_of
from docgen.workspace import Workspace, display_path

ARCHIVE_DIR: Final = Path("archive")
_SAFE_CASE_ID: Final = re.compile(r"[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z_\-\u4e00-\u9fff]*")

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Signed:
    """Which document a signed file belongs to, as the clerk names it on the command line."""

    number: str | None = None  # 文号
    case_id: str | None = None  # for a document without a 文号
    kind: str | None = None  # identifier; with a 文号, chooses among kinds sharing its series
    recipient: str = ""  # name, for a document without a 文号


def open_workspace_archive(
    workspace: Workspace, *, create: bool = True, clock: Clock = datetime.now
) -> Archive:
    """The workspace's archive/ folder with its records in `.docgen/register.db`."""
    db = workspace.root / REGISTER_FILE
    return open_archive(
        db,
        workspace.root / ARCHIVE_DIR,
        db_shown=display_path(db),
        shown=display_path(workspace.root / ARCHIVE_DIR),
        create=create,
        clock=clock,
    )


def archive_signed(
    workspace: Workspace,
    files: Sequence[Path],
    signed: Signed,
    *,
    by: str = "",
    note: str = "",
    supersede_reason: str | None = None,
    clock: Clock = datetime.now,
) -> Item:
    """Archive `files` (the pages of one signed document) as one item, under the workspace lock.

    Raises:
        UsageProblem: the document is named wrongly (no 文号 nor case and kind, ...).
        Problems: one or more files are refused (empty, encrypted, not what they claim).
        ArchiveError: the archive refuses the item (unknown or void number, a duplicate, ...).
    """
    if supersede_reason is not None and not supersede_reason.strip():
        raise UsageProblem(
            "替换已归档的文书必须写明原因", hint="请加 --reason 说明，如“原扫描件不清晰”。"
        )
    inspected = _inspected(files)
    with (
        workspace_lock(workspace.root, "archive add"),
        open_workspace_archive(workspace, clock=clock) as archive,
    ):
        request = replace(
            _request(archive, signed, clock().year),
            by=by.strip() or _login(),
            note=note,
            supersede_reason=supersede_reason,
        )
        return archive.add(request, inspected)


def _inspected(files: Sequence[Path]) -> list[Inspected]:
    """Every file checked; all refusals reported at once."""
    checked, problems = [], []
    for path in files:
        try:
            checked.append(inspect_signed(path, display_path(path)))
        except DocgenError as err:
            problems.append(err)
    if problems:
        raise problems[0] if len(problems) == 1 else Problems(problems)
    return checked


def _request(archive: Archive, signed: Signed, this_year: int) -> AddRequest:
    """The request for the document `signed` names, its kind, title and year resolved."""
    if signed.number is not None:
        if signed.case_id or signed.recipient:
            raise UsageProblem(
                "有文号的文书只用 --number 指明，不能同时写 --case 或 --recipient",
                hint="文号已确定案件和收件人。",
            )
        return _numbered(archive, signed.number, signed.kind)
    if not signed.case_id or not signed.kind:
        raise UsageProblem(
            "请指明归档的是哪份文书：--number 文号，或 --case 案件编号 --kind 文书名",
            hint="没有文号的文书（如送达回证）还可加 --recipient 收件人。",
        )
    if not _SAFE_CASE_ID.fullmatch(signed.case_id):
        raise UsageProblem(f"“{signed.case_id}”不是有效的案件编号", hint="案件编号如 XF2020-018。")
    kind = KINDS[signed.kind]
    _refuse_numbered(archive, signed, kind)
    return _new_request(signed.case_id, kind, signed.recipient.strip(), this_year, None)


def _numbered(archive: Archive, text: str, kind_name: str | None) -> AddRequest:
    number = archive.register.find(text)
    if number is None:
        raise ArchiveError(
            f"登记簿中没有文号“{text}”",
            Location(archive.register_shown),
            "请用 docgen register list 查看已登记的文号，照抄其中的写法（含〔〕和“号”）。",
        )
    sharing = [k for k in KINDS.values() if k.number_series == number.series]
    kind = KINDS[kind_name] if kind_name else (KINDS.get(number.series) or sharing[0])
    if kind not in sharing:
        titles = "、".join(k.title for k in sharing)
        raise UsageProblem(
            f"文号“{number.text}”是{titles}的文号，不是{kind.title}的",
            hint="请去掉 --kind，或改为文号所属的文书。",
        )
    return _new_request(number.case_id, kind, number.recipient_key, number.year, number)


def recipient_name(key: str) -> str:
    """The name in a recipient key: `王建国` of `petitioner:王建国#2`, or the name given."""
    return recipient_of(key)[1].split("#")[0] if ":" in key else key


def _new_request(
    case_id: str, kind: DocumentKind, key: str, year: int, number: IssuedNumber | None
) -> AddRequest:
    name = recipient_name(key)
    return AddRequest(
        case_id=case_id,
        kind=kind.name,
        recipient_key=key,
        title=f"{kind.title}（{name}）" if name else kind.title,
        stem=output_filename(kind.title, name).removesuffix(".docx"),
        year=year,
        doc_number=number.text if number else None,
        issued=number.issued if number else None,
    )


def _refuse_numbered(archive: Archive, signed: Signed, kind: DocumentKind) -> None:
    """A document that has a 文号 is archived by it, so that it is found as archived."""
    for number in archive.register.list(series=kind.number_series) if kind.number_series else []:
        name = recipient_name(number.recipient_key)
        if number.case_id == signed.case_id and name == signed.recipient and not number.void:
            named = "" if kind.name == number.series else f" --kind {kind.title}"
            raise UsageProblem(
                f"这份{kind.title}有文号“{number.text}”",
                hint=f"请用 --number {number.text}{named} 归档。",
            )


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def list_archived(
    workspace: Workspace, case_id: str | None = None, year: int | None = None
) -> list[Item]:
    """The archived items of `case_id` and `year` (all when None), by year and 件号."""
    if not (workspace.root / REGISTER_FILE).exists():
        return []
    where = [*(["case_id = ?"] if case_id else []), *(["year = ?"] if year is not None else [])]
    arguments = [*([case_id] if case_id else []), *([year] if year is not None else [])]
    with open_workspace_archive(workspace) as archive:
        return archive.items(" AND ".join(where) or "1", arguments)


def missing_signed(workspace: Workspace) -> list[IssuedNumber]:
    """The live 文号 whose signed copy is not archived yet, by series, year and serial."""
    if not (workspace.root / REGISTER_FILE).exists():
        return []
    with open_workspace_archive(workspace) as archive:
        return archive.unarchived()


def missing_counts(workspace: Workspace) -> Counter[str]:
    """How many issued documents of each case still lack a signed copy in the archive."""
    return Counter(number.case_id for number in missing_signed(workspace))


def verify_workspace_archive(
    workspace: Workspace, year: int | None = None, progress: FileProgress | None = None
) -> Verification:
    """Check the workspace's archive (see `verify_archive`); a workspace without one is clean.

    A database missing while archive/ holds files is itself a problem, not a new start.
    """
    root = workspace.root / ARCHIVE_DIR
    if not (workspace.root / REGISTER_FILE).exists():
        found = Verification()
        if root.is_dir() and any(path.is_file() for path in root.rglob("*")):
            found.problems.append(
                ArchiveError(
                    "归档文件夹中有文件，但找不到记录它们的数据库",
                    Location(display_path(workspace.root / REGISTER_FILE)),
                    "请从备份恢复 .docgen/register.db；在此之前请勿归档。",
                )
            )
        return found
    with open_workspace_archive(workspace, create=False) as archive:
        return verify_archive(archive, year, progress)
