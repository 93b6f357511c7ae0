"""Which files are drafts: the files named, and the Markdown and text files below a folder
that git does not ignore."""
from __future__ import annotations

import subprocess
from pathlib import Path

from ..documents import MARKDOWN_SUFFIXES

DRAFT_SUFFIXES = MARKDOWN_SUFFIXES + (".txt", ".text")


def _git_files(folder: Path) -> list[Path] | None:
    """The files below `folder` that git tracks or would track (`.gitignore` respected), or
    None when `folder` is not in a git work tree or git is not installed."""
    try:
        done = subprocess.run(["git", "-C", str(folder), "ls-files", "-z", "--cached", "--others",
                               "--exclude-standard", "--", "."],
                              capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    names = done.stdout.decode("utf-8", errors="surrogateescape").split("\0")
    return [folder / name for name in names if name]


def draft_files(folder: str | Path) -> list[Path]:
    """Every Markdown or text file below `folder`, sorted, leaving out what git ignores and
    anything under a hidden folder."""
    folder = Path(folder)
    found = _git_files(folder)
    if found is None:
        found = [p for p in folder.rglob("*")]
    return sorted(p for p in found
                  if p.suffix.lower() in DRAFT_SUFFIXES and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts[:-1]))
