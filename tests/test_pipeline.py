"""The pipeline as a library: cases read once, in order, and rendered whole or not at all."""

from __future__ import annotations

import importlib
import os
import shutil
import signal
import time
from datetime import date

import pytest

from docgen import pipeline
from docgen.pipeline import Interrupted, check_cases, load_cases, render_cases
from docgen.workspace import Workspace

TODAY = date(2020, 6, 10)  # XF2020-031 closes that day: no example case is dated ahead of it


def copy_case(example: Workspace, case_id: str, new_id: str, name: str) -> None:
    text = (example.cases_dir / f"{case_id}.yaml").read_text(encoding="utf-8")
    (example.cases_dir / name).write_text(text.replace(f"id: {case_id}", f"id: {new_id}"), "utf-8")


def render(example: Workspace, **options: object) -> pipeline.Report:
    return render_cases(
        example,
        example.case_files(),
        render_date=TODAY,
        today=TODAY,
        **options,  # type: ignore[arg-type]
    )


def test_load_cases_keeps_each_case_once_and_refuses_an_id_that_differs_only_in_case(
    example: Workspace,
) -> None:
    copy_case(example, "XF2020-018", "xf2020-018", "z-copy.yaml")
    report = load_cases(example, example.case_files(), TODAY)
    assert [loaded.case.id for loaded in report.cases] == [
        "XF2020-007",
        "XF2020-018",
        "XF2020-025",
        "XF2020-031",
    ]
    (error,) = report.errors
    assert str(error).startswith(
        "cases/z-copy.yaml:2:1: id: "
        "案件编号“xf2020-018”与“cases/XF2020-018.yaml”中的“XF2020-018”重复"
    )


def test_check_cases_keeps_no_case(example: Workspace) -> None:
    report = check_cases(example, example.case_files(), TODAY)
    assert report.ok and report.cases == []


def test_render_cases_reports_what_it_wrote_and_why_a_case_wrote_nothing(
    example: Workspace,
) -> None:
    report = render(example)
    assert report.ok, report.errors
    assert len(report.written) == 59 and all(p.is_file() for p in report.written)
    assert report.idle_cases == [] and report.diverted_cases == ["XF2020-007"]  # its 转送函
    assert report.cases == []  # streamed, not kept


def test_render_cases_in_two_processes_reports_the_same(
    example: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(pipeline.PARALLEL_FROM, "render", 0)
    one = render(example, jobs=1)
    shutil.rmtree(example.output_dir)
    two = render(example, jobs=2)
    assert (two.written, two.idle_cases, [str(w) for w in two.warnings]) == (
        one.written,
        one.idle_cases,
        [str(w) for w in one.warnings],
    )


def test_an_interrupted_render_removes_its_temporaries_and_changes_nothing(
    example: Workspace,
) -> None:
    render(example)
    before = {p: p.read_bytes() for p in example.output_dir.rglob("*.docx")}
    (example.cases_dir / "XF2020-018.yaml").write_text(
        (example.cases_dir / "XF2020-018.yaml")
        .read_text(encoding="utf-8")
        .replace("三楼听证室", "二楼会议室"),
        encoding="utf-8",
    )

    def stop_at_the_third(case_id: str) -> None:
        if case_id == "XF2020-025":
            raise Interrupted(signal.SIGTERM)

    with pytest.raises(Interrupted):
        render(example, progress=stop_at_the_third)
    assert {p: p.read_bytes() for p in example.output_dir.rglob("*.docx")} == before
    assert not list(example.output_dir.rglob("*.tmp"))


def test_render_cases_removes_temporaries_left_more_than_an_hour_ago(example: Workspace) -> None:
    folder = example.case_output_dir("XF2020-018")
    folder.mkdir(parents=True)
    old, fresh = folder / ".听证公告.docx.1x1-abc.tmp", folder / ".听证公告.docx.2x2-def.tmp"
    for tmp in (old, fresh):
        tmp.write_bytes(b"PK")
    os.utime(old, (time.time() - 3700,) * 2)
    render(example)
    assert not old.exists()
    assert fresh.exists()  # perhaps another docgen's, still running


def test_every_name_of_the_pipeline_interface_comes_from_its_own_submodule() -> None:
    """The lazy interface (docgen/pipeline/__init__.py) names each export's home correctly."""
    import docgen.pipeline as pipeline

    assert sorted(pipeline.__all__) == sorted(pipeline._HOME_OF)
    for name in pipeline.__all__:
        module = importlib.import_module(f"docgen.pipeline.{pipeline._HOME_OF[name]}")
        assert getattr(pipeline, name) is vars(module)[name], name
