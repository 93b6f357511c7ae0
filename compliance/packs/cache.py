"""Loaded rule sets kept on disk, so a run whose packs and engine have not changed skips
reading, validating and compiling every pack (most of a cold start).

An entry is named by a SHA-256 over the engine's version and code, the Python version and
the path and bytes of every pack file in load order, so any edit to a pack or an upgrade
misses the cache. Entries are pickles, which can run code when loaded, so they live in a
folder of the user's own (`$COMPLIANCE_CACHE_DIR`, else `$XDG_CACHE_HOME/post-compliance`,
else `~/.cache/post-compliance`), created private (0700); an entry is read only when it and
its folder belong to the current user and nobody else can write to them, so one user cannot
plant a rule set (or code) that another loads. `COMPLIANCE_NO_CACHE=1` turns the cache off.
Any problem with the cache means loading the packs as if there were none.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

from ..model import RuleSet

T = TypeVar("T")

KEEP = 16  # entries kept; older ones are removed when a new one is written
_SUFFIX = ".rules.pickle"


def cache_dir() -> Path | None:
    """The folder entries live in, or None when the cache is off."""
    if os.environ.get("COMPLIANCE_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("COMPLIANCE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "post-compliance"


def _engine_fingerprint() -> bytes:
    """Version, Python and the size and mtime of every engine module: an edited engine (a
    development checkout) decodes differently, so it must not reuse older entries."""
    from .. import __version__

    root = Path(__file__).resolve().parent.parent
    parts = [__version__, sys.version]
    for path in sorted(root.rglob("*.py")):
        st = path.stat()
        parts.append(f"{path.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts).encode()


def cache_key(files: Iterable[Path], salt: str = "") -> str:
    """The entry name for a rule set loaded from `files`, in this order, with options `salt`,
    and the word-list files (`*.txt`) beside them that packs may read."""
    files = list(files)
    digest = hashlib.sha256(_engine_fingerprint() + b"\0" + salt.encode())
    folders = dict.fromkeys(Path(path).resolve().parent for path in files)
    for path in files + [txt for folder in folders for txt in sorted(folder.glob("*.txt"))]:
        data = Path(path).read_bytes()
        name = str(Path(path).resolve()).encode()
        digest.update(len(name).to_bytes(8, "big") + name + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _private(st: os.stat_result) -> bool:
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(folder: Path, key: str, kind: type) -> Any:
    try:
        if not _private(os.stat(folder)):
            return None
        fd = os.open(folder / (key + _SUFFIX), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        try:
            st = os.fstat(handle.fileno())
            if not (_private(st) and stat.S_ISREG(st.st_mode)):
                return None
            value = pickle.load(handle)
        except Exception:  # noqa: BLE001 - a truncated or stale entry is a miss, never a failure
            return None
    return value if isinstance(value, kind) else None


def _write(folder: Path, key: str, value: Any) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.stat(folder)):
            return
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / (key + _SUFFIX))  # readers see a whole entry or none
        except BaseException:
            os.unlink(tmp)
            raise
        entries = sorted(folder.glob("*" + _SUFFIX), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass  # a read-only or full disk only costs the next run its head start


def _kept(folder: Path, key: str, kind: type, compute: Callable[[], T]) -> T:
    """The `kind` stored under `key` in `folder`, else `compute()`, stored there."""
    hit = _read(folder, key, kind)
    if hit is not None:
        return hit
    value = compute()
    _write(folder, key, value)
    return value


def cached(files: list[Path], load: Callable[[], RuleSet], salt: str = "") -> RuleSet:
    """The rule set `load()` gives for pack `files` (and load options `salt`), from the cache
    when an entry for exactly these files and this engine exists, else loaded and stored."""
    folder = cache_dir()
    if folder is None:
        return load()
    try:
        key = cache_key(files, salt)
    except OSError:
        return load()  # a pack that cannot be read: let the loader say so with its position
    return _kept(folder, key, RuleSet, lambda: replace(load(), fingerprint=key))


def memo(name: str, version: str, compute: Callable[[], T], kind: type) -> T:
    """`compute()` kept in the same private folder under `name` and `version` (say, a word
    list and the version of the package it comes from): data that is slow to derive and the
    same on every run. A stored value that is not a `kind` counts as missing."""
    folder = cache_dir()
    if folder is None:
        return compute()
    return _kept(folder, hashlib.sha256(f"{name}\0{version}\0{sys.version}".encode()).hexdigest(), kind, compute)
