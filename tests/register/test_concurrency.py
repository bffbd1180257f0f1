"""Acceptance: processes allocating at the same time never share or skip a serial."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from docgen.register.store import open_register

PROCESSES = 4
EACH = 250


def allocate_many(path: Path, worker: int) -> list[int]:
    """Allocate EACH numbers for distinct documents, one transaction each."""
    with open_register(path) as register:
        return [
            register.number_for(
                f"W{worker}-{n}", "hearing_notice", "", 2020, "某信听〔{year}〕{n}号"
            ).number.serial
            for n in range(EACH)
        ]


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork to share the test"
)
def test_four_processes_get_distinct_serials_without_a_gap(tmp_path: Path) -> None:
    path = tmp_path / ".docgen" / "register.db"
    # not created beforehand: the workers also race to create and migrate it
    with multiprocessing.get_context("fork").Pool(PROCESSES) as pool:
        results = pool.starmap(allocate_many, [(path, worker) for worker in range(PROCESSES)])
    serials = [serial for result in results for serial in result]
    assert sorted(serials) == list(range(1, PROCESSES * EACH + 1))
    assert all(result == sorted(result) for result in results)
    with open_register(path) as register:
        assert len({n.text for n in register.list()}) == PROCESSES * EACH
