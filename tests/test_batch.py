"""Worker processes give the results of one process, in order; a bug keeps its type."""

from __future__ import annotations

import os
import pickle
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO

from docgen.batch import Workers, available_cores, run_ordered, start_method
from docgen.errors import CaseError, Location, Problems
from docgen.pipeline.intake import Reading, read_file
from docgen.workspace import Workspace


def test_results_come_in_the_order_of_the_items_with_any_number_of_workers() -> None:
    reading = Reading(Workspace(REPO), date(2020, 6, 10))  # no example is dated later
    files = sorted((REPO / "cases").glob("*.yaml")) * 5  # more items than one task carries
    one = [
        (r.file, r.case_id, [str(w) for w in r.warnings])
        for r in run_ordered(read_file, reading, files, jobs=1)
    ]
    two = [
        (r.file, r.case_id, [str(w) for w in r.warnings])
        for r in run_ordered(read_file, reading, files, jobs=2)
    ]
    assert two == one
    assert [case_id for _, case_id, _ in one[:4]] == [p.stem for p in files[:4]]


def _process(_: object, item: int) -> tuple[int, int]:
    return item, os.getpid()


def test_workers_start_with_the_first_call_given_enough_items() -> None:
    with Workers(None, 2, start_from=5) as workers:
        few = list(workers.ordered(_process, [1, 2, 3, 4]))
        many = list(workers.ordered(_process, range(20)))
        again = list(workers.ordered(_process, [1]))
    assert few == [(item, os.getpid()) for item in (1, 2, 3, 4)]  # in this process
    assert [item for item, _ in many] == list(range(20))
    assert os.getpid() not in {pid for _, pid in many + again}  # started: all in the workers


def test_a_bug_in_a_worker_reaches_the_caller_as_its_own_type() -> None:
    with pytest.raises(AttributeError, match="workspace"):
        list(run_ordered(read_file, None, [REPO / "cases" / "XF2020-018.yaml"], jobs=2))  # type: ignore[arg-type]


def test_errors_cross_processes_whole() -> None:
    where = Location(Path("cases/a.yaml"), 9, 3, "hearing.date")
    error = CaseError("不是有效日期", where, "请按 YYYY-MM-DD 填写。")
    for sent in (error, Problems([error, CaseError("重复")])):
        received = pickle.loads(pickle.dumps(sent))
        assert type(received) is type(sent)
        assert str(received) == str(sent)
        assert received.location == sent.location


def test_there_is_at_least_one_core() -> None:
    assert available_cores() >= 1


def test_workers_are_forked_only_from_a_single_threaded_process_on_linux() -> None:
    assert start_method() == ("fork" if sys.platform == "linux" else "spawn")
    seen: list[str] = []
    other = threading.Thread(target=lambda: seen.append(start_method()))
    other.start()
    other.join()
    assert seen == ["spawn"]  # `docgen serve` runs its jobs in threads
