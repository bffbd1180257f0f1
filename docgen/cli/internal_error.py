"""A bug in docgen, shown to the clerk as such: a short message and a report file, no traceback."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import shlex
import sys
import traceback
from typing import Final

import click

from docgen.workspace import Workspace

INTERNAL_ERROR_EXIT: Final = 3
INTERRUPTED_EXIT: Final = 130  # 128 + SIGINT, as shells report Ctrl-C


def docgen_version() -> str:
    try:
        return importlib.metadata.version("docgen")
    except importlib.metadata.PackageNotFoundError:
        return "unknown (not installed)"


def report_text(error: BaseException, argv: list[str], now: dt.datetime) -> str:
    """What a maintainer needs to find the bug: versions, the command line, the traceback."""
    return "\n".join(
        [
            "docgen internal error report",
            f"time: {now.isoformat(timespec='seconds')}",
            f"docgen: {docgen_version()}",
            f"python: {sys.version.split()[0]} ({platform.platform()})",
            f"command: {shlex.join(argv)}",
            f"cwd: {os.getcwd()}",
            "",
            *traceback.format_exception(error),
        ]
    )


def report_internal_error(error: Exception, workspace: Workspace | None) -> None:
    """Tell the clerk that docgen itself failed, and where the report for its maintainers is."""
    now = dt.datetime.now()
    name = f"internal-error-{now:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    from docgen.pipeline import save_internal_report  # only when docgen itself failed

    saved = save_internal_report(workspace, report_text(error, sys.argv, now), name)
    where = f"错误报告已保存到“{saved}”，" if saved else "错误报告无法保存，"
    click.echo(
        f"内部错误：docgen 程序出错（不是案件数据的问题）：{type(error).__name__}。\n"
        f"  {where}请把它发给 docgen 的维护人员；案件文件不必修改。",
        err=True,
    )
