"""What a pull request changed: the lines of a draft added or changed since a git ref, so a
review reports only the findings it is responsible for."""
from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from pathlib import Path

import regex

from ..errors import InputError
from ..model import Report, Violation

_HUNK = regex.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", regex.M)


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(f"--diff-base needs git: {exc}") from None


def changed_lines(path: str | Path, base: str) -> frozenset[int] | None:
    """The 1-based lines of the file at `path`, as it is now, that were added or changed
    since the git ref `base`; None when every line is new (a file git does not track).
    InputError when `path` is not in a git work tree or `base` is no ref there."""
    path = Path(os.path.abspath(path))
    folder = path.parent
    if _git(folder, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").returncode != 0:
        raise InputError(f"--diff-base {base}: no such commit in the repository of {path}")
    if _git(folder, "ls-files", "--error-unmatch", "--", path.name).returncode != 0:
        return None
    done = _git(folder, "diff", "--no-color", "--no-ext-diff", "--unified=0", base, "--", path.name)
    if done.returncode != 0:
        raise InputError(f"--diff-base {base}: git diff failed: {done.stderr.decode(errors='replace').strip()}")
    lines: set[int] = set()
    for m in _HUNK.finditer(done.stdout.decode("utf-8", errors="replace")):
        start, count = int(m.group(1)), int(m.group(2) or 1)
        lines.update(range(start, start + count))
    return frozenset(lines)


def _on(v: Violation, text: str, lines: frozenset[int]) -> bool:
    last = v.line + text.count("\n", v.start, v.end)
    return any(n in lines for n in range(v.line, last + 1))


def only_changed(report: Report, lines: frozenset[int] | None) -> Report:
    """`report` with only the findings (counted and accepted) on one of `lines` (None: all)."""
    if lines is None:
        return report
    return replace(report, violations=tuple(v for v in report.violations if _on(v, report.text, lines)),
                   suppressed=tuple(v for v in report.suppressed if _on(v, report.text, lines)))
