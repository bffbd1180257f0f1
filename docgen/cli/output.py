"""How reports reach the clerk: problems on stderr, results on stdout, JSON when asked."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Final

import click

from docgen.errors import DocgenError
from docgen.pipeline import Interrupted, Report

PROGRESS_FROM: Final = 5
"""From how many case files a reading run shows its bar: for fewer it would only flicker."""


def problem_record(problem: DocgenError) -> dict[str, object]:
    """A problem as plain data for `--format json`."""
    where = problem.location
    return {
        "severity": "error" if problem.fatal else "warning",
        "file": str(where.file) if where else None,
        "line": where.line if where else None,
        "column": where.column if where else None,
        "field": where.field if where else None,
        "message": problem.message,
        "hint": problem.hint,
    }


def echo_problems(problems: Iterable[DocgenError]) -> None:
    """Each problem on stderr as `错误：file:line:col: field: 说明` (or `警告：…`)."""
    for problem in problems:
        click.echo(f"{problem.label}：{problem}", err=True)


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def echo_report_problems(report: Report) -> None:
    echo_problems([*report.errors, *report.warnings])


def problem_counts(problems: Iterable[DocgenError]) -> str:
    """`2 个错误，1 个警告`."""
    fatal = [problem.fatal for problem in problems]
    return f"{fatal.count(True)} 个错误，{fatal.count(False)} 个警告"


class CaseProgress:
    """A run's progress: a bar on stderr when it is a terminal, else a line per case or nothing.

    Why:
        On a terminal a clerk wants to see how far a long run is; a log or a pipe gets the
        plain lines of a run that writes (a script can follow them), nothing from a run that
        only reads, whose output is the report itself.
    """

    def __init__(self, label: str = "正在生成", *, lines: bool = True) -> None:
        self._bar: Any = None
        self._label, self._lines = label, lines
        self._terminal = on_terminal()

    def start(self, total: int) -> None:
        """Show the bar for `total` cases (on a terminal)."""
        if self._terminal and total:
            self._bar = click.progressbar(
                length=total, label=self._label, file=click.get_text_stream("stderr")
            )
            self._bar.__enter__()

    def __call__(self, case_id: str) -> None:
        if self._bar is not None:
            self._bar.update(1)
        elif self._lines and not self._terminal:
            click.echo(f"{self._label} {case_id} …", err=True)

    def __enter__(self) -> CaseProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def on_terminal() -> bool:
    """Whether stderr, where progress goes, is a terminal a clerk is watching."""
    return click.get_text_stream("stderr").isatty()


@contextmanager
def reading_run(total: int, label: str = "正在检查") -> Iterator[CaseProgress]:
    """A run that reads `total` case files: a bar on a terminal (once there are a few), else
    nothing, so that piped output (`status --format csv > 台账.csv`) stays clean."""
    with CaseProgress(label, lines=False) as progress:
        if total >= PROGRESS_FROM:
            progress.start(total)
        yield progress


def echo_notice(text: str) -> None:
    """What the clerk should know while a run waits or works (e.g. another docgen's lock)."""
    click.echo(text, err=True)


@contextmanager
def writing_run() -> Iterator[CaseProgress]:
    """A run that writes documents: its progress, and exit 128+N when signal N stops it."""
    try:
        with CaseProgress() as progress:
            yield progress
    except Interrupted as stop:
        click.echo("已中断：本次生成的临时文件已清理，已有的文书保持原样。", err=True)
        raise SystemExit(128 + stop.signum) from None
