"""What every match of a regex must contain, worked out once when a rule is compiled, so the
regex is not run on a post that lacks it (most posts have no digit, no '@', no '%').

The analysis is conservative: it parses the pattern with Python's own regex parser and
only reports characters that each way through the pattern consumes. A pattern that parser
cannot read (syntax only the `regex` module knows) gets no prefilter and always runs.
"""
from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

DIGIT = "<digit>"
_DIGIT_CATEGORIES = {_c.CATEGORY_DIGIT}


def _class_atoms(items) -> frozenset[str]:
    """A character class that only admits digits requires a digit."""
    if items and all((op is _c.CATEGORY and av in _DIGIT_CATEGORIES)
                     or (op is _c.RANGE and 48 <= av[0] <= av[1] <= 57)
                     or (op is _c.LITERAL and 48 <= av <= 57) for op, av in items):
        return frozenset({DIGIT})
    return frozenset()


def _required(seq, ignore_case: bool) -> frozenset[str]:
    need: set[str] = set()
    for op, av in seq:
        if op is _c.LITERAL:
            ch = chr(av)
            need.add(DIGIT if ch.isdigit() else (ch.casefold() if ignore_case else ch))
        elif op is _c.IN:
            need |= _class_atoms(av)
        elif op is _c.CATEGORY and av in _DIGIT_CATEGORIES:
            need.add(DIGIT)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            low, _high, sub = av
            if low >= 1:
                need |= _required(sub, ignore_case)
        elif op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            ci = (ignore_case or bool(add_flags & re.IGNORECASE)) and not (del_flags & re.IGNORECASE)
            need |= _required(sub, ci)
        elif op is _c.BRANCH:
            alternatives = [_required(alt, ignore_case) for alt in av[1]]
            need |= frozenset.intersection(*alternatives) if alternatives else frozenset()
    return frozenset(need)


def required_atoms(pattern: str) -> frozenset[str]:
    """Characters (casefolded where the pattern ignores case) and DIGIT that every match of
    `pattern` contains; empty when nothing is certain or the pattern cannot be analysed."""
    try:
        parsed = _p.parse(pattern)
    except Exception:
        return frozenset()
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    return _required(parsed, ignore_case)


AnyOf = frozenset[str] | None  # every match contains one of these strings; None: unknown


def _any_of(seq, ignore_case: bool) -> AnyOf:
    """Strings of which every match of `seq` contains at least one, or None."""
    candidates: list[frozenset[str]] = []
    run = ""

    def close_run():
        nonlocal run
        if run:
            candidates.append(frozenset({run}))
        run = ""

    for op, av in seq:
        if op is _c.LITERAL:
            run += chr(av).casefold()  # compared with casefolded text, whatever the case rule
            continue
        close_run()
        found: AnyOf = None
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            found = _any_of(av[2], ignore_case)
        elif op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            ci = (ignore_case or bool(add_flags & re.IGNORECASE)) and not (del_flags & re.IGNORECASE)
            found = _any_of(sub, ci)
        elif op is _c.BRANCH:
            alternatives = [_any_of(alt, ignore_case) for alt in av[1]]
            if alternatives and all(a is not None for a in alternatives):
                found = frozenset().union(*alternatives)  # type: ignore[arg-type]
        if found:
            candidates.append(found)
    close_run()
    if not candidates:
        return None
    # The most selective: the set whose shortest string is longest.
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


def required_any(pattern: str, min_length: int = 1) -> AnyOf:
    """Casefolded strings of which every match of `pattern` contains one (compare them with
    casefolded text); None when no such set of strings of `min_length` or more is certain."""
    try:
        parsed = _p.parse(pattern)
    except Exception:
        return None
    found = _any_of(parsed, bool(parsed.state.flags & re.IGNORECASE))
    if not found or min(map(len, found)) < min_length:
        return None
    return found


def text_atoms(text: str) -> frozenset[str]:
    """The atoms a text offers: its characters, casefolded too, and DIGIT if it has one."""
    chars = set(text) | set(text.casefold())
    if any(ch.isdigit() for ch in chars):
        chars.add(DIGIT)
    return frozenset(chars)
