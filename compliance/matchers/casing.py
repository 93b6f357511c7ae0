"""A regex lint: a case class (`\\p{Lu}`, `\\p{Ll}`) where the pattern ignores case. The regex
module then reads `\\p{Lu}` as any cased letter, so a pattern meant to find a capitalised
name after a dash, or a proper noun after a verb, finds every word; `(?-i:\\p{Lu})` says what
was meant."""
from __future__ import annotations

import re

_CASE_CLASS = re.compile(r"[pP]\{(?:Lu|Ll|Lt|Lowercase_Letter|Uppercase_Letter|Titlecase_Letter|Upper|Lower|"
                         r"Uppercase|Lowercase|Cased_Letter|LC|L&)\}")
_FLAGS = re.compile(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])")


def case_class_ignored(pattern: str) -> bool:
    """Whether `pattern` uses a case class somewhere it matches case-insensitively."""
    head = _FLAGS.match(pattern)
    ignore = bool(head and head.group(3) == ")" and "i" in head.group(1))
    stack: list[bool] = []
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            if ignore and _CASE_CLASS.match(pattern, i + 1):
                return True
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":
                i += 1  # a "]" first in a class is a literal
        elif ch == "(":
            stack.append(ignore)
            flags = _FLAGS.match(pattern, i)
            if flags:
                if flags.group(3) == ")":
                    stack.pop()  # flags for the rest of the pattern, no group
                if "i" in flags.group(1):
                    ignore = True
                if flags.group(2) and "i" in flags.group(2):
                    ignore = False
                i = flags.end()
                continue
        elif ch == ")" and stack:
            ignore = stack.pop()
        i += 1
    return False
