"""Where a finding is, as the machine formats name it: a path, a line and a column counted
in the code units a format asks for, and the message with its policy citation."""
from __future__ import annotations

from ..model import Violation

_UNIT_BYTES = {"utf-16-le": 2, "utf-8": 1}


def position(text: str, offset: int, encoding: str = "utf-16-le") -> tuple[int, int]:
    """1-based line and column of `offset` in `text`, the column counted in code units of
    `encoding`: "utf-16-le" (UTF-16 code units) or "utf-8" (bytes)."""
    line_start = text.rfind("\n", 0, offset) + 1
    # surrogatepass: a lone surrogate (possible in a post read from JSON) is one code unit.
    units = len(text[line_start:offset].encode(encoding, "surrogatepass")) // _UNIT_BYTES[encoding]
    return text.count("\n", 0, offset) + 1, units + 1


STDIN = "<stdin>"


def display_path(path: str | None) -> str:
    """How a report's `path` is named in output: "<stdin>" for "-", "<post>" for none."""
    return "<post>" if path is None else STDIN if path == "-" else path


def names_file(path: str | None) -> bool:
    """False for standard input ("-" or "<stdin>") and for a post (no path)."""
    return path is not None and path not in ("-", STDIN)


def action_note(v: Violation) -> str:
    """What a finding's action adds to its severity, as the outputs show it ("" for the
    action each severity carries anyway: block, warn, info)."""
    return "needs approval" if v.effective_action == "require_approval" else ""


def cited_message(v: Violation) -> str:
    """The finding's message followed by `[Policy §section Title]`, after "Needs approval:"
    for a finding that an approval can clear."""
    c = v.citation
    note = action_note(v)
    return f"{note.capitalize() + ': ' if note else ''}{v.message} [{c.policy} §{c.section} {c.title}]"
