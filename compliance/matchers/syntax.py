"""Reading a regex pattern's text as syntax, for the analyses that work on it (the prefilter's
inlining of named groups, the casing lint): which characters are escapes, which stand inside a
character class or a verbose-mode comment, and so mean nothing to the group structure."""
from __future__ import annotations

from typing import Iterator


def syntax(pattern: str, start: int = 0, verbose: bool = False) -> Iterator[tuple[int, str]]:
    """(index, piece) for each escape of `pattern` from `start` ("\\p", given with the
    character it escapes, inside a class too) and each character outside character classes
    and, with `verbose`, outside comments."""
    i, in_class = start, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            yield i, pattern[i:i + 2]
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":
                i += 1  # a "]" first in a class is a literal
        elif verbose and ch == "#":
            newline = pattern.find("\n", i)
            i = len(pattern) if newline < 0 else newline
            continue
        else:
            yield i, ch
        i += 1
