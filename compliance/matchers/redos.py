"""Spotting regexes that can take exponential time: a quantified group whose body is itself
quantified (`(a+)+`, `(\\w+\\s?)*`), the shape behind most catastrophic backtracking."""
from __future__ import annotations

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}


def _parts(op, av) -> list:
    """The sub-sequences inside one parsed item: a repeat's body, a group's, a branch's."""
    if op in _REPEATS:
        return [av[2]]
    if op is _c.SUBPATTERN:
        return [av[3]]
    if op is _c.BRANCH:
        return list(av[1])
    return []


def _repeats(op, av) -> bool:
    return op in _REPEATS and av[1] > 1


def _has_repeat(seq) -> bool:
    return any(_repeats(op, av) or any(_has_repeat(p) for p in _parts(op, av)) for op, av in seq)


def _nested(seq) -> bool:
    return any((_repeats(op, av) and _has_repeat(av[2])) or any(_nested(p) for p in _parts(op, av))
               for op, av in seq)


def nested_quantifier(pattern: str) -> bool:
    """True when `pattern` repeats something that itself repeats. Patterns only the regex
    module can parse are not judged (False)."""
    try:
        return _nested(_p.parse(pattern))
    except Exception:  # noqa: BLE001 - syntax of the regex module alone
        return False
