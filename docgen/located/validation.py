"""Validating a pydantic model against located YAML: every problem at its line, in Chinese."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from docgen.errors import DocgenError, Location
from docgen.located.messages import QUOTE_REASONS, Message, for_error, unknown_field, unquoted
from docgen.located.reader import KeyPath, LocatedYaml, field_path

M = TypeVar("M", bound=BaseModel)


def validate_model(
    model: type[M],
    data: Mapping[str, object],
    loaded: LocatedYaml,
    error: type[DocgenError],
    choices: Mapping[str, str] | None = None,
) -> tuple[M | None, list[DocgenError]]:
    """Validate `data` as `model`; return it (None if invalid) and every problem, located.

    `choices` names the choice values in Chinese (`reasonable` → 合理) for the messages.

    Why the quoting check comes first:
        An unquoted `13803710001` reaches pydantic as an int and would be reported as
        "应填写文字"; the clerk needs "加引号" instead, so pydantic's error there is dropped.
    """
    problems: list[DocgenError] = []
    reported: set[KeyPath] = set()
    for path, source in loaded.plain_scalars.items():
        if path and path[-1] in QUOTE_REASONS and _is_field(model, path):
            message = unquoted(str(path[-1]), source, _label(model, path))
            problems.append(located_error(error, message, path, loaded.locations))
            reported.add(path)
    try:
        result = model.model_validate(data)
    except ValidationError as invalid:
        for detail in invalid.errors():
            path = tuple(detail["loc"])
            if path in reported:
                continue
            if detail["type"] == "extra_forbidden":
                message = unknown_field(str(path[-1]), _known_fields(model, path[:-1]))
            else:
                required = _is_required(model, path)
                label = _label(model, path)
                message = for_error(detail, label, required=required, choices=choices)
            problems.append(located_error(error, message, path, loaded.locations))
        return None, problems
    return (None, problems) if problems else (result, [])


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
    current: object = model
    for part in path:
        current = _unwrap(current)
        origin = typing.get_origin(current)
        args = typing.get_args(current)
        if isinstance(part, int) and origin in (tuple, list) and args:
            current = args[0]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
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
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(rest) != 1:
                return annotation
            annotation = rest[0]
        else:
            return annotation


def _model_at(model: type[BaseModel], path: KeyPath) -> type[BaseModel] | None:
    """The model declared at `path` inside `model`, if a model is declared there."""
    found = _field_type(model, path)
    return found if isinstance(found, type) and issubclass(found, BaseModel) else None


def _model_field(model: type[BaseModel], path: KeyPath) -> FieldInfo | None:
    """The declared field at `path` (a key of a model inside `model`), if there is one."""
    parent = _model_at(model, path[:-1]) if path else None
    return parent.model_fields.get(str(path[-1])) if parent is not None else None


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
    return list(found.model_fields) if found is not None else []
