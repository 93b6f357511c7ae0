"""A regex lint: a case class (`\\p{Lu}`, `\\p{Ll}`) where the pattern ignores case. The regex
module then reads `\\p{Lu}` as any cased letter, so a pattern meant to find a capitalised
name after a dash, or a proper noun after a verb, finds every word; `(?-i:\\p{Lu})` says what
was meant."""
from __future__ import annotations

import re

from .syntax import syntax

_CASE_CLASS = re.compile(r"[pP]\{(?:Lu|Ll|Lt|Lowercase_Letter|Uppercase_Letter|Titlecase_Letter|Upper|Lower|"
                         r"Uppercase|Lowercase|Cased_Letter|LC|L&)\}")
_FLAGS = re.compile(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])")


def case_class_ignored(pattern: str) -> bool:
    """Whether `pattern` uses a case class somewhere it matches case-insensitively."""
    head = _FLAGS.match(pattern)
    ignore = bool(head and head.group(3) == ")" and "i" in head.group(1))
    stack: list[bool] = []
    skip_to = 0
    for i, piece in syntax(pattern):
        if i < skip_to:
            continue
        if piece.startswith("\\"):
            if ignore and _CASE_CLASS.match(pattern, i + 1):
                return True
        elif piece == "(":
            stack.append(ignore)
            flags = _FLAGS.match(pattern, i)
            if flags:
                if flags.group(3) == ")":
                    stack.pop()  # flags for the rest of the pattern, no group
                if "i" in flags.group(1):
                    ignore = True
                if flags.group(2) and "i" in flags.group(2):
                    ignore = False
                skip_to = flags.end()
        elif piece == ")" and stack:
            ignore = stack.pop()
    return False
