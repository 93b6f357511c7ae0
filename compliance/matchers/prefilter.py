"""What every match of a regex must contain, worked out once when a rule is compiled, so the
regex is not run on a post that lacks it (most posts have no digit, no '@', no '%').

The analysis is conservative: it parses the pattern with Python's own regex parser and
only reports characters that each way through the pattern consumes. Named groups defined in
a `(?(DEFINE)...)` block are inlined and Unicode properties read as any character first; a
pattern that parser still cannot read (syntax
only the `regex` module knows) gets no prefilter and always runs.
"""
from __future__ import annotations

import re

from .syntax import syntax

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


def _group_end(pattern: str, start: int, verbose: bool) -> int:
    """The index just past the group opening at `pattern[start]` ("("), skipping escapes,
    character classes and, in verbose mode, comments; -1 when it is not closed."""
    depth = 0
    for i, piece in syntax(pattern, start, verbose):
        if piece == "(":
            depth += 1
        elif piece == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return -1


_DEFINE = "(?(DEFINE)"
_NAMED = re.compile(r"\s*\(\?P<(\w+)>")
_CALL = re.compile(r"\(\?&(\w+)\)")
_GROUP_NAME = re.compile(r"(?<!\\)\(\?P<\w+>")
_BACKREF = re.compile(r"(?<!\\)\(\?P=\w+\)")
_PROPERTY = re.compile(r"(?<!\\)\\[pP](?:\{[^}]*\}|\w)")


def _inlined(pattern: str) -> str:
    """`pattern` with a `(?(DEFINE)...)` block (regex-module syntax) dropped and each
    `(?&name)` call replaced by the group it names, so Python's parser can read it. A
    pattern without such a block comes back unchanged; one whose groups call themselves is
    returned as it is (and then fails to parse, so it gets no prefilter)."""
    at = pattern.find(_DEFINE)
    if at < 0:
        return pattern
    verbose = bool(re.match(r"\(\?[a-zA-Z]*x", pattern))
    end = _group_end(pattern, at, verbose)
    if end < 0:
        return pattern
    bodies: dict[str, str] = {}
    i = at + len(_DEFINE)
    while (m := _NAMED.match(pattern, i)) and m.end() <= end:
        close = _group_end(pattern, m.start() + m.group().index("("), verbose)
        if close < 0:
            return pattern
        bodies[m.group(1)] = "(?:" + pattern[m.end():close - 1] + ")"
        i = close
    rest = pattern[:at] + pattern[end:]
    for _ in range(len(bodies) + 1):  # a call inside a body is inlined on the next round
        expanded = _CALL.sub(lambda c: bodies.get(c.group(1), c.group()), rest)
        if expanded == rest:
            return rest
        rest = expanded
    return pattern


def _parse(pattern: str):
    # Group names do not change what a match consumes, and the regex module allows one name
    # in several alternatives where Python's parser does not: analyse without them. A
    # reference to a group is read as empty, which can only make the prefilter ask less.
    plain = _BACKREF.sub("(?:)", _GROUP_NAME.sub("(?:", _inlined(pattern)))
    # A Unicode property (`\p{L}`) becomes "." (any character; a literal dot in a class),
    # which asks nothing of the text either way.
    return _p.parse(_PROPERTY.sub(".", plain))


def required_atoms(pattern: str) -> frozenset[str]:
    """Characters (casefolded where the pattern ignores case) and DIGIT that every match of
    `pattern` contains; empty when nothing is certain or the pattern cannot be analysed."""
    try:
        parsed = _parse(pattern)
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
        parsed = _parse(pattern)
    except Exception:
        return None
    found = _any_of(parsed, bool(parsed.state.flags & re.IGNORECASE))
    if not found or min(map(len, found)) < min_length:
        return None
    return found


# What every match contains, as a formula over casefolded strings: a string, ("and", parts)
# or ("or", parts). Where `required_any` keeps one set of strings per pattern (in a large
# alternation, some branch nearly always offers "at" or "in"), this keeps every branch's own
# requirements, so "(?:at|in) gunpoint" asks for "gunpoint" as well.
Formula = "str | tuple[str, tuple[Formula, ...]]"
_MAX_FORMULA = 5000  # nodes: beyond this a formula costs more to test than it saves


def _formula(seq) -> Formula | None:
    """What every match of `seq` contains, or None when nothing is certain."""
    parts: list = []
    run = ""
    for op, av in seq:
        if op is _c.LITERAL:
            run += chr(av).casefold()  # compared with casefolded text, whatever the case rule
            continue
        if run:
            parts.append(run)
            run = ""
        sub = None
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            sub = _formula(av[2])
        elif op is _c.SUBPATTERN:
            sub = _formula(av[3])
        elif op is _c.BRANCH:
            alternatives = [_formula(alt) for alt in av[1]]
            if alternatives and all(a is not None for a in alternatives):
                sub = _joined("or", alternatives)
        if sub is not None:
            parts.append(sub)
    if run:
        parts.append(run)
    return _joined("and", parts) if parts else None


def _joined(op: str, parts: list) -> Formula:
    flat: list = []
    for part in parts:
        flat.extend(part[1] if isinstance(part, tuple) and part[0] == op else [part])
    flat = list(dict.fromkeys(flat))
    if op == "and":  # the longest strings first: the likeliest to be missing, so tests stop early
        flat.sort(key=lambda f: -len(f) if isinstance(f, str) else 0)
    return flat[0] if len(flat) == 1 else (op, tuple(flat))


def _size(formula: Formula) -> int:
    return 1 if isinstance(formula, str) else 1 + sum(_size(f) for f in formula[1])


def required_formula(pattern: str) -> Formula | None:
    """A formula over casefolded strings that every match of `pattern` satisfies (test it
    with `holds` on casefolded text); None when nothing is certain, the pattern cannot be
    analysed or the formula would be too large to be worth testing."""
    try:
        parsed = _parse(pattern)
    except Exception:
        return None
    found = _formula(parsed)
    return None if found is None or _size(found) > _MAX_FORMULA else found


def holds(formula: Formula, text: str) -> bool:
    """Whether the casefolded `text` satisfies `formula`."""
    if isinstance(formula, str):
        return formula in text
    op, parts = formula
    if op == "and":
        return all(holds(p, text) for p in parts)
    return any(holds(p, text) for p in parts)


def text_atoms(text: str) -> frozenset[str]:
    """The atoms a text offers: its characters, casefolded too, and DIGIT if it has one."""
    chars = set(text) | set(text.casefold())
    if any(ch.isdigit() for ch in chars):
        chars.add(DIGIT)
    return frozenset(chars)
