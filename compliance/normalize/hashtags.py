"""Splitting hashtags and handles into words: CamelCase boundaries first, then an English
word segmenter (the `wordsegment` package) for all-lowercase Latin runs."""
from __future__ import annotations

import threading
from functools import lru_cache

import regex

_CAMEL = regex.compile(r"\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{Lo}+|\p{N}+")
_LOWER_LATIN = regex.compile(r"^[a-z]{6,}$")
_load_lock = threading.Lock()
_loaded = False


def _wordsegment():
    global _loaded
    import wordsegment

    if not _loaded:
        with _load_lock:
            if not _loaded:
                wordsegment.load()
                _loaded = True
    return wordsegment


@lru_cache(maxsize=65536)
def _split_lower(chunk: str) -> tuple[str, ...]:
    return tuple(_wordsegment().segment(chunk))


def segments(body: str) -> list[tuple[int, int]]:
    """Word spans inside a hashtag body (the text after '#' or '@'), as offsets into `body`.
    One span covering everything means no split was found."""
    spans: list[tuple[int, int]] = []
    for m in _CAMEL.finditer(body):
        chunk = m.group()
        if _LOWER_LATIN.match(chunk):
            pos = m.start()
            for word in _split_lower(chunk):
                spans.append((pos, pos + len(word)))
                pos += len(word)
        else:
            spans.append(m.span())
    return spans
