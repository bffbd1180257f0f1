"""Tests of docgen/located/tree.py: the one-pass builder reads as constructor + walk did."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import yaml

from docgen.errors import CaseError, Location
from docgen.located import composer, reader, tree

FILE = Path("cases/a.yaml")
REPO = Path(__file__).resolve().parents[2]

SNIPPETS = [
    "id: XF1\npetitioners:\n  - name: 王建国\n    phone: '1'\n  - {name: 李四, age: 3}\n",
    "a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: [1, 2]\n",  # duplicates, at the top and below
    "a: {x: 1, y: 2}\na: {z: 3}\n",  # a duplicate whose first value has other keys
    "n: [0, 0x1F, 0o17, 017, 1:30, 1_000, +5, -0, 0b101, 190:20:30]\n",
    "f: [3500.50, 1234567890123456.78, .inf, -.Inf, .nan, 1:30.5, 1e3, 6.8523015e+5, -1_0.5]\n",
    "b: [yes, No, on, OFF, true, False, y, n]\n",
    "z: [~, null, Null]\nempty:\n",
    "d: [2020-02-30, 2020-06-12 10:00, '2020-06-12', 2001-12-14t21:59:43.10-05:00]\n",
    "q:\n  - \"双引号\"\n  - '单引号'\n  - plain\n  - |\n    块\n    文字\n  - >\n    折叠\n",
    "yes: 1\n'1': 2\n2: 3\n\"\": 4\nnull: 5\n",  # keys are the text as written
    "a: {}\nb: []\nc: [[], [[]], {x: []}]\n",
    "a: &x [1, 2]\nb: *x\nc: &y {k: v}\nd: *y\n",  # aliases: composed from the events
    "a: &x {b: 1}\nc:\n  <<: *x\n  d: 2\n",  # a merge key: the constructor's
    "a: =\n",  # a tag the constructor refuses
    "? [a]\n: b\n",  # a key that is not text
    "a: 123456789" + "0" * 5000 + "\n",  # too long for int(): the constructor places it
    "- 1\n- a: 2\n  b: [x]\n",
    "just text\n",
    "",
]


def reference(text: str) -> tuple[object, ...]:
    """What the reader made before the one-pass builder: constructor, then a walk."""
    node = composer.compose(text)
    if node is None:
        return ("empty",)
    try:
        data = reader._Constructor().construct_document(node)
    except yaml.MarkedYAMLError as err:
        return ("error", str(err))
    walker = reader._Walker(FILE, CaseError)
    walker.walk(node, ())
    problems = [str(problem) for problem in walker.problems]
    return repr(data), walker.locations, walker.plain_scalars, problems


def built(text: str) -> tuple[object, ...]:
    node = composer.compose(text)
    if node is None:
        return ("empty",)
    found = tree.build(node, FILE, CaseError, reader._SCALARS)
    if found is None:
        return reference(text)
    problems = [str(problem) for problem in found.problems]
    return repr(found.data), dict(found.locations), found.plain_scalars, problems


@pytest.mark.parametrize("text", SNIPPETS)
def test_builds_what_the_constructor_and_the_walk_made(text: str) -> None:
    assert built(text) == reference(text)


def test_builds_the_example_cases_as_before() -> None:
    for case in sorted((REPO / "cases").glob("*.yaml")):
        text = case.read_text(encoding="utf-8")
        node = composer.compose(text)
        assert node is not None
        assert tree.build(node, FILE, CaseError, reader._SCALARS) is not None, case
        assert built(text) == reference(text), case


@pytest.mark.parametrize(
    "text",
    ["a: &x {b: 1}\nc:\n  <<: *x\n", "a: =\n", "? [a]\n: b\n", "a: 1" + "0" * 5000 + "\n"],
)
def test_leaves_unusual_trees_to_the_constructor(text: str) -> None:
    node = composer.compose(text)
    assert node is not None
    assert tree.build(node, FILE, CaseError, reader._SCALARS) is None


def test_locations_are_made_when_asked_and_survive_pickling() -> None:
    node = composer.compose("id: XF1\nlist:\n  - a: 1\n")
    assert node is not None
    found = tree.build(node, FILE, CaseError, reader._SCALARS)
    assert found is not None
    where = pickle.loads(pickle.dumps(found.locations))
    assert where[("list", 0, "a")] == Location(FILE, 3, 5, "list[0].a")
    assert where[()] == Location(FILE, 1, 1, None)
    assert ("list", 1) not in where and len(where) == 5
    assert where.get(("nothing",)) is None
