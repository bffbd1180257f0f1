"""Validating a pydantic model against located YAML: every problem at its line, in Chinese."""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Final, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from docgen.errors import DocgenError, Location
from docgen.located.fields import ASCII_DIGITS
from docgen.located.messages import QUOTE_REASONS, Message, for_error, unknown_field, unquoted
from docgen.located.reader import KeyPath, LocatedYaml, field_path
from docgen.values import ValueProblem, check_number_text, has_full_width_digits

M = TypeVar("M", bound=BaseModel)

MAX_PROBLEMS: Final = 50
"""Problems listed per file; the rest are counted in one line, so a broken file reports fast."""


@dataclass(frozen=True)
class Validated(Generic[M]):
    """The model (None if invalid), its problems and warnings, located.

    `errors` holds at most `MAX_PROBLEMS` of pydantic's errors, the first in the file;
    `unlisted` counts the others.
    """

    model: M | None
    errors: list[DocgenError]
    warnings: list[DocgenError]
    unlisted: int = 0


def validate_model(
    model: type[M],
    data: Mapping[str, object],
    loaded: LocatedYaml,
    error: type[DocgenError],
    choices: Mapping[str, str] | None = None,
    warning: type[DocgenError] | None = None,
) -> Validated[M]:
    """Validate `data` as `model`; return it (None if invalid) with its problems, located.

    `choices` names the choice values in Chinese (`reasonable` → 合理) for the messages; with a
    `warning` type, full-width digits that were read as ASCII ones are warned about.

    Why the quoting and number checks come first:
        An unquoted `13803710001` reaches pydantic as an int and would be reported as
        "应填写文字"; the clerk needs "加引号" instead, so pydantic's error there is dropped. An
        amount of `1:30` reaches pydantic as 90, so only its source text shows the mistake.
    """
    problems, reported = _source_problems(model, loaded, error)
    warnings = []
    if warning is not None and loaded.full_width_digits:  # most files have none: no walk
        warnings = list(_full_width(model, data, (), loaded, warning))
    try:
        result = model.model_validate(data)
    except ValidationError as invalid:
        details = [d for d in invalid.errors() if tuple(d["loc"]) not in reported]
        details.sort(key=lambda d: _position(tuple(d["loc"]), loaded.locations))
        for detail in details[:MAX_PROBLEMS]:  # wording costs time: later ones are only counted
            path = tuple(detail["loc"])
            if detail["type"] == "extra_forbidden":
                message = unknown_field(str(path[-1]), _known_fields(model, path[:-1]))
            else:
                required = _is_required(model, path)
                label = _label(model, path)
                message = for_error(detail, label, required=required, choices=choices)
            problems.append(located_error(error, message, path, loaded.locations))
        return Validated(None, problems, warnings, max(len(details) - MAX_PROBLEMS, 0))
    return Validated(None if problems else result, problems, warnings)


def capped(
    problems: Sequence[DocgenError], unlisted: int, file: Path, error: type[DocgenError]
) -> list[DocgenError]:
    """The first `MAX_PROBLEMS` of `problems` in file order, then a line counting the others.

    `unlisted` counts problems found but never worded (`Validated.unlisted`).
    """
    ordered = sorted(problems, key=by_position)
    unlisted += max(len(ordered) - MAX_PROBLEMS, 0)
    if not unlisted:
        return ordered
    more = error(
        f"还有 {unlisted} 个问题未列出（每个文件只列出前 {MAX_PROBLEMS} 个）",
        Location(file),
        "请先改正上面列出的问题，再运行 docgen check。",
    )
    return [*ordered[:MAX_PROBLEMS], more]


def _source_problems(
    model: type[BaseModel], loaded: LocatedYaml, error: type[DocgenError]
) -> tuple[list[DocgenError], set[KeyPath]]:
    """Values whose source text is wrong although YAML read them: unquoted IDs, `1:30` as 90."""
    problems: list[DocgenError] = []
    reported: set[KeyPath] = set()
    for path, source in loaded.plain_scalars.items():
        if not path or path[0] not in model.model_fields:  # an unknown key is pydantic's
            continue
        message: Message | None = None
        if path[-1] in QUOTE_REASONS and _is_field(model, path):
            message = unquoted(str(path[-1]), source, _label(model, path))
        elif (declared := _field_type(model, path)) in (Decimal, int):
            try:
                check_number_text(source, decimals=declared is Decimal)
            except ValueProblem as problem:
                message = Message(problem.message, problem.hint)
        if message is not None:
            problems.append(located_error(error, message, path, loaded.locations))
            reported.add(path)
    return problems, reported


def _full_width(
    model: type[BaseModel],
    value: object,
    path: KeyPath,
    loaded: LocatedYaml,
    warning: type[DocgenError],
) -> Iterator[DocgenError]:
    """A warning for each value under `path` whose full-width digits were read as ASCII."""
    if isinstance(value, str):
        if has_full_width_digits(value) and _reads_ascii_digits(model, path):
            message = Message(
                f"全角数字已按半角数字读取（{value}）",
                "请改用半角数字（在英文输入法下输入）。",
            )
            yield located_error(warning, message, path, loaded.locations)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _full_width(model, item, (*path, str(key)), loaded, warning)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _full_width(model, item, (*path, index), loaded, warning)


