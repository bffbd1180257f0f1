"""A render skips the cases whose documents on disk are what it would write again."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from docgen.pipeline import cases, render_cases
from docgen.pipeline.rendering import Rendered, Rendering
from docgen.pipeline.unchanged import RECORD_FILE
from docgen.workspace import Workspace

TODAY = date(2020, 6, 10)


@pytest.fixture
def rendered_now(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The case files each render really renders (the render runs in this process)."""
    seen: list[str] = []
    real = cases.render_file

    def counting(rendering: Rendering, item: tuple[Path, object]) -> Rendered:
        seen.append(item[0].stem)
        return real(rendering, item)  # type: ignore[arg-type]

    monkeypatch.setattr(cases, "render_file", counting)
    yield seen


def resave(template: Path) -> None:
    """The same template saved again: the same members, other bytes."""
    with zipfile.ZipFile(template) as old:
        members = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as new:
        for info, data in members:
            new.writestr(info.filename, data)


def render(example: Workspace, render_date: date = TODAY) -> list[Path]:
    report = render_cases(
        example, example.case_files(), render_date=render_date, today=TODAY, jobs=1
    )
    assert report.ok, report.errors
    return sorted(report.written)


def test_a_second_render_of_unchanged_cases_renders_none_and_reports_the_same_documents(
    example: Workspace, rendered_now: list[str]
) -> None:
    first = render(example)
    stamps = {path: path.stat().st_mtime_ns for path in first}
    assert rendered_now == ["XF2020-007", "XF2020-018", "XF2020-025", "XF2020-031"]
    rendered_now.clear()
    assert render(example) == first
    assert rendered_now == []
    assert {path: path.stat().st_mtime_ns for path in first} == stamps


def test_an_edited_case_is_rendered_again_and_the_others_are_not(
    example: Workspace, rendered_now: list[str]
) -> None:
    render(example)
    rendered_now.clear()
    case_file = example.cases_dir / "XF2020-018.yaml"
    case_file.write_text(case_file.read_text("utf-8") + "\n# 复核后补充\n", "utf-8")
    render(example)
    assert rendered_now == ["XF2020-018"]


@pytest.mark.parametrize("change", ["settings", "template", "date"])
def test_what_every_case_is_made_from_renders_every_case_again(
    example: Workspace, rendered_now: list[str], change: str
) -> None:
    render(example)
    rendered_now.clear()
    render_date = TODAY
    if change == "settings":
        settings = example.root / "docgen.yaml"
        settings.write_text(settings.read_text("utf-8") + "\n# 改过\n", "utf-8")
    elif change == "template":
        template = example.templates_dir / "hearing_notice.docx"
        template.write_bytes(template.read_bytes())  # same bytes: nothing to redo
        render(example)
        assert rendered_now == []
        resave(template)
    else:
        render_date = date(2020, 6, 11)
    render(example, render_date)
    assert rendered_now == ["XF2020-007", "XF2020-018", "XF2020-025", "XF2020-031"]


def test_a_document_changed_or_removed_since_is_written_again(
    example: Workspace, rendered_now: list[str]
) -> None:
    first = render(example)
    edited = next(p for p in first if p.parent.name == "XF2020-025")
    original = edited.read_bytes()
    edited.write_bytes(b"opened and saved in WPS")
    removed = next(p for p in first if p.parent.name == "XF2020-031")
    removed.unlink()
    rendered_now.clear()
    assert render(example) == first
    assert rendered_now == ["XF2020-025", "XF2020-031"]
    assert edited.read_bytes() == original
    assert removed.exists()


def record_entries(workspace: Workspace) -> dict[str, object]:
    """The cases of the record of `workspace`, to be edited in place and saved by `save`."""
    record = json.loads((workspace.root / RECORD_FILE).read_text("utf-8"))
    assert record["format"] == 2
    cases: dict[str, object] = record["cases"]
    return cases


def save(workspace: Workspace, cases: dict[str, object]) -> None:
    record = {"format": 2, "cases": cases}
    (workspace.root / RECORD_FILE).write_text(json.dumps(record), "utf-8")


def test_a_damaged_or_planted_record_is_never_trusted(
    example: Workspace, rendered_now: list[str]
) -> None:
    first = render(example)
    cases = record_entries(example)
    found = (example.root / "cases" / "XF2020-007.yaml").stat()
    planted = json.loads(str(cases["XF2020-007"]))
    planted["files"] = [["../../cases/XF2020-007.yaml", found.st_size, found.st_mtime_ns]]
    cases["XF2020-007"] = json.dumps(planted)
    save(example, cases)
    rendered_now.clear()
    assert render(example) == first  # the case file is never taken for a document
    assert rendered_now == ["XF2020-007"]
    (example.root / RECORD_FILE).write_bytes(b"\x00not json")
    rendered_now.clear()
    assert render(example) == first
    assert len(rendered_now) == 4


def test_a_damaged_entry_of_the_record_costs_only_its_case(
    example: Workspace, rendered_now: list[str]
) -> None:
    first = render(example)
    cases = record_entries(example)
    cases["XF2020-007"] = "{"  # not JSON
    cases["XF2020-018"] = 5  # not text
    save(example, cases)
    rendered_now.clear()
    assert render(example) == first
    assert rendered_now == ["XF2020-007", "XF2020-018"]
