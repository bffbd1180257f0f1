"""The workspace folder: settings, case files, templates and output, and reading them."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Final

from docgen.errors import CaseWarning, Location, UsageProblem, WorkspaceError, describe_os_error
from docgen.settings import Settings, parse_settings

SETTINGS_FILE: Final = "docgen.yaml"
CASES_DIR: Final = "cases"
TEMPLATES_DIR: Final = "templates"
OUTPUT_DIR: Final = "output"
CASE_SUFFIXES: Final = (".yaml", ".yml")


def default_templates_dir() -> Path:
    """The folder of the templates that ship with docgen.

    Why:
        A wheel carries them as `docgen/default_templates/`; an editable install or a source
        checkout finds them in the repository's own `templates/`.
    """
    package = Path(__file__).resolve().parent
    shipped = package / "default_templates"
    return shipped if shipped.is_dir() else package.parent / TEMPLATES_DIR


def display_path(path: Path) -> Path:
    """`path` relative to the current folder when it lies below it, as clerks typed it."""
    try:  # the folder resolved, not the entry itself: it may be a link that loops
        return (path.parent.resolve() / path.name).relative_to(Path.cwd().resolve())
    except ValueError:
        return path


@dataclass(frozen=True)
class CaseListing:
    """The case files a command works on, and the entries of cases/ it had to skip."""

    files: list[Path]
    skipped: list[CaseWarning] = field(default_factory=list)


@dataclass(frozen=True)
class Workspace:
    """A folder holding `docgen.yaml`, `cases/`, `templates/` and `output/`."""

    root: Path

    @property
    def settings_file(self) -> Path:
        return self.root / SETTINGS_FILE

    @property
    def cases_dir(self) -> Path:
        return self.root / CASES_DIR

    @property
    def templates_dir(self) -> Path:
        return self.root / TEMPLATES_DIR

    @property
    def output_dir(self) -> Path:
        return self.root / OUTPUT_DIR

    @cached_property
    def settings(self) -> Settings:
        """The office settings; defaults when the workspace has no docgen.yaml.

        Raises:
            Problems: docgen.yaml is malformed or holds wrong values.
        """
        if not self.settings_file.exists():
            return Settings()
        return parse_settings(read_bytes(self.settings_file), display_path(self.settings_file))

    def case_files(self) -> list[Path]:
        """Every case file of the workspace, in name order.

        Raises:
            WorkspaceError: the workspace has no cases/ folder.
        """
        return self.list_cases().files

    def list_cases(self) -> CaseListing:
        """Every case file of the workspace in name order, and the entries that are not files.

        Why:
            A FIFO named like a case would block the reader forever, a link to /dev/zero would
            fill the memory: only regular files are read; each other entry is named in a
            warning, none is opened.

        Raises:
            WorkspaceError: the workspace has no cases/ folder.
        """
        if not self.cases_dir.is_dir():
            raise WorkspaceError(
                f"找不到案件文件夹“{display_path(self.cases_dir)}”",
                hint="请在工作区根目录运行，或用 -C 指定工作区；新建工作区请用 docgen init。",
            )
        files, skipped = [], []
        with os.scandir(self.cases_dir) as entries:
            for entry in entries:
                path = Path(entry.path)
                what = _not_a_file(path) if not _is_file(entry) else None
                if what is None:
                    if path.suffix in CASE_SUFFIXES:
                        files.append(path)
                elif what != "文件夹" or path.suffix in CASE_SUFFIXES:  # a sub-folder is no news
                    skipped.append(
                        CaseWarning(
                            f"不是普通文件（{what}），已跳过",
                            Location(display_path(path)),
                            hint="案件文件须是普通的 .yaml 文件；请删除它或换成真正的案件文件。",
                        )
                    )
        skipped.sort(key=lambda warning: str(warning.location))
        return CaseListing(sorted(files), skipped)

    def select_cases(self, names: Iterable[str]) -> CaseListing:
        """Case files named on the command line (see `resolve_cases`); all of cases/ when none.

        Raises:
            UsageProblem: a name is neither a file nor a case file in cases/.
            WorkspaceError: no name is given and the workspace has no cases/ folder.
        """
        names = list(names)
        return CaseListing(self.resolve_cases(names)) if names else self.list_cases()

    def resolve_cases(self, names: Iterable[str]) -> list[Path]:
        """Case files named on the command line, as paths or as file names in cases/; all when none.

        Raises:
            UsageProblem: a name is neither a file nor a case file in cases/.
        """
        chosen: dict[Path, Path] = {}  # resolved -> as given: a case named twice is read once
        for name in names:
            candidates = [Path(name), *(self.cases_dir / f"{name}{ext}" for ext in CASE_SUFFIXES)]
            found = next((c for c in candidates if c.is_file()), None)
            if found is None:
                raise UsageProblem(
                    f"找不到案件“{name}”",
                    hint=f"请写案件文件的路径，或“{display_path(self.cases_dir)}”中案件文件的名字"
                    "（不带 .yaml，通常就是案件编号）。",
                )
            chosen.setdefault(found.resolve(), found)
        return list(chosen.values()) or self.case_files()

    def template_path(self, name: str) -> Path:
        """The template file `name`: the workspace's own copy if it has one, else the default.

        Raises:
            WorkspaceError: neither exists.
        """
        for folder in (self.templates_dir, default_templates_dir()):
            if (folder / name).is_file():
                return folder / name
        raise WorkspaceError(
            f"找不到模板“{name}”",
            hint=f"请把模板放在“{display_path(self.templates_dir)}”，"
            "或用 docgen templates export 导出默认模板。",
        )

    def case_output_dir(self, case_id: str) -> Path:
        return self.output_dir / case_id


def _not_a_file(path: Path) -> str | None:
    """What `path` is when it is not a regular file (following links), without opening it."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        if err.errno == errno.ENOENT and path.is_symlink():
            return "链接指向的文件不存在"
        if err.errno == errno.ELOOP:
            return "链接循环指向自身"
        return describe_os_error(err)
    return "文件夹" if stat.S_ISDIR(mode) else _special_kind(mode)


def _is_file(entry: os.DirEntry[str]) -> bool:
    """Whether `entry` is a regular file or a link to one; the folder listing spares a stat."""
    try:
        return entry.is_file()
    except OSError:  # a link that loops
        return False


def _special_kind(mode: int) -> str | None:
    """What a file of `mode` is when it is neither a regular file nor a folder."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "命名管道"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    return "特殊文件"


def read_bytes(path: Path) -> bytes:
    """The content of `path`, or a clear error saying why it cannot be read.

    A FIFO, a device or a socket is refused before it is opened: reading it could block forever.

    Raises:
        WorkspaceError: the file is missing, a folder, not a regular file, or unreadable.
    """
    try:
        what = _special_kind(path.stat().st_mode)
    except OSError:
        what = None  # reading it says why
    if what is not None:
        raise WorkspaceError(
            f"“{display_path(path)}”不是普通文件（{what}）", hint="请指定一个普通文件。"
        )
    try:
        return path.read_bytes()
    except FileNotFoundError as err:
        raise WorkspaceError(
            f"找不到文件“{display_path(path)}”", hint="请检查文件名和所在文件夹是否写对。"
        ) from err
    except IsADirectoryError as err:
        raise WorkspaceError(
            f"“{display_path(path)}”是文件夹，不是文件", hint="请指定其中的文件。"
        ) from err
    except OSError as err:
        raise WorkspaceError(
            f"无法读取“{display_path(path)}”：{describe_os_error(err)}",
            hint="请检查文件权限。",
        ) from err


def check_output_file(target: Path, option: str = "-o") -> None:
    """Refuse, before anything is written, a file a command was told to write (`-o FILE`) that
    it cannot or must not replace.

    Why:
        A missing folder is a typo more often than a wish, so it is not created; a read-only
        file is one the clerk protected (Windows' 只读 attribute), which a rename would
        otherwise replace on Linux and fail on halfway on Windows.

    Raises:
        WorkspaceError: the folder is missing or is a file, `target` is a folder or a
            special file, or `target` is read-only.
    """
    shown, folder = display_path(target), target.parent
    again = f"请先建好这个文件夹，或用 {option} 指定一个已有文件夹中的文件。"
    if not folder.is_dir():
        why = "不是文件夹" if folder.exists() else "不存在"
        raise WorkspaceError(f"无法写入“{shown}”：文件夹“{display_path(folder)}”{why}", hint=again)
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as err:
        raise WorkspaceError(f"无法写入“{shown}”：{describe_os_error(err)}") from err
    if stat.S_ISDIR(mode):
        raise WorkspaceError(
            f"无法写入“{shown}”：这是一个文件夹", hint=f"请用 {option} 指定文件夹中的一个文件名。"
        )
    if _special_kind(mode) is not None:
        raise WorkspaceError(
            f"无法写入“{shown}”：不是普通文件（{_special_kind(mode)}）",
            hint=f"请用 {option} 指定一个普通文件。",
        )
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WorkspaceError(
            f"无法写入“{shown}”：这个文件是只读的，没有改动",
            hint=f"如要更新它，请先在文件属性中取消“只读”；或用 {option} 另存为其他文件。",
        )
