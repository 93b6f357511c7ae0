"""What a check record says about the pack files its rule set came from: each pack's id,
version and the SHA-256 of the file's bytes, read without loading the pack."""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any, Iterable

import regex
import yaml

from ..packs.files import builtin_pack_files, builtin_pack_root, expand_pack_paths

# `pack:` and `version:` are top-level keys that packs write in their first lines; reading
# that much keeps a record's pack list cheap however large the pack's word lists are.
_HEAD_BYTES = 8192
_KEY = regex.compile(r"^(pack|version):[ \t]*(.*?)[ \t]*(?:#.*)?$", regex.M)


def _scalar(value: str) -> Any:
    try:
        parsed = yaml.safe_load(value)
    except yaml.YAMLError:
        return value
    return parsed if isinstance(parsed, (str, int, float)) else value


def pack_file(path: Path, name: str | None = None) -> dict[str, Any]:
    """`{"pack", "version", "sha256", "file"}` of one pack file (`name`, else its path, as
    `file`); id or version None where the file's first lines do not write them."""
    data = path.read_bytes()
    head = data[:_HEAD_BYTES].decode("utf-8", errors="replace")
    found: dict[str, Any] = {}
    for match in _KEY.finditer(head):
        found.setdefault(match.group(1), _scalar(match.group(2)))
    return {"pack": found.get("pack"), "version": found.get("version"),
            "sha256": hashlib.sha256(data).hexdigest(), "file": name or str(path)}


@functools.lru_cache(maxsize=16)
def _pack_files(packs: tuple[str, ...], builtin: bool) -> tuple[dict[str, Any], ...]:
    root = builtin_pack_root()
    shipped = [pack_file(p, f"builtin:{p.relative_to(root).as_posix()}") for p in builtin_pack_files()] if builtin else []
    return tuple(shipped + [pack_file(p) for p in expand_pack_paths(packs)])


def pack_files(packs: Iterable[str | Path] = (), builtin: bool = True) -> list[dict[str, Any]]:
    """The pack files a rule set loaded from `packs` (files or folders) and, with `builtin`,
    the built-in packs came from, each as `pack_file` gives it (built-in ones named
    `builtin:<path in the package>`). Read once per process for the same arguments."""
    return [dict(p) for p in _pack_files(tuple(str(p) for p in packs), builtin)]
