"""攻坚进度 for the office head: figures from the same functions as `docgen status`, drawn as SVG.

Why:
    The office intranet has no chart library to load and the page must print; a few lines of
    SVG drawn on the server do both, and the numbers stand beside each chart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import Final

from docgen.case import LoadedCase
from docgen.due import DueItem, case_items
from docgen.pipeline import Reading, summarize_cases
from docgen.status import CaseStatus
from docgen.workspace import Workspace

WIDTH: Final = 560
HEIGHT: Final = 220
MARGIN: Final = 36
MEASURE: Final = "措施完成时限"


@dataclass(frozen=True)
class Progress:
    """What the 攻坚进度 page shows; each count equals what `docgen status` lists."""

    campaign: str
    start: date
    end: date
    open_cases: int
    total: int
    burn_down: list[tuple[date, int]]
    by_stage: list[tuple[str, int]]
    by_leader: list[tuple[str, int]]
    overdue_measures: list[DueItem]
    burn_svg: str
    stage_svg: str
    leader_svg: str


def is_open(stage: str) -> bool:
    return not stage.startswith(("已办结", "已分流"))


@dataclass(frozen=True)
class _CaseProgress:
    """What the page needs of one case (the case itself is not kept)."""

    active: bool  # counts in the burn-down: not diverted to the legal track
    closed: date | None  # its closure date, when it is active and closed by today
    overdue_measures: tuple[DueItem, ...]


def _case_progress(loaded: LoadedCase, reading: Reading) -> _CaseProgress | None:
    """Worker task: one case's part of the figures; None for an example case."""
    case = loaded.case
    if case.example:
        return None
    closure = case.closure
    active = not case.legal_track
    closed = closure.date if active and closure and closure.date <= reading.today else None
    items = case_items(loaded, reading.workspace.settings, reading.today)
    overdue = tuple(item for item in items if item.overdue and item.what.startswith(MEASURE))
    return _CaseProgress(active, closed, overdue)


def progress_figures(
    workspace: Workspace, today: date, files: Sequence[Path], rows: Sequence[CaseStatus]
) -> Progress:
    """Gather the figures and draw the charts for `today`; `rows` is the 台账 of `files`.

    Why the rows are given: the page shows the same 台账 the case list keeps, without
    reading every case file again for it.
    """
    campaign = workspace.settings.campaign
    summaries, _ = summarize_cases(workspace, files, today, _case_progress)
    cases = [summary for summary in summaries if summary is not None]
    closed = [case.closed for case in cases if case.closed is not None]
    active = sum(1 for case in cases if case.active)
    points = []
    day = campaign.start
    while day <= min(today, campaign.end):
        points.append((day, active - sum(1 for d in closed if d <= day)))
        day += timedelta(days=7)
    if today <= campaign.end and (not points or points[-1][0] != today):
        points.append((today, active - len(closed)))
    stages = Counter(row.stage for row in rows)
    leaders = Counter(
        part.split("（")[0]
        for row in rows
        if is_open(row.stage)
        for part in row.leaders.split("、")
    )
    measures = [item for case in cases for item in case.overdue_measures]
    by_stage, by_leader = sorted(stages.items()), sorted(leaders.items())
    return Progress(
        campaign=campaign.name,
        start=campaign.start,
        end=campaign.end,
        open_cases=sum(1 for row in rows if is_open(row.stage)),
        total=len(rows),
        burn_down=points,
        by_stage=by_stage,
        by_leader=by_leader,
        overdue_measures=sorted(measures, key=lambda i: (i.day, i.case_id)),
        burn_svg=burn_down_svg(points, campaign.start, campaign.end),
        stage_svg=bars_svg(by_stage),
        leader_svg=bars_svg(by_leader),
    )


def burn_down_svg(points: Sequence[tuple[date, int]], start: date, end: date) -> str:
    """Open cases over time (solid) against the straight line to zero at `end` (dashed)."""
    span = max((end - start).days, 1)
    top = max([count for _, count in points] or [1]) or 1

    def x(day: date) -> float:
        return MARGIN + (WIDTH - 2 * MARGIN) * (day - start).days / span

    def y(count: int) -> float:
        return HEIGHT - MARGIN - (HEIGHT - 2 * MARGIN) * count / top

    line = " ".join(f"{x(d):.1f},{y(c):.1f}" for d, c in points)
    first = points[0][1] if points else 0
    parts = [
        _axes(),
        f'<line class="ideal" x1="{x(start):.1f}" y1="{y(first):.1f}" '
        f'x2="{x(end):.1f}" y2="{y(0):.1f}"/>',
        f'<polyline class="actual" points="{line}"/>',
        f'<text x="{MARGIN}" y="{HEIGHT - 8}">{start.isoformat()}</text>',
        f'<text x="{WIDTH - MARGIN}" y="{HEIGHT - 8}" text-anchor="end">{end.isoformat()}</text>',
        f'<text x="4" y="{MARGIN}">{top}</text>',
        f'<text x="4" y="{HEIGHT - MARGIN}">0</text>',
    ]
    return _svg("未化解案件数", parts)


def bars_svg(counts: Sequence[tuple[str, int]]) -> str:
    """Horizontal bars, one per label, with the count at the end of each."""
    top = max([n for _, n in counts] or [1]) or 1
    step = 26
    height = max(len(counts) * step + 10, 40)
    parts = []
    for index, (label, count) in enumerate(counts):
        y = 8 + index * step
        width = (WIDTH - 220) * count / top
        parts.append(
            f'<text x="150" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="bar" x="160" y="{y}" width="{width:.1f}" height="18"/>'
            f'<text x="{166 + width:.1f}" y="{y + 15}">{count}</text>'
        )
    return _svg("案件数", parts, height)


def _axes() -> str:
    bottom = HEIGHT - MARGIN
    return (
        f'<line class="axis" x1="{MARGIN}" y1="{MARGIN}" x2="{MARGIN}" y2="{bottom}"/>'
        f'<line class="axis" x1="{MARGIN}" y1="{bottom}" x2="{WIDTH - MARGIN}" y2="{bottom}"/>'
    )


def _svg(title: str, parts: Sequence[str], height: int = HEIGHT) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )
