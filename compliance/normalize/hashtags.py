"""Splitting hashtags and handles into words: CamelCase boundaries first, then, for a run of
letters in one case (`#bullshitbingo`, `#sranjedanes`, `#הכיזולבישראל`), the split into
common words of the post's language (wordfreq's list) or listed keys that costs least.

A run is only split when every piece is a known word, so `#scunthorpe` stays whole rather
than yield a listed word inside an unknown one.
"""
from __future__ import annotations

import math
from typing import Callable

import regex

from .fold import fold_word
from .spellings import STEM
from .vocabulary import Vocabulary

_CAMEL = regex.compile(r"\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{Lo}+|\p{N}+")
# A run worth splitting: letters in one case (a capital may start it), long enough to hold
# two words.
_RUN = regex.compile(r"^\p{Lu}?(?:\p{Ll}|\p{Lo}){4,}$")
_MAX_WORD = 24
_PIECE = 3.0          # each extra piece costs this, so fewer, longer words win
_LISTED_RANK = 20_000
_STEM_RANK = 100_000_000
_SINGLE_LETTER = 2.0   # 'a', 'i': words, but rarely the right cut
_MAX_ENDING = 4        # letters after a listed stem that still make one word ('sranj*' + 'ega')


def segments(body: str, vocabulary: Vocabulary, keys: Callable[[str], tuple[str, ...]]) -> list[tuple[int, int]]:
    """Word spans inside a hashtag body (the text after '#' or '@'), as offsets into `body`.
    `keys(word)` gives the listed keys a folded word spells. One span covering everything
    means no split was found."""
    spans: list[tuple[int, int]] = []
    for m in _CAMEL.finditer(body):
        pieces = _split_run(m.group(), vocabulary, keys) if _RUN.match(m.group()) else None
        if pieces:
            spans.extend((m.start() + s, m.start() + e) for s, e in pieces)
        else:
            spans.append(m.span())
    return spans


def _listed_rank(word: str, keys: Callable[[str], tuple[str, ...]]) -> int | None:
    """How common a word the list lacks counts as: a listed word fairly rare, a listed stem
    with a short ending rarer still (it may be the start of the next word: 'fuck*' in
    'fuckmondays'); None for a word that is not listed."""
    found = keys(word)
    if any(not key.endswith(STEM) for key in found):
        return _LISTED_RANK
    if any(len(word) - len(key) < _MAX_ENDING for key in found):
        return _STEM_RANK
    return None


def _cost(word: str, vocabulary: Vocabulary, keys: Callable[[str], tuple[str, ...]]) -> float | None:
    rank = vocabulary.rank(word)
    if rank is None:
        rank = _listed_rank(word, keys)
        if rank is None:
            return None
    return _PIECE + math.log10(rank + 1) + (_SINGLE_LETTER if len(word) == 1 else 0.0)


def _split_run(run: str, vocabulary: Vocabulary, keys: Callable[[str], tuple[str, ...]]) -> list[tuple[int, int]] | None:
    """The cheapest cut of `run` into known words (dynamic programming over cut points), or
    None when there is none or the run is one word."""
    n = len(run)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(math.inf, 0)] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - _MAX_WORD), end):
            if best[start][0] == math.inf:
                continue
            cost = _cost(fold_word(run[start:end]), vocabulary, keys)
            if cost is not None and best[start][0] + cost < best[end][0]:
                best[end] = (best[start][0] + cost, start)
    if best[n][0] == math.inf:
        return None
    cuts, end = [], n
    while end > 0:
        start = best[end][1]
        cuts.append((start, end))
        end = start
    return cuts[::-1] if len(cuts) > 1 else None
