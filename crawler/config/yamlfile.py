"""YAML loading that remembers where every value came from.

Every config file (sources, service settings, taxonomy, digests) is read through
:func:`load_yaml` so that a validation error can name the file, the line and the
field. Pydantic errors are translated by :func:`validate` into :class:`ConfigError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Loc = tuple[str | int, ...]
ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class ConfigIssue:
    """One problem in one config file."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ConfigError(Exception):
    """A config file is invalid; carries every issue found, each with file:line."""

    def __init__(self, issues: Sequence[ConfigIssue]):
        self.issues = list(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))


@dataclass
class YamlDocument:
    """Parsed YAML data plus the line (1-based) of every mapping key and sequence item."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """Line of the deepest known prefix of ``loc`` (a field path)."""
        loc = tuple(loc)
        while True:
            if loc in self.lines:
                return self.lines[loc]
            if not loc:
                return None
            loc = loc[:-1]

    def issue(self, loc: Sequence[str | int], message: str) -> ConfigIssue:
        """Build an issue located at ``loc``."""
        return ConfigIssue(str(self.path), self.line_of(loc), format_loc(loc), message)


def format_loc(loc: Iterable[str | int]) -> str:
    """``("sources", 2, "feeds", 0)`` -> ``sources[2].feeds[0]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


MAX_NODES = 200_000  # values after alias expansion: a "billion laughs" of aliases stops here


class _Converter:
    def __init__(self, path: Path):
        self.path = path
        self.lines: dict[Loc, int] = {}
        self.issues: list[ConfigIssue] = []
        self._constructor = yaml.SafeLoader("")
        self._nodes = 0

    def convert(self, node: yaml.Node, loc: Loc) -> Any:
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise ValueError(f"more than {MAX_NODES} values (aliases expanding without end?)")
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self._constructor.construct_object(key_node, deep=True)  # type: ignore[no-untyped-call]
                if not isinstance(key, str | int | float | bool) and key is not None:
                    self.issues.append(
                        ConfigIssue(
                            str(self.path),
                            key_node.start_mark.line + 1,
                            format_loc(loc),
                            "mapping keys must be plain scalars",
                        )
                    )
                    continue
                child = (*loc, str(key))
                if key in result:
                    self.issues.append(
                        ConfigIssue(
                            str(self.path),
                            key_node.start_mark.line + 1,
                            format_loc(child),
                            f"duplicate key {key!r} (first on line {self.lines.get(child)})",
                        )
                    )
                    continue
                self.lines[child] = key_node.start_mark.line + 1
                result[key] = self.convert(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*loc, index)) for index, item in enumerate(node.value)]
        return self._constructor.construct_object(node, deep=True)  # type: ignore[no-untyped-call]


def load_yaml(path: Path, *, text: str | None = None) -> YamlDocument:
    """Parse ``path`` (or ``text`` attributed to it) keeping line numbers.

    Raises :class:`ConfigError` for unreadable files, syntax errors and duplicate keys.
    """
    try:
        source = path.read_text(encoding="utf-8") if text is None else text
    except FileNotFoundError:
        raise ConfigError([ConfigIssue(str(path), None, "", "file not found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([ConfigIssue(str(path), None, "", f"cannot read file: {exc}")]) from None
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise ConfigError([ConfigIssue(str(path), line, "", f"YAML syntax error: {problem}")]) from None
    except yaml.YAMLError as exc:
        raise ConfigError([ConfigIssue(str(path), None, "", f"YAML error: {exc}")]) from None
    except RecursionError:
        raise ConfigError([ConfigIssue(str(path), None, "", "YAML error: nested too deeply")]) from None
    if node is None:
        return YamlDocument(path, None, {})
    converter = _Converter(path)
    try:
        data = converter.convert(node, ())
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        line = node.start_mark.line + 1
        raise ConfigError([ConfigIssue(str(path), line, "", f"invalid value: {exc}")]) from None
    except RecursionError:
        line = node.start_mark.line + 1
        raise ConfigError([ConfigIssue(str(path), line, "", "invalid value: nested too deeply")]) from None
    if converter.issues:
        raise ConfigError(converter.issues)
    return YamlDocument(path, data, converter.lines)


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The (sub)model that owns the last key of ``loc``, following nested fields."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _describe(error: Any, model: type[BaseModel]) -> str:
    kind = error.get("type", "")
    message = str(error.get("msg", "invalid value"))
    if kind == "extra_forbidden":
        owner = _model_at(model, error["loc"])
        allowed = f" (allowed: {allowed_keys_hint(owner)})" if owner else ""
        return f"unknown key{allowed}"
    if kind == "missing":
        return "required field is missing"
    return message.removeprefix("Value error, ")


def validate(
    model: type[ModelT],
    data: Any,
    document: YamlDocument,
    *,
    base: Loc = (),
    context: dict[str, Any] | None = None,
) -> ModelT:
    """Validate ``data`` (found at ``base`` in ``document``) as ``model``.

    Pydantic errors become a :class:`ConfigError` with one file:line issue each.
    """
    try:
        return model.model_validate(data, context=context)
    except RecursionError:
        raise ConfigError([document.issue(base, "nested too deeply")]) from None
    except ValidationError as exc:
        issues = []
        for error in exc.errors():
            loc = (*base, *error["loc"])
            issues.append(document.issue(loc, _describe(error, model)))
        raise ConfigError(issues) from None


def allowed_keys_hint(model: type[BaseModel]) -> str:
    """A short list of the keys a model accepts, for 'unknown key' messages."""
    return ", ".join(model.model_fields)