def _reads_ascii_digits(model: type[BaseModel], path: KeyPath) -> bool:
    """Whether the field at `path` is marked `ASCII_DIGITS` (a date, a phone, an ID number)."""
    field = _model_field(model, path) if path and isinstance(path[-1], str) else None
    if field is not None:
        return ASCII_DIGITS in field.metadata or ASCII_DIGITS in _metadata(field.annotation)
    if path and isinstance(path[-1], int):
        items = typing.get_args(_field_type(model, path[:-1]))
        return bool(items) and ASCII_DIGITS in _metadata(items[0])
    return False


def _position(path: KeyPath, where: Mapping[KeyPath, Location]) -> tuple[int, int]:
    known = path
    while known and known not in where:
        known = known[:-1]
    found = where.get(known)
    return (found.line or 0, found.column or 0) if found else (0, 0)


def located_error(
    error: type[DocgenError],
    message: Message,
    path: KeyPath,
    where: Mapping[KeyPath, Location],
) -> DocgenError:
    """`message` about the field at `path`, located at it or else at the nearest mapping above.

    Why the nearest one above: a missing key has no place of its own; its parent mapping is
    where the clerk adds it.
    """
    known = path
    while known and known not in where:
        known = known[:-1]
    base = where.get(known, Location(Path()))
    return error(message.text, replace(base, field=field_path(path) or None), message.hint)


def by_position(problem: DocgenError) -> tuple[int, int]:
    """Sort key: problems in the order of their lines in the file."""
    where = problem.location
    return (where.line or 0, where.column or 0) if where else (0, 0)


def _field_type(model: type[BaseModel], path: KeyPath) -> object | None:
    """The declared type at `path` inside `model` (None when the path leaves the schema)."""
    return _type_at(model, tuple(0 if isinstance(part, int) else part for part in path))


@functools.lru_cache(maxsize=4096)
def _type_at(model: type[BaseModel], shape: KeyPath) -> object | None:
    """`_field_type` for a path whose list indexes are all 0: one walk per shape, not per value.

    Why:
        Every value of every case file asks for its declared type; a file has a few hundred
        values but only some dozens of shapes, and walking `typing` annotations is slow.
    """
    current: object = model
    for part in shape:
        current = _unwrap(current)
        origin = typing.get_origin(current)
        args = typing.get_args(current)
        if isinstance(part, int) and origin in (tuple, list) and args:
            current = args[0]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = _field_named(current, str(part))
            if field is None:
                return None
            current = field.annotation
        elif isinstance(part, str) and origin in (dict, Mapping) and len(args) == 2:
            current = args[1]
        else:
            return None
    return _unwrap(current)


def _unwrap(annotation: object) -> object:
    """`X` from `Annotated[X, ...]` and from `X | None`."""
    return _peel(annotation)[0]


def _metadata(annotation: object) -> list[object]:
    """Everything `Annotated` attaches to `annotation`, also inside `X | None`."""
    return _peel(annotation)[1]


def _peel(annotation: object) -> tuple[object, list[object]]:
    """`X` from `Annotated[X, ...]` and from `X | None`, and the metadata met on the way."""
    found: list[object] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            found += annotation.__metadata__  # type: ignore[attr-defined]
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(rest) != 1:
                return annotation, found
            annotation = rest[0]
        else:
            return annotation, found


def _model_at(model: type[BaseModel], path: KeyPath) -> type[BaseModel] | None:
    """The model declared at `path` inside `model`, if a model is declared there."""
    found = _field_type(model, path)
    return found if isinstance(found, type) and issubclass(found, BaseModel) else None


def _model_field(model: type[BaseModel], path: KeyPath) -> FieldInfo | None:
    """The declared field at `path` (a key of a model inside `model`), if there is one."""
    parent = _model_at(model, path[:-1]) if path else None
    return _field_named(parent, str(path[-1])) if parent is not None else None


def _is_field(model: type[BaseModel], path: KeyPath) -> bool:
    return _model_field(model, path) is not None


def _is_required(model: type[BaseModel], path: KeyPath) -> bool:
    """Whether the field at `path` must be filled in (a list item never is: it can go)."""
    field = _model_field(model, path) if path and isinstance(path[-1], str) else None
    return field is not None and field.is_required()


def _label(model: type[BaseModel], path: KeyPath) -> str | None:
    """The Chinese name (`description`) of the field at `path`, if it is a model field."""
    field = _model_field(model, path)
    return field.description if field is not None else None


def _known_fields(model: type[BaseModel], path: KeyPath) -> Sequence[str]:
    found = _model_at(model, path)
    return [f.alias or n for n, f in found.model_fields.items()] if found is not None else []


def _field_named(model: type[BaseModel], key: str) -> FieldInfo | None:
    """The field a case file writes as `key`: its name, or its alias (`for` of an agent)."""
    field = model.model_fields.get(key)
    if field is not None and field.alias is None:
        return field
    return next((f for f in model.model_fields.values() if f.alias == key), None)
