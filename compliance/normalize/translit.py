"""Macedonian written in Latin letters, both ways: the Latin forms a Cyrillic word is written
in online, and a Latin text read back into Cyrillic with an exact offset map.

The letters follow the maintained `cyrtranslit` package's Macedonian table ('ш' -> 'š',
'ќ' -> 'ḱ'), plus the ASCII spellings people type: sh or s for ш, ch or c for ч, zh or z for
ж, gj, dj or g for ѓ, kj or k for ќ, dzh or dj for џ.
"""
from __future__ import annotations

import itertools
from functools import lru_cache
from typing import Callable

import regex

from .fold import Folded

LANG = "mk"
_ASCII_VARIANTS = {
    "ш": ("sh", "s"), "ч": ("ch", "c"), "ж": ("zh", "z"), "ѓ": ("gj", "dj", "g"),
    "ќ": ("kj", "k"), "џ": ("dzh", "dj"),
}
_MAX_FORMS = 64          # Latin forms of one word; beyond, the first choice of each letter
_MAX_READINGS = 256      # Cyrillic readings of one Latin word weighed against the word list
_LATIN_WORD = regex.compile(r"[\p{Latin}]+")


@lru_cache(maxsize=1)
def _letters() -> dict[str, tuple[str, ...]]:
    """Each lower-case Cyrillic letter with the Latin spellings it may be written in."""
    import cyrtranslit

    table = {}
    for cyrillic in "абвгдѓежзѕијклљмнњопрстќуфхцчџш":
        standard = cyrtranslit.to_latin(cyrillic, LANG)
        table[cyrillic] = tuple(dict.fromkeys((standard,) + _ASCII_VARIANTS.get(cyrillic, ())))
    return table


@lru_cache(maxsize=1)
def _readings_of() -> tuple[dict[str, tuple[str, ...]], int]:
    """Each Latin spelling with the Cyrillic letters it may stand for, and the longest."""
    reverse: dict[str, list[str]] = {}
    for cyrillic, spellings in _letters().items():
        for latin in spellings:
            reverse.setdefault(latin, []).append(cyrillic)
    return {k: tuple(v) for k, v in reverse.items()}, max(map(len, reverse))


def latin_forms(word: str) -> list[str]:
    """The Latin spellings of a folded Cyrillic word, the package's own first: 'шибан' ->
    ['šiban', 'shiban', 'siban']. Letters without a Latin spelling stay."""
    options = [_letters().get(ch, (ch,)) for ch in word]
    if any(len(o) > 1 for o in options) and _product_size(options) > _MAX_FORMS:
        return ["".join(o[0] for o in options), "".join(o[-1] for o in options)]
    return ["".join(p) for p in itertools.product(*options)]


def _product_size(options: list[tuple[str, ...]]) -> int:
    size = 1
    for o in options:
        size *= len(o)
    return size


def _parses(word: str) -> list[list[tuple[str, int, int]]]:
    """Every way to read a lower-case Latin word as Cyrillic letters: lists of
    (letter, start, end); [] when some letter has no reading."""
    table, longest = _readings_of()
    partial: list[list[list[tuple[str, int, int]]]] = [[] for _ in range(len(word) + 1)]
    partial[0] = [[]]
    for start in range(len(word)):
        if not partial[start]:
            continue
        for end in range(start + 1, min(len(word), start + longest) + 1):
            for cyrillic in table.get(word[start:end], ()):
                for p in partial[start]:
                    if len(partial[end]) < _MAX_READINGS:
                        partial[end].append(p + [(cyrillic, start, end)])
    return partial[len(word)]


def to_cyrillic(text: str, choose: Callable[[list[str]], int]) -> Folded:
    """`text` with its Latin words in Cyrillic, mapped back to `text` letter by letter.
    `choose` picks one of a word's lower-case readings by index (the first is the standard
    one, longest spellings first); a word with a letter that has no reading stays Latin."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _LATIN_WORD.finditer(text):
        for i in range(pos, m.start()):
            out.append(text[i])
            starts.append(i)
            ends.append(i + 1)
        word = m.group()
        lower = word.casefold()
        parses = sorted(_parses(lower), key=len) if len(lower) == len(word) else []
        if parses:
            parse = parses[choose(["".join(letter for letter, _, _ in p) for p in parses])]
            for letter, s, e in parse:
                out.append(letter.upper() if word[s].isupper() else letter)
                starts.append(m.start() + s)
                ends.append(m.start() + e)
        else:
            for i in range(m.start(), m.end()):
                out.append(text[i])
                starts.append(i)
                ends.append(i + 1)
        pos = m.end()
    for i in range(pos, len(text)):
        out.append(text[i])
        starts.append(i)
        ends.append(i + 1)
    return Folded("".join(out), tuple(starts), tuple(ends), len(text))
