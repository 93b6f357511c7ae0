"""Pack files: where the built-in packs live, which files a path names, and reading YAML
with the source position of every mapping key and list item kept for error messages."""
from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..errors import PackError

PACK_SUFFIXES = (".yaml", ".yml")


class MarkedDict(dict):
    """A YAML mapping that remembers where it and each of its keys and values start."""
    mark: tuple[int, int] = (1, 1)
    key_marks: dict[Any, tuple[int, int]]
    value_marks: dict[Any, tuple[int, int]]


class MarkedList(list):
    """A YAML sequence that remembers where it and each of its items start."""
    mark: tuple[int, int] = (1, 1)
    item_marks: list[tuple[int, int]]


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _MarkingLoader(yaml.SafeLoader):
    """SafeLoader whose mappings and sequences carry 1-based (line, column) positions."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(None, None, "expected a mapping", node.start_mark)
        self.flatten_mapping(node)
        result = MarkedDict()
        result.mark = _position(node)
        result.key_marks, result.value_marks = {}, {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in result:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            result[key] = self.construct_object(value_node, deep=True)
            result.key_marks[key] = _position(key_node)
            result.value_marks[key] = _position(value_node)
        return result

    def construct_sequence(self, node, deep=False):  # type: ignore[override]
        result = MarkedList(self.construct_object(child, deep=True) for child in node.value)
        result.mark = _position(node)
        result.item_marks = [_position(child) for child in node.value]
        return result


_MarkingLoader.add_constructor("tag:yaml.org,2002:map", _MarkingLoader.construct_mapping)
_MarkingLoader.add_constructor("tag:yaml.org,2002:seq", _MarkingLoader.construct_sequence)


def read_yaml(text: str, path: str) -> Any:
    """Parse one YAML document safely; a syntax error becomes a PackError with its position."""
    try:
        return yaml.load(text, Loader=_MarkingLoader)  # noqa: S506 - the loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise PackError(f"invalid YAML: {exc.problem or exc.context}", path, line, column) from None


def builtin_pack_root() -> Path:
    """The folder of the packs shipped inside the package."""
    return Path(str(importlib.resources.files("compliance.rules")))


def expand_pack_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named by `paths`: a file as it is, a folder as every pack file below it, sorted."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in PACK_SUFFIXES and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise PackError("no such pack file or folder", str(path))
    return files


def builtin_pack_files() -> list[Path]:
    """Every pack file shipped with the package."""
    return expand_pack_paths([builtin_pack_root()])
