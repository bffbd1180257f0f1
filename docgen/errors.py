"""The one family of errors a clerk can see, each carrying where the problem is."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar


@dataclass(frozen=True)
class Location:
    """Where a problem is; printed as `cases/a.yaml:9:3: hearing.date`.

    For a .docx template, `line` is the paragraph number inside `part`
    (document, header1, footer2, ...), and `field` holds the part name.
    """

    file: Path
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None  # "petitioners[1].id_number"

    def __str__(self) -> str:
        head = str(self.file)
        if self.line is not None:
            head += f":{self.line}"
            if self.column is not None:
                head += f":{self.column}"
        return f"{head}: {self.field}" if self.field else head


class DocgenError(Exception):
    """A problem the clerk can fix; shown as `错误：…` without a traceback."""

    exit_code: ClassVar[int] = 1
    label: ClassVar[str] = "错误"
    fatal: ClassVar[bool] = True
    """Whether the problem stops the run (exit status 1); a warning is only reported."""

    def __init__(self, message: str, location: Location | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def __str__(self) -> str:
        head = f"{self.location}: {self.message}" if self.location else self.message
        return f"{head}\n  {self.hint}" if self.hint else head


class CaseError(DocgenError):
    """Raised when a case file cannot be read or breaks a rule of the case model."""


class SettingsError(DocgenError):
    """Raised when docgen.yaml cannot be read or holds a wrong value."""


class TemplateError(DocgenError):
    """Raised when a Word template cannot be read, compiled or rendered."""


class WorkspaceError(DocgenError):
    """Raised when a workspace folder, case file or output file cannot be used."""


class RegisterError(DocgenError):
    """Raised when the 文号 register cannot be opened or refuses a change (void, unknown 文号)."""


class ArchiveError(DocgenError):
    """Raised when a signed file cannot be archived, or the archive is found damaged."""


class UsageProblem(DocgenError):
    """Raised when a command is called wrongly (exit status 2, as Click does)."""

    exit_code: ClassVar[int] = 2


class CaseWarning(DocgenError):
    """A finding worth a clerk's look that does not stop rendering; reported, never raised."""

    fatal: ClassVar[bool] = False
    label: ClassVar[str] = "警告"


class TemplateWarning(DocgenError):
    """A risk in a Word template that does not stop rendering; reported, never raised.

    Such as a link Word or LibreOffice would follow when the rendered document is opened.
    """

    fatal: ClassVar[bool] = False
    label: ClassVar[str] = "警告"


class Problems(DocgenError):
    """Several problems found at once; printed as a count, then one per line."""

    def __init__(self, problems: Iterable[DocgenError]) -> None:
        self.problems: Sequence[DocgenError] = tuple(problems)
        super().__init__(f"发现 {len(self.problems)} 个问题")

    def __str__(self) -> str:
        return "\n".join([self.message, *(str(p) for p in self.problems)])


def describe_os_error(err: OSError) -> str:
    """The reason of an operating-system error in Chinese, the original text in brackets.

    Why:
        "No space left on device" or "Permission denied" mean nothing to a clerk; the English
        text stays in brackets for whoever helps them.
    """
    import errno  # here, not at the top: only this function needs the OS's vocabulary

    chinese = {
        "EEXIST": "文件已存在",
        "EROFS": "磁盘或文件夹是只读的",
        "ENOSPC": "磁盘空间已满",
        "EDQUOT": "超出磁盘配额",
        "EACCES": "没有权限",
        "EPERM": "没有权限",
        "ENAMETOOLONG": "文件名太长",
        "ENOENT": "找不到文件或文件夹",
        "EISDIR": "这是文件夹，不是文件",
        "ENOTDIR": "路径中有一项不是文件夹",
        "EBUSY": "文件正被其他程序占用",
        "ETXTBSY": "文件正被其他程序占用",
        "EMFILE": "同时打开的文件太多",
        "ENFILE": "同时打开的文件太多",
        "EIO": "磁盘读写出错",
        "ELOOP": "符号链接循环",
    }.get(errno.errorcode.get(err.errno or 0, ""))
    original = err.strerror or str(err)
    return f"{chinese}（{original}）" if chinese else original


class PdfError(DocgenError):
    """Raised when a PDF cannot be made: LibreOffice or a font is missing, a conversion failed."""
