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


# libyaml's parser (when PyYAML has it) is many times faster and gives nodes the same marks.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _MarkingLoader(_SafeBase):  # type: ignore[misc, valid-type]
    """A safe loader whose mappings and sequences carry 1-based (line, column) positions."""

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


# Packs come from other teams and vendors: bounds that no real pack comes near.
MAX_PACK_BYTES = 16 * 1024 * 1024
MAX_NODES = 1_000_000        # values written in the file
MAX_ALIAS_EXPANSION = 10_000  # values that aliases add, as every consumer of the data walks them


def _sizes(root: yaml.Node, path: str) -> tuple[int, int]:
    """(values written, values once every alias is expanded) of a document; each node is
    measured once, so an alias bomb is measured in linear time. A recursive alias is an error."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = ([n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode)
                    else node.value if isinstance(node, yaml.SequenceNode) else [])
        if done:
            on_path.discard(key)
            sizes[key] = min(1 + sum(sizes[id(c)] for c in children), MAX_NODES + MAX_ALIAS_EXPANSION + 1)
            continue
        if key in sizes:
            continue
        if key in on_path:
            line, column = _position(node)
            raise PackError("a YAML alias refers to itself", path, line, column)
        on_path.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return len(sizes), sizes[id(root)]


def read_yaml(text: str, path: str) -> Any:
    """Parse one YAML document safely (plain data only: a `!!python/...` tag is an error,
    never run). A syntax error, a document too large or whose aliases expand too far (an
    alias bomb), or one nested too deeply, becomes a PackError with its position."""
    loader = _MarkingLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        written, expanded = _sizes(node, path)
        if written > MAX_NODES:
            raise PackError(f"the YAML holds more than {MAX_NODES:,} values", path, *_position(node))
        if expanded - written > MAX_ALIAS_EXPANSION:
            raise PackError(f"the YAML's aliases expand to more than {MAX_ALIAS_EXPANSION:,} further values; "
                            "a pack needs no such structure", path, *_position(node))
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise PackError(f"invalid YAML: {exc.problem or exc.context}", path, line, column) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. U+007F
        before = text[:exc.position]
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise PackError(f"invalid YAML: character U+{code:04X} is not allowed", path, line, column) from None
    except RecursionError:
        raise PackError("the YAML is nested too deeply", path) from None
    finally:
        loader.dispose()


def read_pack_text(path: Path) -> str:
    """The text of a pack file; PackError when it cannot be read, is not UTF-8 or is too large."""
    try:
        if path.stat().st_size > MAX_PACK_BYTES:
            raise PackError(f"the pack is larger than {MAX_PACK_BYTES // (1024 * 1024)} MiB", str(path))
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"cannot read pack: {exc}", str(path)) from None


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
